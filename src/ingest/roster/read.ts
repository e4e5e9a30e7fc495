// Reads one roster file end to end: open, pick sheets (hidden ones skipped unless chosen), find the header, map
// columns, then each sheet's data area (sheet.ts).
import { InputError } from '../../errors.js';
import { normalizeHeader } from '../../normalize/header.js';
import { ID_STATUSES, KIND_NAMES, type IdStatus, type Kind, type RosterRow } from '../../model/index.js';
import { idAliasesTried, mapColumns, parseUserMap, type ColumnMap } from './columns.js';
import { bestGuessHeaders, detectHeader, HEADER_SCAN_ROWS } from './header.js';
import { processSheet } from './sheet.js';
import type { TownshipSource } from './township.js';
import type { Limits } from '../formats/limits.js';
import type { OpenedFile, RawRow, RawSheet } from '../formats/types.js';

export interface ReadOptions {
  kind: Kind;
  refDate: string;
  sheet?: string; // name or 1-based number
  headerRow?: number;
  area?: '城市' | '农村';
  label?: string;
  map?: readonly string[];
  /** The county of rows whose file has no 县区 column (domain.md §10). */
  county?: string | null;
  /** The config file's limits: (rows per file, cell length, …); the format layer enforces them. */
  limits?: Partial<Limits>;
}

/** Rows of the data area that are not persons, by cause. */
export interface SkippedCounts {
  blank: number;
  /** 小计/合计/总计 rows and Excel tables' totals rows. */
  subtotal: number;
  footer: number;
  /** Header rows repeated inside the data (pasted blocks, page headers). */
  header: number;
  /** Title rows between pasted blocks. */
  title: number;
}

export interface SheetReport {
  name: string;
  used: boolean;
  reason?: string; // why a sheet was not used
  /** The workbook hides this sheet (hidden sheets are skipped unless --sheet chooses one). */
  hidden?: 'hidden' | 'veryHidden';
  headerRows?: number[];
  layout?: ColumnMap['layout'] | 'cell';
  /**
   * Where the rows' township comes from: the 乡镇 column (name null; `fallback` fills its empty cells), or the sheet
   * name, a title row (`row`) or the file name (`from` is the text it was read in); null when nothing names one.
   */
  township?: { source: TownshipSource; name: string | null; from?: string; row?: number; fallback?: string } | null;
  /** The township when it came from the sheet name (kept for older readers of stored reports). */
  townshipFromSheet?: string | null;
  /** Rows whose empty 乡镇 cell was filled from the sheet name, title or file name. */
  townshipFilled?: number;
  /** Further header rows inside the sheet that began a block with other columns or another township. */
  blocks?: { headerRows: number[]; remapped: boolean; mapped?: ColumnMap['mapped']; township: SheetReport['township'] }[];
  mapped?: ColumnMap['mapped'];
  unmapped?: ColumnMap['unmapped'];
  missingFields?: string[];
  rowsRead: number;
  skipped?: SkippedCounts;
}

export interface RowNote {
  sheet: string;
  row: number;
  message: string;
}

export interface ReadReport {
  file: Pick<OpenedFile, 'path' | 'fileName' | 'sha256' | 'size' | 'format' | 'formatLabel' | 'encoding' | 'encodingReason' | 'delimiter'>;
  kind: Kind;
  sheets: SheetReport[];
  rowsRead: number; // data-area rows (after the header), including skipped and rejected ones
  persons: number; // RosterRows produced
  skipped: SkippedCounts;
  rejected: number;
  idStatus: Record<IdStatus, number>;
  rejectedRows: RowNote[]; // first few, with reasons
  warnings: RowNote[]; // first few row-level warnings
  warningCount: number;
}

/** All skipped rows of a report. */
export function skippedTotal(s: SkippedCounts): number {
  return s.blank + s.subtotal + s.footer + s.header + s.title;
}

const HIDDEN_REASON = '隐藏的工作表，默认不导入；如确需导入请用 --sheet 指定';

/** A sheet's rows one by one, and (from readers that produce them in bulk) the rest of a batch at once. */
export interface RowSource extends AsyncIterator<RawRow> {
  /** The rows not yet taken, a batch at a time; null at the end. */
  nextBatch?(): Promise<RawRow[] | null>;
}

