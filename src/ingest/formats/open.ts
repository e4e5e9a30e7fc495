// Opens any input file: checks it (regular files only), hashes it, sniffs its real format and hands back its sheets
// from the right reader, with the limits of limits.ts enforced (rows counted here, the rest in the readers).

import { constants, createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { BiduiError, InputError } from '../../errors.js';
import type { OpenedFile, RawRow, RawSheet } from './types.js';
import { sniffFormat, SNIFF_BYTES, UTF16_NO_BOM } from './sniff.js';
import { detectFileEncoding, normalizeEncodingName, type TextEncodingName } from './decode.js';
import { readCsv } from './csv.js';
import { LimitError, limitsWith, tooManyRows, type Limits } from './limits.js';

const SUPPORTED =
  '支持的格式：Excel 工作簿 (.xlsx)、Excel 97-2003 工作簿 (.xls)、WPS 表格 (.et)、OpenDocument 表格 (.ods)、CSV/制表符分隔文本，' +
  '以及扩展名为 .xls 的网页表格';
const RESAVE = '请用 Excel 或 WPS 打开该文件，另存为“Excel 工作簿 (.xlsx)”后重试';

export interface OpenOptions {
  /** --encoding: for CSV/TSV/HTML only. */
  encoding?: string;
  /** The content hash when the caller has just computed it (a reading worker reopens the file): not hashed again. */
  sha256?: string;
  /** Overrides of the default limits (the config file's `limits:`). */
  limits?: Partial<Limits>;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function readHead(path: string): Promise<Buffer> {
  // Non-blocking: should the path have turned into a FIFO since it was checked, opening it must not hang.
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await fh.stat()).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function fsProblem(path: string, e: unknown): InputError | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const place = { file: path };
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new InputError(place, '找不到文件', '请检查路径和文件名是否写对（含扩展名），或先 cd 到文件所在的文件夹');
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new InputError(place, '没有读取这个文件的权限', '请检查文件权限，或把文件复制到自己有权限的文件夹再试');
  }
  if (code === 'EBUSY') {
    return new InputError(place, '文件正被其他程序占用', '请在 Excel/WPS 中关闭该文件后重试');
  }
  if (code === 'EISDIR') {
    return new InputError(place, '这是一个文件夹，不是文件', '请指定文件夹里的具体表格文件');
  }
  if (code === 'ELOOP') {
    return new InputError(place, '这个路径是循环的符号链接（链接最终又指回了自己），找不到真正的文件', '请改为指定实际的表格文件，或修正这个链接');
  }
  if (code === 'ENAMETOOLONG') {
    return new InputError(place, '路径太长，系统无法打开', '请把文件移到路径较短的文件夹再试');
  }
  if (code === 'ENOTREG') {
    return new InputError(place, '这不是普通文件（可能是设备、管道或套接字）', '请指定一个表格文件（.xlsx、.xls、.et 或 .csv）');
  }
  return undefined;
}

/** Turns anything a reader throws into an InputError that names the file (and sheet), keeping our own errors. */
function asInputError(e: unknown, fileName: string, sheet: string | undefined, problem: string, fix: string): BiduiError {
  if (e instanceof BiduiError) return e;
  if (e instanceof LimitError) return new InputError({ file: fileName, sheet, row: e.row }, e.problem, e.fix);
  if (e instanceof RangeError && /string length|allocation|Array buffer/i.test(e.message)) {
    return new InputError({ file: fileName, sheet }, '文件中有内容大得超出了可以处理的范围（例如一个巨大的单元格）', '这不是正常的名单文件；请用 Excel/WPS 打开检查后另存再试', [e.message]);
  }
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const fsErr = fsProblem(fileName, e);
  if (fsErr) return fsErr;
  return new InputError({ file: fileName, sheet }, problem, fix, [detail]);
}

/** Converts a reader failure into the user-facing error; undefined leaves it to the generic message. */
type Translate = (e: unknown, sheet: string | undefined) => BiduiError | undefined;

/**
 * Wraps sheets and their rows so reader failures surface as InputError with the file (and sheet) name, and counts the
 * rows of all sheets against the rows-per-file limit.
 */
function guarded(
  source: () => AsyncIterable<RawSheet> | Promise<AsyncIterable<RawSheet>>,
  fileName: string,
  problem: string,
  fix: string,
  limits: Limits,
  translate: Translate = () => undefined,
): () => AsyncIterable<RawSheet> {
  const wrap = (e: unknown, sheet?: string): BiduiError =>
    translate(e, sheet) ?? asInputError(e, fileName, sheet, problem, fix);
  const counter = { rows: 0, max: limits.rowsPerFile };
  return () => ({ [Symbol.asyncIterator]: () => wrapped(source, (e) => wrap(e), (sheet) => ({ keep: guardSheet(sheet, wrap, counter) })) });
}

