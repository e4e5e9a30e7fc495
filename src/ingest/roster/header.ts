// Finds the header row (title rows above it skipped) and combines a two-row merged header into column labels.
import { normalizeHeader } from '../../normalize/header.js';
import { HEADER_FIELDS, headerField } from '../../model/index.js';
import { cellText } from '../formats/cell-text.js';
import type { RawRow } from '../formats/types.js';

/** Every alias of every kind: they decide which row is the header before the kind is applied. */
const ALL_ALIASES = new Set(HEADER_FIELDS.flatMap((f) => f.aliases));
const ID_ALIASES = new Set(headerField('id_number')!.aliases);
const CERT_ALIASES = new Set(headerField('cert_number')!.aliases);

/** How far down a sheet the header may sit (title rows, 填报单位, 日期 …). */
export const HEADER_SCAN_ROWS = 40;

export interface HeaderColumn {
  index: number;
  /** What a clerk sees: "家庭成员情况/身份证号" for a two-row header, else the single header text. */
  display: string;
  /** Normalised candidates to match aliases against, most specific first. */
  candidates: string[];
}

export interface DetectedHeader {
  /** Excel row numbers of the header rows (one or two). */
  rowNos: number[];
  /** Index into the scanned rows of the first data row. */
  dataStart: number;
  columns: HeaderColumn[];
}

const ID_LIKE_HEADER = /身份证|身份号码|证件号/;
/** A data cell holding an ID (also wrapped as ="…" or '…, or masked 410522****): a header never has six digits in a row. */
const ID_LIKE_VALUE = /[0-9０-９]{6,}/;

export function isIdHeader(norm: string): boolean {
  return ID_ALIASES.has(norm) || CERT_ALIASES.has(norm) || (ID_LIKE_HEADER.test(norm) && !norm.includes('户主'));
}

/** A household member's label before a field of a wide row: 配偶姓名, 子女1身份证号, 成员2关系 (the number optional). */
const MEMBER_LABEL = /^(家庭成员|共同生活成员|其他成员|成员|配偶|子女|儿子|女儿|长子|次子|长女|次女|父亲|母亲|孙子|孙女|儿媳|女婿)([一二三四五六七八九十]|\d+)?(?=.)/;
/** … or a number after it: 姓名1, 身份证号2, 关系3. */
const MEMBER_NUMBER = /^(\D{2,}?)\d{1,2}$/;

/**
 * The field part of a wide household row's member header (配偶姓名 → 姓名, 子女1身份证号 → 身份证号, 姓名2 → 姓名), with
 * the relation its label names (配偶, 子女; none for 成员 or a bare number); null when the header is not such.
 */
export function memberHeader(norm: string): { base: string; label: string | null; numbered: boolean } | null {
  const m = MEMBER_LABEL.exec(norm);
  if (m) {
    const rest = norm.slice(m[0].length);
    const n = MEMBER_NUMBER.exec(rest);
    const label = m[1] === '成员' || m[1] === '家庭成员' || m[1] === '共同生活成员' || m[1] === '其他成员' ? null : m[1]!;
    return { base: n?.[1] ?? rest, label, numbered: m[2] !== undefined || n !== null };
  }
  const n = MEMBER_NUMBER.exec(norm);
  return n ? { base: n[1]!, label: null, numbered: true } : null;
}

function norms(row: RawRow): string[] {
  return row.cells.map((c) => normalizeHeader(cellText(c)));
}

function aliasHits(ns: string[], extra: Set<string>): number {
  let n = 0;
  for (const s of ns) if (s && (ALL_ALIASES.has(s) || extra.has(s) || ALL_ALIASES.has(memberHeader(s)?.base ?? ''))) n++;
  return n;
}

function hasIdValue(row: RawRow): boolean {
  return row.cells.some((c) => typeof c === 'number' ? c > 1e14 : ID_LIKE_VALUE.test(cellText(c)));
}

/** A row holding an ID-like header and another known header, and no ID-like data: what a header row is found by. */
function isIdHeaderRow(row: RawRow | undefined, extra: Set<string>, extraId: Set<string>): boolean {
  if (!row) return false;
  const ns = norms(row);
  return ns.some((s) => s && (isIdHeader(s) || extraId.has(s))) && aliasHits(ns, extra) >= 2 && !hasIdValue(row);
}

/**
 * A header row met inside the data (blocks pasted one under another each repeat theirs): the row holds the ID
 * header, or it is the upper row of a two-row header whose lower row does. Returns the header, or null.
 */
