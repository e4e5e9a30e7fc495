// Opens the SQLite database (created 0600, WAL, foreign keys) and brings its schema up to date.
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BiduiError, EXIT } from '../errors.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export function openDb(file: string): Db {
  const abs = path.resolve(file);
  if (!fs.existsSync(path.dirname(abs))) {
    throw new BiduiError(`数据库所在的目录不存在：${path.dirname(abs)}。请先创建该目录，或用 --db 指定别的位置`);
  }
  if (!fs.existsSync(abs)) fs.closeSync(fs.openSync(abs, 'wx', 0o600));
  let db: Db;
  try {
    db = new Database(abs);
    db.pragma('journal_mode = WAL');
  } catch (e) {
    throw new BiduiError(`无法打开数据库 ${abs}：${(e as Error).message}。请确认它是 bidui 的数据库文件且未损坏`);
  }
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Bulk loads update the (kind, period, id_number) index at random places: a larger page cache keeps it in memory.
  // Temporary tables (the check's snapshot) stay on disk, as at province scale they would not fit in memory, behind a
  // 64 MB cache of their own (the default is 2 MB): a county's snapshot is read from memory all the same.
  db.pragma('temp.cache_size = -65536');
  db.pragma('cache_size = -131072');
  migrate(db, abs);
  return db;
}

function migrate(db: Db, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new BiduiError(`数据库 ${file} 由更新版本的 bidui 创建（结构版本 ${version}），请升级 bidui`, EXIT.user);
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  const hasKey = db.prepare(`SELECT 1 FROM meta WHERE key = 'finding_key'`).get();
  if (!hasKey) db.prepare(`INSERT INTO meta (key, value) VALUES ('finding_key', ?)`).run(crypto.randomBytes(32).toString('hex'));
}

export function metaValue(db: Db, key: string): string | null {
  const r = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined;
  return r?.value ?? null;
}
