// Streams .xlsx workbooks (exceljs WorkbookReader) into sheets of raw rows with real sheet names and row numbers.
//
// exceljs's streaming reader hands out worksheets in zip-entry order, may parse a sheet before workbook.xml and
// styles.xml have been read (names and date formats then go missing), and leaves Chinese built-in date formats
// (numFmtId 27-36, 50-58) unnamed. The code below works around each of these; the comments say where.

import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import type { CellValue, RawRow, RawSheet } from './types.js';

/** The parts of exceljs's streaming internals this reader relies on (not in its type declarations). */
interface ExcelCell {
  readonly value: unknown;
  readonly numFmt?: string;
}
interface ExcelRow {
  readonly number: number;
  eachCell(iteratee: (cell: ExcelCell, col: number) => void): void;
}
interface ExcelWorksheetReader {
  id: number | string;
  name?: string;
  state?: string;
  /** The sheet XML: a file stream (sheet parked in a temp file) or a generator over the zip entry. */
  iterator: AsyncIterator<unknown> & { destroy?: () => void };
  [Symbol.asyncIterator](): AsyncIterator<ExcelRow>;
}
interface StyleManagerLike {
  model?: { styles?: { numFmtId?: number }[] };
  getStyleModel(id: number): { numFmt?: string } | null | undefined;
}
interface ExcelWorkbookReader {
  model?: { sheets?: { name: string; id: number; state?: string; rId: string }[] };
  workbookRels?: { Id: string; Type?: string; Target: string }[];
  properties?: { model?: { date1904?: boolean } };
  styles?: StyleManagerLike;
  on(event: 'entry', listener: (e: { type: string; id?: string }) => void): unknown;
  [Symbol.asyncIterator](): AsyncIterator<ExcelWorksheetReader>;
}

/** zh-CN meanings of the locale-dependent built-in number formats exceljs leaves undefined. */
const CJK_BUILTIN_FORMATS: Record<number, string> = {
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** Same test as exceljs uses to turn numbers into dates (text in quotes and [..] ignored). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

/** Serial day number to a Date at UTC (midnight for whole days), as exceljs does. */
export function excelSerialToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

const formatCache = new Map<string, boolean>();

/**
 * The displayed text of a number under an explicit number format, or undefined when it shows as String(v)
 * ("General" and "@" render like String(v) at any useful column width, so they give no text).
 */
export function displayText(fmt: string | undefined, v: number): string | undefined {
  if (!fmt || fmt === 'General' || fmt === '@') return undefined;
  if (formatCache.get(fmt) === false) return undefined;
  let s: string;
  try {
    s = XLSX.SSF.format(fmt, v) as string;
    formatCache.set(fmt, true);
  } catch {
    formatCache.set(fmt, false);
    return undefined;
  }
  return s === String(v) ? undefined : s;
}

interface Converted {
  value: CellValue;
  text?: string;
}

function convert(v: unknown, fmt: string | undefined, date1904: boolean): Converted {
  if (v === null || v === undefined) return { value: null };
  switch (typeof v) {
    case 'string':
      return { value: v === '' ? null : v };
    case 'number':
      if (!Number.isFinite(v)) return { value: null };
      return { value: v, text: displayText(fmt, v) };
    case 'boolean':
      return { value: v };
    case 'object': {
      if (v instanceof Date) return { value: Number.isNaN(v.getTime()) ? null : v };
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.richText)) {
        const s = (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
        return { value: s === '' ? null : s };
      }
      if ('formula' in o || 'sharedFormula' in o) {
        const r = o.result;
        if (typeof r === 'number' && isDateFormat(fmt) && Number.isFinite(r)) {
          return { value: excelSerialToDate(r, date1904) };
        }
        return convert(r, fmt, date1904);
      }
      if ('error' in o) return { value: null };
      if ('text' in o) return convert(o.text, fmt, date1904);
      if ('sharedString' in o) {
        // The shared strings table never arrived: fail loudly rather than load every text cell as empty.
        throw new Error('shared string referenced but xl/sharedStrings.xml was not read');
      }
      return { value: null };
    }
    default:
      return { value: null };
  }
}

function convertRow(row: ExcelRow, date1904: boolean): RawRow | undefined {
  const cells: CellValue[] = [];
  let text: (string | undefined)[] | undefined;
  let last = -1;
  row.eachCell((cell, col) => {
    const c = convert(cell.value, cell.numFmt, date1904);
    if (c.value === null) return;
    const i = col - 1;
    while (cells.length < i) cells.push(null);
    cells[i] = c.value;
    if (i > last) last = i;
    if (c.text !== undefined) {
      text ??= [];
      text[i] = c.text;
    }
  });
  if (last < 0) return undefined;
  cells.length = last + 1;
  const out: RawRow = { rowNo: row.number, cells };
  if (text) {
    text.length = last + 1;
    out.text = Array.from(text);
  }
  return out;
}

/** "worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml". */
function partPath(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return `xl/${target.replace(/^\.\//, '')}`;
}

