// A month's output folder (<out>/<P>/) is replaced as a whole: the new files are written into a temporary folder
// beside it, which is then swapped in, so that a report killed half way leaves the previous complete set (or none),
// never a mix of new and old workbooks. Each complete set carries an index (INDEX_FILE) of the files bidui wrote.
// Files a clerk put in the folder (not in the index) move over to the new set.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BiduiError } from '../errors.js';
import { processAlive } from '../store/lock.js';
import type { Writable } from 'node:stream';
import { atomicWrite, atomicWriteStream } from './atomic-write.js';

/** Written last into the folder: the folder is a complete set when it is there. */
export const INDEX_FILE = 'bidui-report.json';

export interface IndexEntry {
  /** Relative to the month's folder, '/'-separated (a county's files are in its subfolder). */
  file: string;
  sha256: string;
}

export interface MonthIndex {
  period: string;
  generated_at: string;
  /** When the check the files were made from finished. */
  checked_at: string;
  files: IndexEntry[];
}

/** Names bidui gives its outputs: a folder without an index (made by an older bidui) is recognised by them. */
const OUR_NAMES = /(_疑点核查表\.xlsx|^县级汇总\.xlsx|^findings\.csv|^县级看板\.html)$/;

function readIndex(dir: string): MonthIndex | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, INDEX_FILE), 'utf8')) as MonthIndex;
  } catch {
    return null;
  }
}

/** Every file under dir, as '/'-separated paths relative to it. */
function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesUnder(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/** Leftovers of a report that was killed: its temporary folder, or the previous set moved aside but not yet removed. */
function recover(dir: string): void {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  for (const name of fs.readdirSync(parent)) {
    const m = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(tmp|old)-(\\d+)-[0-9a-f]+$`).exec(name);
    if (!m || processAlive(Number(m[2]))) continue;
    const p = path.join(parent, name);
    if (m[1] === 'old' && !fs.existsSync(dir)) fs.renameSync(p, dir); // the swap stopped half way: the old set comes back
    else fs.rmSync(p, { recursive: true, force: true });
  }
}

/**
 * mkdir -p one level at a time, saying what is wrong in Chinese: a file where a folder should be (the folder itself or
 * one above it), or a folder the system will not make — Node's recursive mkdir never returns where the system answers
 * ENOENT under an existing folder (it retries forever under /proc).
 */
function makeFolders(dir: string, mode?: number): void {
  const missing: string[] = [];
  for (let p = path.resolve(dir); ; p = path.dirname(p)) {
    if (fs.existsSync(p)) {
      if (!fs.statSync(p).isDirectory()) throw new BiduiError(`输出目录 ${dir} 无法使用：${p} 是一个文件，不是文件夹。请用 --out 指定一个文件夹`);
      break;
    }
    missing.unshift(p);
    if (path.dirname(p) === p) break;
  }
  for (const p of missing) {
    try {
      fs.mkdirSync(p, mode === undefined ? undefined : { mode });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new BiduiError(`无法创建输出目录 ${p}（${code ?? (e as Error).message}）。请用 --out 指定一个可以写入的文件夹`);
    }
  }
}

function renameOrExplain(from: string, to: string, dir: string): void {
  try {
    fs.renameSync(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES') {
      throw new BiduiError(`无法替换输出目录 ${dir}（${code}）：可能有核查表正在 Excel/WPS 中打开。请关闭这些文件后重新运行；原有文件没有改动`);
    }
    throw e;
  }
}

export class MonthFolder {
  /** Where the new files are written. */
  readonly tmp: string;
  private readonly written: IndexEntry[] = [];

  /**
   * Starts a new set for `dir`. With `keepExisting` (a report of one township) the current files are carried over and
   * only the ones written now change.
   */
  constructor(
    readonly dir: string,
    keepExisting: boolean,
  ) {
    makeFolders(path.dirname(dir));
    recover(dir);
    this.tmp = path.join(path.dirname(dir), `.${path.basename(dir)}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    makeFolders(this.tmp, 0o700);
    if (keepExisting && fs.existsSync(dir)) {
      const previous = readIndex(dir);
      for (const name of filesUnder(dir)) {
        if (name === INDEX_FILE) continue;
        fs.mkdirSync(path.dirname(path.join(this.tmp, name)), { recursive: true });
        fs.copyFileSync(path.join(dir, name), path.join(this.tmp, name));
        const known = previous?.files.find((f) => f.file === name);
        if (known) this.written.push(known);
      }
    }
  }

  /** Writes one output file of the set. */
  write(name: string, data: Buffer | string): string {
    const file = path.join(this.tmp, name);
    atomicWrite(file, data);
    return this.record(name, crypto.createHash('sha256').update(data).digest('hex'));
  }

  /** Writes one output file of the set as a stream (`produce` writes into it and ends it): a large workbook. */
  async writeStream<T>(name: string, produce: (out: Writable) => Promise<T>): Promise<{ file: string; result: T }> {
    const { sha256, result } = await atomicWriteStream(path.join(this.tmp, name), produce);
    return { file: this.record(name, sha256), result };
  }

  private record(name: string, sha256: string): string {
    const i = this.written.findIndex((f) => f.file === name);
    if (i >= 0) this.written.splice(i, 1);
    this.written.push({ file: name, sha256 });
    return path.join(this.dir, name);
  }

  /** Names of the files of the previous set that this set no longer has (a township without findings now). */
  dropped(): string[] {
    const previous = readIndex(this.dir);
    const mine = new Set(this.written.map((f) => f.file));
    const before = previous ? previous.files.map((f) => f.file) : fs.existsSync(this.dir) ? fs.readdirSync(this.dir).filter((n) => OUR_NAMES.test(n)) : [];
    return before.filter((n) => !mine.has(n)).sort();
  }

  /** Writes the index and swaps the new set in; a clerk's own files in the old folder move over. */
  commit(index: Omit<MonthIndex, 'files'>): void {
    const full: MonthIndex = { ...index, files: [...this.written].sort((a, b) => a.file.localeCompare(b.file)) };
    atomicWrite(path.join(this.tmp, INDEX_FILE), JSON.stringify(full, null, 2) + '\n');
    if (fs.existsSync(this.dir)) {
      const previous = readIndex(this.dir);
      const ours = (name: string) => name === INDEX_FILE || (previous ? previous.files.some((f) => f.file === name) : OUR_NAMES.test(name));
      const old = path.join(path.dirname(this.dir), `.${path.basename(this.dir)}.old-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
      renameOrExplain(this.dir, old, this.dir);
      try {
        renameOrExplain(this.tmp, this.dir, this.dir);
      } catch (e) {
        fs.renameSync(old, this.dir);
        throw e;
      }
      for (const name of filesUnder(old)) {
        if (ours(name) || fs.existsSync(path.join(this.dir, name))) continue;
        fs.mkdirSync(path.dirname(path.join(this.dir, name)), { recursive: true });
        fs.renameSync(path.join(old, name), path.join(this.dir, name));
      }
      fs.rmSync(old, { recursive: true, force: true });
    } else {
      renameOrExplain(this.tmp, this.dir, this.dir);
    }
  }

  /** Gives up the new set (an error while writing): the folder stays as it was. */
  abort(): void {
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}
