// --fail-on: exit 1 when open findings of the given severity remain (design.md §2), for check and run alike.
import { BiduiError, EXIT } from '../errors.js';
import { isOpen, type FindingRecord } from '../model/index.js';

export type FailOn = '疑点' | 'any';

export function parseFailOn(v: string | undefined): FailOn | null {
  if (v === undefined) return null;
  if (v === '疑点' || v === 'suspect') return '疑点';
  if (v === 'any' || v === '全部') return 'any';
  throw new BiduiError(`--fail-on 的值应为 疑点 或 any，收到「${v}」`);
}

/** Throws the exit-1 outcome when open findings reach the level. */
export function enforceFailOn(findings: readonly FindingRecord[], failOn: FailOn | null): void {
  if (!failOn) return;
  if (findings.some((f) => isOpen(f) && (failOn === 'any' || f.severity === '疑点'))) {
    throw new BiduiError(`存在${failOn === 'any' ? '' : '“疑点”级别的'}未核实结果（--fail-on ${failOn}）`, EXIT.findings);
  }
}
