// Reads legacy .xls/.et (OLE2 BIFF), OpenDocument .ods and HTML/XML-table "xls" files into raw rows, filling merged
// cells. BIFF8 workbooks (nearly all .xls and .et) are streamed record by record (biff8/); everything else goes to
// SheetJS, which parses a whole workbook at once and takes some 30 times its size in memory, so those files are
// bounded in size (limits.ts). SheetJS rows are converted one at a time and each sheet is let go once read.

import { readFile, stat } from 'node:fs/promises';
import { isAscii } from 'node:buffer';
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import { finishRow, sheetVisibility, type CellValue, type RawRow, type RawSheet } from './types.js';
import { decodeText, isValidUtf8, normalizeEncodingName } from './decode.js';
import { cellTooLong, DEFAULT_LIMITS, formatMb, LimitError, raiseHint, type Limits } from './limits.js';
import { mergeBudget, MergeFiller } from './merge-fill.js';
import { displayText } from './xlsx/number-format.js';
import { ZipArchive } from './xlsx/zip.js';
import { BiffEncryptedError, readBiff8, workbookStream } from './biff8/read.js';
import { odsHiddenSheets } from './ods-hidden.js';

// BIFF5 (Excel 95) and older keep text in the workbook's code page (936 for GBK); the ESM build of SheetJS needs
// the code page tables handed to it.
XLSX.set_cptable(cptable);

