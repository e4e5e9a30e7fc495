// Worker thread of a large load: reads, normalises and packs rows while the main thread inserts them (load.ts).
// Rows travel packed (row-pack.ts); when more than a few batches wait to be inserted, the worker blocks, so memory
// stays flat however fast it reads.
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '../errors.js';
import { openFile } from '../ingest/formats/open.js';
import { readRoster, type ReadOptions } from '../ingest/roster/read.js';
import { packRows } from '../store/row-pack.js';

export interface WorkerInput {
  file: string;
  sha256: string;
  encoding?: string;
  read: ReadOptions;
  /** Int32Array over a SharedArrayBuffer: [0] = batches posted and not yet inserted. */
  pending: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'rows'; groups: ReturnType<typeof packRows>; persons: number }
  | { type: 'done'; report: Awaited<ReturnType<typeof readRoster>> }
  | { type: 'error'; error: ReturnType<typeof serializeError> };

/** Batches read ahead of the inserts before the worker waits. */
const MAX_PENDING = 2;

const input = workerData as WorkerInput;
const pending = new Int32Array(input.pending);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

try {
  const opened = await openFile(input.file, { encoding: input.encoding, sha256: input.sha256, limits: input.read.limits });
  const report = await readRoster(opened, input.read, (rows) => {
    post({ type: 'rows', groups: packRows(rows), persons: rows.length });
    for (let n = Atomics.add(pending, 0, 1) + 1; n > MAX_PENDING; n = Atomics.load(pending, 0)) Atomics.wait(pending, 0, n, 1000);
  });
  post({ type: 'done', report });
} catch (e) {
  post({ type: 'error', error: serializeError(e) });
}
