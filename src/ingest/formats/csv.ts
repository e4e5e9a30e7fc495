// Streams CSV/TSV text into raw rows numbered by the physical line each record starts on.
//
// Speed matters here (a province file has millions of rows), and csv-parse alone tops out around 150-200k
// rows/s on a small machine. So lines without a double quote - nearly all of a typical export - are split
// directly, records quoted the regular RFC 4180 way are split by a small exact splitter, and only irregular
// quoting goes to csv-parse (in batches, relax_quotes), which stays the authority there. A scanner that mirrors
// csv-parse finds where quoted records end, so multi-line cells keep their line numbers right.
//
// What goes wrong in real files is named with its line: a line that never ends (no line break for megabytes), a
// quote that is never closed, a stray quote at the start of a field that swallows the following lines into one cell.

import { basename, extname } from 'node:path';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { InputError } from '../../errors.js';
import { finishRow, type CellValue, type Delimiter, type RawRow, type RawSheet } from './types.js';
import { decodeFileChunks, TextDecodeError, type TextEncodingName } from './decode.js';
import { cellTooLong, DEFAULT_LIMITS, LimitError } from './limits.js';


const QUOTE = 34;
const CR = 13;

/** A record longer than this is an unclosed quote swallowing the file, not data. */
const MAX_RECORD_LINES = 10_000;
const MAX_RECORD_CHARS = 16 * 1024 * 1024;
/** Quoted records parsed by one csv-parse call. */
const BATCH = 2_000;

const enum Q {
  FieldStart = 0,
  Unquoted = 1,
  Quoted = 2,
}

/** Quote state at the end of one physical line (without its "\n"), mirroring csv-parse with relax_quotes. */
function scanLine(s: string, delim: number, state: Q): Q {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (state === Q.Quoted) {
      if (c !== QUOTE) continue;
      const next = i + 1 < n ? s.charCodeAt(i + 1) : -1;
      if (next === QUOTE) {
        i++;
        continue;
      }
      // Closing quote (followed by delimiter or end of line); any other follower makes csv-parse (relax_quotes)
      // treat the field as literal text - unquoted either way.
      state = Q.Unquoted;
    } else if (c === delim) {
      state = Q.FieldStart;
    } else if (state === Q.FieldStart) {
      state = c === QUOTE ? Q.Quoted : Q.Unquoted;
    }
  }
  return state;
}

/**
 * Splits a record that uses quotes the regular RFC 4180 way (quotes only around whole fields, "" inside). Returns
 * null for anything irregular, which then goes to csv-parse.
 */
function splitQuoted(s: string, delim: string): string[] | null {
  const delimCode = delim.charCodeAt(0);
  const n = s.length;
  const fields: string[] = [];
  let nextQuote = s.indexOf('"');
  let i = 0;
  for (;;) {
    if (i < n && s.charCodeAt(i) === QUOTE) {
      let val = '';
      let seg = i + 1;
      let j = seg;
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0) return null;
        if (q + 1 < n && s.charCodeAt(q + 1) === QUOTE) {
          val += s.slice(seg, q + 1);
          j = seg = q + 2;
          continue;
        }
        val += s.slice(seg, q);
        i = q + 1;
        break;
      }
      fields.push(val);
      if (i === n) return fields;
      if (s.charCodeAt(i) !== delimCode) return null;
      i++;
      nextQuote = s.indexOf('"', i);
    } else {
      const d = s.indexOf(delim, i);
      const end = d < 0 ? n : d;
      if (nextQuote >= 0 && nextQuote < end) return null;
      fields.push(s.slice(i, end));
      if (d < 0) return fields;
      i = d + 1;
    }
    if (i === n) {
      fields.push('');
      return fields;
    }
  }
}

function toRow(rowNo: number, fields: string[], breaks = 0): RawRow | undefined {
  const cells = fields as CellValue[];
  for (let i = 0; i < cells.length; i++) if (cells[i] === '') cells[i] = null;
  const row = finishRow(rowNo, cells);
  if (row && breaks > 0) row.lines = breaks + 1;
  return row;
}

