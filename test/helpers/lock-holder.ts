// Another process that holds a database's writer lock, as a long bidui command would: started, and awaited until
// it says it holds the lock (an event, not a delay); killed at the end or when a test wants a holder that died.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './cli.js';

export interface Holder {
  pid: number;
  child: ChildProcess;
  /** Kills the holder (SIGKILL: it cannot release anything) and waits for it to be gone. */
  kill(): Promise<void>;
}

export async function holdWriterLock(dbFile: string, command: string): Promise<Holder> {
  const lock = pathToFileURL(path.join(ROOT, 'dist/store/lock.js')).href;
  const child = spawn(
    process.execPath,
    ['-e', `import(${JSON.stringify(lock)}).then((m) => { m.acquireWriterLock(${JSON.stringify(dbFile)}, ${JSON.stringify(command)}); process.stdout.write('held\\n'); setInterval(() => {}, 1000); })`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  const gone = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    pid: child.pid!,
    child,
    kill: async () => {
      child.kill('SIGKILL');
      await gone;
    },
  };
}
