// Runs bidui as a clerk would: in-process through main(argv, io) with captured streams (most tests), or the real
// bin in a child process (signals, pipes, locks and exit codes of a real process).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { main } from '../../src/cli/main.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/bidui.js');
export const FIXTURES = path.join(ROOT, 'fixtures');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
}

/** The CLI in this process: the current source, same parsing, messages and exit codes as the installed command. */
export async function cli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'bidui', ...args], {
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
    errIsTTY: false,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    cwd: opts.cwd ?? ROOT,
  });
  return { code, stdout, stderr };
}

/** The real bin (compiled CLI) in a child process, as cron would run it. */
export function runCli(args: string[], opts: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'bidui-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

/**
 * Loads `file` as `kind` through the CLI into a database of its own beside it (`<file>.db`) and reads `select` from that
 * database: the CLI's result and the rows stored (none when the load wrote no database).
 */
export async function loadAndRead<T>(file: string, kind: string, args: readonly string[], select: string): Promise<CliResult & { rows: T[]; db: string }> {
  const db = `${file}.db`;
  const r = await cli(['--db', db, 'load', kind, file, ...args]);
  let rows: T[] = [];
  if (fs.existsSync(db)) {
    const sql = new Database(db, { readonly: true });
    try {
      rows = sql.prepare(select).all() as T[];
    } finally {
      sql.close();
    }
  }
  return { ...r, rows, db };
}
