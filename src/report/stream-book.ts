// A workbook written sheet by sheet and row by row to a stream (exceljs's WorkbookWriter), with what that writer
// lacks or gets wrong handled here (table rows themselves: row-xml.ts). Measured at province scale (232,480 findings): report 122 s / 4.9 GB with in-memory
// workbooks (writeBuffer), see docs/performance.md §5 I for the figures after.
//
// What exceljs 4.4's streaming writer does differently from its in-memory Workbook, read in
// node_modules/exceljs/lib/stream/xlsx/*.js:
// - Sheet views and the sheetPr fitToPage flag are written when the sheet is created, so they are sheet options here;
//   widths (<cols>) when its first row is committed, so they are set before any row.
// - <sheetProtection> comes after <autoFilter>, <mergeCells> and <dataValidations>; the schema (ECMA-376 CT_Worksheet)
//   wants it right after <sheetData>, and Excel will not open such a file (exceljs PR #2685, never merged). The
//   writer's own two steps are put in schema order below: the one private hook used, checked when a sheet is added,
//   and the order is asserted on written files by test/report/stream.test.ts.
// - `_xlnm._FilterDatabase` (the name LibreOffice needs to show filter buttons) is not written by either writer; it is
//   added through the defined names' model, as before (sheet order = localSheetId).
// - A sheet's part is queued in the zip when the sheet is created and the zip takes parts in order, so each sheet is
//   committed before the next is added; otherwise a later sheet's rows would wait in memory.
// Protection, data validations, merges, styles (useStyles) and very hidden sheets work as in memory.
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { colLetter, protectReadOnly } from './sheet-kit.js';

export type Book = ExcelJS.stream.xlsx.WorkbookWriter;

export interface SheetOptions {
  /** Frozen panes and the like: written when the sheet is created. */
  views?: Partial<ExcelJS.WorksheetView>[];
  /** Landscape A4, one page wide (all visible sheets); print titles may be set later on `ws.pageSetup`. */
  landscape?: boolean;
  state?: 'veryHidden';
  /** Locked for reading (protectReadOnly) before it is committed. */
  readOnly?: boolean;
}

const LANDSCAPE = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } as const;

/** Sheets of each open book, in order (the writer keeps them in a private sparse array). */
const sheetsOf = new WeakMap<Book, ExcelJS.Worksheet[]>();

/**
 * Starts a workbook written to `out`; zip level 1 (native zlib; the in-memory writer used level 1 too). No table of
 * shared strings: each cell carries its text (t="str", as exceljs's streaming writer writes it; Excel, WPS and
 * LibreOffice read it, and the golden files read the same). A table would hold every distinct text of the workbook
 * until its end, and at province scale its garbage kept the township workbooks 30% slower and 300 MB bigger.
 */
export function openBook(out: Writable, now: Date): Book {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>) as Book;
  wb.creator = 'bidui';
  wb.lastModifiedBy = 'bidui';
  wb.created = now;
  wb.modified = now;
  sheetsOf.set(wb, []);
  declareFilterRanges(wb);
  return wb;
}

/** Adds a sheet; the previous one must have been committed (`finishSheet`). */
function addSheet(wb: Book, name: string, opts: SheetOptions = {}): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: opts.views,
    state: opts.state,
    pageSetup: opts.landscape ? { ...LANDSCAPE } : undefined,
  } as Partial<ExcelJS.AddWorksheetOptions>);
  // Only the keys set, as the in-memory sheets had them (the writer's defaults would add margins and DPI).
  if (opts.landscape) ws.pageSetup = { ...LANDSCAPE };
  protectionAfterSheetData(ws);
  sheetsOf.get(wb)!.push(ws);
  return ws;
}

/** The frozen header of a table: rows down to `headerRow` and `xSplit` columns stay in view. */
export function frozenAt(headerRow: number, xSplit = 0): Partial<ExcelJS.WorksheetView>[] {
  return [{ state: 'frozen', xSplit, ySplit: headerRow, topLeftCell: `${colLetter(xSplit + 1)}${headerRow + 1}`, activeCell: `A${headerRow + 1}` }];
}

/** Writes out the sheet's remaining rows and its closing parts (filter, merges, validations, protection, page). */
function finishSheet(ws: ExcelJS.Worksheet): void {
  (ws as unknown as { commit(): void }).commit();
}

/** Adds a sheet, fills it, protects it if `readOnly` and commits it. */
export async function writeSheet(wb: Book, name: string, opts: SheetOptions, fill: (ws: ExcelJS.Worksheet) => void | Promise<void>): Promise<void> {
  const ws = addSheet(wb, name, opts);
  await fill(ws);
  if (opts.readOnly) await protectReadOnly(ws);
  finishSheet(ws);
}

/** Commits the last sheet and the workbook parts; resolves when `out` has everything. */
export async function closeBook(wb: Book): Promise<void> {
  await wb.commit();
}

interface WriterHooks {
  _writeSheetProtection(): void;
  _writeAutoFilter(): void;
}

function protectionAfterSheetData(ws: ExcelJS.Worksheet): void {
  const w = ws as unknown as WriterHooks;
  if (typeof w._writeSheetProtection !== 'function' || typeof w._writeAutoFilter !== 'function') {
    throw new Error('exceljs WorksheetWriter changed: review src/report/stream-book.ts (sheet protection order)');
  }
  const protection = w._writeSheetProtection.bind(w);
  const filter = w._writeAutoFilter.bind(w);
  w._writeSheetProtection = () => {};
  w._writeAutoFilter = () => {
    protection();
    filter();
  };
}

interface DefinedNameModel {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

/**
 * Declares each sheet's filter range as the built-in name `_xlnm._FilterDatabase`, as Excel itself does. LibreOffice
 * only turns an `<autoFilter>` into filter buttons when that name exists, and exceljs does not write it; its public
 * API cannot give a name a sheet scope, so its model getter is extended (sheet order = localSheetId).
 */
function declareFilterRanges(wb: Book): void {
  const names = (wb as unknown as { _definedNames: object })._definedNames;
  const proto = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(names), 'model');
  if (!proto?.get || !proto.set) return; // exceljs changed: filters still work in Excel and WPS
  const get = proto.get;
  const set = proto.set;
  Object.defineProperty(names, 'model', {
    configurable: true,
    get(): DefinedNameModel[] {
      const extra: DefinedNameModel[] = [];
      sheetsOf.get(wb)!.forEach((ws, i) => {
        const f = ws.autoFilter as { from: { row: number; column: number }; to: { row: number; column: number } } | undefined;
        if (!f || typeof f !== 'object' || !('from' in f)) return;
        const sheet = `'${ws.name.replace(/'/g, "''")}'`;
        extra.push({
          name: '_xlnm._FilterDatabase',
          ranges: [`${sheet}!$${colLetter(f.from.column)}$${f.from.row}:$${colLetter(f.to.column)}$${f.to.row}`],
          localSheetId: i,
        });
      });
      return [...(get.call(names) as DefinedNameModel[]), ...extra];
    },
    set(v: unknown) {
      set.call(names, v);
    },
  });
}