export interface LegacyWorkbook {
  sheets: RawSheet[];
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

function isDisplayFormat(z: unknown): z is string {
  return typeof z === 'string' && z !== 'General' && z !== '@';
}

interface Converted {
  value: CellValue;
  text?: string;
  formula?: boolean;
}

function convertCell(c: XLSX.CellObject | undefined, cellChars: number, rowNo: number): Converted {
  if (!c) return { value: null };
  const formula = c.f !== undefined && c.f !== '';
  let out: Converted;
  switch (c.t) {
    case 'n': {
      const v = c.v as number;
      if (typeof v !== 'number' || !Number.isFinite(v)) return { value: null };
      out = { value: v };
      if (isDisplayFormat(c.z)) {
        const text = displayText(c.z, v);
        if (text !== undefined) out.text = text;
      }
      break;
    }
    case 's': {
      const v = c.v;
      if (typeof v !== 'string') out = { value: v === undefined || v === null ? null : String(v) };
      else {
        if (v.length > cellChars) throw cellTooLong({ cellChars }, v.length, rowNo);
        out = { value: v === '' ? null : v };
      }
      break;
    }
    case 'b':
      out = { value: Boolean(c.v) };
      break;
    case 'd': {
      const v = c.v instanceof Date ? c.v : new Date(String(c.v));
      out = { value: Number.isNaN(v.getTime()) ? null : v };
      break;
    }
    default:
      // 'e' (error) and 'z' (stub)
      return { value: null };
  }
  if (formula && out.value !== null) out.formula = true;
  return out;
}

type Dense = (XLSX.CellObject | undefined)[][];

/** One raw row of a dense SheetJS sheet, or undefined when it has no value. */
function convertRow(src: Dense[number] | undefined, r: number, lastCol: number, cellChars: number): RawRow | undefined {
  if (!src) return undefined;
  const cells: CellValue[] = [];
  let text: (string | undefined)[] | undefined;
  let formulas: (boolean | undefined)[] | undefined;
  let last = -1;
  const end = Math.min(src.length - 1, lastCol);
  for (let c = 0; c <= end; c++) {
    const cv = convertCell(src[c], cellChars, r + 1);
    cells.push(cv.value);
    if (cv.value !== null) last = c;
    if (cv.text !== undefined) (text ??= [])[c] = cv.text;
    if (cv.formula) (formulas ??= [])[c] = true;
  }
  if (last < 0) return undefined;
  return finishRow(r + 1, cells, { text, formulas });
}

/** Rows of a sheet, converted as they are asked for, merged ranges filled; the sheet is released when done. */
function* sheetRows(wb: XLSX.WorkBook, name: string, limits: Limits): Generator<RawRow> {
  const ws = wb.Sheets[name];
  if (!ws) return;
  const ref = ws['!ref'];
  const data = (ws['!data'] ?? []) as Dense;
  const merges = (ws['!merges'] ?? []).map((m) => ({ r0: m.s.r + 1, c0: m.s.c, r1: m.e.r + 1, c1: m.e.c }));
  const filler = merges.length > 0 ? new MergeFiller(merges, mergeBudget(limits)) : undefined;
  try {
    if (!ref) return;
    const range = XLSX.utils.decode_range(ref);
    for (let r = range.s.r; r <= range.e.r; r++) {
      const row = convertRow(data[r], r, range.e.c, limits.cellChars);
      if (!row) continue;
      data[r] = []; // converted: SheetJS's cell objects can go
      filler?.apply(row);
      yield row;
    }
  } finally {
    delete wb.Sheets[name];
  }
}

function looksEncrypted(buf: Buffer, e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  if (/password|encrypt|protect/i.test(msg)) return true;
  // Encrypted .xlsx files are OLE2 containers holding an "EncryptedPackage" stream (name in UTF-16LE).
  return buf.includes(Buffer.from('EncryptedPackage', 'utf16le'));
}

function toSheets(wb: XLSX.WorkBook, limits: Limits, hiddenNames?: ReadonlySet<string>): RawSheet[] {
  const meta = wb.Workbook?.Sheets ?? [];
  return wb.SheetNames.map((name, i) => {
    const hidden = sheetVisibility(meta[i]?.Hidden) ?? (hiddenNames?.has(name) ? 'hidden' : undefined);
    return {
      name,
      ...(hidden ? { hidden } : {}),
      async *rows() {
        yield* sheetRows(wb, name, limits);
      },
    };
  });
}

/**
 * An HTML page's tables one under the other on one sheet, as Excel shows such a ".xls" (SheetJS makes a sheet of each
 * table): a title in a table of its own stays above the roster's header, and row numbers are the ones Excel shows.
 */
function tablesAsOneSheet(wb: XLSX.WorkBook, limits: Limits): RawSheet[] {
  const names = [...wb.SheetNames];
  if (names.length < 2) return toSheets(wb, limits);
  return [{
    name: names[0]!,
    async *rows() {
      let offset = 0;
      for (const name of names) {
        const ref = wb.Sheets[name]?.['!ref'];
        const height = ref ? XLSX.utils.decode_range(ref).e.r + 1 : 0;
        for (const row of sheetRows(wb, name, limits)) {
          row.rowNo += offset;
          yield row;
        }
        offset += height;
      }
    },
  }];
}

/** What SheetJS is asked for: dense rows, formats and formulas (no formatted text: display text is made per cell). */
const COMMON = { cellDates: true, cellNF: true, cellText: false, dense: true } as const;

/**
 * SheetJS takes some 30 times a workbook's size in memory (a 25 MB .xls: 880 MB), so what it reads whole is held
 * below the 1 GB any load may use: .xls older than BIFF8 and .ods, whatever the configured limits say.
 */
const SHEETJS_MAX_BYTES = 16 * 1024 * 1024;
/** An .ods inflates to far more than its size (55,000 rows: 2 MB → 123 MB of XML, read in 800 MB). */
const ODS_MAX_INFLATED = 128 * 1024 * 1024;

/** `key`: the setting that raises this limit, or null for a limit that protects memory and cannot be raised. */
async function sizeWithin(path: string, max: number, what: string, key: keyof Limits | null): Promise<void> {
  const { size } = await stat(path);
  if (size > max) {
    throw new LimitError(
      `${what}有 ${formatMb(size)}，超过上限 ${formatMb(max)}（这种格式须整个读入内存）`,
      `请用 Excel/WPS 打开后另存为“Excel 工作簿 (.xlsx)”或 CSV 再导入（这两种格式按流读取，没有这个限制）${key ? `。${raiseHint(key)}` : ''}`,
    );
  }
}

/**
 * An .ods is a zip: its parts are checked against the zip limits before SheetJS inflates them all in memory. Returns the
 * hidden sheets (SheetJS does not say which are).
 */
async function checkOdsPackage(path: string, limits: Limits): Promise<Set<string>> {
  let zip: ZipArchive;
  try {
    zip = await ZipArchive.open(path, limits);
  } catch (e) {
    if (e instanceof LimitError) throw e;
    return new Set(); // not readable as a zip: SheetJS says what is wrong
  }
  try {
    let total = 0;
    for (const e of zip.entries) {
      zip.checkLimits(e);
      total += e.size;
    }
    // SheetJS holds every part inflated, and its parse takes six or seven times that again.
    if (total > ODS_MAX_INFLATED) {
      throw new LimitError(
        `OpenDocument 表格解压后有 ${formatMb(total)}，超过上限 ${formatMb(ODS_MAX_INFLATED)}（这种格式须整个读入内存）`,
        '请用 LibreOffice/WPS 打开后另存为“Excel 工作簿 (.xlsx)”或 CSV 再导入（这两种格式按流读取，没有这个限制）',
      );
    }
    return await odsHiddenSheets(zip);
  } finally {
    await zip.close();
  }
}

/**
 * SheetJS reports what it could not parse on the console (LibreOffice's conditional number formats in an .ods give
 * "ODS number format may be incorrect: value()>0" many times): English noise on the clerk's terminal, and nothing
 * that changes what is read. XLSX.read is synchronous, so silencing the console around it silences only SheetJS.
 */
function quietly<T>(read: () => T): T {
  const { error, warn } = console;
  console.error = () => {};
  console.warn = () => {};
  try {
    return read();
  } finally {
    console.error = error;
    console.warn = warn;
  }
}

/** Reads an OLE2 .xls/.et workbook (BIFF8 streamed; BIFF5 and older as far as SheetJS goes), or an .ods. */
export async function readXls(path: string, limits: Limits = DEFAULT_LIMITS, ods = false): Promise<LegacyWorkbook> {
  if (ods) await sizeWithin(path, Math.min(limits.legacyBytes, SHEETJS_MAX_BYTES), 'OpenDocument 表格', null);
  else await sizeWithin(path, limits.legacyBytes, 'Excel 97-2003 / WPS 工作簿', 'legacyBytes');
  const hiddenNames = ods ? await checkOdsPackage(path, limits) : undefined;
  const buf = await readFile(path);
  if (!ods) {
    let stream: Buffer | undefined;
    try {
      stream = workbookStream(buf);
    } catch (e) {
      throw new LegacyReadError(e instanceof Error ? e.message : String(e), looksEncrypted(buf, e));
    }
    if (stream) {
      try {
        const sheets = readBiff8(stream, limits);
        if (sheets) return { sheets };
      } catch (e) {
        if (e instanceof BiffEncryptedError) throw new LegacyReadError(e.message, true);
        if (e instanceof LimitError) throw e;
        // Not the BIFF8 the streaming reader knows: SheetJS may still make sense of it (below, if small enough).
      }
    }
    await sizeWithin(path, Math.min(limits.legacyBytes, SHEETJS_MAX_BYTES), '这个旧版本（Excel 95 或更早）的工作簿', null);
  }
  let wb: XLSX.WorkBook;
  try {
    wb = quietly(() => XLSX.read(buf, { ...COMMON, type: 'buffer', codepage: 936, cellHTML: false, cellFormula: true }));
  } catch (e) {
    throw new LegacyReadError(e instanceof Error ? e.message : String(e), looksEncrypted(buf, e));
  }
  if (!wb.SheetNames?.length) throw new LegacyReadError('no worksheets', looksEncrypted(buf, undefined));
  return { sheets: toSheets(wb, limits, hiddenNames) };
}

/** Reads an HTML table (or Excel 2003 XML) file, decoding its bytes first so GBK pages work. */
export async function readHtml(path: string, forcedEncoding?: string, fileName?: string, limits: Limits = DEFAULT_LIMITS): Promise<LegacyWorkbook> {
  await sizeWithin(path, limits.htmlBytes, '网页表格（HTML/XML）文件', 'htmlBytes');
  const buf = await readFile(path);
  const decoded = decodeHtml(buf, forcedEncoding, fileName);
  const text = decoded.text;
  const isXml = /urn:schemas-microsoft-com:office:spreadsheet/i.test(text.slice(0, 65536)) && /<Workbook\b/.test(text);
  let wb: XLSX.WorkBook;
  try {
    // raw: HTML cells are text as shown; letting SheetJS guess would turn "0012" into 12 and IDs into floats.
    wb = quietly(() => XLSX.read(text, { ...COMMON, type: 'string', raw: !isXml, cellHTML: false }));
  } catch (e) {
    throw new LegacyReadError(e instanceof Error ? e.message : String(e), false);
  }
  return { sheets: isXml ? toSheets(wb, limits) : tablesAsOneSheet(wb, limits), encoding: decoded.encoding, encodingReason: decoded.reason };
}
