// `bidui check --period P`: runs the rule catalogue, compares with the last checked period, prints the summary.
import type { Command } from 'commander';
import { BiduiError, EXIT } from '../../errors.js';
import { ruleByCode } from '../../rules/registry.js';
import type { FindingRecord } from '../../store/records.js';
import { checkPeriod, type CheckResult } from '../checking.js';
import { globals, withDb } from '../context.js';
import { requirePeriod } from '../options.js';
import type { Output } from '../output.js';
import { renderTable } from '../table.js';

interface CheckFlags {
  period?: string;
  rule?: string[];
  failOn?: string;
}

export function parseFailOn(v: string | undefined): '疑点' | 'any' | null {
  if (v === undefined) return null;
  if (v === '疑点' || v === 'suspect') return '疑点';
  if (v === 'any' || v === '全部') return 'any';
  throw new BiduiError(`--fail-on 的值应为 疑点 或 any，收到「${v}」`);
}

/** Exit 1 when findings reach --fail-on (design.md §2). */
export function failOnReached(findings: FindingRecord[], failOn: '疑点' | 'any' | null): boolean {
  if (!failOn) return false;
  return findings.some((f) => f.lifecycle !== '已消除' && f.status !== '已核实' && (failOn === 'any' || f.severity === '疑点'));
}

export function summaryJson(r: CheckResult) {
  const current = r.findings.filter((f) => f.lifecycle !== '已消除');
  const townships = new Map<string, number>();
  for (const f of current) townships.set(f.township ?? '（未知乡镇）', (townships.get(f.township ?? '（未知乡镇）') ?? 0) + 1);
  return {
    period: r.check.period,
    compared_with: r.check.compared_with,
    rules: r.check.outcomes.map((o) => {
      const rule = ruleByCode(o.code);
      return { code: o.code, name: rule?.name, severity: rule?.severity, state: o.state, reason: o.reason ?? null, count: o.count, new: o.new, persisting: o.persisting, resolved: o.resolved };
    }),
    totals: {
      findings: current.length,
      suspects: current.filter((f) => f.severity === '疑点').length,
      notices: current.filter((f) => f.severity === '提示').length,
      new: current.filter((f) => f.lifecycle === '新增').length,
      persisting: current.filter((f) => f.lifecycle === '持续').length,
      resolved: r.findings.filter((f) => f.lifecycle === '已消除').length,
      verified: current.filter((f) => f.status === '已核实').length,
      ineffective: current.filter((f) => f.status === '整改未见效').length,
    },
    townships: [...townships].sort((a, b) => b[1] - a[1]).map(([township, count]) => ({ township, count })),
  };
}

export function printSummary(r: CheckResult, out: Output): void {
  const s = summaryJson(r);
  out.data(`比对月份 ${s.period}${s.compared_with ? `，与 ${s.compared_with} 对照` : '（首次比对，无上期可对照）'}`);
  out.data(
    renderTable(
      ['规则', '名称', '级别', '#条数', '#新增', '#持续', '#已消除', '说明'],
      s.rules.map((x) => [x.code, x.name ?? '', x.severity ?? '', x.state === 'ran' ? x.count : '-', x.state === 'ran' ? x.new : '-', x.state === 'ran' ? x.persisting : '-', x.state === 'ran' ? x.resolved : '-', x.state === 'ran' ? '' : (x.reason ?? '')]),
    ),
  );
  const t = s.totals;
  out.data(`\n合计 ${t.findings} 条（疑点 ${t.suspects}，提示 ${t.notices}）：新增 ${t.new}，持续 ${t.persisting}，已消除 ${t.resolved}${t.verified ? `，已核实 ${t.verified}` : ''}${t.ineffective ? `，整改未见效 ${out.c.red(String(t.ineffective))}` : ''}`);
  if (s.townships.length) {
    out.data('\n按乡镇：');
    out.data(renderTable(['乡镇', '#条数'], s.townships.map((x) => [x.township, x.count])));
  }
  const skipped = s.rules.filter((x) => x.state !== 'ran');
  if (skipped.length) out.warn(`\n有 ${skipped.length} 条规则未运行（原因见上表“说明”列）。`);
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('按规则目录比对本月名单，生成疑点并与上一次比对的月份对照（新增/持续/已消除）')
    .option('--period <YYYY-MM>', '比对月份（必填）')
    .option('--rule <code...>', '只运行这些规则（其余规则本月已有的结果保留）')
    .option('--fail-on <疑点|any>', '存在该级别的未核实疑点时以退出码 1 结束（供定时任务判断）')
    .addHelpText('after', '\n示例：\n  bidui check --period 2024-11\n  bidui check --period 2024-11 --rule deceased-active taper-overdue\n  bidui check --period 2024-11 --fail-on 疑点 --json')
    .action(async (flags: CheckFlags, cmd: Command) => {
      const g = globals(cmd);
      const period = requirePeriod(flags.period);
      const failOn = parseFailOn(flags.failOn);
      await withDb(g, (db, out, cfg) => {
        const r = checkPeriod(db, cfg, period, flags.rule);
        if (g.json) out.json(summaryJson(r));
        else printSummary(r, out);
        if (failOnReached(r.findings, failOn)) {
          throw new BiduiError(`存在${failOn === 'any' ? '' : '“疑点”级别的'}未核实结果（--fail-on ${failOn}）`, EXIT.findings);
        }
      });
    });
}
