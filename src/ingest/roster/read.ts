// Reads one roster file end to end: open, pick sheets, find the header, map columns, classify and build rows.
import path from 'node:path';
import { InputError } from '../../errors.js';
import { normalizeHeader } from '../../normalize/header.js';
import { ID_STATUSES, KIND_NAMES, type IdStatus, type Kind, type RosterRow } from '../../model/index.js';
import { idAliasesTried, mapColumns, parseUserMap, type ColumnMap } from './columns.js';
import { bestGuessHeaders, detectHeader, HEADER_SCAN_ROWS, type DetectedHeader } from './header.js';
import { buildPersons, type BuildContext } from './build.js';
import { classifyRow } from './classify.js';
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
}

export interface SheetReport {
  name: string;
  used: boolean;
  reason?: string; // why a sheet was not used
  headerRows?: number[];
  layout?: ColumnMap['layout'] | 'cell';
  townshipFromSheet?: string | null;
  mapped?: ColumnMap['mapped'];
  unmapped?: ColumnMap['unmapped'];
  missingFields?: string[];
  rowsRead: number;
}

export interface RowNote {
  sheet: string;
  row: number;
  message: string;
}

export interface ReadReport {
  file: Pick<OpenedFile, 'path' | 'fileName' | 'sha256' | 'size' | 'format' | 'formatLabel' | 'encoding' | 'encodingReason'>;
  kind: Kind;
  sheets: SheetReport[];
  rowsRead: number; // data-area rows (after the header), including skipped and rejected ones
  persons: number; // RosterRows produced
  skipped: { blank: number; subtotal: number; footer: number };
  rejected: number;
  idStatus: Record<IdStatus, number>;
  rejectedRows: RowNote[]; // first few, with reasons
  warnings: RowNote[]; // first few row-level warnings
  warningCount: number;
}

