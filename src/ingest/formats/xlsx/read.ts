// Streams .xlsx workbooks into sheets of raw rows with real sheet names and row numbers, reading the zip itself.
//
// The zip's central directory says where every part is, so the small parts are read first whatever their place in
// the zip (workbook.xml for the tab order, names and 1904 dates; its rels for the sheet parts; styles.xml for
// number formats; sharedStrings.xml, which is held in memory), then each worksheet is streamed straight from its
// entry and scanned incrementally: memory stays at the shared strings plus a chunk, whatever the sheet's size.
// Merged ranges are listed at the end of a worksheet part, so each part is also inflated once ahead to find them
// (merges.ts, started while the shared strings are parsed, running beside the row scan) and its rows are filled as they
// are handed out (merge-fill.ts).

import { DEFAULT_LIMITS, type Limits } from '../limits.js';
import { mergeBudget, MergeFiller, type MergeRange } from '../merge-fill.js';
import { sheetVisibility, type RawRow, type RawSheet } from '../types.js';
import { SheetHandler } from './cells.js';
import { scanMerges, type ScanSignal } from './merges.js';
import { readBook, type Book, type SheetRef } from './package.js';
import { PartDecoder, XmlScanner } from './xml.js';
import { ZipArchive, type ZipEntry } from './zip.js';

export { NotAWorkbookError } from './number-format.js';

export interface XlsxSheet extends RawSheet {
  /** "visible", "hidden" or "veryHidden" as the workbook says (absent when it says nothing). */
  state?: string;
}

export interface ReadXlsxOptions {
  /** Bytes read from the file at a time (default 1 MiB); tests make it tiny to cut the XML everywhere. */
  highWaterMark?: number;
  limits?: Limits;
}

/** Rows read ahead and held while the merge scan of their sheet finishes. */
const HOLD_ROWS = 20_000;

/** The merge scan of one worksheet part, started ahead of its rows. */
interface MergeScan {
  ranges: Promise<MergeRange[]>;
  signal: ScanSignal;
}

/** The rows of one worksheet, scanned chunk by chunk as they are asked for. */
class SheetRows implements AsyncIterator<RawRow> {
  private queue: RawRow[] = [];
  private at = 0;
  private readonly chunks: AsyncGenerator<Buffer, void, undefined>;
  private readonly decoder: PartDecoder;
  private readonly scanner: XmlScanner;
  private finished = false;
  /** The merge scan has ended (its ranges can be taken without waiting). */
  private scanDone = false;
  /** Known once the merge scan is done (before the first row is handed out); undefined when the sheet has none. */
  private filler: MergeFiller | undefined;
  private fillerReady = false;

  constructor(
    zip: ZipArchive,
    entry: ZipEntry,
    book: Book,
    ref: SheetRef,
    hwm: number,
    private readonly merges: MergeScan,
    private readonly limits: Limits,
  ) {
    this.chunks = zip.chunks(entry, hwm, { chunkSize: 1 << 20 });
    this.decoder = new PartDecoder(entry.name);
    const handler = new SheetHandler(book, this.queue, { cellChars: limits.cellChars, ...(ref.totalsRows ? { totalsRows: ref.totalsRows } : {}) });
    this.scanner = new XmlScanner(handler, entry.name);
    const done = (): void => void (this.scanDone = true);
    merges.ranges.then(done, done);
  }

  next(): Promise<IteratorResult<RawRow>> {
    if (this.fillerReady && this.at < this.queue.length) return Promise.resolve({ done: false, value: this.take() });
    return this.fill();
  }

  private take(): RawRow {
    const row = this.queue[this.at++]!;
    this.filler?.apply(row);
    return row;
  }

  /** Takes the merged ranges (waiting for the scan if it is still running). */
  private async settle(): Promise<void> {
    const ranges = await this.merges.ranges;
    if (ranges.length > 0) this.filler = new MergeFiller(ranges, mergeBudget(this.limits));
    this.fillerReady = true;
  }

