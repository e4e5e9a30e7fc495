// Reads a filled township workbook back through the format layer: every table whose header row carries the wanted
// headers (wherever a clerk moved, renamed or titled it), and the manifest sheet (found by its marker, hidden or not).
// Whatever Excel, WPS and LibreOffice save is read: .xlsx, and .xls/.et/.ods when a clerk used "save as".
import { InputError } from '../errors.js';
import type { CellValue } from '../normalize/cell-value.js';
import { normalizeHeader } from '../normalize/header.js';
import { openFile } from './formats/open.js';
import type { RawRow } from './formats/types.js';

export interface FeedbackTable {
  sheet: string;
  headerRow: number;
  /** Normalised header text → 0-based column index (first occurrence). */
  columns: Map<string, number>;
  /** The rows below the header, as the spreadsheet numbers them now. */
  rows: RawRow[];
}

export interface FeedbackWorkbook {
  fileName: string;
  sha256: string;
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

const WORKBOOK_FORMATS = new Set(['xlsx', 'xls', 'et', 'ods']);

function headerColumns(row: RawRow): Map<string, number> {
  const m = new Map<string, number>();
  row.cells.forEach((v, i) => {
    if (typeof v !== 'string') return;
    const h = normalizeHeader(v);
    if (h !== '' && !m.has(h)) m.set(h, i);
  });
  return m;
}

export async function readFeedbackWorkbook(file: string, opts: ReadFeedbackOptions): Promise<FeedbackWorkbook> {
  const opened = await openFile(file);
  if (!WORKBOOK_FORMATS.has(opened.format)) {
    throw new InputError({ file: opened.fileName }, `这是${opened.formatLabel}，不是 Excel 工作簿（.xlsx 或 .xls）`, '请提交 bidui report 生成、填写后保存的核查表');
  }
  const required = opts.required.map(normalizeHeader);
  const scan = opts.scanRows ?? 50;
  const tables: FeedbackTable[] = [];
  let manifest: CellValue[][] | null = null;
  for await (const sheet of opened.sheets()) {
    const rows: RawRow[] = [];
    for await (const r of sheet.rows()) rows.push(r);
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
    tables.push({ sheet: sheet.name, headerRow: header.rowNo, columns: headerColumns(header), rows: rows.slice(at + 1) });
  }
  return { fileName: opened.fileName, sha256: opened.sha256, tables, manifest };
}
