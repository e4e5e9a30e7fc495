// Entry point of the installed command (bin/bidui.js): the real process's streams, signals and exit code.
import { EXIT } from '../errors.js';
import { main } from './main.js';

// `bidui … | head` closes stdout early: the rest of the output is not wanted, but the work still finishes.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
});
process.on('SIGINT', () => {
  process.stderr.write('\n已中断。\n');
  process.exit(EXIT.interrupted);
});
process.exitCode = await main(process.argv);
