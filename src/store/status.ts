// What the database holds, per period: loads, checks, findings and answers (for `bidui status`).
import type { Db } from './db.js';

export interface PeriodStatus {
  period: string | null; // null: reference rosters loaded without a period
  imports: { kind: string; file: string; rows: number; idProblems: number; rejected: number; skipped: number; loadedAt: string }[];
  checked: { at: string; comparedWith: string | null } | null;
  findings: {
    open: number; new: number; persisting: number; resolved: number; verified: number; ineffective: number;
    /** Current findings that exist only through a linked ID. */
    viaLink: number;
    /** Sum of the current findings' 疑似多发金额（估算）; null when none has one. */
    estimate: number | null;
  } | null;
  /** Rows linked to a candidate ID by id-typo-suspect, per (county, township) (null: unknown), in the latest check. */
  links: { county: string | null; township: string | null; count: number }[];
  /** With several counties in the period: per county, its current findings, those split across counties and the estimate. */
  counties: { county: string | null; open: number; crossCounty: number; estimate: number | null }[];
  answers: number;
}

export function databaseStatus(db: Db): PeriodStatus[] {
  const imports = db
    .prepare(`SELECT period, kind, file_name, rows_loaded, id_problems, rows_rejected, rows_skipped, loaded_at FROM imports ORDER BY period, kind, file_name`)
    .all() as { period: string | null; kind: string; file_name: string; rows_loaded: number; id_problems: number; rows_rejected: number; rows_skipped: number; loaded_at: string }[];
  const checks = db.prepare(`SELECT period, finished_at, compared_with FROM checks`).all() as { period: string; finished_at: string; compared_with: string | null }[];
  const counts = db
    .prepare(
      `SELECT period,
              sum(lifecycle <> '已消除') AS open, sum(lifecycle = '新增') AS new, sum(lifecycle = '持续') AS persisting,
              sum(lifecycle = '已消除') AS resolved, sum(status = '已核实') AS verified, sum(status = '整改未见效') AS ineffective,
              sum(lifecycle <> '已消除' AND via_link = 1) AS viaLink,
              round(sum(CASE WHEN lifecycle <> '已消除' THEN amount_estimate END), 2) AS estimate
         FROM findings GROUP BY period`,
    )
    .all() as ({ period: string } & NonNullable<PeriodStatus['findings']>)[];
  const links = db
    .prepare(
      `SELECT period, county, township, count(*) AS count FROM findings
        WHERE rule = 'id-typo-suspect' AND lifecycle <> '已消除' AND json_extract(detail, '$.linked') = 1
        GROUP BY period, county, township ORDER BY period, county, township`,
    )
    .all() as { period: string; county: string | null; township: string | null; count: number }[];
  const byCounty = db
    .prepare(
      `SELECT period, county, count(*) AS open, sum(json_extract(detail, '$.cross_county') IS NOT NULL) AS crossCounty,
              round(sum(amount_estimate), 2) AS estimate
         FROM findings WHERE lifecycle <> '已消除' GROUP BY period, county ORDER BY period, county`,
    )
    .all() as ({ period: string } & PeriodStatus['counties'][number])[];
  const answers = db.prepare(`SELECT period, count(DISTINCT finding_id) AS n FROM answers GROUP BY period`).all() as { period: string; n: number }[];
  const periods = new Set<string | null>([...imports.map((i) => i.period), ...checks.map((c) => c.period)]);
  return [...periods]
    .sort((a, b) => (a ?? '').localeCompare(b ?? ''))
    .map((p) => {
      const c = checks.find((x) => x.period === p);
      const f = counts.find((x) => x.period === p);
      return {
        period: p,
        imports: imports
          .filter((i) => i.period === p)
          .map((i) => ({ kind: i.kind, file: i.file_name, rows: i.rows_loaded, idProblems: i.id_problems, rejected: i.rows_rejected, skipped: i.rows_skipped, loadedAt: i.loaded_at })),
        checked: c ? { at: c.finished_at, comparedWith: c.compared_with } : null,
        // A checked period without any finding has counts of 0, not none.
        findings: f
          ? { open: f.open, new: f.new, persisting: f.persisting, resolved: f.resolved, verified: f.verified, ineffective: f.ineffective, viaLink: f.viaLink, estimate: f.estimate }
          : c
            ? { open: 0, new: 0, persisting: 0, resolved: 0, verified: 0, ineffective: 0, viaLink: 0, estimate: null }
            : null,
        links: links.filter((l) => l.period === p).map(({ county, township, count }) => ({ county, township, count })),
        counties: ((cs) => (cs.length > 1 ? cs : []))(byCounty.filter((x) => x.period === p).map(({ county, open, crossCounty, estimate }) => ({ county, open, crossCounty, estimate }))),
        answers: answers.find((a) => a.period === p)?.n ?? 0,
      };
    });
}
