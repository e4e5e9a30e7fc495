// Reads the data area of one sheet: every row after the header is a person, a skipped row (blank, totals, footer,
// title between pasted blocks) or a header again (blocks pasted one under another; a block whose columns moved is
// re-mapped). Rows get their township from the 乡镇 column, else from the sheet name, a title row or the file name.
import { sheetNameFor } from '../formats/csv.js';
import type { Kind, RosterRow } from '../../model/index.js';
import { cellText } from '../formats/cell-text.js';
import type { RawRow } from '../formats/types.js';
import { buildPersons, type BuildContext } from './build.js';
import { classifyRow, holdsPersonId } from './classify.js';
import { mapColumns, type ColumnMap } from './columns.js';
import { headerInData, sameColumns, type DetectedHeader } from './header.js';
import type { ReadOptions, ReadReport, RowSource, SheetReport } from './read.js';
import { guessTownship, townshipInTitle, type TownshipGuess } from './township.js';

const NOTE_LIMIT = 50;
const BATCH = 2000;

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

export interface SheetInput {
  name: string;
  header: DetectedHeader;
  cmap: ColumnMap;
  /** The rows read to find the header (those after it are data). */
  rows: RawRow[];
  /** The rest of the sheet. */
  more: RowSource | undefined;
}

/** The texts of a row, each once (a title merged across shows many copies of one). */
function textsOf(row: RawRow): string[] {
  return [...new Set(row.cells.map((c) => cellText(c)).filter((t) => t !== ''))];
}

export interface SheetContext {
  opts: ReadOptions;
  report: ReadReport;
  fileName: string;
  /** --map: normalised header → field. */
  userMap: Map<string, string>;
  userHeaders: Set<string>;
  userIdHeaders: Set<string>;
  onRows: (rows: RosterRow[]) => void;
}

