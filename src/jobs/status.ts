// The status job: what the database holds per period, and whether each period's findings still match its rosters.
import { comparisonChange, rosterChanges } from '../findings/staleness.js';
import type { CheckRecord } from '../model/index.js';
import type { Db } from '../store/db.js';
import { getCheck, latestCheckedBefore } from '../store/findings.js';
import { loadState } from '../store/imports.js';
import { databaseStatus, type PeriodStatus } from '../store/status.js';

export interface PeriodReport extends PeriodStatus {
  /** What changed in the rosters after the period was checked (empty: the findings are current). */
  changedSinceCheck: string[];
  /** Why the period's 新增/持续/已消除 no longer rest on the check it was compared with (null: they do). */
  comparisonChanged: string | null;
}

/** Why a check's comparison with the latest earlier check is out of date (domain.md §7), or null. */
function comparisonChangeOf(db: Db, check: CheckRecord): string | null {
  const p = latestCheckedBefore(db, check.period);
  const latest = p === null ? null : getCheck(db, p);
  return comparisonChange(check, latest && { period: latest.period, finished_at: latest.finished_at });
}

export function statusOf(db: Db): PeriodReport[] {
  return databaseStatus(db).map((p) => {
    const check = p.period !== null && p.checked ? getCheck(db, p.period) : null;
    return {
      ...p,
      changedSinceCheck: check ? rosterChanges(check.load_state, loadState(db, check.period)) : [],
      comparisonChanged: check ? comparisonChangeOf(db, check) : null,
    };
  });
}

/** Why a report of the period would not match its rosters or its comparison, as one Chinese sentence; null when it would. */
export function staleReason(db: Db, period: string): string | null {
  const check = getCheck(db, period);
  if (!check) return null;
  const changed = rosterChanges(check.load_state, loadState(db, period));
  if (changed.length) return `${period} 的名单在比对之后有变化：${changed.join('；')}`;
  const compared = comparisonChangeOf(db, check);
  return compared ? `${period} 的比对结果已过时：${compared}` : null;
}