interface SheetInfo {
  name: string;
  state?: string;
}

interface OpenedReader {
  /** Worksheets as exceljs yields them, with the part they come from. */
  sheets: AsyncIterator<{ part: string; ws: ExcelWorksheetReader }>;
  close(): void;
  date1904(): boolean;
  /** Worksheet parts in workbook (tab) order with names; empty when workbook.xml was not found. */
  workbookOrder(): { part: string; info: SheetInfo }[];
  sawWorkbook(): boolean;
}

const READER_OPTIONS = {
  sharedStrings: 'cache',
  hyperlinks: 'ignore',
  styles: 'cache',
  worksheets: 'emit',
  entries: 'emit',
} as const;

function openReader(path: string): OpenedReader {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  // exceljs pipes the input into its unzipper without listening for read errors (the process would crash or
  // the read would hang): forward them to the unzipper, which exceljs does watch. And hold back the unzipper's
  // premature "end" (see holdEarlyEnd).
  const pipe = input.pipe.bind(input);
  input.pipe = <T extends NodeJS.WritableStream>(dest: T, opts?: { end?: boolean }): T => {
    holdEarlyEnd(dest as unknown as ZipParseStream);
    input.once('error', (e) => (dest as unknown as ZipParseStream).destroy(e));
    return pipe(dest, opts);
  };

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, READER_OPTIONS) as unknown as ExcelWorkbookReader;

  // exceljs streams a sheet straight from the zip only when shared strings and workbook rels are already known;
  // if workbook.xml or styles.xml come later in the zip (LibreOffice and others write them last) the sheet would
  // lose its name and date formats. Hiding the rels until both are read makes exceljs park such sheets in temp
  // files and parse them at the end instead. (A worksheet entry event means the rels are needed now.)
  let rels: ExcelWorkbookReader['workbookRels'];
  let seenWorkbook = false;
  let seenStyles = false;
  let sheetPhase = false;
  let currentPart = '';
  Object.defineProperty(reader, 'workbookRels', {
    configurable: true,
    get: () => (sheetPhase || (seenWorkbook && seenStyles) ? rels : undefined),
    set: (v: ExcelWorkbookReader['workbookRels']) => {
      rels = v;
    },
  });
  // Chinese built-in date formats (numFmtId 27-36, 50-58) have no code in exceljs's table: supply them so those
  // cells become dates like any other.
  let styles: StyleManagerLike | undefined = reader.styles;
  Object.defineProperty(reader, 'styles', {
    configurable: true,
    get: () => styles,
    set: (v: StyleManagerLike) => {
      const orig = v.getStyleModel.bind(v);
      v.getStyleModel = (id: number) => {
        const m = orig(id);
        if (m && !m.numFmt) {
          const fmtId = v.model?.styles?.[id]?.numFmtId;
          const code = fmtId !== undefined ? CJK_BUILTIN_FORMATS[fmtId] : undefined;
          if (code) m.numFmt = code;
        }
        return m;
      };
      styles = v;
    },
  });
  reader.on('entry', (e) => {
    if (e.type === 'workbook') seenWorkbook = true;
    else if (e.type === 'styles') seenStyles = true;
    else if (e.type === 'worksheet') {
      sheetPhase = true;
      currentPart = `xl/worksheets/sheet${e.id}.xml`;
    }
  });

  const it = reader[Symbol.asyncIterator]();
  const sheets: OpenedReader['sheets'] = {
    next: async () => {
      const r = await it.next();
      if (r.done) return { done: true, value: undefined };
      return { done: false, value: { part: currentPart, ws: r.value } };
    },
  };

  return {
    sheets,
    close: () => input.destroy(),
    date1904: () => Boolean(reader.properties?.model?.date1904),
    sawWorkbook: () => seenWorkbook && reader.model !== undefined,
    workbookOrder: () => {
      const out: { part: string; info: SheetInfo }[] = [];
      const byId = new Map((rels ?? []).map((r) => [r.Id, r.Target]));
      for (const s of reader.model?.sheets ?? []) {
        const target = byId.get(s.rId);
        if (!target) continue;
        const part = partPath(target);
        // exceljs only streams parts named worksheets/sheetN.xml; chart sheets and others are not worksheets.
        if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(part)) continue;
        out.push({ part, info: { name: s.name, state: s.state } });
      }
      return out;
    },
  };
}

interface ZipParseStream {
  emit(event: string | symbol, ...args: unknown[]): boolean;
  destroy(e?: Error): void;
  _readableState: { ended: boolean; endEmitted: boolean; length: number };
}

/**
 * unzipper's Parse stream emits "end" by hand as soon as its input is used up, even while parsed entries still
 * wait in its (paused) buffer; exceljs then stops iterating and silently loses those entries - often the small
 * ones at the end of the zip: workbook.xml, styles.xml, sharedStrings.xml, even whole sheets (exceljs issues
 * #2790, #3064). Hold such an early "end" until the buffer is drained; the stream's own end (after the zip's
 * central directory) comes through as usual.
 */
