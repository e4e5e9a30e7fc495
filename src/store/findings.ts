// Persisting checks and findings, and the queries the lifecycle and reports need.
import type { Kind } from '../normalize/kinds.js';
import type { Db } from './db.js';
import type { AnswerRecord, CheckRecord, FindingRecord, RuleOutcomeRecord, SourceRow } from './records.js';

interface FindingRowDb extends Omit<FindingRecord, 'kinds' | 'sources' | 'detail'> {
  kinds: string;
  sources: string;
  detail: string;
}

function fromDb(r: FindingRowDb): FindingRecord {
  return { ...r, kinds: JSON.parse(r.kinds), sources: JSON.parse(r.sources), detail: JSON.parse(r.detail) };
}

const FINDING_COLUMNS = [
  'finding_id', 'rule', 'severity', 'period', 'id_number', 'id_raw', 'name', 'sex', 'age', 'township', 'village',
  'kinds', 'sources', 'explanation', 'detail', 'detail_hash', 'lifecycle', 'first_seen', 'months_open', 'status', 'status_note',
] as const;

export function latestCheckedBefore(db: Db, period: string): string | null {
  const r = db.prepare(`SELECT max(period) AS p FROM checks WHERE period < ?`).get(period) as { p: string | null };
  return r.p;
}

export function getCheck(db: Db, period: string): CheckRecord | null {
  const r = db.prepare(`SELECT period, compared_with, outcomes, started_at, finished_at FROM checks WHERE period = ?`).get(period) as
    | (Omit<CheckRecord, 'outcomes'> & { outcomes: string })
    | undefined;
  return r ? { ...r, outcomes: JSON.parse(r.outcomes) as RuleOutcomeRecord[] } : null;
}

export function checkedPeriods(db: Db): string[] {
  return (db.prepare(`SELECT period FROM checks ORDER BY period`).all() as { period: string }[]).map((r) => r.period);
}

/** Findings of a checked period; `current` excludes the 已消除 ones. */
export function findingsOf(db: Db, period: string, opts: { current?: boolean; township?: string } = {}): FindingRecord[] {
  const where = ['period = ?'];
  const args: unknown[] = [period];
  if (opts.current) where.push(`lifecycle <> '已消除'`);
  if (opts.township !== undefined) {
    where.push('township IS ?');
    args.push(opts.township);
  }
  const rows = db
    .prepare(`SELECT ${FINDING_COLUMNS.join(', ')} FROM findings WHERE ${where.join(' AND ')} ORDER BY township, village, rule, id_number, finding_id`)
    .all(...args) as FindingRowDb[];
  return rows.map(fromDb);
}

/** Replaces the check of a period (re-running a check is idempotent). */
export function saveCheck(db: Db, check: CheckRecord, params: Record<string, unknown>, findings: FindingRecord[]): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM checks WHERE period = ?`).run(check.period);
    const r = db
      .prepare(`INSERT INTO checks (period, compared_with, params, outcomes, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(check.period, check.compared_with, JSON.stringify(params), JSON.stringify(check.outcomes), check.started_at, check.finished_at);
    const checkId = Number(r.lastInsertRowid);
    const ins = db.prepare(
      `INSERT INTO findings (check_id, ${FINDING_COLUMNS.join(', ')}) VALUES (?, ${FINDING_COLUMNS.map(() => '?').join(', ')})`,
    );
    for (const f of findings) {
      const rec = f as unknown as Record<string, unknown>;
      ins.run(
        checkId,
        ...FINDING_COLUMNS.map((c) =>
          c === 'kinds' || c === 'sources' || c === 'detail' ? JSON.stringify(rec[c]) : (rec[c] as unknown),
        ),
      );
    }
  })();
}

/** Source rows with their file names, for provenance (one query per chunk, never per row). */
export function sourceRows(db: Db, ids: readonly number[]): Map<number, SourceRow> {
  const out = new Map<number, SourceRow>();
  const stmt = db.prepare(
    `SELECT r.id, r.kind, i.file_name, r.sheet, r.row_no, r.id_number, r.id_raw, r.name, r.sex, r.birth_date, r.township, r.village
       FROM roster_rows r JOIN imports i ON i.id = r.import_id
      WHERE r.id IN (SELECT value FROM json_each(?))`,
  );
  const CHUNK = 20_000;
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const r of stmt.all(JSON.stringify(ids.slice(i, i + CHUNK))) as SourceRow[]) out.set(r.id, r);
  }
  return out;
}

/** Per finding id, the latest answer given to a workbook of a period before `period` (later imports supersede). */
export function answersBefore(db: Db, period: string): Map<string, AnswerRecord> {
  const rows = db
    .prepare(
      `SELECT finding_id, period, township, result, explanation, measure, done_date, checker, phone, detail_hash, source_file,
              source_sha256, source_sheet, source_row, imported_at
         FROM answers WHERE period < ? ORDER BY period, id`,
    )
    .all(period) as AnswerRecord[];
  return new Map(rows.map((r) => [r.finding_id, r]));
}

/** Kinds with rows for the period (reference kinds count whatever their period). */
export function kindsPresent(db: Db, period: string): Set<Kind> {
  const rows = db
    .prepare(`SELECT DISTINCT kind FROM imports WHERE period = ? OR kind IN ('death', 'ext')`)
    .all(period) as { kind: Kind }[];
  return new Set(rows.map((r) => r.kind));
}

/** Fields mapped to a column in some load of the kind for the period. */
export function mappedFields(db: Db, period: string): Map<Kind, Set<string>> {
  const rows = db
    .prepare(`SELECT kind, sheets FROM imports WHERE period = ? OR kind IN ('death', 'ext')`)
    .all(period) as { kind: Kind; sheets: string }[];
  const out = new Map<Kind, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.kind) ?? new Set<string>();
    for (const s of JSON.parse(r.sheets) as { used: boolean; mapped?: { field: string }[] }[]) {
      for (const m of s.mapped ?? []) set.add(m.field);
    }
    out.set(r.kind, set);
  }
  return out;
}
