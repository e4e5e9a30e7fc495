// Counts over a period's findings, as the check summary, the run log and the status line give them.
import { isCurrent, LIFECYCLE, STATUS, type FindingRecord } from '../model/index.js';

export interface FindingTotals {
  /** Current findings (新增 + 持续). */
  findings: number;
  suspects: number;
  notices: number;
  new: number;
  persisting: number;
  resolved: number;
  verified: number;
  ineffective: number;
}

export function findingTotals(all: readonly Pick<FindingRecord, 'lifecycle' | 'status' | 'severity'>[]): FindingTotals {
  const current = all.filter(isCurrent);
  const n = (p: (f: (typeof current)[number]) => boolean) => current.filter(p).length;
  return {
    findings: current.length,
    suspects: n((f) => f.severity === '疑点'),
    notices: n((f) => f.severity === '提示'),
    new: n((f) => f.lifecycle === LIFECYCLE.new),
    persisting: n((f) => f.lifecycle === LIFECYCLE.persisting),
    resolved: all.length - current.length,
    verified: n((f) => f.status === STATUS.verified),
    ineffective: n((f) => f.status === STATUS.ineffective),
  };
}
