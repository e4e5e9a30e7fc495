// Persisting checks and findings, and the queries over them: lifecycle, provenance, later statuses, the trend.
import type {
  CheckRecord, FindingRecord, FindingStatus, FindingTotals, Lifecycle, LoadedFile, RuleOutcomeRecord,
} from '../model/index.js';
import type { Db } from './db.js';

interface FindingRowDb extends Omit<FindingRecord, 'kinds' | 'sources' | 'detail' | 'via_link'> {
  kinds: string;
  sources: string;
  detail: string;
  via_link: number;
}

/** The row becomes the record in place (a province's quarter of a million findings are not held twice). */
function fromDb(r: FindingRowDb): FindingRecord {
  return Object.assign(r as unknown as FindingRecord, {
    kinds: JSON.parse(r.kinds), sources: JSON.parse(r.sources), detail: JSON.parse(r.detail), via_link: r.via_link === 1,
  });
}

const FINDING_COLUMNS = [
  'finding_id', 'rule', 'severity', 'period', 'id_number', 'id_raw', 'name', 'sex', 'age', 'county', 'township', 'village',
  'kinds', 'sources', 'explanation', 'detail', 'detail_hash', 'lifecycle', 'first_seen', 'months_open', 'status', 'status_note',
  'amount_monthly', 'amount_estimate', 'estimate_months', 'via_link',
] as const;

/** Runs `fn` over chunks of ids bound as one JSON parameter (never one query per id). */
export function chunked<I, T>(ids: readonly I[], fn: (json: string) => T[]): T[] {
  const out: T[] = [];
  const CHUNK = 20_000;
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...fn(JSON.stringify(ids.slice(i, i + CHUNK))));
  return out;
}

export function latestCheckedBefore(db: Db, period: string): string | null {
  const r = db.prepare(`SELECT max(period) AS p FROM checks WHERE period < ?`).get(period) as { p: string | null };
  return r.p;
}

export function checkedPeriodsAfter(db: Db, period: string): string[] {
  return (db.prepare(`SELECT period FROM checks WHERE period > ? ORDER BY period`).all(period) as { period: string }[]).map((r) => r.period);
}

export function getCheck(db: Db, period: string): CheckRecord | null {
  const r = db.prepare(`SELECT period, compared_with, outcomes, started_at, finished_at, load_state FROM checks WHERE period = ?`).get(period) as
    | (Omit<CheckRecord, 'outcomes' | 'load_state'> & { outcomes: string; load_state: string | null })
    | undefined;
  return r
    ? { ...r, outcomes: JSON.parse(r.outcomes) as RuleOutcomeRecord[], load_state: r.load_state === null ? null : (JSON.parse(r.load_state) as LoadedFile[]) }
    : null;
}

/** Findings of a checked period; `current` excludes the 已消除 ones; `county`: only that county's (null: those of none). */
export function findingsOf(db: Db, period: string, opts: { current?: boolean; county?: string | null } = {}): FindingRecord[] {
  const stmt = db.prepare(
    `SELECT ${FINDING_COLUMNS.join(', ')} FROM findings WHERE period = ? ${opts.current ? `AND lifecycle <> '已消除'` : ''}
      ${opts.county !== undefined ? 'AND county IS ?' : ''}
      ORDER BY township, village, rule, id_number, finding_id`,
  );
  const out: FindingRecord[] = [];
  const params = opts.county !== undefined ? [period, opts.county] : [period];
  for (const r of stmt.iterate(...params) as IterableIterator<FindingRowDb>) out.push(fromDb(r));
  return out;
}

/** Where a period's findings are: each (county, township) once per lifecycle found there, from the index alone. */
export function placesOf(db: Db, period: string): Pick<FindingRecord, 'county' | 'township' | 'lifecycle'>[] {
  return db.prepare(`SELECT DISTINCT county, township, lifecycle FROM findings WHERE period = ?`).all(period) as Pick<FindingRecord, 'county' | 'township' | 'lifecycle'>[];
}

/** Replaces the check of a period (re-running a check is idempotent). */
export function saveCheck(db: Db, check: CheckRecord, params: Record<string, unknown>, findings: FindingRecord[]): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM checks WHERE period = ?`).run(check.period);
    const r = db
      .prepare(`INSERT INTO checks (period, compared_with, params, outcomes, started_at, finished_at, load_state) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(check.period, check.compared_with, JSON.stringify(params), JSON.stringify(check.outcomes), check.started_at, check.finished_at,
        check.load_state === null ? null : JSON.stringify(check.load_state));
    const checkId = Number(r.lastInsertRowid);
    const ins = db.prepare(
      `INSERT INTO findings (check_id, ${FINDING_COLUMNS.join(', ')}) VALUES (?, ${FINDING_COLUMNS.map(() => '?').join(', ')})`,
    );
    for (const f of findings) {
      const rec = f as unknown as Record<string, unknown>;
      ins.run(
        checkId,
        ...FINDING_COLUMNS.map((c) =>
          c === 'kinds' || c === 'sources' || c === 'detail' ? JSON.stringify(rec[c]) : c === 'via_link' ? (rec[c] ? 1 : 0) : (rec[c] as unknown),
        ),
      );
    }
  })();
}

