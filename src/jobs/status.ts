// The status job: what the database holds per period, and whether each period's findings still match its rosters.
import { rosterChanges } from '../findings/staleness.js';
import type { Db } from '../store/db.js';
import { getCheck } from '../store/findings.js';
import { loadState } from '../store/imports.js';
import { databaseStatus, type PeriodStatus } from '../store/status.js';

export interface PeriodReport extends PeriodStatus {
  /** What changed in the rosters after the period was checked (empty: the findings are current). */
  changedSinceCheck: string[];
}

export function statusOf(db: Db): PeriodReport[] {
  return databaseStatus(db).map((p) => {
    const check = p.period !== null && p.checked ? getCheck(db, p.period) : null;
    return { ...p, changedSinceCheck: check ? rosterChanges(check.load_state, loadState(db, check.period)) : [] };
  });
}

/** Why a report of the period would not match its rosters, as one Chinese sentence; null when it would. */
export function staleReason(db: Db, period: string): string | null {
  const check = getCheck(db, period);
  if (!check) return null;
  const changed = rosterChanges(check.load_state, loadState(db, period));
  return changed.length ? `${period} 的名单在比对之后有变化：${changed.join('；')}` : null;
}
