// The load job: reads files of one kind and stores their rows, all files in one transaction (shared by load and run).
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BiduiError, deserializeError } from '../errors.js';
import { checkpoint } from '../interrupt.js';
import { openFile } from '../ingest/formats/open.js';
import { readRoster, skippedTotal, type ReadOptions, type ReadReport } from '../ingest/roster/read.js';
import { idProblemCount, isReferenceKind, KIND_NAMES, type Kind } from '../model/index.js';
import { periodEnd } from '../normalize/month.js';
import { inWriteTransaction, withOwnCaches, withoutForeignKeyChecks, type Db } from '../store/db.js';
import { deleteImport, findImportByContent, findImportsByName, ImportWriter, loadsShareCounty } from '../store/loads.js';
import { packRows, type PackedGroup } from '../store/row-pack.js';
import type { WorkerInput, WorkerMessage } from './load-worker.js';

export interface LoadRequest {
  kind: Kind;
  period: string | null;
  /** Absolute (or process-relative) paths. */
  files: string[];
  encoding?: string;
  read: Omit<ReadOptions, 'kind' | 'refDate'>;
  /** Files at least this big are read in a worker thread (default 4 MB; tests lower it). */
  workerMinBytes?: number;
  /** Ctrl-C: the load stops at the next batch and nothing of it is stored. */
  signal?: AbortSignal;
}

/**
 * Below this size starting a worker costs more than it saves. Above it, reading and normalising (about half of a
 * load) runs on the second core while this thread inserts.
 */
const WORKER_MIN_BYTES = 4 * 1024 * 1024;

export type FileOutcome =
  | { file: string; outcome: 'loaded'; replaced: boolean; report: ReadReport }
  | { file: string; outcome: 'unchanged'; loadedAt: string };

/** The 基准日 a load validates birth dates against: the period's last day, or today for a reference roster. */
export function refDateFor(kind: Kind, period: string | null): string {
  if (period) return periodEnd(period);
  if (!isReferenceKind(kind)) throw new BiduiError(`导入${KIND_NAMES[kind]}名单必须用 --period YYYY-MM 指明比对月份`);
  return new Date().toISOString().slice(0, 10);
}

/** Loads every file in one transaction: all files land, or (on any error) none does. */
export async function loadFiles(db: Db, req: LoadRequest, onProgress?: (file: string, persons: number) => void): Promise<FileOutcome[]> {
  const refDate = refDateFor(req.kind, req.period);
  // A load appends (rows and the (kind, period) index alike), so it gains nothing from the 128 MB page cache that
  // reading needs: 64 MB while loading keeps a million-row load under 400 MB (the cache filled to 128 MB was a third of
  // its peak RSS), and was no slower in A/B runs. The connection's own size is back for what follows (run: the check).
  return withOwnCaches(db, () => withoutForeignKeyChecks(db, () => loadInTransaction(db, req, refDate, onProgress)), LOAD_CACHE_KB);
}

/** Page cache of a load, in KiB (SQLite's negative cache_size). */
const LOAD_CACHE_KB = 65536;

