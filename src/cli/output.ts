// Where output goes: data to stdout, progress/warnings/errors to stderr; colour only on a TTY without --quiet/--no-color.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Io } from './io.js';

export interface GlobalOptions {
  db?: string;
  config?: string;
  json?: boolean;
  quiet?: boolean;
  color?: boolean; // commander's --no-color sets false
  verbose?: boolean;
}

export class Output {
  readonly c: ChalkInstance;
  readonly interactive: boolean;

  constructor(
    readonly io: Io,
    readonly opts: GlobalOptions,
  ) {
    this.interactive = io.errIsTTY && !opts.quiet && !io.env.CI;
    const colour = this.interactive && opts.color !== false && !io.env.NO_COLOR;
    this.c = new Chalk({ level: colour ? 1 : 0 });
  }

  /** Command results (tables, reports): stdout. */
  data(text: string): void {
    this.io.out(text.endsWith('\n') ? text : text + '\n');
  }

  json(value: unknown): void {
    this.io.out(JSON.stringify(value, null, 2) + '\n');
  }

  /** Progress and notes: stderr, silenced by --quiet. */
  info(text: string): void {
    if (!this.opts.quiet) this.io.err(text + '\n');
  }

  warn(text: string): void {
    this.io.err(this.c.yellow(text) + '\n');
  }
}
