// Per-command plumbing: global options, paths as the user meant them, the config file, the database (closed on every path).
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config/config.js';
import { argPath } from '../config/paths.js';
import { openDb, type Db } from '../store/db.js';
import type { Io } from './io.js';
import { Output, type GlobalOptions } from './output.js';

export class CommandContext {
  readonly g: GlobalOptions;
  readonly out: Output;

  constructor(
    readonly io: Io,
    cmd: Command,
  ) {
    this.g = cmd.optsWithGlobals() as GlobalOptions;
    this.out = new Output(io, this.g);
  }

  /** A path from the command line, relative to the directory the command was run in (Windows quoting slips caught). */
  path(p: string): string {
    return argPath(this.io.cwd, p);
  }

  config(): Config {
    return loadConfig(this.g.config === undefined ? undefined : this.path(this.g.config), this.io.cwd);
  }

  /** --db wins, then BIDUI_DB, then the config file's db, then ./bidui.db. */
  dbFile(cfg: Config): string {
    const given = this.g.db ?? this.io.env.BIDUI_DB;
    return given !== undefined ? this.path(given) : cfg.db;
  }

  async withDb<T>(fn: (db: Db, cfg: Config) => Promise<T> | T): Promise<T> {
    const cfg = this.config();
    const db = openDb(this.dbFile(cfg));
    try {
      return await fn(db, cfg);
    } finally {
      db.close();
    }
  }
}
