// Reads a filled township workbook back: every table whose header row carries the wanted headers (wherever a clerk
// moved, renamed or titled it), and the manifest sheet (found by its marker, hidden or not). SheetJS reads what Excel,
// WPS and LibreOffice save (.xlsx, and .xls/.et/.ods when a clerk "saved as"), with each cell's value and shown text.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { InputError } from '../errors.js';
import type { CellValue } from '../normalize/cell-value.js';
import { normalizeHeader } from '../normalize/header.js';

export interface FeedbackRow {
  /** 1-based row number as the spreadsheet shows it now. */
  rowNo: number;
  cells: CellValue[];
  /** Shown text of numeric cells (dates), same indexes as cells. */
  text: (string | undefined)[];
}

export interface FeedbackTable {
  sheet: string;
  headerRow: number;
  /** Normalised header text → 0-based column index (first occurrence). */
  columns: Map<string, number>;
  rows: FeedbackRow[];
}

export interface FeedbackWorkbook {
  path: string;
  fileName: string;
  sha256: string;
  sheetNames: string[];
  tables: FeedbackTable[];
  /** Rows of the sheet whose first cell is the manifest marker; null when there is none. */
  manifest: CellValue[][] | null;
}

export interface ReadFeedbackOptions {
  /** Headers that make a row the table's header row (all must be present). */
  required: readonly string[];
  manifestMark: string;
  /** How far down to look for the header row (title rows a clerk added). */
  scanRows?: number;
}

function cellValue(c: XLSX.CellObject | undefined): { v: CellValue; w?: string } {
  if (!c) return { v: null };
  switch (c.t) {
    case 's':
      return { v: typeof c.v === 'string' && c.v !== '' ? c.v : null };
    case 'n':
      return typeof c.v === 'number' && Number.isFinite(c.v) ? { v: c.v, w: c.w } : { v: null };
    case 'b':
      return { v: Boolean(c.v) };
    case 'd':
      return { v: c.v instanceof Date ? c.v : null, w: c.w };
    default:
      return { v: null };
  }
}

function sheetRows(ws: XLSX.WorkSheet): FeedbackRow[] {
  const data = (ws as XLSX.DenseWorkSheet)['!data'] ?? [];
  const out: FeedbackRow[] = [];
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    if (!src) continue;
    const cells: CellValue[] = [];
    const text: (string | undefined)[] = [];
    let any = false;
    for (let c = 0; c < src.length; c++) {
      const { v, w } = cellValue(src[c]);
      cells[c] = v;
      text[c] = w;
      if (v !== null) any = true;
    }
    if (any) out.push({ rowNo: r + 1, cells, text });
  }
  return out;
}

function headerColumns(row: FeedbackRow): Map<string, number> {
  const m = new Map<string, number>();
  row.cells.forEach((v, i) => {
    if (typeof v !== 'string') return;
    const h = normalizeHeader(v);
    if (h !== '' && !m.has(h)) m.set(h, i);
  });
  return m;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (buf: Buffer, sig: number[]) => buf.length >= sig.length && sig.every((b, i) => buf[i] === b);
const isZip = (buf: Buffer) => startsWith(buf, ZIP);
const isOle2 = (buf: Buffer) => startsWith(buf, OLE2);

export function readFeedbackWorkbook(file: string, opts: ReadFeedbackOptions): FeedbackWorkbook {
  const fileName = path.basename(file);
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError({ file: fileName }, code === 'ENOENT' ? '文件不存在' : `无法读取（${code ?? (e as Error).message}）`, '请检查路径');
  }
  // SheetJS would read any text as a one-sheet CSV: only spreadsheet containers are workbooks here.
  if (!isZip(buf) && !isOle2(buf)) {
    throw new InputError({ file: fileName }, '不是 Excel 工作簿（.xlsx 或 .xls）', '请提交 bidui report 生成、填写后保存的核查表');
  }
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(buf, { type: 'buffer', dense: true, cellDates: false, cellNF: true, cellText: true, cellFormula: false });
  } catch (e) {
    throw new InputError({ file: fileName }, `不是可读取的 Excel 工作簿（${(e as Error).message}）`, '请提交 bidui report 生成、填写后保存的 .xlsx 文件');
  }
  const required = opts.required.map(normalizeHeader);
  const scan = opts.scanRows ?? 50;
  const tables: FeedbackTable[] = [];
  let manifest: CellValue[][] | null = null;
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const rows = sheetRows(ws);
    const first = rows[0];
    if (!manifest && first && first.rowNo === 1 && first.cells[0] === opts.manifestMark) {
      manifest = rows.map((r) => r.cells);
      continue;
    }
    const at = rows.slice(0, scan).findIndex((r) => {
      const cols = headerColumns(r);
      return required.every((h) => cols.has(h));
    });
    if (at < 0) continue;
    const header = rows[at]!;
    tables.push({ sheet: name, headerRow: header.rowNo, columns: headerColumns(header), rows: rows.slice(at + 1) });
  }
  return {
    path: path.resolve(file),
    fileName,
    sha256: crypto.createHash('sha256').update(buf).digest('hex'),
    sheetNames: wb.SheetNames,
    tables,
    manifest,
  };
}
