// The townships' answers (history kept, supersede links) and the queries the reports need: data sources, trend, progress.
import type { Kind } from '../normalize/kinds.js';
import type { Db } from './db.js';
import type { AnswerRecord, FindingStatus } from './records.js';

/** An answer row: the record plus its id and, once a later answer replaced it, that answer's id. */
export interface StoredAnswer extends AnswerRecord {
  id: number;
  superseded_by: number | null;
}

export type NewAnswer = Omit<AnswerRecord, 'imported_at'>;

const ANSWER_COLUMNS = `id, finding_id, period, township, result, explanation, measure, done_date, checker, phone, detail_hash,
  source_file, source_sha256, source_sheet, source_row, imported_at, superseded_by`;

/** Runs `fn` over chunks of ids bound as one JSON parameter (never one query per id). */
function chunked<T>(ids: readonly string[], fn: (json: string) => T[]): T[] {
  const out: T[] = [];
  const CHUNK = 20_000;
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...fn(JSON.stringify(ids.slice(i, i + CHUNK))));
  return out;
}

/** Every answer ever given to these findings, oldest first. */
export function answerHistory(db: Db, findingIds: readonly string[]): Map<string, StoredAnswer[]> {
  const stmt = db.prepare(`SELECT ${ANSWER_COLUMNS} FROM answers WHERE finding_id IN (SELECT value FROM json_each(?)) ORDER BY id`);
  const out = new Map<string, StoredAnswer[]>();
  for (const a of chunked(findingIds, (j) => stmt.all(j) as StoredAnswer[])) {
    const list = out.get(a.finding_id) ?? [];
    list.push(a);
    out.set(a.finding_id, list);
  }
  return out;
}

