// The report job: gathers a checked period's findings, answers, sources and trend, and has the report room write the
// township workbooks, the county workbook, findings.csv and the dashboard page (shared by report and run).
import path from 'node:path';
import type { Config } from '../config/config.js';
import { BiduiError } from '../errors.js';
import { countyName, townshipName, UNKNOWN_COUNTY, UNKNOWN_TOWNSHIP, type FindingRecord } from '../model/index.js';
import { ymd, zhCompareNullLast, type ReportContext, type RuleInfo } from '../report/model.js';
import { townshipsOf, writeReport, type CountyPart, type ReportInput, type WrittenFile } from '../report/write-report.js';
import { formatParams } from '../rules/params.js';
import { RULES } from '../rules/registry.js';
import type { Params } from '../rules/types.js';
import { answersOfPeriod, latestAnswersUpTo } from '../store/answers.js';
import { inReadTransaction, metaValue, type Db } from '../store/db.js';
import { findingsOf, getCheck, placesOf, trendsUpTo, type Trends } from '../store/findings.js';
import { countiesOfImports, importsForPeriod, type ImportSource } from '../store/imports.js';
import { staleReason } from './status.js';

export interface ReportOptions {
  period: string;
  /** The output root; files go to <out>/<period>/. */
  out: string;
  mask: boolean;
  /** Only this county's files (several counties in the database). */
  county?: string;
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
export type PeriodReportData = Omit<ReportInput, 'dir' | 'only' | 'onlyCounty' | 'html' | 'signal'> & {
  /** Each (county, township) of the period's findings, once per lifecycle there: what --county and --township may name. */
  places: Place[];
};

type Place = Pick<FindingRecord, 'county' | 'township' | 'lifecycle'>;

/** The counties of the period's findings, when there are several (domain.md §10); null: one county's layout. */
function countiesOf(places: readonly Place[]): (string | null)[] | null {
  const named = new Set(places.map((f) => f.county).filter((c) => c !== null));
  if (named.size < 2) return null;
  const all = [...new Set(places.map((f) => f.county))];
  return all.sort(zhCompareNullLast);
}

/**
 * Gathers what a report of a checked period needs from the store: its findings are read when written, county by county
 * across several counties (readFindings), each with its latest answer. The caller holds one snapshot of the database
 * for all of it (reportPeriod: a check or feedback committing meanwhile is not half seen).
 */
export function periodReportData(db: Db, cfg: Config, opts: Pick<ReportOptions, 'period' | 'mask' | 'now'>): PeriodReportData {
  const check = getCheck(db, opts.period);
  if (!check) throw new BiduiError(`${opts.period} 还没有比对过，无法生成核查表。请先运行 bidui check --period ${opts.period}`);
  const now = opts.now ?? new Date();
  const places = placesOf(db, opts.period);
  const counties = countiesOf(places);
  // One county: the county its rows were loaded for, else the config's.
  const ctx: ReportContext = {
    county: counties ? cfg.county : (places.find((f) => f.county !== null)?.county ?? cfg.county),
    period: opts.period,
    comparedWith: check.compared_with,
    now,
    deadline: ymd(addDays(now, cfg.deadlineDays)),
    mask: opts.mask,
    rules: ruleInfos(db, opts.period),
  };
  const loaded = importsForPeriod(db, opts.period);
  const of = counties ? countiesOfImports(db, loaded.map((s) => s.id)) : null;
  const sources = of ? loaded.map((s) => ({ ...s, counties: of.get(s.id) ?? [] })) : loaded;
  const trends = trendsUpTo(db, opts.period);
  return {
    ctx,
    key: metaValue(db, 'finding_key')!,
    places,
    readFindings: (county) => {
      const answers = latestAnswersUpTo(db, opts.period, county);
      // Each record takes its answer in place (not a copy of every finding).
      return findingsOf(db, opts.period, { county }).map((f) => Object.assign(f, { answer: answers.get(f.finding_id) ?? null }));
    },
    periodAnswers: answersOfPeriod(db, opts.period),
    sources,
    trend: trends.all,
    counties: counties && countyParts(counties, sources, trends),
    checkedAt: check.finished_at,
  };
}

/** Each county's sources (the files holding rows of it, and those of no county: the cremation list) and trend. */
function countyParts(counties: (string | null)[], sources: ImportSource[], trends: Trends): CountyPart[] {
  return counties.map((county) => ({
    county,
    sources: sources.filter((s) => s.counties?.some((c) => c === county || c === null)),
    trend: trends.byCounty.get(county) ?? [],
  }));
}

/** The place (county or township) a --county / --township value names among `names`: itself, or null for the label of the unknown one. */
function placeNamed(names: readonly (string | null)[], given: string, unknownLabel: string): string | null | undefined {
  return names.find((x) => x === given) ?? (given === unknownLabel && names.includes(null) ? null : undefined);
}

/** What report --county and --township name, checked against the period's findings. */
function narrowing(data: PeriodReportData, opts: ReportOptions): { onlyCounty?: string | null; only?: string | null } {
  const out: { onlyCounty?: string | null; only?: string | null } = {};
  let places = data.places;
  if (opts.county !== undefined) {
    const c = opts.county.trim();
    if (!data.counties) {
      if (c !== data.ctx.county) throw new BiduiError(`${data.ctx.period} 的名单只有一个县（${data.ctx.county || '未写县名'}），没有「${c}」。去掉 --county 即可`);
    } else {
      const names = data.counties.map((p) => p.county);
      const match = placeNamed(names, c, UNKNOWN_COUNTY);
      if (match === undefined) throw new BiduiError(`${data.ctx.period} 没有「${c}」的疑点。有疑点的县：${names.map(countyName).join('、')}`);
      out.onlyCounty = match;
      places = places.filter((f) => f.county === match);
    }
  }
  if (opts.township !== undefined) {
    const t = opts.township.trim();
    const towns = townshipsOf(places);
    const match = placeNamed(towns, t, UNKNOWN_TOWNSHIP);
    if (match === undefined) {
      throw new BiduiError(`${data.ctx.period} 没有「${t}」的疑点。有疑点的乡镇：${towns.map(townshipName).join('、') || '（无）'}`);
    }
    if (data.counties && out.onlyCounty === undefined) {
      // 城关镇 of one county is not 城关镇 of another: with several counties, say which.
      const inCounties = [...new Set(places.filter((f) => f.township === match).map((f) => f.county))].sort(zhCompareNullLast);
      if (inCounties.length > 1) {
        throw new BiduiError(`「${t}」在 ${inCounties.map(countyName).join('、')} 都有，请用 --county 指明是哪个县的，例如 --county ${countyName(inCounties[0]!)} --township ${t}`);
      }
      out.onlyCounty = inCounties[0]!;
    }
    out.only = match;
  }
  return out;
}

export async function reportPeriod(db: Db, cfg: Config, opts: ReportOptions): Promise<ReportSummary> {
  const t0 = performance.now();
  return inReadTransaction(db, async () => {
    const changed = staleReason(db, opts.period);
    if (changed && !opts.staleOk) {
      throw new BiduiError(`${changed}。核查表会与现在的名单不符：请先运行 bidui check --period ${opts.period}；确需按上次比对的结果生成，请加 --stale-ok`);
    }
    const data = periodReportData(db, cfg, opts);
    const dir = path.join(path.resolve(opts.out), opts.period);
    const { files, dropped } = await writeReport({ ...data, dir, ...narrowing(data, opts), html: opts.html !== false, signal: opts.signal });
    return { period: opts.period, dir, masked: opts.mask, files, dropped, ms: Math.round(performance.now() - t0) };
  });
}
