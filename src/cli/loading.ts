// Loading files of one kind into the store: the shared core of `bidui load` and `bidui run`.
import path from 'node:path';
import { BiduiError } from '../errors.js';
import { readRoster, type ReadOptions, type ReadReport } from '../ingest/read-roster.js';
import { openFile } from '../ingest/open-file.js';
import { REFERENCE_KINDS, type Kind } from '../normalize/kinds.js';
import { periodEnd } from '../normalize/month.js';
import type { Db } from '../store/db.js';
import { deleteImport, findImportByContent, findImportByName, ImportWriter, inTransaction } from '../store/loads.js';

export interface LoadRequest {
  kind: Kind;
  period: string | null;
  files: string[];
  encoding?: string;
  read: Omit<ReadOptions, 'kind' | 'refDate'>;
}

export type FileOutcome =
  | { file: string; outcome: 'loaded'; replaced: boolean; report: ReadReport }
  | { file: string; outcome: 'unchanged'; loadedAt: string };

export function refDateFor(kind: Kind, period: string | null): string {
  if (period) return periodEnd(period);
  if (!REFERENCE_KINDS.includes(kind)) throw new BiduiError(`导入${kind}名单必须用 --period YYYY-MM 指明比对月份`);
  return new Date().toISOString().slice(0, 10);
}

/** Loads every file in one transaction: all files land, or (on any error) none does. */
export async function loadFiles(db: Db, req: LoadRequest, onProgress?: (file: string, persons: number) => void): Promise<FileOutcome[]> {
  const refDate = refDateFor(req.kind, req.period);
  return inTransaction(db, async () => {
    const outcomes: FileOutcome[] = [];
    for (const file of req.files) {
      const opened = await openFile(file, { encoding: req.encoding });
      const same = findImportByContent(db, req.kind, req.period, opened.sha256);
      if (same) {
        outcomes.push({ file, outcome: 'unchanged', loadedAt: same.loaded_at });
        continue;
      }
      const fileName = path.basename(file);
      const previous = findImportByName(db, req.kind, req.period, fileName);
      if (previous) deleteImport(db, previous.id);
      const writer = new ImportWriter(db, req.kind, req.period, fileName, path.resolve(file), opened.sha256, opened.format);
      let persons = 0;
      const report = await readRoster(opened, { ...req.read, kind: req.kind, refDate }, (rows) => {
        writer.add(rows);
        persons += rows.length;
        onProgress?.(file, persons);
      });
      const idProblems = report.persons - report.idStatus.valid - report.idStatus.upgraded;
      writer.finish({
        encoding: report.file.encoding ?? null,
        rowsRead: report.rowsRead,
        rowsLoaded: report.persons,
        rowsSkipped: report.skipped.blank + report.skipped.subtotal + report.skipped.footer,
        rowsRejected: report.rejected,
        idProblems,
        sheets: report.sheets,
        report,
        options: { ...req.read, encoding: req.encoding, period: req.period },
      });
      outcomes.push({ file, outcome: 'loaded', replaced: Boolean(previous), report });
    }
    return outcomes;
  });
}
