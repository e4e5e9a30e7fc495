// Runs the enabled rules for a period over the workset, reporting skipped and disabled rules by name and reason.
import type { Kind } from '../model/index.js';
import { periodEnd } from '../normalize/month.js';
import type { Db } from '../store/db.js';
import { kindsPresent, mappedFields } from '../store/imports.js';
import { checkpoint } from '../interrupt.js';
import type { ResolvedRule } from './params.js';
import type { Params, Rule, RuleContext, RuleHit } from './types.js';
import { prepareWorkset } from './workset.js';

export interface RuleRun {
  rule: Rule;
  params: Params;
  state: 'ran' | 'skipped' | 'disabled';
  reason?: string;
  hits: RuleHit[];
  ms: number;
}

/** Runs the rules one after another; between two rules a Ctrl-C (signal) stops the check. */
export async function runRules(db: Db, period: string, rules: readonly ResolvedRule[], signal?: AbortSignal): Promise<RuleRun[]> {
  const present = kindsPresent(db, period);
  const columns = mappedFields(db, period);
  const drop = prepareWorkset(db, period);
  try {
    const runs: RuleRun[] = [];
    for (const { rule, enabled, params } of rules) {
      await checkpoint(signal);
      runs.push(runRule(db, period, rule, enabled, params, present, columns));
    }
    return runs;
  } finally {
    drop();
  }
}

function runRule(
  db: Db,
  period: string,
  rule: Rule,
  enabled: boolean,
  params: Params,
  present: Set<Kind>,
  columns: Map<Kind, Set<string>>,
): RuleRun {
  if (!enabled) return { rule, params, state: 'disabled', reason: '配置中已停用', hits: [], ms: 0 };
  const ctx: RuleContext = {
    db,
    period,
    refDate: periodEnd(period),
    params,
    has: (k: Kind) => present.has(k),
    hasColumn: (k: Kind, f: string) => columns.get(k)?.has(f) ?? false,
  };
  const reason = rule.skipReason(ctx);
  if (reason) return { rule, params, state: 'skipped', reason: `跳过：${reason}`, hits: [], ms: 0 };
  const t0 = performance.now();
  const hits = rule.run(ctx);
  return { rule, params, state: 'ran', hits, ms: performance.now() - t0 };
}