function holdEarlyEnd(zip: ZipParseStream): void {
  const state = zip._readableState;
  const emit = zip.emit.bind(zip);
  let sent = false;
  let held = false;
  zip.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event === 'end') {
      if (sent) return false;
      if (state.endEmitted) {
        // The stream's own end: everything has been delivered.
        sent = true;
        return emit(event, ...args);
      }
      if (state.ended) return false; // its own end will follow once the buffer drains
      if (state.length > 0) {
        held = true;
        return false;
      }
      sent = true;
      return emit(event, ...args);
    }
    const r = emit(event, ...args);
    if (held && event === 'data' && state.length === 0 && !sent) {
      held = false;
      sent = true;
      emit('end');
    }
    return r;
  };
}

/** Thrown when the zip holds no workbook at all; open-file turns it into a user message. */
export class NotAWorkbookError extends Error {
  constructor() {
    super('zip package has no xl/workbook.xml');
    this.name = 'NotAWorkbookError';
  }
}

export interface XlsxSheet extends RawSheet {
  /** "visible", "hidden" or "veryHidden" as the workbook says. */
  state?: string;
}

/**
 * Gives up on a worksheet whose rows were only partly read. A sheet parked in a temp file is a file stream:
 * destroy it. A sheet streamed straight from the zip must be drained here, because letting exceljs autodrain it
 * after its reader returned makes its buffer keep every remaining chunk of the sheet in memory.
 */
async function abandon(ws: ExcelWorksheetReader, rowIt: AsyncIterator<ExcelRow>): Promise<void> {
  if (typeof ws.iterator.destroy === 'function') {
    await rowIt.return?.();
    ws.iterator.destroy();
    return;
  }
  for (;;) {
    const r = await ws.iterator.next();
    if (r.done) break;
  }
}

/**
 * Sheets of an .xlsx in workbook (tab) order. When the zip stores sheets in another order (tabs moved after
 * creation), the file is streamed again for the sheets that were passed over, so nothing is buffered in memory.
 */
export function readXlsx(path: string): AsyncIterable<XlsxSheet> {
  return {
    async *[Symbol.asyncIterator]() {
      let remaining: string[] | null = null;
      const info = new Map<string, SheetInfo>();
      const delivered = new Set<string>();

      for (let pass = 0; ; pass++) {
        const opened = openReader(path);
        const seen = new Set<string>();
        let deliveredThisPass = 0;
        try {
          for (;;) {
            const r = await opened.sheets.next();
            if (r.done) break;
            const { part, ws } = r.value;
            seen.add(part);
            if (remaining === null) {
              const order = opened.workbookOrder();
              for (const o of order) info.set(o.part, o.info);
              remaining = order.map((o) => o.part);
            }
            if (!delivered.has(part) && !remaining.includes(part)) remaining.push(part);
            if (remaining[0] !== part) {
              // Not its turn: skip it (exceljs drains it; a parked temp file is just closed).
              ws.iterator.destroy?.();
              continue;
            }
            remaining.shift();
            delivered.add(part);
            deliveredThisPass++;
            const meta = info.get(part);
            const name = meta?.name ?? ws.name ?? `Sheet${ws.id}`;
            const date1904 = opened.date1904();

            const st: { status: 'new' | 'reading' | 'done' } = { status: 'new' };
            let rowIt: AsyncIterator<ExcelRow> | undefined;
            const sheet: XlsxSheet = {
              name,
              state: meta?.state ?? ws.state,
              rows: () => ({
                [Symbol.asyncIterator]: () => {
                  if (st.status !== 'new') throw new Error(`rows() of sheet ${name} asked for twice or too late`);
                  st.status = 'reading';
                  rowIt = ws[Symbol.asyncIterator]();
                  const it = rowIt;
                  return {
                    next: async (): Promise<IteratorResult<RawRow>> => {
                      for (;;) {
                        const n = await it.next();
                        if (n.done) {
                          st.status = 'done';
                          return { done: true, value: undefined };
                        }
                        const row = convertRow(n.value, date1904);
                        if (row) return { done: false, value: row };
                      }
                    },
                    return: async (): Promise<IteratorResult<RawRow>> => {
                      if (st.status === 'reading') {
                        st.status = 'done';
                        await abandon(ws, it);
                      }
                      return { done: true, value: undefined };
                    },
                  };
                },
              }),
            };
            yield sheet;
            if (st.status === 'reading' && rowIt) {
              st.status = 'done';
              await abandon(ws, rowIt);
            } else if (st.status === 'new') {
              st.status = 'done';
              ws.iterator.destroy?.();
            }
          }
        } finally {
          opened.close();
        }
        if (remaining === null) {
          if (!opened.sawWorkbook()) throw new NotAWorkbookError();
          return;
        }
        const before = remaining.length;
        remaining = remaining.filter((p) => seen.has(p));
        if (remaining.length === 0) return;
        if (deliveredThisPass === 0 && remaining.length === before) return;
      }
    },
  };
}
