// Streams .xlsx workbooks into sheets of raw rows with real sheet names and row numbers, reading the zip itself.
//
// The zip's central directory says where every part is, so the small parts are read first whatever their place in
// the zip (workbook.xml for the tab order, names and 1904 dates; its rels for the sheet parts; styles.xml for
// number formats; sharedStrings.xml, which is held in memory), then each worksheet is streamed straight from its
// entry and scanned incrementally: memory stays at the shared strings plus a chunk, whatever the sheet's size.

import type { RawRow, RawSheet } from '../types.js';
import { SheetHandler } from './cells.js';
import { readBook, type Book } from './package.js';
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
}

/** The rows of one worksheet, scanned chunk by chunk as they are asked for. */
class SheetRows implements AsyncIterator<RawRow> {
  private queue: RawRow[] = [];
  private at = 0;
  private readonly chunks: AsyncGenerator<Buffer, void, undefined>;
  private readonly decoder: PartDecoder;
  private readonly scanner: XmlScanner;
  private finished = false;

  constructor(zip: ZipArchive, entry: ZipEntry, book: Book, hwm: number) {
    this.chunks = zip.chunks(entry, hwm);
    this.decoder = new PartDecoder(entry.name);
    this.scanner = new XmlScanner(new SheetHandler(book, this.queue), entry.name);
  }

  next(): Promise<IteratorResult<RawRow>> {
    if (this.at < this.queue.length) return Promise.resolve({ done: false, value: this.queue[this.at++]! });
    return this.fill();
  }

  private async fill(): Promise<IteratorResult<RawRow>> {
    const q = this.queue;
    for (;;) {
      if (this.at < q.length) return { done: false, value: q[this.at++]! };
      q.length = 0;
      this.at = 0;
      if (this.finished) return { done: true, value: undefined };
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
  return {
    async *[Symbol.asyncIterator]() {
      const zip = await ZipArchive.open(path);
      let reading: SheetRows | undefined;
      try {
        const book = await readBook(zip, hwm);
        for (const ref of book.sheets) {
          const entry = zip.get(ref.part)!;
          let status: 'new' | 'reading' | 'done' = 'new';
          const sheet: XlsxSheet = {
            name: ref.name,
            ...(ref.state !== undefined ? { state: ref.state } : {}),
            rows: () => ({
              [Symbol.asyncIterator]: () => {
                if (status !== 'new') throw new Error(`rows() of sheet ${ref.name} asked for twice or too late`);
                status = 'reading';
                reading = new SheetRows(zip, entry, book, hwm);
                return reading;
              },
            }),
          };
          yield sheet;
          status = 'done';
          if (reading) {
            const r = reading;
            reading = undefined;
            await r.return();
          }
        }
      } finally {
        if (reading) await reading.return().catch(() => undefined);
        await zip.close();
      }
    },
  };
}