export function headerInData(row: RawRow, next: RawRow | undefined, extra: Set<string>, extraId: Set<string>): DetectedHeader | null {
  if (isIdHeaderRow(row, extra, extraId) || (isHeaderLike(row, extra) && isIdHeaderRow(next, extra, extraId))) {
    return detectHeader(next ? [row, next] : [row], extra, extraId);
  }
  return null;
}

/** Whether two headers name the same columns at the same places. */
export function sameColumns(a: DetectedHeader, b: DetectedHeader): boolean {
  return a.columns.length === b.columns.length && a.columns.every((c, i) => c.index === b.columns[i]!.index && c.display === b.columns[i]!.display);
}

/** A row that reads like column titles: several alias hits and no ID-like data in it. */
function isHeaderLike(row: RawRow | undefined, extra: Set<string>): boolean {
  if (!row || hasIdValue(row)) return false;
  // Data values can coincide with an alias (与户主关系 = 户主): a sub-header row needs two hits.
  return aliasHits(norms(row), extra) >= 2;
}

function distinctTexts(row: RawRow): number {
  return new Set(row.cells.map((c) => cellText(c)).filter((s) => s !== '')).size;
}

/**
 * @param rows the first rows of the sheet (up to HEADER_SCAN_ROWS)
 * @param userHeaders normalised header texts named by --map (they count as aliases, and an ID header named there counts as one)
 * @param forcedRowNo --header-row: the Excel row number of the (last) header row
 */
export function detectHeader(rows: RawRow[], userHeaders: Set<string>, userIdHeaders: Set<string>, forcedRowNo?: number): DetectedHeader | null {
  let h = -1;
  if (forcedRowNo !== undefined) {
    h = rows.findIndex((r) => r.rowNo === forcedRowNo);
    if (h < 0) return null;
  } else {
    for (let i = 0; i < rows.length; i++) {
      const ns = norms(rows[i]!);
      const hasId = ns.some((s) => s && (isIdHeader(s) || userIdHeaders.has(s)));
      if (hasId && aliasHits(ns, userHeaders) >= 2 && !hasIdValue(rows[i]!)) {
        h = i;
        break;
      }
    }
    if (h < 0) return null;
    // The ID header may sit on the upper row of a two-row header whose lower row holds sub-titles.
    if (isHeaderLike(rows[h + 1], userHeaders)) h = h + 1;
  }
  const child = rows[h]!;
  const above = rows[h - 1];
  // Title and 填报单位/日期 rows above a one-row header are not a parent header.
  const useParent =
    above !== undefined &&
    !hasIdValue(above) &&
    !above.cells.some((c) => /[:：]/.test(cellText(c))) &&
    (aliasHits(norms(above), userHeaders) >= 1 || distinctTexts(above) >= 2);
  const width = Math.max(child.cells.length, useParent ? above!.cells.length : 0);
  const columns: HeaderColumn[] = [];
  let carried = '';
  for (let c = 0; c < width; c++) {
    const childText = cellText(child.cells[c]);
    let parentText = '';
    if (useParent) {
      const raw = cellText(above!.cells[c]);
      // A parent title merged across several sub-columns is written once: carry it right over blank cells.
      if (raw !== '') carried = raw;
      else if (childText === '') carried = '';
      parentText = raw !== '' ? raw : childText !== '' ? carried : '';
    }
    if (childText === '' && parentText === '') continue;
    const candidates: string[] = [];
    const push = (s: string) => {
      const n = normalizeHeader(s);
      if (n && !candidates.includes(n)) candidates.push(n);
    };
    let display: string;
    if (childText && parentText && childText !== parentText) {
      push(childText);
      push(parentText + childText);
      push(parentText);
      display = `${parentText}/${childText}`;
    } else {
      display = childText || parentText;
      push(display);
    }
    columns.push({ index: c, display, candidates });
  }
  return { rowNos: useParent ? [above!.rowNo, child.rowNo] : [child.rowNo], dataStart: h + 1, columns };
}

/** The most header-like row, for an error message that lists the headers seen. */
export function bestGuessHeaders(rows: RawRow[]): string[] {
  let best: RawRow | undefined;
  let bestScore = -1;
  for (const r of rows) {
    const score = aliasHits(norms(r), new Set()) * 10 + distinctTexts(r);
    if (!hasIdValue(r) && score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best ? best.cells.map((c) => cellText(c)).filter((s) => s !== '') : [];
}
