// The townships' answers (domain.md §7): validating one filled row, and which answer supersedes which.
import {
  ANSWER_COLUMNS, MEASURES, RESULTS, type AnswerField, type AnswerValues, type IncomingAnswer, type StoredAnswer,
} from '../model/index.js';
import type { CellValue } from '../normalize/cell-value.js';
import { excelDayNumber, normalizeDate } from '../normalize/month.js';

const ANSWER_FIELDS: readonly AnswerField[] = ANSWER_COLUMNS.map((c) => c.field);

/** What a clerk typed, as text: trimmed, line breaks unified; numbers as written (phone numbers typed into General cells). */
export function cellAnswerText(v: CellValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number') s = String(v);
  else if (typeof v === 'boolean') s = v ? '是' : '否';
  else s = Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  s = s.replace(/\r\n?/g, '\n').trim();
  return s === '' ? null : s;
}

/** The range the workbook's own date validation allows in 整改完成日期 (Excel days 36526..73050). */
const DONE_DATE_MIN = '2000-01-01';
const DONE_DATE_MAX = '2099-12-31';

/**
 * A number typed into the date-formatted 整改完成日期 cell that no date can be (2025.12, 20250105): the reader hands it
 * over as the date of that day number (1905-07-17, the year 57342). The number as typed, or null for any other cell.
 */
function typedNumber(v: CellValue): string | null {
  let n: number;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    const day = v.toISOString().slice(0, 10);
    if (day >= DONE_DATE_MIN && day <= DONE_DATE_MAX) return null;
    n = excelDayNumber(v);
  } else if (typeof v === 'number') {
    n = v;
    // YYYYMMDD / YYYYMM integers and Excel day numbers are dates the normaliser reads; only the rest is a stray number.
    if (normalizeDate(v).date !== null) return null;
  } else {
    return null;
  }
  return String(Math.round(n * 1e6) / 1e6);
}

function choice(v: string | null): string | null {
  return v === null ? null : v.normalize('NFKC').replace(/\s+/g, '');
}

export type AnswerCheck =
  | { ok: true; blank: true }
  | { ok: true; blank: false; values: AnswerValues }
  | { ok: false; reasons: string[] };

/**
 * Validates the editable cells of one row. A row with only 核查人/联系电话 (often filled down a whole column) or
 * nothing at all is blank, not an answer.
 */
export function checkAnswer(cells: Partial<Record<AnswerField, CellValue>>, dateText?: string): AnswerCheck {
  const raw = Object.fromEntries(ANSWER_FIELDS.map((f) => [f, f === 'done_date' ? cells[f] ?? null : cellAnswerText(cells[f])])) as Record<AnswerField, CellValue>;
  const reasons: string[] = [];
  const result = choice(raw.result as string | null);
  const measure = choice(raw.measure as string | null);
  if (result !== null && !(RESULTS as readonly string[]).includes(result)) {
    reasons.push(`核查结果「${raw.result}」不在下拉列表中（应为 ${RESULTS.join('、')} 之一）`);
  }
  if (measure !== null && !(MEASURES as readonly string[]).includes(measure)) {
    reasons.push(`整改措施「${raw.measure}」不在下拉列表中（应为 ${MEASURES.join('、')} 之一）`);
  }
  let doneDate: string | null = null;
  const dateCell = raw.done_date;
  if (dateCell !== null && dateCell !== undefined && cellAnswerText(dateCell) !== null) {
    const d = normalizeDate(typeof dateCell === 'string' ? dateCell.trim() : dateCell, dateText);
    const typed = typedNumber(dateCell);
    if (typed !== null) reasons.push(`整改完成日期「${typed}」不是有效日期（单元格中是数字，不是日期；应写成 2024-11-20 这样的日期）`);
    else if (d.date === null || d.warning) reasons.push(`整改完成日期「${cellAnswerText(dateCell)}」不是有效日期（应写成 2024-11-20 这样的日期）`);
    else if (d.date < DONE_DATE_MIN || d.date > DONE_DATE_MAX) reasons.push(`整改完成日期「${cellAnswerText(dateCell)}」不是有效日期（应为 2000 年至 2099 年之间的日期，写成 2024-11-20 这样）`);
    else doneDate = d.date;
  }
  const explanation = raw.explanation as string | null;
  const checker = raw.checker as string | null;
  const phone = raw.phone as string | null;
  const substantive = result !== null || measure !== null || explanation !== null || doneDate !== null || (dateCell !== null && cellAnswerText(dateCell) !== null);
  if (!substantive && reasons.length === 0) return { ok: true, blank: true };
  if (result === null && (measure !== null || doneDate !== null)) reasons.push('填写了整改措施或完成日期，但没有选择核查结果');
  if (reasons.length) return { ok: false, reasons };
  return { ok: true, blank: false, values: { result, explanation, measure, done_date: doneDate, checker, phone } };
}

export type AnswerPlan =
  /** A new answer; it supersedes the finding's current answer, if any. */
  | { action: 'insert'; answer: IncomingAnswer; supersedes: number | null }
  /** Same as the current answer, or this very file was imported before: nothing to do. */
  | { action: 'unchanged'; answer: IncomingAnswer; existing: number }
  /** An answer to an older workbook than the current answer's: kept in the history, already superseded. */
  | { action: 'archive'; answer: IncomingAnswer; supersededBy: number };

export function sameAnswer(a: AnswerValues & { detail_hash: string }, b: AnswerValues & { detail_hash: string }): boolean {
  return a.detail_hash === b.detail_hash && ANSWER_FIELDS.every((f) => (a[f] ?? null) === (b[f] ?? null));
}

/** The current answer of a finding: the latest one not superseded. */
export function currentOf(history: readonly StoredAnswer[]): StoredAnswer | undefined {
  let cur: StoredAnswer | undefined;
  for (const h of history) if (h.superseded_by === null && (!cur || h.id > cur.id)) cur = h;
  return cur;
}

/**
 * Decides what one incoming answer does to a finding's history (ordered by id). Re-importing a file changes nothing
 * even after later files; a later answer supersedes the current one; an answer to an older period's workbook that
 * arrives late does not displace the answer to a newer workbook.
 */
export function planAnswer(incoming: IncomingAnswer, history: readonly StoredAnswer[]): AnswerPlan {
  const current = currentOf(history);
  if (current && sameAnswer(current, incoming)) return { action: 'unchanged', answer: incoming, existing: current.id };
  const again = history.find((h) => h.source_sha256 === incoming.source_sha256 && sameAnswer(h, incoming));
  if (again) return { action: 'unchanged', answer: incoming, existing: again.id };
  if (current && current.period > incoming.period) return { action: 'archive', answer: incoming, supersededBy: current.id };
  return { action: 'insert', answer: incoming, supersedes: current?.id ?? null };
}