export async function processSheet(input: SheetInput, c: SheetContext): Promise<SheetReport> {
  const { opts, report } = c;
  let header = input.header;
  let cmap = input.cmap;
  const firstHeaderIdx = input.rows.findIndex((r) => r.rowNo === header.rowNos[0]);
  const titles = input.rows.slice(0, Math.max(0, firstHeaderIdx)).map((r) => ({ row: r.rowNo, texts: textsOf(r) })).filter((t) => t.texts.length > 0);
  const guess = guessTownship(input.name, titles, c.fileName);

  const sr: SheetReport = {
    name: input.name,
    used: true,
    headerRows: header.rowNos,
    layout: cmap.layout,
    township: townshipReport(cmap, guess),
    townshipFromSheet: !cmap.fields.has('township') && guess?.source === 'sheet' ? guess.name : null,
    mapped: cmap.mapped,
    unmapped: cmap.unmapped,
    missingFields: missing(cmap, opts.kind, guess),
    rowsRead: 0,
    skipped: { blank: 0, subtotal: 0, footer: 0, header: 0, title: 0 },
  };
  const ctx: BuildContext = {
    kind: opts.kind,
    refDate: opts.refDate,
    sheet: input.name,
    townshipFallback: guess?.name ?? null,
    townshipFilled: 0,
    county: opts.county || null,
    area: opts.area ?? null,
    label: opts.label ?? null,
    fileLabel: sheetNameFor(c.fileName),
    headers: new Map(header.columns.map((col) => [col.index, col.display])),
  };

  let batch: RosterRow[] = [];
  let pendingBlank = 0;
  const headerRow = input.rows.find((r) => r.rowNo === header.rowNos.at(-1));
  let lastRowNo = headerRow ? lastLine(headerRow) : header.rowNos.at(-1)!;
  /** Title rows since the last person: the titles of the next block, if a header follows. */
  let recentTitles: { row: number; texts: string[] }[] = [];
  let skipNext = false;

  const count = (kind: keyof NonNullable<SheetReport['skipped']>, n = 1): void => {
    report.skipped[kind] += n;
    sr.skipped![kind] += n;
  };
  const seen = (row: RawRow): void => {
    // Blank rows count only between rows of the table; trailing ones after it are not part of it.
    if (pendingBlank > 0) count('blank', pendingBlank);
    report.rowsRead += pendingBlank + 1;
    sr.rowsRead += pendingBlank + 1;
    pendingBlank = 0;
    lastRowNo = Math.max(lastRowNo, lastLine(row));
  };

  /** A header inside the data: the same columns again (skipped), or a block whose columns moved (re-mapped). */
  const newHeader = (h: DetectedHeader): void => {
    const blockTown = cmap.fields.has('township') || guess?.source === 'sheet' ? null : townshipInTitle(recentTitles.flatMap((t) => t.texts));
    const same = sameColumns(h, header);
    if (!same) {
      header = h;
      cmap = mapColumns(h, opts.kind, c.userMap);
      ctx.headers = new Map(h.columns.map((col) => [col.index, col.display]));
    }
    // No title since the last person: the header is repeated inside the current block (a printed page's header),
    // which keeps the block's township; only a block with titles of its own starts over from the sheet's.
    const township = blockTown ?? (recentTitles.length === 0 ? ctx.townshipFallback : (guess?.name ?? null));
    const carried = !blockTown && township !== null && township !== (guess?.name ?? null);
    if (!same || blockTown || ctx.townshipFallback !== township) {
      ctx.townshipFallback = township;
      (sr.blocks ??= []).push({
        headerRows: h.rowNos,
        remapped: !same,
        ...(!same ? { mapped: cmap.mapped } : {}),
        township: cmap.fields.has('township') ? { source: 'column', name: null } : blockTown ? { source: 'title', name: blockTown } : carried ? { source: 'title', name: township } : sr.township ?? null,
      });
    }
    recentTitles = [];
  };

  const step = (row: RawRow, next: RawRow | undefined): void => {
    // Readers may leave out empty rows entirely: a gap in row numbers is blank rows too.
    if (row.rowNo > lastRowNo) pendingBlank += row.rowNo - lastRowNo - 1;
    lastRowNo = Math.max(lastRowNo, lastLine(row));
    const hasPersonId = holdsPersonId(row, cmap);
    if (!hasPersonId && (c.userIdHeaders.size > 0 || mayHoldIdHeader(row) || (next !== undefined && mayHoldIdHeader(next)))) {
      const h = headerInData(row, next, c.userHeaders, c.userIdHeaders);
      if (h && h.rowNos[0] === row.rowNo) {
        seen(row);
        if (h.rowNos.length > 1 && next) {
          seen(next);
          skipNext = true;
        }
        count('header', h.rowNos.length);
        newHeader(h);
        return;
      }
    }
    const kind = classifyRow(row, cmap, hasPersonId);
    if (kind === 'blank') {
      pendingBlank++;
      return;
    }
    seen(row);
    if (kind === 'title') {
      count('title');
      recentTitles.push({ row: row.rowNo, texts: textsOf(row) });
      return;
    }
    if (kind !== 'data') {
      count(kind);
      return;
    }
    recentTitles = [];
    const built = buildPersons(row, cmap, ctx);
    if (built.rejected) {
      report.rejected++;
      if (report.rejectedRows.length < NOTE_LIMIT) report.rejectedRows.push({ sheet: input.name, row: row.rowNo, message: built.rejected });
      return;
    }
    for (const p of built.persons) {
      if (p.member_no > 0 && sr.layout === 'plain') sr.layout = 'cell';
      report.idStatus[p.id_status]++;
      for (const w of p.warnings) {
        report.warningCount++;
        if (report.warnings.length < NOTE_LIMIT) report.warnings.push({ sheet: input.name, row: row.rowNo, message: w });
      }
      batch.push(p);
    }
    report.persons += built.persons.length;
    if (batch.length >= BATCH) {
      c.onRows(batch);
      batch = [];
    }
  };

  let prev: RawRow | undefined;
  const feed = (row: RawRow | undefined): void => {
    if (prev) {
      if (skipNext) skipNext = false;
      else step(prev, row);
    }
    prev = row;
  };
  for (const row of input.rows.slice(header.dataStart)) feed(row);
  if (input.more?.nextBatch) {
    for (let b = await input.more.nextBatch(); b !== null; b = await input.more.nextBatch()) {
      for (let i = 0; i < b.length; i++) feed(b[i]!);
    }
  } else if (input.more) {
    for (;;) {
      const r = await input.more.next();
      if (r.done) break;
      feed(r.value);
    }
  }
  feed(undefined);
  if (batch.length) c.onRows(batch);
  if (ctx.townshipFilled > 0) sr.townshipFilled = ctx.townshipFilled;
  return sr;
}

/** The last row number a row takes up: a CSV record with line breaks in its cells spans several lines, none blank. */
function lastLine(row: RawRow): number {
  return row.lines === undefined ? row.rowNo : row.rowNo + row.lines - 1;
}

/** Characters every ID-like header has (身份证号, 证件号码, 残疾人证号 …): rows without them need no header test. */
const ID_HEADER_HINT = /身\s*份|证\s*件|证\s*号/;

function mayHoldIdHeader(row: RawRow): boolean {
  for (const c of row.cells) if (typeof c === 'string' && ID_HEADER_HINT.test(c)) return true;
  return false;
}

function townshipReport(cmap: ColumnMap, guess: TownshipGuess | null): SheetReport['township'] {
  if (cmap.fields.has('township')) return { source: 'column', name: null, ...(guess ? { fallback: guess.name } : {}) };
  if (!guess) return null;
  return { source: guess.source, name: guess.name, from: guess.from, ...(guess.row !== undefined ? { row: guess.row } : {}) };
}

function missing(cmap: ColumnMap, kind: Kind, guess: TownshipGuess | null): string[] {
  return EXPECTED_FIELDS[kind].filter(
    (f) =>
      !cmap.fields.has(f) &&
      !(f === 'name' && cmap.members.some((m) => m.name !== null)) &&
      !(f === 'township' && guess) &&
      !(f === 'subsidy_type' && cmap.subsidyAmounts),
  );
}
