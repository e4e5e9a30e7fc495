// Reads legacy .xls/.et (OLE2 BIFF), OpenDocument .ods and HTML/XML-table "xls" files with SheetJS into raw rows,
// filling merged cells.

import { readFile } from 'node:fs/promises';
import { isAscii } from 'node:buffer';
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import type { CellValue, RawRow, RawSheet } from './types.js';
import { decodeText, isValidUtf8, normalizeEncodingName } from './decode.js';

// BIFF5 (Excel 95) and older keep text in the workbook's code page (936 for GBK); the ESM build of SheetJS needs
// the code page tables handed to it.
XLSX.set_cptable(cptable);

export interface LegacySheet extends RawSheet {
  hidden: boolean;
}

export interface LegacyWorkbook {
  sheets: LegacySheet[];
  /** For HTML: encoding used and why. */
  encoding?: string;
  encodingReason?: string;
}

/** Thrown when SheetJS cannot read the container; open-file turns it into a user message. */
export class LegacyReadError extends Error {
  constructor(
    message: string,
    readonly encrypted: boolean,
  ) {
    super(message);
    this.name = 'LegacyReadError';
  }
}

/** Charset declared by `<meta charset=…>`, `<meta http-equiv content="…; charset=…">` or `<?xml encoding=…?>`. */
export function declaredCharset(head: Buffer): string | undefined {
  const s = head.subarray(0, 8192).toString('latin1');
  const meta = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(s);
  if (meta) return meta[1];
  const xml = /<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']/i.exec(s);
  return xml?.[1];
}

/** Decodes an HTML/XML table file: --encoding, else BOM, else the declared charset, else UTF-8/GB18030 detection. */
export function decodeHtml(buf: Buffer, forced?: string, fileName?: string): { text: string; encoding: string; reason: string } {
  if (forced) return decodeText(buf, forced, fileName);
  const auto = decodeText(buf, undefined, fileName);
  if (auto.reason.includes('BOM')) return auto;
  const declared = declaredCharset(buf);
  if (!declared) return auto;
  let enc: string;
  try {
    enc = normalizeEncodingName(declared, fileName);
  } catch {
    return { ...auto, reason: `${auto.reason}（网页声明的字符集 ${declared} 无法识别）` };
  }
  if (enc === 'gb18030') {
    // An editor may have re-saved the file as UTF-8 and kept the old declaration; real GBK text is never valid
    // UTF-8 once it holds a few Chinese characters.
    if (auto.encoding === 'utf-8' && !isAscii(buf) && isValidUtf8(buf)) {
      return { ...auto, reason: `网页声明字符集为 ${declared}，但内容是有效的 UTF-8，按 UTF-8 解码` };
    }
    const d = decodeText(buf, 'gb18030', fileName);
    return { ...d, reason: `网页声明字符集为 ${declared}，按 GB18030（兼容 GBK/GB2312）解码` };
  }
  if (enc === auto.encoding) return { ...auto, reason: `网页声明字符集为 ${declared}，${auto.reason}` };
  if (enc === 'utf-8') {
    // Declared UTF-8 but not valid UTF-8: trust the bytes.
    return { ...auto, reason: `网页声明字符集为 ${declared}，但${auto.reason}` };
  }
  const d = decodeText(buf, enc, fileName);
  return { ...d, reason: `网页声明字符集为 ${declared}` };
}

function isDisplayFormat(z: unknown): boolean {
  return typeof z === 'string' && z !== 'General' && z !== '@';
}

function convertCell(c: XLSX.CellObject | undefined): { value: CellValue; text?: string } {
  if (!c) return { value: null };
  switch (c.t) {
    case 'n': {
      const v = c.v as number;
      if (typeof v !== 'number' || !Number.isFinite(v)) return { value: null };
      const text = isDisplayFormat(c.z) && c.w !== undefined && c.w !== String(v) ? c.w : undefined;
      return { value: v, text };
    }
    case 's': {
      const v = c.v;
      if (typeof v !== 'string') return { value: v === undefined || v === null ? null : String(v) };
      return { value: v === '' ? null : v };
    }
    case 'b':
      return { value: Boolean(c.v) };
    case 'd': {
      const v = c.v instanceof Date ? c.v : new Date(String(c.v));
      return { value: Number.isNaN(v.getTime()) ? null : v };
    }
    default:
      // 'e' (error) and 'z' (stub)
      return { value: null };
  }
}

