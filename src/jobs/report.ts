// The report job: gathers a checked period's findings, answers, sources and trend, and has the report room write the
// township workbooks, the county workbook, findings.csv and the dashboard page (shared by report and run).
import path from 'node:path';
import type { Config } from '../config/config.js';
import { BiduiError } from '../errors.js';
import { townshipName, UNKNOWN_TOWNSHIP } from '../model/index.js';
import { ymd, type ReportContext, type RuleInfo } from '../report/model.js';
import { townshipsOf, writeReport, type ReportInput, type WrittenFile } from '../report/write-report.js';
import { formatParams } from '../rules/params.js';
import { RULES } from '../rules/registry.js';
import type { Params } from '../rules/types.js';
import { answersOfPeriod, latestAnswersUpTo } from '../store/answers.js';
import { inReadTransactionSync, metaValue, type Db } from '../store/db.js';
import { findingsOf, getCheck, trendUpTo } from '../store/findings.js';
import { importsForPeriod } from '../store/imports.js';
import { staleReason } from './status.js';

export interface ReportOptions {
  period: string;
  /** The output root; files go to <out>/<period>/. */
  out: string;
  mask: boolean;
  /** Only this township (its name as in the rosters, or 未知乡镇). */
  township?: string;
  /** Write the workbooks even though the rosters changed after the check (--stale-ok). */
  staleOk?: boolean;
  /** The dashboard page 县级看板.html (default true; not with --township). */
  html?: boolean;
  now?: Date;
  signal?: AbortSignal;
}

export interface ReportSummary {
  period: string;
  dir: string;
  masked: boolean;
  files: WrittenFile[];
  /** bidui's workbooks of the month's previous set that this report no longer has (no current findings any more). */
  dropped: string[];
  ms: number;
}

function addDays(d: Date, n: number): Date {
  const x = new Date(d);
  x.setDate(x.getDate() + n);
  return x;
}

/** The rules as the check of the period ran them (parameters then in force, skipped rules and why), in catalogue order. */
function ruleInfos(db: Db, period: string): RuleInfo[] {
  const check = getCheck(db, period)!;
  return check.outcomes.map((o): RuleInfo => {
    const rule = RULES.find((r) => r.code === o.code);
    if (!rule) return { code: o.code, name: o.code, severity: '提示', description: '', params: '—', state: o.state, reason: o.reason ?? null };
    const params = { ...Object.fromEntries(rule.params.map((p) => [p.name, p.default])), ...o.params } as Params;
    return {
      code: rule.code,
      name: rule.name,
      severity: rule.severity,
      description: rule.describe(params),
      params: formatParams(rule, params),
      state: o.state,
      reason: o.reason ?? null,
    };
  });
}

/** What the report room is given for a checked period, before the choice of township and directory. */
export type PeriodReportData = Omit<ReportInput, 'dir' | 'only' | 'html' | 'signal'>;

/**
 * Gathers a checked period's findings (each with its latest answer), answers, sources and trend from the store, all
 * from one snapshot of the database (a check or feedback committing meanwhile is not half seen).
 */
export function periodReportData(db: Db, cfg: Config, opts: Pick<ReportOptions, 'period' | 'mask' | 'now'>): PeriodReportData {
  return inReadTransactionSync(db, () => {
    const check = getCheck(db, opts.period);
    if (!check) throw new BiduiError(`${opts.period} 还没有比对过，无法生成核查表。请先运行 bidui check --period ${opts.period}`);
    const now = opts.now ?? new Date();
    const ctx: ReportContext = {
      county: cfg.county,
      period: opts.period,
      comparedWith: check.compared_with,
      now,
      deadline: ymd(addDays(now, cfg.deadlineDays)),
      mask: opts.mask,
      rules: ruleInfos(db, opts.period),
    };
    const answers = latestAnswersUpTo(db, opts.period);
    return {
      ctx,
      key: metaValue(db, 'finding_key')!,
      findings: findingsOf(db, opts.period).map((f) => ({ ...f, answer: answers.get(f.finding_id) ?? null })),
      periodAnswers: answersOfPeriod(db, opts.period),
      sources: importsForPeriod(db, opts.period),
      trend: trendUpTo(db, opts.period),
      checkedAt: check.finished_at,
    };
  });
}

export async function reportPeriod(db: Db, cfg: Config, opts: ReportOptions): Promise<ReportSummary> {
  const t0 = performance.now();
  const changed = staleReason(db, opts.period);
  if (changed && !opts.staleOk) {
    throw new BiduiError(`${changed}。核查表会与现在的名单不符：请先运行 bidui check --period ${opts.period}；确需按上次比对的结果生成，请加 --stale-ok`);
  }
  const data = periodReportData(db, cfg, opts);
  let only: string | null | undefined;
  if (opts.township !== undefined) {
    const towns = townshipsOf(data.findings);
    const t = opts.township.trim();
    const match = towns.find((x) => x === t) ?? (t === UNKNOWN_TOWNSHIP && towns.includes(null) ? null : undefined);
    if (match === undefined) {
      throw new BiduiError(`${opts.period} 没有「${t}」的疑点。有疑点的乡镇：${towns.map(townshipName).join('、') || '（无）'}`);
    }
    only = match;
  }
  const dir = path.join(path.resolve(opts.out), opts.period);
  const { files, dropped } = await writeReport({ ...data, dir, only, html: opts.html !== false, signal: opts.signal });
  return { period: opts.period, dir, masked: opts.mask, files, dropped, ms: Math.round(performance.now() - t0) };
}