  /**
   * Rows are scanned while the merge scan still runs (zlib works in its own threads), and held until it is done: the
   * scan ahead costs no waiting unless more than HOLD_ROWS rows are ready before it ends.
   */
  private async fill(): Promise<IteratorResult<RawRow>> {
    const q = this.queue;
    for (;;) {
      if (!this.fillerReady && (this.scanDone || this.finished || q.length - this.at >= HOLD_ROWS)) {
        try {
          await this.settle();
        } catch (e) {
          await this.return();
          throw e;
        }
      }
      if (this.fillerReady) {
        if (this.at < q.length) return { done: false, value: this.take() };
        q.length = 0;
        this.at = 0;
        if (this.finished) return { done: true, value: undefined };
      }
      try {
        const c = await this.chunks.next();
        if (c.done) {
          this.finished = true;
          this.scanner.feed(this.decoder.end());
          this.scanner.end();
        } else {
          this.scanner.feed(this.decoder.decode(c.value));
        }
      } catch (e) {
        await this.return();
        throw e;
      }
    }
  }

  async return(): Promise<IteratorResult<RawRow>> {
    this.finished = true;
    this.queue.length = 0;
    this.at = 0;
    await this.chunks.return(undefined);
    return { done: true, value: undefined };
  }
}

/**
 * Sheets of an .xlsx in workbook (tab) order, hidden ones included. Each sheet's rows are streamed from its zip
 * entry when asked for; they must be read (or left) before the next sheet is taken.
 */
export function readXlsx(path: string, options: ReadXlsxOptions = {}): AsyncIterable<XlsxSheet> {
  const hwm = Math.max(1, options.highWaterMark ?? 1 << 20);
  const limits = options.limits ?? DEFAULT_LIMITS;
  return {
    async *[Symbol.asyncIterator]() {
      const zip = await ZipArchive.open(path, limits);
      let reading: SheetRows | undefined;
      const scans = new Map<string, MergeScan>();
      let closed = false;
      // One merge scan at a time, each started when it is known to be wanted soon.
      const scanOf = (ref: SheetRef | undefined): MergeScan | undefined => {
        if (!ref || closed) return undefined;
        let scan = scans.get(ref.part);
        if (!scan) {
          const entry = zip.get(ref.part)!;
          const signal: ScanSignal = { aborted: false };
          scan = { signal, ranges: scanMerges(zip, entry, hwm, signal) };
          scan.ranges.catch(() => undefined); // reported when the sheet's rows are read
          scans.set(ref.part, scan);
        }
        return scan;
      };
      try {
        // The first sheet's scan runs while the shared strings are parsed.
        const book = await readBook(zip, hwm, { cellChars: limits.cellChars, onSheets: (sheets) => void scanOf(sheets[0]) });
        for (let i = 0; i < book.sheets.length; i++) {
          const ref = book.sheets[i]!;
          const entry = zip.get(ref.part)!;
          let status: 'new' | 'reading' | 'done' = 'new';
          const hidden = sheetVisibility(ref.state);
          const sheet: XlsxSheet = {
            name: ref.name,
            ...(ref.state !== undefined ? { state: ref.state } : {}),
            ...(hidden ? { hidden } : {}),
            rows: () => ({
              [Symbol.asyncIterator]: () => {
                if (status !== 'new') throw new Error(`rows() of sheet ${ref.name} asked for twice or too late`);
                status = 'reading';
                const scan = scanOf(ref)!;
                // The next sheet's scan follows this one's.
                const following = (): void => void scanOf(book.sheets[i + 1]);
                scan.ranges.then(following, following);
                reading = new SheetRows(zip, entry, book, ref, hwm, scan, limits);
                return reading;
              },
            }),
          };
          yield sheet;
          status = 'done';
          const scan = scans.get(ref.part);
          if (scan) scan.signal.aborted = true;
          if (reading) {
            const r = reading;
            reading = undefined;
            await r.return();
          }
        }
      } finally {
        closed = true;
        for (const scan of scans.values()) scan.signal.aborted = true;
        if (reading) await reading.return().catch(() => undefined);
        await Promise.all([...scans.values()].map((s) => s.ranges.catch(() => undefined)));
        await zip.close();
      }
    },
  };
}

