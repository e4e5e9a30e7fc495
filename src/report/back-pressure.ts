// Waiting for a workbook's zip to catch up: exceljs's sheet stream (utils/stream-buf.js) writes each 64 KB of rows into
// its zip entry without heeding the entry's back-pressure, so rows made faster than they are compressed and written
// would pile up in memory (measured: 300 MB for the province county workbook). Writers call this every few rows.
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Pending bytes in the zip entry above which the writer waits for it to drain. */
const MAX_PENDING = 1 << 20;

interface EntryState {
  _writableState?: { length?: number };
}

/** Resolves when the zip entry `ws` writes into has taken what was written (at once when it has, or is not open yet). */
export async function drained(ws: object): Promise<void> {
  const entry = (ws as { stream?: { pipes?: (Writable & EntryState)[] } }).stream?.pipes?.[0];
  const pending = entry?._writableState?.length ?? entry?.writableLength ?? 0;
  if (entry && pending > MAX_PENDING) await once(entry, 'drain');
  else await new Promise<void>((resolve) => setImmediate(resolve));
}