/**
 * Iterates a reader's sheets, rows or batches with its errors made into InputErrors (`wrap`). `over` sees each item:
 * null hands it on; otherwise the part to hand on (or none) and the error to stop with (the rows-per-file limit), or a
 * replacement item without error. The reader is closed when the iteration stops early.
 */
async function* wrapped<T>(
  open: () => AsyncIterable<T> | Promise<AsyncIterable<T>>,
  wrap: (e: unknown) => BiduiError,
  over: (item: T) => { keep: T | null; error?: BiduiError } | null = () => null,
): AsyncGenerator<T> {
  let it: AsyncIterator<T>;
  try {
    it = (await open())[Symbol.asyncIterator]();
  } catch (e) {
    throw wrap(e);
  }
  let done = false;
  try {
    for (;;) {
      let n: IteratorResult<T>;
      try {
        n = await it.next();
      } catch (e) {
        done = true;
        throw wrap(e);
      }
      if (n.done) {
        done = true;
        return;
      }
      const o = over(n.value);
      if (o === null) {
        yield n.value;
        continue;
      }
      if (o.keep !== null) yield o.keep;
      if (o.error) throw o.error;
    }
  } finally {
    if (!done) await it.return?.();
  }
}

function guardSheet(sheet: RawSheet, wrap: (e: unknown, sheet?: string) => BiduiError, counter: { rows: number; max: number }): RawSheet {
  return {
    name: sheet.name,
    ...(sheet.hidden ? { hidden: sheet.hidden } : {}),
    rows: () => ({
      [Symbol.asyncIterator]: () =>
        wrapped(() => sheet.rows(), (e) => wrap(e, sheet.name), (row) =>
          ++counter.rows > counter.max ? { keep: null, error: wrap(tooManyRows({ rowsPerFile: counter.max }, row.rowNo), sheet.name) } : null),
    }),
    ...(sheet.rowBatches ? { rowBatches: () => guardBatches(sheet, sheet.rowBatches!.bind(sheet), wrap, counter) } : {}),
  };
}

/** guardSheet's checks for a sheet read a batch at a time: errors named by sheet, the rows-per-file limit. */
function guardBatches(
  sheet: RawSheet,
  batches: () => AsyncIterable<RawRow[]>,
  wrap: (e: unknown, sheet?: string) => BiduiError,
  counter: { rows: number; max: number },
): AsyncIterable<RawRow[]> {
  return {
    [Symbol.asyncIterator]: () =>
      wrapped(batches, (e) => wrap(e, sheet.name), (batch) => {
        const before = counter.rows;
        counter.rows += batch.length;
        if (counter.rows <= counter.max) return null;
        // The rows up to the limit are still handed on, as row by row: the error names the first row over it.
        const keep = Math.max(0, counter.max - before);
        return { keep: keep > 0 ? batch.slice(0, keep) : null, error: wrap(tooManyRows({ rowsPerFile: counter.max }, batch[keep]!.rowNo), sheet.name) };
      }),
  };
}

async function* each(sheets: readonly RawSheet[]): AsyncGenerator<RawSheet> {
  yield* sheets;
}

/** --encoding as sniffFormat needs it; a name it does not know is left for the text reader to refuse. */
function forcedEncoding(name: string | undefined): TextEncodingName | undefined {
  if (!name) return undefined;
  try {
    return normalizeEncodingName(name);
  } catch {
    return undefined;
  }
}

function unsupported(fileName: string, label: string): InputError {
  const place = { file: fileName };
  if (label.includes('.xlsb')) {
    return new InputError(place, '这是 Excel 二进制工作簿 (.xlsb)，本工具不能直接读取', RESAVE);
  }
  if (label === UTF16_NO_BOM) {
    return new InputError(
      place,
      '文件像是没有 BOM（字节顺序标记）的 UTF-16 文本，无法判断字节顺序',
      '请加 --encoding utf-16le（Windows 程序导出的多是这种）或 --encoding utf-16be 再试',
    );
  }
  if (label === '二进制数据') {
    return new InputError(place, '文件内容是二进制数据，既不是表格也不是文本表格（可能损坏或扩展名有误）', `${SUPPORTED}。请确认选对了文件`);
  }
  const sep = /^[A-Za-z0-9]/.test(label) ? ' ' : '';
  return new InputError(place, `这是${sep}${label}，不是表格文件`, `${SUPPORTED}。请确认选对了文件`);
}