/** Row source over a sheet: batches when the reader gives them (no async step per row), else its rows. */
function rowSource(sheet: RawSheet): RowSource {
  if (!sheet.rowBatches) return sheet.rows()[Symbol.asyncIterator]();
  const it = sheet.rowBatches()[Symbol.asyncIterator]();
  let buf: RawRow[] = [];
  let pos = 0;
  const fill = async (): Promise<boolean> => {
    for (;;) {
      const r = await it.next();
      if (r.done) return false;
      if (r.value.length > 0) {
        buf = r.value;
        pos = 0;
        return true;
      }
    }
  };
  return {
    async next(): Promise<IteratorResult<RawRow>> {
      if (pos >= buf.length && !(await fill())) return { done: true, value: undefined };
      return { done: false, value: buf[pos++]! };
    },
    async nextBatch(): Promise<RawRow[] | null> {
      if (pos >= buf.length && !(await fill())) return null;
      const rest = pos === 0 ? buf : buf.slice(pos);
      pos = buf.length;
      return rest;
    },
    async return(): Promise<IteratorResult<RawRow>> {
      await it.return?.();
      return { done: true, value: undefined };
    },
  };
}

async function firstRows(it: AsyncIterator<RawRow>, n: number): Promise<{ rows: RawRow[]; done: boolean }> {
  const rows: RawRow[] = [];
  while (rows.length < n) {
    const r = await it.next();
    if (r.done) return { rows, done: true };
    rows.push(r.value);
  }
  return { rows, done: false };
}

function sheetWanted(opt: string | undefined, sheet: RawSheet, index: number): boolean {
  if (opt === undefined) return true;
  if (/^\d+$/.test(opt)) return Number(opt) === index + 1;
  return normalizeHeader(opt) === normalizeHeader(sheet.name);
}

/**
 * Streams the file's roster rows to `onRows` in batches. Throws InputError when no sheet holds a usable roster.
 * Nothing is written here: the caller decides (load stores, inspect only reports).
 */
