// The file writers shared by the fixture and demo generators: one Sheet of cells → .xlsx (exceljs, with number formats,
// merges, widths and pinned zip times), BIFF8 .xls (SheetJS), CSV/TSV text, and text encoded as a county office saves it.
// Deterministic: same cells and date, same bytes.

import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';

/**
 * One cell: text, a number, empty (null), a date cell { date: 'YYYY-MM-DD', fmt }, a numeric cell with a number format
 * { num, fmt }, a formula with its cached result { formula, result } (text files and .xls get the result), or
 * { raw } — text files only: written as is (e.g. a bare ="…" the way web systems do).
 */
export type Cell =
  | string
  | number
  | null
  | undefined
  | { date: string; fmt?: string }
  | { num: number; fmt?: string }
  | { formula: string; result: number | string }
  | { raw: string };

/** Rows of one sheet, with what the workbook writers need besides the cells. */
export class Sheet {
  readonly rows: Cell[][] = [];
  /** A1-style ranges, e.g. 'A1:N1'. */
  merges: string[] = [];
  /** Column widths in characters, by 0-based column; 0 or missing = default. */
  widths: number[] = [];
  /** 0-based columns whose text cells get the text number format ('@') in .xlsx. */
  textCols = new Set<number>();
  /** A sheet the workbook hides (last month's roster kept as a hidden tab, a lookup list). */
  state?: 'hidden' | 'veryHidden';

  constructor(readonly name: string) {}

  /** Appends a row; returns its Excel row number. */
  add(cells: Cell[]): number {
    this.rows.push(cells);
    return this.rows.length;
  }
}

export interface XlsxOptions {
  /** 创建者 and 最后修改者 of the workbook. */
  creator: string;
  /** "Date made": the workbook's created/modified time and every zip entry's time. */
  date: Date;
  /** Freeze the first row and make its cells bold (a system export's header). */
  headerRow?: boolean;
}

const ymdParts = (ymd: string): [number, number, number] => {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return [y, m, d];
};

function noRaw(sheet: Sheet, cell: { raw: string }): never {
  throw new Error(`${sheet.name}: raw cell ${JSON.stringify(cell.raw)} can only be written to a text file`);
}

