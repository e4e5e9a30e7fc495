// One writer at a time per database. Every command that writes (load, check, feedback, run) holds the writer lock
// for its whole duration; a second one exits 3 naming the holder.
//
// The exclusion itself is SQLite's own file lock on a small lock database beside the data (`<db>.lock`): an
// EXCLUSIVE transaction held open. The operating system releases it when the holder exits or is killed, so there is
// no stale lock to clear and no window between "create" and "fill". Who holds it (pid, host, command, start) is
// written next to it (`<db>.lock.json`, replaced atomically) only for the message the second command shows; a leftover
// of a killed holder is reported once and replaced.
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { BiduiError, EXIT } from '../errors.js';

export interface LockInfo {
  pid: number;
  host: string;
  command: string;
  started: string;
}

export interface WriterLock {
  /** A holder that ended without releasing (killed, crashed): said once, for the log. */
  staleCleared: LockInfo | null;
  release(): void;
}

/** Whether a process of this machine is still running (EPERM: running, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readInfo(file: string): LockInfo | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    return typeof v.pid === 'number' && typeof v.command === 'string' ? v : null;
  } catch {
    return null;
  }
}

function writeInfo(file: string, info: LockInfo): void {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(info), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * Opens the lock database and takes its EXCLUSIVE lock; null when another process holds it. A lock file left by an
 * older bidui (JSON, not SQLite) is replaced.
 */
function lockMutex(file: string): Database.Database | null {
  for (let attempt = 0; ; attempt++) {
    try {
      fs.closeSync(fs.openSync(file, 'wx', 0o600));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const db = new Database(file, { timeout: 0 });
    try {
      db.exec('BEGIN EXCLUSIVE');
      db.pragma('schema_version'); // reads the header: fails on a file that is not a database
      return db;
    } catch (e) {
      db.close();
      const code = (e as { code?: string }).code;
      if (code === 'SQLITE_BUSY') return null;
      if (code !== 'SQLITE_NOTADB' || attempt > 0) throw e;
      fs.rmSync(file, { force: true });
    }
  }
}

/** The holder's info when it names a live process (or one on another machine), else null. */
function liveHolder(infoFile: string): LockInfo | null {
  const info = readInfo(infoFile);
  return info && (info.host !== os.hostname() || processAlive(info.pid)) ? info : null;
}

function heldBy(dbFile: string, owner: LockInfo | null): BiduiError {
  if (owner && owner.host !== os.hostname()) {
    return new BiduiError(
      `数据库 ${dbFile} 正被另一台机器上的 bidui 任务使用（${owner.host}，进程 ${owner.pid}，${owner.command}，开始于 ${owner.started.slice(0, 19).replace('T', ' ')}）。请等它结束后再运行`,
      EXIT.locked,
    );
  }
  const who = owner ? `（进程 ${owner.pid}，${owner.command}，开始于 ${owner.started.slice(0, 19).replace('T', ' ')}）` : '';
  return new BiduiError(`另一个 bidui 任务正在使用数据库 ${dbFile}${who}。请等它结束后再运行`, EXIT.locked);
}

/** The note for a holder that ended without releasing the lock (its uncommitted work was rolled back by SQLite). */
export function staleNote(s: LockInfo): string {
  return `清除了已中断任务留下的锁（进程 ${s.pid}，${s.command}，开始于 ${s.started.slice(0, 19).replace('T', ' ')}；它未完成的改动已撤销）`;
}

/** Takes the writer lock of the database or throws (exit 3). Released by release() or when the process ends. */
export function acquireWriterLock(dbFile: string, command: string): WriterLock {
  const mutexFile = `${dbFile}.lock`;
  const infoFile = `${dbFile}.lock.json`;
  // The holder writes its info just after taking the lock and removes it just before releasing it: a lock found
  // taken with no live holder named is looked at again for a moment (it is being taken, or being released).
  const until = Date.now() + 2000;
  let mutex = lockMutex(mutexFile);
  while (!mutex) {
    const holder = liveHolder(infoFile);
    if (holder || Date.now() > until) throw heldBy(dbFile, holder ?? readInfo(infoFile));
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    mutex = lockMutex(mutexFile);
  }
  const previous = readInfo(infoFile);
  const staleCleared = previous && previous.pid !== process.pid && !(previous.host === os.hostname() && processAlive(previous.pid)) ? previous : null;
  const me: LockInfo = { pid: process.pid, host: os.hostname(), command, started: new Date().toISOString() };
  writeInfo(infoFile, me);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.removeListener('exit', release);
    if (readInfo(infoFile)?.pid === process.pid) fs.rmSync(infoFile, { force: true });
    try {
      mutex.exec('ROLLBACK');
    } finally {
      mutex.close();
    }
  };
  process.once('exit', release);
  return { staleCleared, release };
}