export async function readRoster(file: OpenedFile, opts: ReadOptions, onRows: (rows: RosterRow[]) => void): Promise<ReadReport> {
  const { map: userMap, errors } = parseUserMap(opts.map ?? [], opts.kind);
  if (errors.length) throw new InputError({ file: file.fileName }, errors.join('；'), '请按 --map 字段=表头 的格式重新指定');
  const userIdHeaders = new Set([...userMap].filter(([, f]) => f === 'id_number' || f === 'cert_number').map(([h]) => h));
  const userHeaders = new Set(userMap.keys());
  const report: ReadReport = {
    file: {
      path: file.path, fileName: file.fileName, sha256: file.sha256, size: file.size, format: file.format,
      formatLabel: file.formatLabel, encoding: file.encoding, encodingReason: file.encodingReason,
      ...(file.delimiter ? { delimiter: file.delimiter } : {}),
    },
    kind: opts.kind,
    sheets: [],
    rowsRead: 0,
    persons: 0,
    skipped: { blank: 0, subtotal: 0, footer: 0, header: 0, title: 0 },
    rejected: 0,
    idStatus: Object.fromEntries(ID_STATUSES.map((s) => [s, 0])) as Record<IdStatus, number>,
    rejectedRows: [],
    warnings: [],
    warningCount: 0,
  };
  let noIdSheet: { name: string; headers: string[] } | null = null;
  /** --header-row named a row with nothing in it (or past the end) on this sheet. */
  let noHeaderRow: { name: string; last: number | null } | null = null;
  const sheetNames: string[] = [];
  let sheetIndex = 0;
  let usedSheets = 0;
  const hiddenSkipped: string[] = [];

  for await (const sheet of file.sheets()) {
    const index = sheetIndex++;
    sheetNames.push(sheet.name);
    const hidden = sheet.hidden ? { hidden: sheet.hidden } : {};
    if (!sheetWanted(opts.sheet, sheet, index)) {
      report.sheets.push({ name: sheet.name, used: false, reason: '未选中（--sheet）', rowsRead: 0, ...hidden });
      continue;
    }
    // Last month's roster or a lookup list kept as a hidden tab would double every continuing person.
    if (sheet.hidden && opts.sheet === undefined) {
      report.sheets.push({ name: sheet.name, used: false, reason: HIDDEN_REASON, rowsRead: 0, ...hidden });
      hiddenSkipped.push(sheet.name);
      continue;
    }
    const it = rowSource(sheet);
    const { rows, done } = await firstRows(it, opts.headerRow ? Math.max(HEADER_SCAN_ROWS, opts.headerRow + 1) : HEADER_SCAN_ROWS);
    const header = detectHeader(rows, userHeaders, userIdHeaders, opts.headerRow);
    const cmap = header ? mapColumns(header, opts.kind, userMap) : null;
    if (!header && opts.headerRow !== undefined && rows.length > 0 && !rows.some((r) => r.rowNo === opts.headerRow)) {
      noHeaderRow ??= { name: sheet.name, last: done ? rows.at(-1)!.rowNo : null };
      report.sheets.push({ name: sheet.name, used: false, reason: `第 ${opts.headerRow} 行没有内容（--header-row）`, rowsRead: 0, ...hidden });
      if (!done) await it.return?.();
      continue;
    }
    if (!header || !cmap || (cmap.members.every((m) => m.id === null) && !cmap.fields.has('cert_number'))) {
      const headers = header ? header.columns.map((c) => c.display) : bestGuessHeaders(rows);
      if (rows.length > 0 && (!noIdSheet || headers.length > noIdSheet.headers.length)) noIdSheet = { name: sheet.name, headers };
      report.sheets.push({ name: sheet.name, used: false, reason: rows.length === 0 ? '空工作表' : '未找到含身份证号的表头', rowsRead: 0, ...hidden });
      if (!done) await it.return?.();
      continue;
    }
    // Streaming readers hand out one sheet at a time: process this one now.
    const sr = await processSheet(
      { name: sheet.name, header, cmap, rows, more: done ? undefined : it },
      { opts, report, fileName: file.fileName, userMap, userHeaders, userIdHeaders, onRows },
    );
    report.sheets.push({ ...sr, ...hidden });
    usedSheets++;
  }

  if (usedSheets === 0) {
    if (opts.sheet !== undefined && report.sheets.every((s) => s.reason === '未选中（--sheet）')) {
      const list = sheetNames.map((n) => `「${n}」`).join('');
      throw new InputError(
        { file: file.fileName },
        /^\d+$/.test(opts.sheet) ? `没有第 ${opts.sheet} 个工作表（这个文件只有 ${sheetNames.length} 个）` : `没有名为「${opts.sheet}」的工作表`,
        `这个文件的工作表有：${list}；请用 --sheet 写其中一个的名称或序号（从 1 数起）`,
      );
    }
    if (noHeaderRow && !noIdSheet) {
      const n = opts.headerRow!;
      throw new InputError(
        { file: file.fileName, sheet: noHeaderRow.name },
        noHeaderRow.last !== null && noHeaderRow.last < n ? `--header-row 指定的第 ${n} 行超出了表格（最后一行是第 ${noHeaderRow.last} 行）` : `--header-row 指定的第 ${n} 行是空行`,
        '请写表头所在的 Excel 行号（两行表头写下面那一行），或去掉 --header-row 由程序自动查找表头',
      );
    }
    if (hiddenSkipped.length > 0) {
      throw new InputError(
        { file: file.fileName },
        `可见的工作表中没有名单，名单可能在隐藏的工作表「${hiddenSkipped.join('」「')}」中（隐藏的工作表默认不导入）`,
        `如确需导入，请用 --sheet 指定，例如 --sheet "${hiddenSkipped[0]}"`,
      );
    }
    const place = { file: file.fileName, sheet: noIdSheet?.name };
    if (noIdSheet && noIdSheet.headers.length > 0) {
      throw new InputError(
        place,
        `找不到身份证号列（${KIND_NAMES[opts.kind]}名单必须有身份证号${opts.kind === 'canji' || opts.kind === 'liangbu' ? '或残疾人证号' : ''}）`,
        `如果身份证号在别的表头下，请用 --map id_number=表头 指定，例如 --map id_number=${noIdSheet.headers[0]}`,
        [`看到的表头：${noIdSheet.headers.join('、')}`, `尝试过的表头：${idAliasesTried(opts.kind).join('、')}`],
      );
    }
    throw new InputError(place, '没有找到任何名单数据（各工作表都是空的或没有表格）', '请确认选对了文件；名单应有一行表头（含“身份证号”）和其下的数据行');
  }
  if (report.persons === 0) {
    const s = report.sheets.find((x) => x.used)!;
    throw new InputError(
      { file: file.fileName, sheet: s.name, row: s.headerRows?.at(-1) },
      '只有表头，没有任何数据行',
      '请确认导出时选择了数据，或选对了工作表（--sheet）',
    );
  }
  return report;
}