/** Sets the status of findings of a checked period (answers that arrived after that period was checked). */
export function updateStatuses(db: Db, period: string, updates: readonly { finding_id: string; status: FindingStatus; status_note: string | null }[]): number {
  const stmt = db.prepare(`UPDATE findings SET status = ?, status_note = ? WHERE period = ? AND finding_id = ? AND lifecycle <> '已消除'`);
  let n = 0;
  for (const u of updates) n += stmt.run(u.status, u.status_note, period, u.finding_id).changes;
  return n;
}

export interface FindingPlace {
  period: string;
  finding_id: string;
  county: string | null;
  township: string | null;
  detail_hash: string;
  lifecycle: Lifecycle;
  status: FindingStatus;
}

/** Where (period, county, township) these finding ids occur, to tell a clerk why a row does not belong to a workbook. */
export function findingPlaces(db: Db, findingIds: readonly string[]): Map<string, FindingPlace[]> {
  const stmt = db.prepare(
    `SELECT period, finding_id, county, township, detail_hash, lifecycle, status FROM findings
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

export interface TrendRow extends FindingTotals {
  period: string;
  /** Findings answered in this period's workbooks. */
  answered: number;
}

/** Month over month, every checked period up to `period`: all counties together, and per county (county → its rows). */
export interface Trends {
  all: TrendRow[];
  byCounty: Map<string | null, TrendRow[]>;
}

const zeroTrend = (p: string): TrendRow => ({ period: p, findings: 0, suspects: 0, notices: 0, new: 0, persisting: 0, resolved: 0, verified: 0, ineffective: 0, answered: 0 });
const TREND_COUNTS = Object.keys(zeroTrend('')).filter((k) => k !== 'period') as Exclude<keyof TrendRow, 'period'>[];

function checkedPeriods(db: Db, period: string): string[] {
  return (db.prepare(`SELECT period FROM checks WHERE period <= ? ORDER BY period`).all(period) as { period: string }[]).map((r) => r.period);
}

/** The trend, from one pass over the findings up to `period`. */
export function trendsUpTo(db: Db, period: string): Trends {
  const rows = db
    .prepare(
      `SELECT f.period, f.county,
              SUM(f.lifecycle <> '已消除') AS findings,
              SUM(f.lifecycle <> '已消除' AND f.severity = '疑点') AS suspects,
              SUM(f.lifecycle <> '已消除' AND f.severity = '提示') AS notices,
              SUM(f.lifecycle = '新增') AS new,
              SUM(f.lifecycle = '持续') AS persisting,
              SUM(f.lifecycle = '已消除') AS resolved,
              SUM(f.lifecycle <> '已消除' AND f.status = '已核实') AS verified,
              SUM(f.lifecycle <> '已消除' AND f.status = '整改未见效') AS ineffective,
              COUNT(DISTINCT CASE WHEN a.finding_id IS NOT NULL THEN f.finding_id END) AS answered
         FROM findings f
         LEFT JOIN (SELECT DISTINCT period, finding_id FROM answers WHERE result IS NOT NULL) a ON a.period = f.period AND a.finding_id = f.finding_id
        WHERE f.period <= ?
        GROUP BY f.period, f.county
        ORDER BY f.period`,
    )
    .all(period) as (TrendRow & { county: string | null })[];
  // A checked month without findings is a row of zeros, not a gap.
  const checked = checkedPeriods(db, period);
  const byCounty = new Map<string | null, TrendRow[]>();
  for (const c of new Set(rows.map((r) => r.county))) {
    const by = new Map(rows.filter((r) => r.county === c).map(({ county: _c, ...r }) => [r.period, r]));
    byCounty.set(c, checked.map((p) => by.get(p) ?? zeroTrend(p)));
  }
  // A finding is of one county (one row per period and finding id): a month's counts add up across the counties.
  const all = checked.map((p) => {
    const t = zeroTrend(p);
    for (const r of rows) if (r.period === p) for (const k of TREND_COUNTS) t[k] += r[k];
    return t;
  });
  return { all, byCounty };
}
