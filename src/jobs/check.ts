// The check job: runs the rule catalogue over a period's snapshot, compares with the last checked period, stores the
// findings (read → pure assembly → write; shared by check and run). All of it is one write transaction: what the rules
// read, the provenance rows and the saved findings are one state of the database, and Ctrl-C leaves the old check.
import type { Config } from '../config/config.js';
import { BiduiError } from '../errors.js';
import { assembleFindings } from '../findings/assemble.js';
import { isCurrent, LIFECYCLE, type CheckRecord, type FindingRecord, type RuleOutcomeRecord } from '../model/index.js';
import { resolveRules, type ResolvedRule } from '../rules/params.js';
import { RULES } from '../rules/registry.js';
import { runRules, type RuleRun } from '../rules/runner.js';
import { answersBefore } from '../store/answers.js';
import { checkpoint } from '../interrupt.js';
import { inWriteTransaction, metaValue, withOwnCaches, type Db } from '../store/db.js';
import { findingsOf, getCheck, latestCheckedBefore, saveCheck } from '../store/findings.js';
import { hasPeriodRosters, loadState } from '../store/imports.js';

export interface CheckResult {
  check: CheckRecord;
  findings: FindingRecord[];
}

/** The catalogue with the config's parameters applied; `only` narrows it to some rule codes (unknown codes are an error). */
export function resolvedRules(cfg: Config, only?: readonly string[]): ResolvedRule[] {
  const resolved = resolveRules(RULES, cfg.rules);
  if (!only || only.length === 0) return resolved;
  const unknown = only.filter((c) => !RULES.some((r) => r.code === c));
  if (unknown.length) throw new BiduiError(`没有这条规则：${unknown.join('、')}。用 bidui rules 查看全部规则代码`);
  return resolved.filter((r) => only.includes(r.rule.code));
}

export interface CheckOptions {
  /** Only these rule codes (the other rules' findings of the period stay as they were). */
  only?: readonly string[];
  signal?: AbortSignal;
}

export function checkPeriod(db: Db, cfg: Config, period: string, opts: CheckOptions = {}): Promise<CheckResult> {
  return withOwnCaches(db, () => inWriteTransaction(db, () => check(db, cfg, period, opts)));
}

async function check(db: Db, cfg: Config, period: string, { only, signal }: CheckOptions): Promise<CheckResult> {
  if (!hasPeriodRosters(db, period)) {
    throw new BiduiError(`${period} 还没有导入任何名单，无法比对。请先用 bidui load <类型> <文件> --period ${period} 导入`);
  }
  const started = new Date().toISOString();
  const rules = resolvedRules(cfg, only);
  const { fresh, runs } = await runAndAssemble(db, period, rules, signal);
  // --rule re-checks some rules: the other rules' findings and outcomes of this period's earlier check stay as they were.
  const earlier = only && only.length ? getCheck(db, period) : null;
  const kept = earlier ? findingsOf(db, period).filter((f) => !only!.includes(f.rule)) : [];
  const findings = [...kept, ...fresh];
  const outcomes: RuleOutcomeRecord[] = runs.map((r) => {
    const mine = findings.filter((f) => f.rule === r.rule.code);
    return {
      code: r.rule.code,
      state: r.state,
      reason: r.reason,
      params: r.params,
      count: mine.filter(isCurrent).length,
      new: mine.filter((f) => f.lifecycle === LIFECYCLE.new).length,
      persisting: mine.filter((f) => f.lifecycle === LIFECYCLE.persisting).length,
      resolved: mine.filter((f) => f.lifecycle === LIFECYCLE.resolved).length,
    };
  });
  if (earlier) outcomes.unshift(...earlier.outcomes.filter((o) => !only!.includes(o.code)));
  outcomes.sort((a, b) => RULES.findIndex((r) => r.code === a.code) - RULES.findIndex((r) => r.code === b.code));
  // Findings kept from the earlier check rest on the rosters it read: if those were replaced since, the period stays out of
  // date (status, report) until every rule is checked again.
  const keptSome = earlier !== null && earlier.outcomes.some((o) => !only!.includes(o.code));
  const check: CheckRecord = {
    period,
    compared_with: latestCheckedBefore(db, period),
    outcomes,
    started_at: started,
    finished_at: new Date().toISOString(),
    load_state: keptSome ? earlier.load_state : loadState(db, period),
  };
  await checkpoint(signal);
  saveCheck(db, check, Object.fromEntries(outcomes.map((o) => [o.code, o.params])), findings);
  return { check, findings };
}

/**
 * The rules' hits made into findings. The hits and the rows they name (a quarter of a million of each at province
 * scale) are dropped on return: only the findings and each rule's run (without its hits) go on to be saved.
 */
async function runAndAssemble(db: Db, period: string, rules: ResolvedRule[], signal: AbortSignal | undefined): Promise<{ fresh: FindingRecord[]; runs: Omit<RuleRun, 'hits'>[] }> {
  const { runs, rows, viaLink } = await runRules(db, period, rules, signal);
  const comparedWith = latestCheckedBefore(db, period);
  const fresh = assembleFindings({
    period,
    key: metaValue(db, 'finding_key')!,
    runs,
    rows,
    viaLink,
    previous: comparedWith ? findingsOf(db, comparedWith, { current: true }) : [],
    answers: answersBefore(db, period),
  });
  return { fresh, runs: runs.map(({ hits: _, ...r }) => r) };
}
