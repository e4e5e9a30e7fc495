// Per-command plumbing: global options, paths as the user meant them, the config file, the database (closed on every path).
import type { Command } from 'commander';
import path from 'node:path';
import { loadConfig, type Config } from '../config/config.js';
import { filesOf, hasWildcard, planPath } from '../config/inputs.js';
import { argPath } from '../config/paths.js';
import { openDb, type Db } from '../store/db.js';
import { acquireWriterLock, staleNote } from '../store/lock.js';
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

  /**
   * File arguments, absolute, each with the name to show. Neither cmd.exe nor PowerShell expands wildcards, so on
   * Windows `回收\*.xlsx` is expanded here (sorted; lock files skipped); one that matches nothing is kept as written,
   * for the command to report as missing. Elsewhere the shell has already done it.
   */
  files(args: readonly string[]): { shown: string; file: string }[] {
    const platform = this.io.platform ?? process.platform;
    return args.flatMap((a) => {
      if (platform !== 'win32' || !hasWildcard(a)) return [{ shown: a, file: this.path(a) }];
      const found = filesOf(planPath(a, this.io.cwd), platform);
      if (found.length === 0) return [{ shown: a, file: this.path(a) }];
      return found.map((f) => ({ shown: path.isAbsolute(a) ? f : path.relative(this.io.cwd, f), file: f }));
    });
  }

  config(): Config {
    return loadConfig(this.g.config === undefined ? undefined : this.path(this.g.config), this.io.cwd);
  }

  /** --db wins, then BIDUI_DB, then the config file's db, then ./bidui.db. */
  dbFile(cfg: Config): string {
    const given = this.g.db ?? this.io.env.BIDUI_DB;
    return given !== undefined ? this.path(given) : cfg.db;
  }

  /**
   * Opens the database for one command. A command that writes names itself in `writer`: it holds the database's
   * writer lock throughout (another writer exits 3 naming it); readers take no lock.
   */
  async withDb<T>(fn: (db: Db, cfg: Config) => Promise<T> | T, writer?: string): Promise<T> {
    const cfg = this.config();
    const file = this.dbFile(cfg);
    const lock = writer === undefined ? null : acquireWriterLock(file, writer);
    try {
      if (lock?.staleCleared) this.out.info(staleNote(lock.staleCleared));
      const db = openDb(file);
      try {
        return await fn(db, cfg);
      } finally {
        db.close();
      }
    } finally {
      lock?.release();
    }
  }
}