/** ExcelJS zips with the clock as entry time; pin every local and central header time so output bytes are stable. */
function pinZipTimes(buf: ArrayBuffer | Uint8Array, date: Date): Buffer {
  const b = Buffer.from(buf as Uint8Array);
  let eocd = -1;
  for (let i = b.length - 22; i >= 0; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('zip: no end of central directory');
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const dosTime = 0;
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  for (let k = 0; k < count; k++) {
    if (b.readUInt32LE(p) !== 0x02014b50) throw new Error('zip: bad central header');
    b.writeUInt16LE(dosTime, p + 12);
    b.writeUInt16LE(dosDate, p + 14);
    const local = b.readUInt32LE(p + 42);
    if (b.readUInt32LE(local) !== 0x04034b50) throw new Error('zip: bad local header');
    b.writeUInt16LE(dosTime, local + 10);
    b.writeUInt16LE(dosDate, local + 12);
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return b;
}

/** An .xlsx workbook (exceljs), one worksheet per Sheet. */
export async function xlsxBuffer(sheets: Sheet[], opts: XlsxOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.creator;
  wb.lastModifiedBy = opts.creator;
  wb.created = opts.date;
  wb.modified = opts.date;
  for (const sh of sheets) {
    const ws = opts.headerRow ? wb.addWorksheet(sh.name, { views: [{ state: 'frozen', ySplit: 1 }] }) : wb.addWorksheet(sh.name);
    if (sh.state) ws.state = sh.state;
    sh.rows.forEach((cells, ri) => {
      const row = ws.getRow(ri + 1);
      cells.forEach((v, ci) => {
        if (v === null || v === undefined) return;
        const cell = row.getCell(ci + 1);
        if (typeof v === 'object' && 'date' in v) {
          const [y, m, d] = ymdParts(v.date);
          cell.value = new Date(Date.UTC(y, m - 1, d));
          cell.numFmt = v.fmt ?? 'yyyy-mm-dd';
        } else if (typeof v === 'object' && 'num' in v) {
          cell.value = v.num;
          if (v.fmt) cell.numFmt = v.fmt;
        } else if (typeof v === 'object' && 'formula' in v) {
          cell.value = { formula: v.formula, result: v.result };
        } else if (typeof v === 'object') {
          noRaw(sh, v);
        } else {
          cell.value = v;
          if (typeof v === 'string' && sh.textCols.has(ci)) cell.numFmt = '@';
          if (typeof v === 'string' && v.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
        }
        if (opts.headerRow && ri === 0) cell.font = { bold: true };
      });
    });
    for (const m of sh.merges) ws.mergeCells(m);
    sh.widths.forEach((w, i) => {
      if (w) ws.getColumn(i + 1).width = w;
    });
  }
  return pinZipTimes(await wb.xlsx.writeBuffer(), opts.date);
}

/** Excel's serial day number of a date (1900 system). */
const serial = (ymd: string): number => {
  const [y, m, d] = ymdParts(ymd);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
};

/**
 * SheetJS's number-format table as it stands before any workbook is written. SheetJS keeps one table for the whole
 * process and adds every custom format a write meets (e.g. yyyy"年"m"月") to it; a workbook without its own table gets a
 * copy of the global one, and so a FORMAT record for every format any earlier write used. Each workbook starts from this
 * copy instead, so its bytes do not depend on what else the process wrote before (the fixture and demo generators run in
 * one process in test/fixtures/regenerate.test.ts).
 */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = Object.freeze({ ...XLSX.SSF.get_table() });
const FIRST_CUSTOM_FORMAT = 0x3c; // SheetJS puts the formats a write adds at 60 and up

/** A BIFF8 .xls workbook (SheetJS), one worksheet per Sheet: what hand-kept rosters and WPS .et files are. */
export function biff8Buffer(sheets: Sheet[]): Buffer {
  if (Object.keys(BUILTIN_FORMATS).some((k) => Number(k) >= FIRST_CUSTOM_FORMAT)) {
    throw new Error('SheetJS had custom number formats before write-workbooks.ts was loaded: .xls output would not be reproducible');
  }
  // SSF (the workbook's own format table) is read by the writer but missing from SheetJS's WorkBook type.
  const wb: XLSX.WorkBook & { SSF?: Record<number, string> } = XLSX.utils.book_new();
  wb.SSF = { ...BUILTIN_FORMATS };
  for (const sh of sheets) {
    const ws: XLSX.WorkSheet = {};
    let maxC = 0;
    sh.rows.forEach((cells, ri) => {
      cells.forEach((v, ci) => {
        if (v === null || v === undefined) return;
        const ref = XLSX.utils.encode_cell({ r: ri, c: ci });
        if (typeof v === 'object' && 'date' in v) ws[ref] = { t: 'n', v: serial(v.date), z: v.fmt ?? 'yyyy-mm-dd' };
        else if (typeof v === 'object' && 'num' in v) ws[ref] = { t: 'n', v: v.num, ...(v.fmt ? { z: v.fmt } : {}) };
        else if (typeof v === 'object' && 'formula' in v) ws[ref] = typeof v.result === 'number' ? { t: 'n', v: v.result } : { t: 's', v: v.result };
        else if (typeof v === 'object') noRaw(sh, v);
        else if (typeof v === 'number') ws[ref] = { t: 'n', v };
        else ws[ref] = { t: 's', v: String(v) };
        maxC = Math.max(maxC, ci);
      });
    });
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: sh.rows.length - 1, c: maxC } });
    ws['!merges'] = sh.merges.map((m) => XLSX.utils.decode_range(m));
    ws['!cols'] = sh.widths.map((w) => ({ wch: w || 10 }));
    XLSX.utils.book_append_sheet(wb, ws, sh.name);
  }
  if (sheets.some((sh) => sh.state)) {
    wb.Workbook = { Sheets: sheets.map((sh) => ({ Hidden: sh.state === 'veryHidden' ? 2 : sh.state === 'hidden' ? 1 : 0 })) };
  }
  return XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

/**
 * CSV (or, with sep '\t', tab-separated) text of a sheet. With ',' a field is quoted only when it must be; tab-separated
 * fields are never quoted. { raw } cells are written as is.
 */
export function csvText(sheet: Sheet, sep = ',', eol = '\r\n'): string {
  const field = (v: Cell): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object' && 'raw' in v) return v.raw;
    if (typeof v === 'object' && 'formula' in v) return String(v.result);
    if (typeof v === 'object') throw new Error(`${sheet.name}: ${JSON.stringify(v)} has no text form`);
    const s = String(v);
    if (sep === ',' && /[",\r\n]/.test(s)) return `"${s.replace(/"/g, '""')}"`;
    return s;
  };
  return sheet.rows.map((cells) => cells.map(field).join(sep)).join(eol) + eol;
}

/** How an office saves text: UTF-8 with or without BOM, or a legacy Chinese code page. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | 'gb18030';

/** The bytes of text in an encoding; a code-page encoding must round-trip (no character silently lost). */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const bytes = iconv.encode(text, encoding);
  if (iconv.decode(bytes, encoding) !== text) throw new Error(`${encoding} round trip failed`);
  return bytes;
}
