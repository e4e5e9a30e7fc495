// How much one input file may make bidui read, inflate and hold: a hostile or broken file (zip bomb, endless line,
// millions of rows) stops with a clear Chinese message and exit 2 instead of running for minutes or exhausting memory.

/** The limits in force for one file; defaults below, `limits:` in the config file overrides them. */
/** The raw XML characters a cell of cellChars characters may take (entities, rich-text runs, phonetic hints). */
export function rawCellChars(cellChars: number): number {
  return cellChars * 10 + 64;
}

export interface Limits {
  /** Rows read from one file, all sheets together. */
  rowsPerFile: number;
  /** Characters in one cell (Excel's own maximum is 32,767). */
  cellChars: number;
  /** Uncompressed bytes of one part of an .xlsx/.ods package. */
  zipEntryBytes: number;
  /** Uncompressed ÷ compressed size of one package part above 1 MB (real worksheets stay far below this). */
  zipRatio: number;
  /** Size of an .xls/.et/.ods file (these are read whole into memory). */
  legacyBytes: number;
  /** Size of a web-table (HTML or SpreadsheetML) file (also read whole). */
  htmlBytes: number;
}

const MB = 1024 * 1024;

/**
 * Defaults: a province's largest roster (≈2 million rows in one file) fits with room to spare, and every input stays
 * under 1 GB of memory (docs/performance.md has the measurements behind the byte limits: SheetJS takes about 85 times
 * a web table's size, so 8 MB of HTML peaks near 720 MB; the streaming .xls reader about 11 times the file).
 * Deflate cannot exceed about 1,030:1; worksheets of real rosters compress 5-50:1.
 */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  rowsPerFile: 5_000_000,
  cellChars: 32_767,
  zipEntryBytes: 1024 * MB,
  zipRatio: 500,
  legacyBytes: 100 * MB,
  htmlBytes: 8 * MB,
});

/** Entries smaller than this are not held to the ratio: a tiny styles part may compress very well. */
export const RATIO_EXEMPT_BYTES = MB;

export function limitsWith(overrides: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...(overrides ?? {}) };
}

/**
 * A file went past one of the limits. Thrown deep in a reader (which does not know the file's name); openFile turns it
 * into an InputError naming the file and sheet.
 */
export class LimitError extends Error {
  constructor(
    /** What is wrong, in Chinese, without the file name. */
    readonly problem: string,
    /** What the clerk can do. */
    readonly fix: string,
    /** Row (Excel row number or text line) where it happened, when known. */
    readonly row?: number,
  ) {
    super(problem);
    this.name = 'LimitError';
  }
}

/** A size as a clerk reads it: "3 MB", "1.3 MB", "17 KB". */
export const formatMb = (bytes: number): string =>
  bytes < MB ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${Math.round((bytes / MB) * 10) / 10} MB`;

/**
 * `limits:` of the config file (src/config/config.ts reads it): each limit's key there, the range a file may set, and
 * the multiplier from the key's unit (MB → bytes); `what` for messages, `note` for the commented block bidui init writes.
 * Messages that say how to raise a limit name its key.
 */
export const LIMIT_SETTINGS: Readonly<Record<keyof Limits, { key: string; min: number; max: number; unit: number; what: string; note: string }>> = {
  rowsPerFile: { key: 'rows_per_file', min: 1_000, max: 100_000_000, unit: 1, what: '每个文件最多读取的行数', note: '每个文件最多读取的行数（所有工作表合计），远多于一个省的名单' },
  cellChars: { key: 'cell_chars', min: 255, max: 10_000_000, unit: 1, what: '单元格最多字符数', note: '一个单元格最多的字符数（Excel 单元格的上限就是 32767）' },
  zipEntryBytes: { key: 'zip_entry_mb', min: 1, max: 16_384, unit: MB, what: '压缩包部件解压后的大小上限（MB）', note: '.xlsx/.ods 压缩包里单个部件解压后的大小上限（MB）' },
  zipRatio: { key: 'zip_ratio', min: 10, max: 2_000, unit: 1, what: '压缩比上限', note: '压缩包部件的压缩比上限（正常表格远低于此；用于识别“压缩炸弹”）' },
  legacyBytes: { key: 'xls_mb', min: 1, max: 2_048, unit: MB, what: '.xls/.et 文件大小上限（MB）', note: '.xls/.et 文件的大小上限（MB）' },
  htmlBytes: { key: 'html_mb', min: 1, max: 1_024, unit: MB, what: '网页表格文件大小上限（MB）', note: '网页表格（扩展名为 .xls 的 HTML/XML 文件）的大小上限（MB）：这种文件须整个读入内存，8 MB 约占 720 MB' },
};

export function raiseHint(key: keyof Limits): string {
  return `如确认文件无误，可在配置文件的 limits: 中调大 ${LIMIT_SETTINGS[key].key}`;
}

export function cellTooLong(limits: Pick<Limits, 'cellChars'>, length: number, row?: number): LimitError {
  return new LimitError(
    `有一个单元格长达 ${length.toLocaleString('en-US')} 个字符，超过上限 ${limits.cellChars.toLocaleString('en-US')}（Excel 单元格最多 32,767 个字符），这不是正常的名单内容`,
    `文件可能已损坏，或不是由表格软件保存的；请用 Excel/WPS 打开检查后另存再试。${raiseHint('cellChars')}`,
    row,
  );
}

export function tooManyRows(limits: Pick<Limits, 'rowsPerFile'>, row?: number): LimitError {
  return new LimitError(
    `文件超过 ${limits.rowsPerFile.toLocaleString('en-US')} 行（rows_per_file），已停止读取`,
    `一个名单文件通常远少于这个行数，请确认文件是否正确（例如是否被复制了大量空行或重复内容）。${raiseHint('rowsPerFile')}`,
    row,
  );
}
