// Table rows written into a streaming sheet as XML text: the bytes exceljs's Row and Cell objects would give
// (xlsx/xform/sheet/row-xform.js, cell-xform.js, with its own style table and XML escaping; text as t="str"), without
// making those objects. At province scale exceljs's objects cost more than half of `report` (their allocation kept
// the garbage collector busy for a fifth of the run); see docs/performance.md §5 I. Values are what a Column gives:
// text, numbers, dates, empty.
import type ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import { drained } from './back-pressure.js';
import type { Val } from './sheet-kit.js';

/** Rows made between two looks at the zip (back-pressure.ts): a few hundred KB of sheet XML. */
const ROWS_PER_TURN = 100;

const require = createRequire(import.meta.url);
const { xmlEncode, dateToExcel } = require('exceljs/lib/utils/utils.js') as {
  xmlEncode(s: string): string;
  dateToExcel(d: Date, date1904?: boolean): number;
};

/** exceljs's Enums.ValueType for the values a column gives. */
const TYPE = { null: 0, number: 2, string: 3, date: 4 } as const;

interface StreamingSheet {
  _rowZero: number;
  _rows: unknown[] | null;
  startedData: boolean;
  useSharedStrings: boolean;
  stream: { write(s: string): unknown };
  workbook: { styles: { addStyleModel(style: Partial<ExcelJS.Style>, type: number): number } };
}

/** Writes rows after the last committed one (the header); `end` hands the sheet back to exceljs below them. */
export class RowXml {
  private readonly ws: StreamingSheet;
  private xml = '';
  private rows = 0;

  constructor(sheet: ExcelJS.Worksheet) {
    const ws = sheet as unknown as StreamingSheet;
    if (!ws.startedData || !Array.isArray(ws._rows) || ws._rows.length > 0 || typeof ws._rowZero !== 'number' || ws.useSharedStrings || typeof ws.workbook?.styles?.addStyleModel !== 'function') {
      throw new Error('RowXml needs a streaming sheet without shared strings whose rows so far are committed (exceljs WorksheetWriter; review src/report/row-xml.ts)');
    }
    this.ws = ws;
  }

  /**
   * Row `r`, its cells from column A with their styles, and its height if not the default. True when the writer
   * should `pause` before the next row.
   */
  row(r: number, values: readonly Val[], styles: readonly Partial<ExcelJS.Style>[], height?: number): boolean {
    let xml = `<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ''} spans="1:${values.length}" x14ac:dyDescent="0.25">`;
    for (let j = 0; j < values.length; j++) {
      const v = values[j] ?? null;
      const at = `${colLetter(j + 1)}${r}`;
      const type = v === null ? TYPE.null : typeof v === 'string' ? TYPE.string : typeof v === 'number' ? TYPE.number : TYPE.date;
      const s = this.ws.workbook.styles.addStyleModel(styles[j] ?? {}, type);
      const sAttr = s ? ` s="${s}"` : '';
      if (v === null) xml += s ? `<c r="${at}"${sAttr}/>` : '';
      else if (typeof v === 'string') xml += `<c r="${at}"${sAttr} t="str"><v>${xmlEncode(v)}</v></c>`;
      else if (typeof v === 'number') xml += `<c r="${at}"${sAttr}><v>${v}</v></c>`;
      else xml += `<c r="${at}"${sAttr}><v>${dateToExcel(v)}</v></c>`;
    }
    this.xml += xml + '</row>';
    return ++this.rows % ROWS_PER_TURN === 0;
  }

  /** Hands the rows so far to the sheet's stream and waits for the zip to take them. */
  async pause(): Promise<void> {
    this.flush();
    await drained(this.ws);
  }

  private flush(): void {
    if (this.xml) this.ws.stream.write(this.xml);
    this.xml = '';
  }

  /** After the last row `r`: exceljs takes over from row r + 1. */
  end(r: number): void {
    this.flush();
    this.ws._rowZero = Math.max(this.ws._rowZero, r + 1);
  }
}

const LETTERS: string[] = [];

/** Column letters of column `n` (1 = A); A to ZZ are kept. */
export function colLetter(n: number): string {
  let s = LETTERS[n];
  if (s === undefined) {
    s = '';
    for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
    if (n < 703) LETTERS[n] = s;
  }
  return s;
}
