// Opens the SQLite database (created 0600, WAL, foreign keys) and brings its schema up to date.
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BiduiError, EXIT } from '../errors.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * How long a statement waits for another program's write lock before SQLITE_BUSY (exit 3). Other bidui commands never
 * get here (they wait for the writer lock first); BIDUI_BUSY_TIMEOUT_MS changes it.
 */
function busyTimeoutMs(): number {
  const v = Number(process.env.BIDUI_BUSY_TIMEOUT_MS);
  return Number.isInteger(v) && v >= 0 ? v : 10_000;
}

export function openDb(file: string): Db {
  const abs = path.resolve(file);
  if (!fs.existsSync(path.dirname(abs))) {
    throw new BiduiError(`数据库所在的目录不存在：${path.dirname(abs)}。请先创建该目录，或用 --db 指定别的位置`);
  }
  try {
    fs.closeSync(fs.openSync(abs, 'wx', 0o600));
  } catch (e) {
    // Already there (perhaps created a moment ago by another bidui): open it as it is.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  let db: Db;
  try {
    db = new Database(abs, { timeout: busyTimeoutMs() });
    db.pragma('journal_mode = WAL');
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') throw e;
    throw new BiduiError(`无法打开数据库 ${abs}：${(e as Error).message}。请确认它是 bidui 的数据库文件且未损坏`);
  }
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // Bulk loads update the (kind, period) index at random places: a larger page cache keeps it in memory.
  // Temporary tables (the check's snapshot) stay on disk, as at province scale they would not fit in memory, behind a
  // cache of their own of 64 MB (the default is 2 MB); the check raises it for a snapshot that fits (rules/workset.ts).
  // Their pages are 64 KB: the rules read the snapshot in order, and a province's snapshot (≈ 1.5 GB, far beyond the
  // cache) is then read in 16 times fewer system calls. Set before anything opens the temporary database.
  db.pragma('temp.page_size = 65536');
  db.pragma('temp.cache_size = -65536');
  db.pragma('cache_size = -131072');
  migrate(db, abs);
  return db;
}

/** Brings the schema up to date in one exclusive transaction: two commands opening a new database at once take turns. */
function migrate(db: Db, file: string): void {
  const current = () => db.pragma('user_version', { simple: true }) as number;
  const version = current();
  if (version > MIGRATIONS.length) {
    throw new BiduiError(`数据库 ${file} 由更新版本的 bidui 创建（结构版本 ${version}），请升级 bidui`, EXIT.user);
  }
  const hasKey = () => version > 0 && db.prepare(`SELECT 1 FROM meta WHERE key = 'finding_key'`).get() !== undefined;
  if (version === MIGRATIONS.length && hasKey()) return;
  db.exec('BEGIN EXCLUSIVE');
  try {
    // Read again under the lock: another process may have migrated meanwhile.
    for (let v = current(); v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
    db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('finding_key', ?)`).run(crypto.randomBytes(32).toString('hex'));
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

export function metaValue(db: Db, key: string): string | null {
  const r = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined;
  return r?.value ?? null;
}

/** Runs fn inside one write transaction (BEGIN IMMEDIATE … COMMIT); any error rolls everything back. */
export async function inWriteTransaction<T>(db: Db, fn: () => Promise<T> | T): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = await fn();
    db.exec('COMMIT');
    return out;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

/**
 * Runs a load (its own write transaction) without the connection's foreign-key checks, which are back as they were
 * when fn settles. With them on, every multi-row INSERT may abort half-way and so keeps a statement journal: each
 * statement copied the pages it was about to change (the table's and the indexes' last leaves) to a temporary file
 * first, three writes a page: ≈ 225,000 page copies, 900 MB, in a load of 1M rows. A load's rows reference the imports
 * row its own transaction created, and deleting a load deletes its rows table by table (store/loads.ts deleteImport),
 * so the checks have nothing to catch there. Inside an open transaction the setting cannot change: fn runs as it is.
 */
export async function withoutForeignKeyChecks<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const before = db.pragma('foreign_keys', { simple: true }) as number;
  if (db.inTransaction || before === 0) return fn();
  db.pragma('foreign_keys = OFF');
  try {
    return await fn();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/**
 * Runs fn over one consistent snapshot of the database (a read transaction), whatever others commit meanwhile, also
 * when fn awaits between its reads (a report across counties reads one county's findings at a time while it writes
 * files): the snapshot is held until fn settles. It is taken by fn's first read (WAL: writers go on meanwhile).
 */
export async function inReadTransaction<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (db.inTransaction) return fn();
  db.exec('BEGIN');
  try {
    return await fn();
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }
}

/**
 * Runs a job that may resize the page caches for its own work (a load appends and needs less; a large check's snapshot
 * lowers them, a small one maps the file, rules/workset.ts), then puts the connection's caches and memory map back as
 * they were, for whatever runs next on it.
 * cacheKib: the database cache for the job (KiB), else left to the job.
 */
export async function withOwnCaches<T>(db: Db, fn: () => Promise<T>, cacheKib?: number): Promise<T> {
  const main = db.pragma('cache_size', { simple: true }) as number;
  const temp = db.pragma('temp.cache_size', { simple: true }) as number;
  const mmap = db.pragma('mmap_size', { simple: true }) as number;
  if (cacheKib !== undefined) db.pragma(`cache_size = ${-cacheKib}`);
  try {
    return await fn();
  } finally {
    db.pragma(`cache_size = ${main}`);
    db.pragma(`temp.cache_size = ${temp}`);
    db.pragma(`mmap_size = ${mmap}`);
  }
}