/** Inserts one answer (inside the caller's transaction); `supersededBy` is set for history that is already out of date. */
export function insertAnswer(db: Db, a: NewAnswer, importedAt: string, supersededBy: number | null = null): number {
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

/** Latest answer per finding given to a workbook of `period` or earlier (a newer workbook's answer wins). */
export function latestAnswersUpTo(db: Db, period: string): Map<string, StoredAnswer> {
  const rows = db.prepare(`SELECT ${ANSWER_COLUMNS} FROM answers WHERE period <= ? ORDER BY period, id`).all(period) as StoredAnswer[];
  return new Map(rows.map((r) => [r.finding_id, r]));
}

/** Latest answer per finding given to the workbook of exactly `period`. */
export function answersOfPeriod(db: Db, period: string): Map<string, StoredAnswer> {
  const rows = db.prepare(`SELECT ${ANSWER_COLUMNS} FROM answers WHERE period = ? ORDER BY id`).all(period) as StoredAnswer[];
  return new Map(rows.map((r) => [r.finding_id, r]));
}

export interface FindingPlace {
  period: string;
  finding_id: string;
  township: string | null;
  detail_hash: string;
  lifecycle: string;
  status: FindingStatus;
}

/** Where (period, township) these finding ids occur, to tell a clerk why a row does not belong to a workbook. */
export function findingPlaces(db: Db, findingIds: readonly string[]): Map<string, FindingPlace[]> {
  const stmt = db.prepare(
    `SELECT period, finding_id, township, detail_hash, lifecycle, status FROM findings
      WHERE finding_id IN (SELECT value FROM json_each(?)) ORDER BY period`,
  );
  const out = new Map<string, FindingPlace[]>();
  for (const f of chunked(findingIds, (j) => stmt.all(j) as FindingPlace[])) {
    const list = out.get(f.finding_id) ?? [];
    list.push(f);
    out.set(f.finding_id, list);
  }
  return out;
}

export function checkedPeriodsAfter(db: Db, period: string): string[] {
  return (db.prepare(`SELECT period FROM checks WHERE period > ? ORDER BY period`).all(period) as { period: string }[]).map((r) => r.period);
}

/** Sets the status of findings of a checked period (answers that arrived after that period was checked). */
export function updateStatuses(db: Db, period: string, updates: readonly { finding_id: string; status: FindingStatus; status_note: string | null }[]): number {
  const stmt = db.prepare(`UPDATE findings SET status = ?, status_note = ? WHERE period = ? AND finding_id = ? AND lifecycle <> '已消除'`);
  let n = 0;
  for (const u of updates) n += stmt.run(u.status, u.status_note, period, u.finding_id).changes;
  return n;
}

export interface ImportSource {
  id: number;
  kind: Kind;
  period: string | null;
  file_name: string;
  sha256: string;
  format: string;
  encoding: string | null;
  rows_read: number;
  rows_loaded: number;
  rows_skipped: number;
  rows_rejected: number;
  id_problems: number;
  /** Names of the sheets the roster was read from. */
  sheets_used: string[];
  /** Persons per ID status (from the load report). */
  id_status: Record<string, number>;
  skipped: { blank: number; subtotal: number; footer: number } | null;
  warning_count: number;
  loaded_at: string;
}

/** The files a check of `period` read: that period's snapshot plus the reference rosters. */
export function importsForPeriod(db: Db, period: string): ImportSource[] {
  const rows = db
    .prepare(
      `SELECT id, kind, period, file_name, sha256, format, encoding, rows_read, rows_loaded, rows_skipped, rows_rejected, id_problems,
              sheets, report, loaded_at
         FROM imports WHERE period = ? OR kind IN ('death', 'ext') ORDER BY kind, file_name, id`,
    )
    .all(period) as (Omit<ImportSource, 'sheets_used' | 'id_status' | 'skipped' | 'warning_count'> & { sheets: string; report: string })[];
  return rows.map(({ sheets, report, ...r }) => {
    const sh = safeJson<{ name: string; used: boolean }[]>(sheets, []);
    const rep = safeJson<{ idStatus?: Record<string, number>; skipped?: ImportSource['skipped']; warningCount?: number }>(report, {});
    return {
      ...r,
      sheets_used: sh.filter((s) => s.used).map((s) => s.name),
      id_status: rep.idStatus ?? {},
      skipped: rep.skipped ?? null,
      warning_count: rep.warningCount ?? 0,
    };
  });
}

function safeJson<T>(s: string, fallback: T): T {
  try {
    return (JSON.parse(s) as T) ?? fallback;
  } catch {
    return fallback;
  }
}

export interface TrendRow {
  period: string;
  findings: number;
  suspects: number;
  notices: number;
  new: number;
  persisting: number;
  resolved: number;
  verified: number;
  ineffective: number;
  answered: number;
}

/** Month over month: every checked period up to `period`. */
export function trendUpTo(db: Db, period: string): TrendRow[] {
  const rows = db
    .prepare(
      `SELECT f.period,
              SUM(f.lifecycle <> '已消除') AS findings,
              SUM(f.lifecycle <> '已消除' AND f.severity = '疑点') AS suspects,
              SUM(f.lifecycle <> '已消除' AND f.severity = '提示') AS notices,
              SUM(f.lifecycle = '新增') AS new,
              SUM(f.lifecycle = '持续') AS persisting,
              SUM(f.lifecycle = '已消除') AS resolved,
              SUM(f.lifecycle <> '已消除' AND f.status = '已核实') AS verified,
              SUM(f.lifecycle <> '已消除' AND f.status = '整改未见效') AS ineffective,
              (SELECT COUNT(DISTINCT a.finding_id) FROM answers a WHERE a.period = f.period AND a.result IS NOT NULL) AS answered
         FROM findings f
        WHERE f.period <= ?
        GROUP BY f.period
        ORDER BY f.period`,
    )
    .all(period) as TrendRow[];
  const checked = (db.prepare(`SELECT period FROM checks WHERE period <= ? ORDER BY period`).all(period) as { period: string }[]).map((r) => r.period);
  // A checked month without findings is a row of zeros, not a gap.
  const by = new Map(rows.map((r) => [r.period, r]));
  return checked.map(
    (p) => by.get(p) ?? { period: p, findings: 0, suspects: 0, notices: 0, new: 0, persisting: 0, resolved: 0, verified: 0, ineffective: 0, answered: 0 },
  );
}
