// Entry point of the installed command (bin/bidui.js): the real process's streams, signals and exit code.
import { EXIT } from '../errors.js';
import { interrupted } from '../interrupt.js';
import { processIo } from './io.js';
import { main } from './main.js';

// `bidui … | head` closes stdout early: the rest of the output is not wanted, but the work still finishes.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
});
// Ctrl-C: the command stops at its next step, its unsaved step rolled back (exit 130); a second Ctrl-C stops at once.
const ctrlC = new AbortController();
process.on('SIGINT', () => {
  if (ctrlC.signal.aborted) {
    process.stderr.write('\n已中断。\n');
    process.exit(EXIT.interrupted);
  }
  ctrlC.abort(interrupted());
});
process.exitCode = await main(process.argv, { ...processIo(), signal: ctrlC.signal });