const NOTE_LIMIT = 50;
const BATCH = 2000;
const TOWNSHIP_SHEET = /(镇|乡|街道|办事处)$/;
/** Fields a clerk expects to see for each kind; absence is reported (rules needing them are skipped later). */
const EXPECTED_FIELDS: Record<Kind, string[]> = {
  dibao: ['name', 'township', 'village', 'status'],
  tekun: ['name', 'township', 'village', 'status'],
  fangpin: ['name', 'household_id', 'labor'],
  canji: ['name', 'disability_grade'],
  liangbu: ['name', 'subsidy_type'],
  death: ['name', 'death_date'],
  ext: ['name'],
};

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
  const report: ReadReport = {
    file: {
      path: file.path, fileName: file.fileName, sha256: file.sha256, size: file.size, format: file.format,
      formatLabel: file.formatLabel, encoding: file.encoding, encodingReason: file.encodingReason,
    },
    kind: opts.kind,
    sheets: [],
    rowsRead: 0,
    persons: 0,
    skipped: { blank: 0, subtotal: 0, footer: 0 },
    rejected: 0,
    idStatus: Object.fromEntries(ID_STATUSES.map((s) => [s, 0])) as Record<IdStatus, number>,
    rejectedRows: [],
    warnings: [],
    warningCount: 0,
  };
  let noIdSheet: { name: string; headers: string[] } | null = null;
  let sheetIndex = 0;
  let usedSheets = 0;

  for await (const sheet of file.sheets()) {
    const index = sheetIndex++;
    if (!sheetWanted(opts.sheet, sheet, index)) {
      report.sheets.push({ name: sheet.name, used: false, reason: '未选中（--sheet）', rowsRead: 0 });
      await drain(sheet);
      continue;
    }
    const it = sheet.rows()[Symbol.asyncIterator]();
    const { rows, done } = await firstRows(it, opts.headerRow ? Math.max(HEADER_SCAN_ROWS, opts.headerRow + 1) : HEADER_SCAN_ROWS);
    const header = detectHeader(rows, new Set(userMap.keys()), userIdHeaders, opts.headerRow);
    const cmap = header ? mapColumns(header, opts.kind, userMap) : null;
    if (!header || !cmap || (cmap.members.every((m) => m.id === null) && !cmap.fields.has('cert_number'))) {
      const headers = header ? header.columns.map((c) => c.display) : bestGuessHeaders(rows);
      if (rows.length > 0 && (!noIdSheet || headers.length > noIdSheet.headers.length)) noIdSheet = { name: sheet.name, headers };
      report.sheets.push({ name: sheet.name, used: false, reason: rows.length === 0 ? '空工作表' : '未找到含身份证号的表头', rowsRead: 0 });
      if (!done) await it.return?.();
      continue;
    }
    // Streaming readers hand out one sheet at a time: process this one now.
    await processSheet({ sheet, header, cmap, rows, it, done }, opts, report, onRows, file.fileName);
    usedSheets++;
  }

  if (usedSheets === 0) {
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

async function drain(sheet: RawSheet): Promise<void> {
  for await (const _ of sheet.rows()) {
    // streaming readers need a sheet read to its end before the next one
  }
}

async function processSheet(
  c: { sheet: RawSheet; header: DetectedHeader; cmap: ColumnMap; rows: RawRow[]; it: AsyncIterator<RawRow>; done: boolean },
  opts: ReadOptions,
  report: ReadReport,
  onRows: (rows: RosterRow[]) => void,
  fileName: string,
): Promise<void> {
  const { sheet, header, cmap } = c;
  const hasTownship = cmap.fields.has('township');
  // One sheet per township: a sheet named like a township places rows that have no 乡镇 column.
  const townshipFromSheet = !hasTownship && TOWNSHIP_SHEET.test(sheet.name.trim()) ? sheet.name.trim() : null;
  const sr: SheetReport = {
    name: sheet.name,
    used: true,
    headerRows: header.rowNos,
    layout: cmap.layout,
    townshipFromSheet,
    mapped: cmap.mapped,
    unmapped: cmap.unmapped,
    missingFields: EXPECTED_FIELDS[opts.kind].filter((f) => !cmap.fields.has(f) && !(f === 'name' && cmap.members.some((m) => m.name !== null))),
    rowsRead: 0,
  };
  report.sheets.push(sr);
  const ctx: BuildContext = {
    kind: opts.kind,
    refDate: opts.refDate,
    sheet: sheet.name,
    townshipFromSheet,
    county: opts.county || null,
    area: opts.area ?? null,
    label: opts.label ?? null,
    fileLabel: path.parse(fileName).name,
    headers: new Map(header.columns.map((col) => [col.index, col.display])),
  };
  let batch: RosterRow[] = [];
  let pendingBlank = 0;
  let lastRowNo = header.rowNos.at(-1)!;
  const handle = (row: RawRow) => {
    // Readers may leave out empty rows entirely: a gap in row numbers is blank rows too.
    pendingBlank += Math.max(0, row.rowNo - lastRowNo - 1);
    lastRowNo = row.rowNo;
    const kind = classifyRow(row, cmap);
    if (kind === 'blank') {
      pendingBlank++;
      return;
    }
    // Blank rows count only between data rows; trailing ones after the table are not part of it.
    report.skipped.blank += pendingBlank;
    report.rowsRead += pendingBlank + 1;
    sr.rowsRead += pendingBlank + 1;
    pendingBlank = 0;
    if (kind !== 'data') {
      report.skipped[kind]++;
      return;
    }
    const built = buildPersons(row, cmap, ctx);
    if (built.rejected) {
      report.rejected++;
      if (report.rejectedRows.length < NOTE_LIMIT) report.rejectedRows.push({ sheet: sheet.name, row: row.rowNo, message: built.rejected });
      return;
    }
    for (const p of built.persons) {
      if (p.member_no > 0 && sr.layout === 'plain') sr.layout = 'cell';
      report.idStatus[p.id_status]++;
      for (const w of p.warnings) {
        report.warningCount++;
        if (report.warnings.length < NOTE_LIMIT) report.warnings.push({ sheet: sheet.name, row: row.rowNo, message: w });
      }
      batch.push(p);
    }
    report.persons += built.persons.length;
    if (batch.length >= BATCH) {
      onRows(batch);
      batch = [];
    }
  };
  for (const row of c.rows.slice(header.dataStart)) handle(row);
  if (!c.done) {
    for (;;) {
      const r = await c.it.next();
      if (r.done) break;
      handle(r.value);
    }
  }
  if (batch.length) onRows(batch);
}
