// One run at a time per database: a lock file beside it holding the owner's pid; a dead owner's lock is stale and cleared.
import fs from 'node:fs';
import os from 'node:os';
import { BiduiError, EXIT } from '../errors.js';

export interface LockInfo {
  pid: number;
  host: string;
  command: string;
  started: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws (exit 3). Returns a release function; the lock is also released when the process exits. */
export function acquireLock(dbFile: string, command: string): { release: () => void; staleCleared: LockInfo | null } {
  const file = `${dbFile}.lock`;
  const me: LockInfo = { pid: process.pid, host: os.hostname(), command, started: new Date().toISOString() };
  let staleCleared: LockInfo | null = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      const release = () => {
        try {
          const cur = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
          if (cur.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { release, staleCleared };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner: LockInfo | null = null;
    try {
      owner = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    } catch {
      owner = null; // unreadable or half-written: treat as stale
    }
    if (owner && owner.host === os.hostname() && alive(owner.pid)) {
      throw new BiduiError(
        `另一个 bidui 任务正在使用数据库 ${dbFile}（进程 ${owner.pid}，${owner.command}，开始于 ${owner.started.slice(0, 19).replace('T', ' ')}）。请等它结束后再运行`,
        EXIT.locked,
      );
    }
    if (owner && owner.host !== os.hostname()) {
      throw new BiduiError(`数据库 ${dbFile} 被另一台机器（${owner.host}，进程 ${owner.pid}）锁定。如确认该任务已不在运行，请删除 ${file} 后重试`, EXIT.locked);
    }
    staleCleared = owner;
    fs.rmSync(file, { force: true });
  }
  throw new BiduiError(`无法取得数据库锁 ${file}，请稍后重试`, EXIT.locked);
}
