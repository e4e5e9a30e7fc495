// Where output goes: data to stdout, progress/warnings/errors to stderr; colour only on a TTY without --quiet/--no-color.
import { Chalk, type ChalkInstance } from 'chalk';

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

  constructor(readonly opts: GlobalOptions) {
    this.interactive = Boolean(process.stderr.isTTY) && !opts.quiet && !process.env.CI;
    const colour = this.interactive && opts.color !== false && !process.env.NO_COLOR;
    this.c = new Chalk({ level: colour ? 1 : 0 });
  }

  /** Command results (tables, reports): stdout. */
  data(text: string): void {
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }

  json(value: unknown): void {
    process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  }

  /** Progress and notes: stderr, silenced by --quiet. */
  info(text: string): void {
    if (!this.opts.quiet) process.stderr.write(text + '\n');
  }

  warn(text: string): void {
    process.stderr.write(this.c.yellow(text) + '\n');
  }

  error(text: string): void {
    process.stderr.write(this.c.red(text) + '\n');
  }

  verbose(text: string): void {
    if (this.opts.verbose) process.stderr.write(this.c.gray(text) + '\n');
  }
}
