// The check summary (rule × count, new / persisting / resolved, skipped rules and why, by township), as JSON and as text.
import { findingTotals, isCurrent, townshipName } from '../model/index.js';
import type { CheckResult } from '../jobs/check.js';
import { ruleByCode } from '../rules/registry.js';
import type { Output } from './output.js';
import { renderTable } from './table.js';

export function summaryJson(r: CheckResult) {
  const townships = new Map<string, number>();
  for (const f of r.findings.filter(isCurrent)) townships.set(townshipName(f.township), (townships.get(townshipName(f.township)) ?? 0) + 1);
  return {
    period: r.check.period,
    compared_with: r.check.compared_with,
    rules: r.check.outcomes.map((o) => {
      const rule = ruleByCode(o.code);
      return { code: o.code, name: rule?.name, severity: rule?.severity, state: o.state, reason: o.reason ?? null, count: o.count, new: o.new, persisting: o.persisting, resolved: o.resolved };
    }),
    totals: findingTotals(r.findings),
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