/** Opens an input file: stat, SHA-256, sniff by content, then the matching reader. */
export async function openFile(path: string, opts: OpenOptions = {}): Promise<OpenedFile> {
  const fileName = basename(path);
  const limits = limitsWith(opts.limits);
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) {
      throw new InputError({ file: path }, '这是一个文件夹，不是文件', '请指定文件夹里的具体表格文件');
    }
    if (!st.isFile()) {
      throw new InputError({ file: path }, '这不是普通文件', '请指定一个表格文件（.xlsx、.xls、.et 或 .csv）');
    }
    size = st.size;
  } catch (e) {
    if (e instanceof BiduiError) throw e;
    throw fsProblem(path, e) ?? e;
  }
  if (size === 0) {
    throw new InputError(
      { file: fileName },
      '文件是空的（0 字节）',
      '可能是导出或复制时出了错，请重新获取该文件',
    );
  }

  let head: Buffer;
  let sha256: string;
  try {
    // The head first: its non-blocking open is where a path that is not a regular file is caught.
    head = await readHead(path);
    sha256 = opts.sha256 ?? (await sha256Of(path));
  } catch (e) {
    throw fsProblem(path, e) ?? e;
  }

  const sniffed = sniffFormat(head, fileName, forcedEncoding(opts.encoding));
  const base = { path, fileName, sha256, size, formatLabel: sniffed.label };

  switch (sniffed.format) {
    case 'unknown':
      throw unsupported(fileName, sniffed.label);

    case 'xlsx': {
      const { readXlsx, NotAWorkbookError } = await import('./xlsx/read.js');
      const translate: Translate = (e) =>
        e instanceof NotAWorkbookError
          ? new InputError(
              { file: fileName },
              '文件已损坏或不是 Excel 工作簿（这是一个 zip 压缩包，但里面没有 Excel 工作表）',
              `${RESAVE}；如果它本来就是压缩包，请先解压`,
            )
          : undefined;
      return {
        ...base,
        format: 'xlsx',
        sheets: guarded(
          () => readXlsx(path, { limits }),
          fileName,
          '文件已损坏或不是 Excel 工作簿（按 .xlsx 压缩包读取失败，可能是文件不完整、下载中断，或其实是别的 Office 文件）',
          RESAVE,
          limits,
          translate,
        ),
      };
    }

    case 'xls':
    case 'et':
    case 'ods': {
      const { readXls, LegacyReadError } = await import('./legacy.js');
      const what = { xls: ' Excel 97-2003 工作簿', et: ' WPS 表格', ods: ' OpenDocument 表格' }[sniffed.format];
      const translate: Translate = (e) =>
        e instanceof LegacyReadError && e.encrypted
          ? new InputError(
              { file: fileName },
              '文件设置了打开密码（已加密），无法读取',
              '请在 Excel 或 WPS 中输入密码打开，取消密码后另存为“Excel 工作簿 (.xlsx)”再试',
              [e.message],
            )
          : undefined;
      return {
        ...base,
        format: sniffed.format,
        sheets: guarded(
          async () => each((await readXls(path, limits, sniffed.format === 'ods')).sheets),
          fileName,
          `文件已损坏或设置了密码保护，无法按${what}读取`,
          RESAVE,
          limits,
          translate,
        ),
      };
    }

    case 'html': {
      const { readHtml } = await import('./legacy.js');
      // Decoding is decided here so that encoding and reason are known before sheets are read.
      const book = await readHtml(path, opts.encoding, fileName, limits).catch((e: unknown) => {
        throw asInputError(e, fileName, undefined, '网页表格无法解析', RESAVE);
      });
      return {
        ...base,
        format: 'html',
        encoding: book.encoding,
        encodingReason: book.encodingReason,
        sheets: guarded(() => each(book.sheets), fileName, '网页表格无法解析', RESAVE, limits),
      };
    }

    case 'csv':
    case 'tsv': {
      const enc = await detectFileEncoding(path, opts.encoding, fileName);
      const delimiter = sniffed.delimiter ?? (sniffed.format === 'tsv' ? '\t' : ',');
      const sheet = readCsv(path, {
        delimiter,
        encoding: enc.encoding,
        skip: enc.skip,
        fileName,
        cellChars: limits.cellChars,
      });
      return {
        ...base,
        format: sniffed.format,
        encoding: enc.encoding,
        encodingReason: enc.reason,
        delimiter,
        sheets: guarded(
          () => each([sheet]),
          fileName,
          '读取文本表格时出错',
          '请确认文件完整；必要时用 Excel/WPS 打开后另存为 CSV 再试',
          limits,
        ),
      };
    }
  }
}
