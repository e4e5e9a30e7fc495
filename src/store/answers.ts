// The townships' answers: history kept, supersede links, and the latest answer per finding as of a period.
import type { AnswerRecord, IncomingAnswer, StoredAnswer } from '../model/index.js';
import type { Db } from './db.js';
import { chunked } from './findings.js';

const ANSWER_SELECT = `id, finding_id, period, township, result, explanation, measure, done_date, checker, phone, detail_hash,
  source_file, source_sha256, source_sheet, source_row, imported_at, superseded_by`;

/** Every answer ever given to these findings, oldest first. */
export function answerHistory(db: Db, findingIds: readonly string[]): Map<string, StoredAnswer[]> {
  const stmt = db.prepare(`SELECT ${ANSWER_SELECT} FROM answers WHERE finding_id IN (SELECT value FROM json_each(?)) ORDER BY id`);
  const out = new Map<string, StoredAnswer[]>();
  for (const a of chunked(findingIds, (j) => stmt.all(j) as StoredAnswer[])) {
    const list = out.get(a.finding_id) ?? [];
    list.push(a);
    out.set(a.finding_id, list);
  }
  return out;
}

/** Inserts one answer (inside the caller's transaction); `supersededBy` is set for history that is already out of date. */
export function insertAnswer(db: Db, a: IncomingAnswer, importedAt: string, supersededBy: number | null = null): number {
  const r = db
    .prepare(
      `INSERT INTO answers (finding_id, period, township, result, explanation, measure, done_date, checker, phone, detail_hash,
         source_file, source_sha256, source_sheet, source_row, imported_at, superseded_by)
       VALUES (@finding_id, @period, @township, @result, @explanation, @measure, @done_date, @checker, @phone, @detail_hash,
         @source_file, @source_sha256, @source_sheet, @source_row, @imported_at, @superseded_by)`,
    )
    .run({
      finding_id: a.finding_id, period: a.period, township: a.township, result: a.result, explanation: a.explanation,
      measure: a.measure, done_date: a.done_date, checker: a.checker, phone: a.phone, detail_hash: a.detail_hash,
      source_file: a.source_file, source_sha256: a.source_sha256, source_sheet: a.source_sheet, source_row: a.source_row,
      imported_at: importedAt, superseded_by: supersededBy,
    });
  return Number(r.lastInsertRowid);
}

/** Marks an earlier answer as replaced by a later one (the history keeps both). */
export function linkSuperseded(db: Db, earlier: number, later: number): void {
  db.prepare(`UPDATE answers SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL`).run(later, earlier);
}

/** Per finding id, the latest answer given to a workbook of a period before `period` (later imports supersede). */
export function answersBefore(db: Db, period: string): Map<string, AnswerRecord> {
  const rows = db.prepare(`SELECT ${ANSWER_SELECT} FROM answers WHERE period < ? ORDER BY period, id`).all(period) as StoredAnswer[];
  return new Map(rows.map((r) => [r.finding_id, r]));
}

/**
 * Latest answer per finding given to a workbook of `period` or earlier (a newer workbook's answer wins); `county`: only
 * for the findings of `period` in that county (null: those of none).
 */
export function latestAnswersUpTo(db: Db, period: string, county?: string | null): Map<string, StoredAnswer> {
  const rows = (county === undefined
    ? db.prepare(`SELECT ${ANSWER_SELECT} FROM answers WHERE period <= ? ORDER BY period, id`).all(period)
    : db
      .prepare(`SELECT ${ANSWER_SELECT} FROM answers WHERE period <= ?
                  AND finding_id IN (SELECT finding_id FROM findings WHERE period = ? AND county IS ?) ORDER BY period, id`)
      .all(period, period, county)) as StoredAnswer[];
  return new Map(rows.map((r) => [r.finding_id, r]));
}

/** Latest answer per finding given to the workbook of exactly `period`. */
export function answersOfPeriod(db: Db, period: string): Map<string, StoredAnswer> {
  const rows = db.prepare(`SELECT ${ANSWER_SELECT} FROM answers WHERE period = ? ORDER BY id`).all(period) as StoredAnswer[];
  return new Map(rows.map((r) => [r.finding_id, r]));
}
