// Small exceljs helpers shared by the workbooks: typed table columns written row by row, header styles, titles,
// key-value blocks, protection.
import ExcelJS from 'exceljs';
import { looksLikeFormula } from './cell-safety.js';
import { RowXml } from './row-xml.js';

export type Val = string | number | Date | null;

export interface Column<T> {
  header: string;
  /** Width in characters (a Chinese character counts about 2). */
  width: number;
  value: (r: T, i: number) => Val;
  /** Text number format "@" on every cell: IDs, finding ids, months (Excel must never turn them into numbers). */
  text?: boolean;
  wrap?: boolean;
  /** Unlocked and shaded: the clerk fills it in. */
  editable?: boolean;
  numFmt?: string;
  align?: 'left' | 'center' | 'right';
}

const FONT = { name: '宋体', size: 11 } as const;
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};
const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
export const FILL_LOCKED_HEADER = fill('FFD9D9D9');
export const FILL_EDIT_HEADER = fill('FFFFE699');
export const FILL_EDIT = fill('FFFFF9E5');

/** Points per line of 11-point text, and the padding of a row (Excel, WPS and LibreOffice all fit in this). */
const LINE_PT = 15;
const ROW_PAD_PT = 3;

/** Width in Excel character units: CJK and full-width characters take two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000 ? 2 : 1;
  }
  return w;
}

/** Lines a wrapped text takes in a column `width` characters wide. */
export function linesFor(s: string, width: number): number {
  // A tenth spare: Latin letters and digits in the CJK fonts clerks have are wider than half a Chinese character.
  const usable = Math.max(1, width * 0.9 - 1);
  return s.split('\n').reduce((n, seg) => n + Math.max(1, Math.ceil(textWidth(seg) / usable)), 0);
}

/**
 * Row height for wrapped text. Spreadsheets do not fit row heights when they open a file (LibreOffice never does,
 * Excel only for rows it lays out itself), so the height is written.
 */
export function rowHeight(lines: number): number {
  return lines * LINE_PT + ROW_PAD_PT;
}

/** Text that must stay text: "@" unless it is long (Excel shows a text-formatted cell over 255 characters as ####). */
function needsTextFormat(v: Val): boolean {
  return typeof v === 'string' && v.length <= 255 && looksLikeFormula(v);
}

export interface TableOptions {
  /** The one row of an empty table, so a clerk sees the sheet is empty on purpose. */
  empty?: string;
  /** Bold last row (a 合计 line). */
  boldLast?: boolean;
}

/**
 * Writes a header row at `headerRow` and the rows below it, with column widths, types and styles. The header and the
 * rows above it (titles, merges: set before) are committed first; the rows below go to the sheet's stream as XML as
 * they are made (row-xml.ts). Returns the last row used.
 */
export async function writeTable<T>(ws: ExcelJS.Worksheet, headerRow: number, cols: readonly Column<T>[], rows: readonly T[], opts: TableOptions = {}): Promise<number> {
  cols.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  const h = ws.getRow(headerRow);
  h.values = cols.map((c) => c.header);
  h.height = rowHeight(Math.max(2, ...cols.map((c) => linesFor(c.header, c.width))));
  cols.forEach((c, i) => {
    const cell = h.getCell(i + 1);
    cell.font = { ...FONT, bold: true };
    cell.fill = c.editable ? FILL_EDIT_HEADER : FILL_LOCKED_HEADER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = BORDER;
  });
  const styles = cols.map((c) => {
    const s: Partial<ExcelJS.Style> = {
      font: FONT,
      border: BORDER,
      alignment: { vertical: 'top', horizontal: c.align, wrapText: c.wrap ?? false },
    };
    if (c.text) s.numFmt = '@';
    else if (c.numFmt) s.numFmt = c.numFmt;
    if (c.editable) {
      s.protection = { locked: false };
      s.fill = FILL_EDIT;
    }
    return s;
  });
  const textStyles = styles.map((s) => ({ ...s, numFmt: '@' }));
  const bold = (s: Partial<ExcelJS.Style>) => ({ ...s, font: { ...FONT, bold: true } });
  h.commit();
  const out = new RowXml(ws);
  const values: Val[] = new Array<Val>(cols.length);
  const cellStyles: Partial<ExcelJS.Style>[] = new Array<Partial<ExcelJS.Style>>(cols.length);
  let r = headerRow;
  for (let i = 0; i < rows.length; i++) {
    r++;
    const row = rows[i]!;
    const boldRow = opts.boldLast === true && i === rows.length - 1;
    let lines = 1;
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j]!;
      const v = c.value(row, i);
      values[j] = v === '' ? null : v;
      const style = needsTextFormat(v) ? textStyles[j]! : styles[j]!;
      cellStyles[j] = boldRow && values[j] !== null ? bold(style) : style;
      if (c.wrap && typeof v === 'string') lines = Math.max(lines, linesFor(v, c.width));
    }
    if (out.row(r, values, cellStyles, lines > 1 ? rowHeight(lines) : undefined)) await out.pause();
  }
  out.end(r);
  if (rows.length === 0) {
    r++;
    const cell = ws.getRow(r).getCell(1);
    cell.value = opts.empty ?? '（无）';
    cell.font = { ...FONT, color: { argb: 'FF808080' } };
  }
  return r;
}