/** Placeholder for the rare case where one scanned record turned out to be several. */
interface MultiRow extends RawRow {
  more: RawRow[];
}

function stripCr(s: string): string {
  return s.length > 0 && s.charCodeAt(s.length - 1) === CR ? s.slice(0, -1) : s;
}

function countLineBreaks(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) n++;
  }
  return n;
}

export interface ParseOptions {
  delimiter: Delimiter;
  /** For error messages. */
  fileName: string;
  sheetName?: string;
  /** Longest cell accepted (default: the default limit). */
  cellChars?: number;
}

/** The longest field of a record, when it is longer than `max`. */
function longestOver(fields: string[], max: number): number {
  let longest = 0;
  for (const f of fields) if (f.length > longest) longest = f.length;
  return longest > max ? longest : 0;
}

/** How many times `ch` occurs in s. */
function occurrences(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * A quoted cell spanning lines whose later lines look like whole records (as many separators as a record has): a stray
 * quote at the start of a field has swallowed the following lines. Returns the offending field, or undefined.
 */
function swallowedRecords(fields: string[], delim: string, recordDelims: number): { field: string; lines: number } | undefined {
  if (recordDelims < 2) return undefined;
  const threshold = Math.max(2, Math.ceil(recordDelims * 0.6));
  for (const f of fields) {
    if (f.indexOf('\n') < 0) continue;
    const lines = f.split('\n');
    const full = lines.slice(1).filter((l) => occurrences(l, delim) >= threshold).length;
    if (full > 0) return { field: f, lines: lines.length - 1 };
  }
  return undefined;
}

/**
 * Parses decoded text chunks into rows. Row numbers are physical line numbers of each record's first line;
 * records with no non-empty cell are not yielded (their lines still count). Cells are strings, "" becomes null,
 * trailing empty cells are dropped.
 */
export async function* parseDelimited(chunks: AsyncIterable<string>, opts: ParseOptions): AsyncGenerator<RawRow> {
  for await (const batch of parseDelimitedBatches(chunks, opts)) yield* batch;
}

/** parseDelimited's rows, one array per decoded chunk (the records that chunk completed). */
export async function* parseDelimitedBatches(chunks: AsyncIterable<string>, opts: ParseOptions): AsyncGenerator<RawRow[]> {
  const delim = opts.delimiter;
  const delimCode = delim.charCodeAt(0);
  const place = { file: opts.fileName, sheet: opts.sheetName };
  const cellChars = opts.cellChars ?? DEFAULT_LIMITS.cellChars;
  /** Separators in a record, from the first line with two or more (the header): what a swallowed line looks like. */
  let recordDelims = 0;
  const checkCells = (fields: string[], rowNo: number): void => {
    const long = longestOver(fields, cellChars);
    if (long > 0) throw cellTooLong({ cellChars }, long, rowNo);
  };
  const checkSpan = (fields: string[], rowNo: number): void => {
    const bad = swallowedRecords(fields, delim, recordDelims);
    if (!bad) return;
    const start = bad.field.slice(0, 24).replace(/\n/g, ' ');
    throw new InputError(
      { ...place, row: rowNo },
      `这一行有一个字段以英文双引号开头（「"${start}…」），引号没有在同一行配对，结果后面 ${bad.lines} 行都被并进了这一个单元格`,
      '请检查这一行多余的双引号（单元格里的引号应写成两个 ""，或整个去掉），也可以用 Excel/WPS 打开后重新另存为 CSV',
    );
  };
  const csvOptions = {
    delimiter: delim,
    relax_column_count: true,
    relax_quotes: true,
    bom: false,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n'],
  };

  let line = 1; // physical line number of the next line
  let carry = '';
  let rec: string[] | null = null; // lines of a quoted record spanning several lines
  let recStart = 0;
  let recChars = 0;
  let crOnly: boolean | undefined;
  // Rows in file order; quoted records hold a slot here until their batch is parsed.
  const out: (RawRow | undefined)[] = [];
  const batchText: string[] = [];
  const batchRows: number[] = [];
  const batchSlots: number[] = [];

  const flushBatch = (): void => {
    if (batchText.length === 0) return;
    let parsed: string[][] | undefined;
    try {
      parsed = parseCsvSync(batchText.join('\n'), csvOptions) as string[][];
    } catch {
      parsed = undefined;
    }
    if (parsed && parsed.length === batchText.length) {
      for (let i = 0; i < parsed.length; i++) {
        if (batchText[i]!.length > cellChars) checkCells(parsed[i]!, batchRows[i]!);
        const multiLine = batchText[i]!.indexOf('\n') >= 0;
        if (multiLine) checkSpan(parsed[i]!, batchRows[i]!);
        out[batchSlots[i]!] = toRow(batchRows[i]!, parsed[i]!, multiLine ? countLineBreaks(parsed[i]!) : 0);
      }
    } else {
      // The scanner and csv-parse disagree on record boundaries: parse record by record, keeping numbering.
      for (let i = 0; i < batchText.length; i++) {
        let recs: string[][];
        try {
          recs = parseCsvSync(batchText[i]!, csvOptions) as string[][];
        } catch (e) {
          throw new InputError(
            { ...place, row: batchRows[i]! },
            `这一行的英文双引号不成对，无法按 CSV 规则拆分（${(e as Error).message}）`,
            '请用 Excel 或 WPS 打开该文件检查这一行，修正后重新另存为 CSV',
          );
        }
        // Several records where the scanner saw one: keep them all (in one slot), numbered by their lines.
        let rowNo = batchRows[i]!;
        const rows: RawRow[] = [];
        for (const fields of recs) {
          checkCells(fields, rowNo);
          checkSpan(fields, rowNo);
          const breaks = countLineBreaks(fields);
          const r = toRow(rowNo, fields, breaks);
          if (r) rows.push(r);
          rowNo += breaks + 1;
        }
        out[batchSlots[i]!] = rows.length === 0 ? undefined : rows.length === 1 ? rows[0] : { rowNo: -1, cells: [], more: rows } as MultiRow;
      }
    }
    batchText.length = 0;
    batchRows.length = 0;
    batchSlots.length = 0;
  };

  const queue = (text: string, rowNo: number): void => {
    batchText.push(text);
    batchRows.push(rowNo);
    batchSlots.push(out.length);
    out.push(undefined);
    if (batchText.length >= BATCH) flushBatch();
  };

  const unclosed = (): InputError =>
    new InputError(
      { ...place, row: recStart },
      '从这一行起有一个英文双引号没有配对，后面的内容都会被当成同一个单元格',
      '请检查这一行的双引号（单元格里的引号应写成两个 ""），或用 Excel/WPS 打开后重新另存为 CSV',
    );
  /** A line of more than MAX_RECORD_CHARS without a line break: an unclosed quote if one is open, else not a table. */
  const endless = (text: string): InputError => {
    if (text.indexOf('"') >= 0 && scanLine(text, delimCode, Q.FieldStart) === Q.Quoted) return unclosed();
    return new InputError(
      { ...place, row: line },
      `这一行超过 ${MAX_RECORD_CHARS.toLocaleString('en-US')} 个字符仍没有换行，不是正常的表格文本`,
      '文件可能是别的格式（压缩包、数据库、日志……）被改了扩展名，或在导出时损坏；请确认选对了文件，必要时用 Excel/WPS 打开后另存为 CSV',
    );
  };

  const handleLine = (raw: string): void => {
    if (rec === null) {
      if (raw.indexOf('"') < 0) {
        const fields = stripCr(raw).split(delim);
        if (recordDelims === 0 && fields.length > 2) recordDelims = fields.length - 1;
        if (raw.length > cellChars) checkCells(fields, line);
        const r = toRow(line, fields);
        if (r) out.push(r);
      } else if (scanLine(raw, delimCode, Q.FieldStart) === Q.Quoted) {
        rec = [raw];
        recStart = line;
        recChars = raw.length;
      } else {
        const text = stripCr(raw);
        const fields = splitQuoted(text, delim);
        if (fields) {
          if (recordDelims === 0 && fields.length > 2) recordDelims = fields.length - 1;
          if (text.length > cellChars) checkCells(fields, line);
          const r = toRow(line, fields);
          if (r) out.push(r);
        } else {
          queue(text, line);
        }
      }
    } else {
      rec.push(raw);
      recChars += raw.length + 1;
      if (rec.length > MAX_RECORD_LINES || recChars > MAX_RECORD_CHARS) throw unclosed();
      if (scanLine(raw, delimCode, Q.Quoted) !== Q.Quoted) {
        const text = stripCr(rec.join('\n'));
        const fields = splitQuoted(text, delim);
        if (fields) {
          if (text.length > cellChars) checkCells(fields, recStart);
          checkSpan(fields, recStart);
          const r = toRow(recStart, fields, rec.length - 1);
          if (r) out.push(r);
        } else {
          queue(text, recStart);
        }
        rec = null;
      }
    }
    line++;
  };

  /** The rows parsed so far, in file order (quoted records parsed by csv-parse take their slots back). */
  function drain(): RawRow[] {
    flushBatch();
    const rows: RawRow[] = [];
    for (const r of out) {
      if (r === undefined) continue;
      if (r.rowNo === -1) rows.push(...(r as MultiRow).more);
      else rows.push(r);
    }
    out.length = 0;
    return rows;
  }

  try {
    for await (let chunk of chunks) {
      if (crOnly === undefined && chunk.length > 0) {
        // Old Mac "CSV (Macintosh)" files end lines with a lone CR.
        crOnly = chunk.indexOf('\n') < 0 && chunk.indexOf('\r') >= 0;
      }
      if (crOnly) chunk = chunk.replaceAll('\r', '\n');
      const text = carry.length > 0 ? carry + chunk : chunk;
      let pos = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', pos)) {
        handleLine(text.slice(pos, nl));
        pos = nl + 1;
      }
      carry = text.slice(pos);
      if (carry.length > MAX_RECORD_CHARS) {
        recStart = line;
        throw rec === null ? endless(carry) : unclosed();
      }
      const rows = drain();
      if (rows.length > 0) yield rows;
    }
  } catch (e) {
    if (e instanceof LimitError) throw new InputError({ ...place, row: e.row ?? line }, e.problem, e.fix);
    if (e instanceof TextDecodeError) {
      const enc = e.encoding.toUpperCase();
      throw new InputError(
        { ...place, row: line + e.lineFeedsBefore },
        `文件前部按 ${enc} 识别，但这一行出现了不是 ${enc} 的字节（文件第 ${e.byteOffset + 1} 个字节），可能是几个不同编码的文件拼在了一起`,
        '请用 --encoding gbk 或 --encoding utf-8 明确指定编码，或用 Excel/WPS 打开后统一另存为“CSV UTF-8”',
      );
    }
    throw e;
  }
  if (carry.length > 0) handleLine(carry);
  if (rec !== null) throw unclosed();
  const rows = drain();
  if (rows.length > 0) yield rows;
}

export interface CsvFileOptions {
  delimiter: Delimiter;
  encoding: TextEncodingName;
  /** BOM bytes to skip. */
  skip: number;
  fileName: string;
  cellChars?: number;
}

/** Sheet name for single-sheet text files: the file name without its extension. */
export function sheetNameFor(fileName: string): string {
  const base = basename(fileName);
  const ext = extname(base);
  return ext && ext !== base ? base.slice(0, -ext.length) : base;
}

/** The one sheet of a CSV/TSV file; every rows() call streams the file afresh. */
export function readCsv(path: string, opts: CsvFileOptions): RawSheet {
  const name = sheetNameFor(opts.fileName);
  // Errors name the file and line only: the one sheet is the file.
  const parseOpts = (): ParseOptions => ({
    delimiter: opts.delimiter,
    fileName: opts.fileName,
    ...(opts.cellChars !== undefined ? { cellChars: opts.cellChars } : {}),
  });
  return {
    name,
    rows: () => parseDelimited(decodeFileChunks(path, opts.encoding, opts.skip), parseOpts()),
    rowBatches: () => parseDelimitedBatches(decodeFileChunks(path, opts.encoding, opts.skip), parseOpts()),
  };
}