function loadInTransaction(db: Db, req: LoadRequest, refDate: string, onProgress?: (file: string, persons: number) => void): Promise<FileOutcome[]> {
  return inWriteTransaction(db, async () => {
    const outcomes: FileOutcome[] = [];
    for (const file of req.files) {
      await checkpoint(req.signal);
      const opened = await openFile(file, { encoding: req.encoding, limits: req.read.limits });
      const options = { ...req.read, encoding: req.encoding, period: req.period };
      const same = findImportByContent(db, req.kind, req.period, opened.sha256);
      if (same && sameReading(same.options, options)) {
        outcomes.push({ file, outcome: 'unchanged', loadedAt: same.loaded_at });
        continue;
      }
      const fileName = path.basename(file);
      // A file of the same name replaces its earlier load of the same county; counties pooled in one database often
      // send the same name (低保花名册.xlsx), and one county's file must not wipe out another's (domain.md §10).
      const earlier = findImportsByName(db, req.kind, req.period, fileName);
      const writer = new ImportWriter(db, req.kind, req.period, fileName, path.resolve(file), opened.sha256, opened.format);
      let persons = 0;
      const insert = (groups: PackedGroup[], n: number) => {
        req.signal?.throwIfAborted();
        writer.insert(groups);
        persons += n;
        onProgress?.(file, persons);
      };
      const read = { ...req.read, kind: req.kind, refDate };
      const report =
        opened.size >= (req.workerMinBytes ?? WORKER_MIN_BYTES)
          ? await readInWorker({ file, sha256: opened.sha256, encoding: req.encoding, read }, insert)
          : await readRoster(opened, read, (rows) => insert(packRows(rows), rows.length));
      writer.finish({
        encoding: report.file.encoding ?? null,
        rowsRead: report.rowsRead,
        rowsLoaded: report.persons,
        rowsSkipped: skippedTotal(report.skipped),
        rowsRejected: report.rejected,
        idProblems: idProblemCount(report.idStatus),
        sheets: report.sheets,
        report,
        options,
        mappedFields: [...new Set(report.sheets.flatMap((s) => s.mapped?.map((m) => m.field) ?? []))],
      });
      const replaced = earlier.filter((e) => loadsShareCounty(db, e.id, writer.importId));
      // The same bytes read before with other choices (a wrong --county, --sheet or --map put right): that load goes.
      if (same && !replaced.some((e) => e.id === same.id)) replaced.push(same);
      for (const e of replaced) deleteImport(db, e.id);
      outcomes.push({ file, outcome: 'loaded', replaced: replaced.length > 0, report });
    }
    return outcomes;
  });
}

/** The choices besides a file's bytes that decide its rows; null and absent alike. */
function readingOf(o: Partial<Omit<ReadOptions, 'kind' | 'refDate'>> & { encoding?: string | null }): string {
  const v = (x: unknown) => (x === undefined || x === null || x === '' ? null : String(x));
  return JSON.stringify([v(o.sheet), v(o.headerRow), v(o.area), v(o.label), o.map ?? [], v(o.county), v(o.encoding)]);
}

/**
 * Whether a file loaded before with `stored` options (imports.options) is read the same way now: only then is loading
 * the same bytes again a no-op. A clerk who gave the wrong --county, --sheet or --map corrects it by loading again.
 */
function sameReading(stored: string | null, now: Parameters<typeof readingOf>[0]): boolean {
  let before: Parameters<typeof readingOf>[0] = {};
  try {
    before = stored ? (JSON.parse(stored) as typeof before) : {};
  } catch {
    return false;
  }
  return readingOf(before) === readingOf(now);
}

function workerUrl(): URL {
  const url = new URL('./load-worker.js', import.meta.url);
  // Under the test runner this module is the TypeScript source; the worker runs the built copy (the test setup builds).
  return import.meta.url.endsWith('.ts') ? new URL(url.href.replace('/src/jobs/', '/dist/jobs/')) : url;
}

/** readRoster in a worker thread; batches arrive packed, in order, and are handed to onGroups on this thread. */
function readInWorker(
  input: Omit<WorkerInput, 'pending'>,
  onGroups: (groups: PackedGroup[], persons: number) => void,
): Promise<ReadReport> {
  return new Promise((resolve, reject) => {
    const pending = new SharedArrayBuffer(4);
    const counter = new Int32Array(pending);
    const worker = new Worker(workerUrl(), { workerData: { ...input, pending } satisfies WorkerInput });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (settled) return;
      if (m.type === 'rows') {
        try {
          onGroups(m.groups, m.persons);
        } catch (e) {
          settle(() => reject(e));
          return;
        }
        Atomics.sub(counter, 0, 1);
        Atomics.notify(counter, 0);
      } else if (m.type === 'done') settle(() => resolve(m.report));
      else settle(() => reject(deserializeError(m.error)));
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`读取线程意外退出（退出码 ${code}）`))));
  });
}