/** A bold title in the first row, merged across `width` columns. */
export function title(ws: ExcelJS.Worksheet, row: number, textValue: string, width: number, size = 14): void {
  const cell = ws.getRow(row).getCell(1);
  cell.value = textValue;
  cell.font = { ...FONT, size, bold: true };
  cell.alignment = { vertical: 'middle', horizontal: 'left' };
  if (width > 1) ws.mergeCells(row, 1, row, width);
  ws.getRow(row).height = size * 1.8;
}

/** Label/value lines (说明 sheets): label in column A, value across B..`lastCol`. Returns the next free row. */
export function keyValues(ws: ExcelJS.Worksheet, row: number, pairs: readonly [string, Val][], lastCol = 2): number {
  let width = 0;
  for (let c = 2; c <= lastCol; c++) width += ws.getColumn(c).width ?? 9;
  for (const [k, v] of pairs) {
    const xr = ws.getRow(row);
    const a = xr.getCell(1);
    a.value = k;
    a.font = { ...FONT, bold: true };
    a.alignment = { vertical: 'top' };
    const b = xr.getCell(2);
    b.value = v === '' ? null : v;
    b.font = FONT;
    b.alignment = { vertical: 'top', horizontal: 'left', wrapText: true };
    if (needsTextFormat(v)) b.numFmt = '@';
    if (lastCol > 2) ws.mergeCells(row, 2, row, lastCol);
    if (typeof v === 'string') {
      const lines = linesFor(v, width);
      if (lines > 1) xr.height = rowHeight(lines);
    }
    row++;
  }
  return row;
}

/** A paragraph of text across columns A..`span` of one row (merged, wrapped, row as high as it needs). Returns the next free row. */
export function paragraph(ws: ExcelJS.Worksheet, row: number, textValue: string, span: number, opts: { bold?: boolean } = {}): number {
  const cell = ws.getRow(row).getCell(1);
  cell.value = textValue;
  cell.font = { ...FONT, bold: opts.bold ?? false };
  cell.alignment = { vertical: 'top', wrapText: true };
  if (span > 1) ws.mergeCells(row, 1, row, span);
  let width = 0;
  for (let c = 1; c <= span; c++) width += ws.getColumn(c).width ?? 9;
  ws.getRow(row).height = rowHeight(linesFor(textValue, width));
  return row + 1;
}

/** Read-only sheet: locked, but a reader may still select, filter and resize. No password: this prevents accidents, not intent. */
export async function protectReadOnly(ws: ExcelJS.Worksheet): Promise<void> {
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
    sort: true,
  });
}

/** A filter over the table from its header row down to `lastRow`. */
export function filterTable(ws: ExcelJS.Worksheet, headerRow: number, ncols: number, lastRow: number): void {
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: Math.max(lastRow, headerRow), column: ncols } };
}

/**
 * A titled table under a header in row 3 (frozen by the sheet's view), with a filter and the header printed on every
 * page: the list sheets of the county and pooled workbooks.
 */
export async function tableSheet<T>(ws: ExcelJS.Worksheet, caption: string, width: number, cols: readonly Column<T>[], rows: readonly T[], empty: string): Promise<void> {
  title(ws, 1, caption, width);
  const last = await writeTable(ws, 3, cols, rows, { empty });
  filterTable(ws, 3, cols.length, last);
  ws.pageSetup.printTitlesRow = '3:3';
}

export { colLetter } from './row-xml.js';