type Dense = (XLSX.CellObject | undefined)[][];

/** Copies each merged range's top-left cell into every cell it covers (clipped to the used range). */
function fillMerges(data: Dense, merges: XLSX.Range[] | undefined, maxRow: number, maxCol: number): void {
  for (const m of merges ?? []) {
    const top = data[m.s.r]?.[m.s.c];
    if (!top) continue;
    const r1 = Math.min(m.e.r, maxRow);
    const c1 = Math.min(m.e.c, maxCol);
    for (let r = m.s.r; r <= r1; r++) {
      const row = (data[r] ??= []);
      for (let c = m.s.c; c <= c1; c++) {
        if (r === m.s.r && c === m.s.c) continue;
        row[c] = top;
      }
    }
  }
}

function sheetRows(ws: XLSX.WorkSheet): RawRow[] {
  const ref = ws['!ref'];
  if (!ref) return [];
  const range = XLSX.utils.decode_range(ref);
  const data = (ws['!data'] ?? []) as Dense;
  fillMerges(data, ws['!merges'], range.e.r, range.e.c);
  const rows: RawRow[] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const src = data[r];
    if (!src) continue;
    const cells: CellValue[] = [];
    let text: (string | undefined)[] | undefined;
    let last = -1;
    const end = Math.min(src.length - 1, range.e.c);
    for (let c = 0; c <= end; c++) {
      const { value, text: t } = convertCell(src[c]);
      cells.push(value);
      if (value !== null) last = c;
      if (t !== undefined) {
        text ??= [];
        text[c] = t;
      }
    }
    if (last < 0) continue;
    cells.length = last + 1;
    const row: RawRow = { rowNo: r + 1, cells };
    if (text) {
      text.length = last + 1;
      row.text = Array.from(text);
    }
    rows.push(row);
  }
  return rows;
}

function looksEncrypted(buf: Buffer, e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  if (/password|encrypt|protect/i.test(msg)) return true;
  // Encrypted .xlsx files are OLE2 containers holding an "EncryptedPackage" stream (name in UTF-16LE).
  return buf.includes(Buffer.from('EncryptedPackage', 'utf16le'));
}

function toSheets(wb: XLSX.WorkBook): LegacySheet[] {
  const meta = wb.Workbook?.Sheets ?? [];
  return wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name]!;
    return {
      name,
      hidden: Boolean(meta[i]?.Hidden),
      async *rows() {
        yield* sheetRows(ws);
      },
    };
  });
}

const COMMON = { cellDates: true, cellNF: true, cellText: true, dense: true } as const;

/** Reads an OLE2 .xls/.et workbook (BIFF8; BIFF5 and older as far as SheetJS goes), or an .ods. */
export async function readXls(path: string): Promise<LegacyWorkbook> {
  const buf = await readFile(path);
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(buf, { ...COMMON, type: 'buffer', codepage: 936, cellHTML: false, cellFormula: false });
  } catch (e) {
    throw new LegacyReadError(e instanceof Error ? e.message : String(e), looksEncrypted(buf, e));
  }
  if (!wb.SheetNames?.length) throw new LegacyReadError('no worksheets', looksEncrypted(buf, undefined));
  return { sheets: toSheets(wb) };
}

/** Reads an HTML table (or Excel 2003 XML) file, decoding its bytes first so GBK pages work. */
export async function readHtml(path: string, forcedEncoding?: string, fileName?: string): Promise<LegacyWorkbook> {
  const buf = await readFile(path);
  const decoded = decodeHtml(buf, forcedEncoding, fileName);
  const text = decoded.text;
  const isXml = /urn:schemas-microsoft-com:office:spreadsheet/i.test(text.slice(0, 65536)) && /<Workbook\b/.test(text);
  let wb: XLSX.WorkBook;
  try {
    // raw: HTML cells are text as shown; letting SheetJS guess would turn "0012" into 12 and IDs into floats.
    wb = XLSX.read(text, { ...COMMON, type: 'string', raw: !isXml, cellHTML: false });
  } catch (e) {
    throw new LegacyReadError(e instanceof Error ? e.message : String(e), false);
  }
  return { sheets: toSheets(wb), encoding: decoded.encoding, encodingReason: decoded.reason };
}
