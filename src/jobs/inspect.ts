// The inspect job: the loader's detection as a dry run (format, encoding, sheets, header, columns, ID quality); nothing is stored.
import { openFile } from '../ingest/formats/open.js';
import { guessKind } from '../ingest/roster/guess-kind.js';
import { readRoster, type ReadOptions, type ReadReport } from '../ingest/roster/read.js';
import type { Kind } from '../model/index.js';
import { refDateFor } from './load.js';

export interface InspectRequest {
  file: string;
  /** The roster kind; guessed from the headers when absent. */
  kind?: Kind;
  /** The period whose 基准日 bounds birth dates; today when absent. */
  period: string | null;
  encoding?: string;
  read: Omit<ReadOptions, 'kind' | 'refDate'>;
}

export interface InspectResult {
  fileName: string;
  kind: Kind;
  kindReason: string;
  report: ReadReport;
}

export async function inspectFile(req: InspectRequest): Promise<InspectResult> {
  let kind = req.kind;
  let kindReason = '由 --kind 指定';
  if (!kind) {
    const guessed = await guessKind(await openFile(req.file, { encoding: req.encoding, limits: req.read.limits }));
    kind = guessed.kind;
    kindReason = guessed.reason;
  }
  const opened = await openFile(req.file, { encoding: req.encoding, limits: req.read.limits });
  const refDate = req.period ? refDateFor(kind, req.period) : new Date().toISOString().slice(0, 10);
  // A dry run: rows are counted in the report, nothing is stored.
  const report = await readRoster(opened, { ...req.read, kind, refDate }, () => undefined);
  return { fileName: opened.fileName, kind, kindReason, report };
}
