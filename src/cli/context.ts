// Per-command plumbing: global options, the config file, the database handle (closed on every path).
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config/config.js';
import { openDb, type Db } from '../store/db.js';
import { Output, type GlobalOptions } from './output.js';

export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

/** --db wins, then BIDUI_DB, then the config file's db, then ./bidui.db. */
export function dbPath(g: GlobalOptions, cfg: Config): string {
  return g.db ?? process.env.BIDUI_DB ?? cfg.db;
}

export async function withDb<T>(g: GlobalOptions, fn: (db: Db, out: Output, cfg: Config) => Promise<T> | T): Promise<T> {
  const out = new Output(g);
  const cfg = loadConfig(g.config);
  const db = openDb(dbPath(g, cfg));
  try {
    return await fn(db, out, cfg);
  } finally {
    db.close();
  }
}
