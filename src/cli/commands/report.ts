// `bidui report --period P --out DIR`: township workbooks, the county workbook and findings.csv for a checked period.
import type { Command } from 'commander';
import path from 'node:path';
import type { Config } from '../../config/config.js';
import { BiduiError } from '../../errors.js';
import { metaValue, type Db } from '../../store/db.js';
import { answersOfPeriod, importsForPeriod, latestAnswersUpTo, trendUpTo } from '../../store/answers.js';
import { findingsOf, getCheck } from '../../store/findings.js';
import { formatParams } from '../../rules/params.js';
import { RULES } from '../../rules/registry.js';
import type { Params } from '../../rules/types.js';
import { townshipName, UNKNOWN_TOWNSHIP, ymd, type ReportContext, type RuleInfo } from '../../report/model.js';
import { staleWorkbooks, townshipsOf, writeReport, type WrittenFile } from '../../report/write-report.js';
import { globals, withDb } from '../context.js';
import { requirePeriod } from '../options.js';
import type { Output } from '../output.js';
import { renderTable } from '../table.js';

export interface ReportOptions {
  period: string;
  /** The output root; files go to <out>/<period>/. */
  out: string;
  mask: boolean;
  /** Only this township (its name as in the rosters, or 未知乡镇). */
  township?: string;
  now?: Date;
}

export interface ReportSummary {
  period: string;
  dir: string;
  masked: boolean;
  files: WrittenFile[];
  /** Township workbooks already in the directory that this run did not write (no current findings any more). */
  stale: string[];
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

export async function reportPeriod(db: Db, cfg: Config, opts: ReportOptions): Promise<ReportSummary> {
  const t0 = performance.now();
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
  const findings = findingsOf(db, opts.period).map((f) => ({ ...f, answer: answers.get(f.finding_id) ?? null }));
  let only: string | null | undefined;
  if (opts.township !== undefined) {
    const towns = townshipsOf(findings);
    const t = opts.township.trim();
    const match = towns.find((x) => x === t) ?? (t === UNKNOWN_TOWNSHIP && towns.includes(null) ? null : undefined);
    if (match === undefined) {
      throw new BiduiError(
        `${opts.period} 没有「${t}」的疑点。有疑点的乡镇：${towns.map(townshipName).join('、') || '（无）'}`,
      );
    }
    only = match;
  }
  const dir = path.join(path.resolve(opts.out), opts.period);
  const files = await writeReport({
    ctx,
    key: metaValue(db, 'finding_key')!,
    findings,
    periodAnswers: answersOfPeriod(db, opts.period),
    sources: importsForPeriod(db, opts.period),
    trend: trendUpTo(db, opts.period),
    dir,
    only,
  });
  const stale = only === undefined ? staleWorkbooks(dir, files) : [];
  return { period: opts.period, dir, masked: opts.mask, files, stale, ms: Math.round(performance.now() - t0) };
}

function print(s: ReportSummary, out: Output): void {
  const towns = s.files.filter((f) => f.type === 'township');
  out.data(`已生成 ${s.period} 的核查表，输出目录：${s.dir}${s.masked ? '（身份证号已脱敏）' : ''}`);
  if (towns.length) {
    out.data(
      renderTable(
        ['乡镇', '#待核查', '#整改未见效', '#已核实', '#身份证号异常', '文件'],
        towns.map((f) => [f.township ?? '', f.rows, f.ineffective ?? 0, f.verified ?? 0, f.idProblems ?? 0, path.basename(f.file)]),
      ),
    );
  } else {
    out.data('本月没有需要乡镇核查的疑点。');
  }
  for (const f of s.files.filter((x) => x.type !== 'township')) out.data(`${f.type === 'county' ? '县级汇总' : '疑点明细 CSV'}：${f.file}（${f.rows} 条）`);
  if (s.stale.length) {
    out.warn(`注意：输出目录中还有本次没有生成的核查表（这些乡镇本月已没有疑点，文件是以前生成的）：${s.stale.join('、')}`);
  }
  out.info(`用时 ${(s.ms / 1000).toFixed(1)} 秒`);
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('生成乡镇疑点核查表、县级汇总和 findings.csv（写入 <输出目录>/<月份>/）')
    .option('--period <YYYY-MM>', '比对月份（必填）')
    .option('--out <目录>', '输出目录（默认取配置文件的 out，否则 ./out）')
    .option('--mask-ids', '身份证号脱敏显示（如 410102********1234），用于发往县外的名单')
    .option('--township <名称>', '只生成这个乡镇的核查表（没有乡镇的疑点用 未知乡镇）')
    .addHelpText('after', '\n示例：\n  bidui report --period 2024-11\n  bidui report --period 2024-11 --out 核查表 --mask-ids\n  bidui report --period 2024-11 --township 城关镇')
    .action(async (flags: { period?: string; out?: string; maskIds?: boolean; township?: string }, cmd: Command) => {
      const g = globals(cmd);
      const period = requirePeriod(flags.period);
      await withDb(g, async (db, out, cfg) => {
        const s = await reportPeriod(db, cfg, { period, out: flags.out ?? cfg.out, mask: Boolean(flags.maskIds) || cfg.maskIds, township: flags.township });
        if (g.json) out.json(s);
        else print(s, out);
      });
    });
}
