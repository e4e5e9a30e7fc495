// The program's connection to the outside: its two output streams, environment and working directory. The real
// process gives one (processIo); tests give their own and run the whole CLI in-process through main(argv, io).
import { processConsole, type ConsoleInfo } from './console.js';

export interface Io {
  /** Data (results, tables, JSON): stdout. */
  out(text: string): void;
  /** Progress, warnings and errors: stderr. */
  err(text: string): void;
  /** Whether stderr is an interactive terminal (spinners and colour only then). */
  errIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths in arguments and the default config file are taken from here. */
  cwd: string;
  /** Aborted on Ctrl-C: jobs stop at their next step (exit 130). */
  signal?: AbortSignal;
  /** The operating system's conventions (Windows: no wildcard expansion by the shell, console code pages); default: this one. */
  platform?: NodeJS.Platform;
  /** The console the streams belong to (Windows code pages); absent: nothing to say about it. */
  console?: ConsoleInfo;
}

export function processIo(): Io {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    errIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
    console: processConsole(),
  };
}
