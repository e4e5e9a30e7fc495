// The check summary (rule × count, new / persisting / resolved, skipped rules and why, by township), as JSON and as text.
import { ESTIMATE_LABEL } from '../findings/money.js';
import { countyName, estimateSum, findingTotals, isCurrent, townshipName } from '../model/index.js';
import type { CheckResult } from '../jobs/check.js';
import { ruleByCode } from '../rules/registry.js';
import type { Output } from './output.js';
import { renderTable } from './table.js';


export function summaryJson(r: CheckResult) {
  // A place is (county, township): with several counties in the database, 城关镇 of one is not 城关镇 of another.
  const current = r.findings.filter(isCurrent);
  const places = new Map<string, { county: string | null; township: string; count: number }>();
  for (const f of current) {
    const k = `${f.county ?? ''}|${townshipName(f.township)}`;
    const p = places.get(k) ?? { county: f.county, township: townshipName(f.township), count: 0 };
    p.count++;
    places.set(k, p);
  }
  const counties = [...new Set(current.map((f) => f.county))];
  return {
    period: r.check.period,
    compared_with: r.check.compared_with,
    rules: r.check.outcomes.map((o) => {
      const rule = ruleByCode(o.code);
      return { code: o.code, name: rule?.name, severity: rule?.severity, state: o.state, reason: o.reason ?? null, count: o.count, new: o.new, persisting: o.persisting, resolved: o.resolved };
    }),
    totals: { ...findingTotals(r.findings), estimate: estimateSum(current), via_link: current.filter((f) => f.via_link).length, cross_county: current.filter((f) => f.detail.cross_county).length },
    counties: counties.length > 1 ? counties : undefined,
    townships: [...places.values()]
      .sort((a, b) => b.count - a.count)
      .map((p) => (counties.length > 1 ? { county: p.county, township: p.township, count: p.count } : { township: p.township, count: p.count })),
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
  if (t.estimate !== null) out.data(`涉及金额（${ESTIMATE_LABEL}）：${t.estimate.toFixed(2)} 元`);
  if (t.cross_county) out.data(`其中 ${t.cross_county} 条是跨县疑点（本人在两个以上县享受待遇，各县各核查本县的记录）`);
  if (t.via_link) out.data(`其中 ${t.via_link} 条疑点是按疑似录错的身份证号关联后才出现的，请先核对身份`);
  if (s.townships.length) {
    out.data('\n按乡镇：');
    if (s.counties) out.data(renderTable(['县', '乡镇', '#条数'], s.townships.map((x) => ['county' in x ? countyName(x.county ?? null) : '', x.township, x.count])));
    else out.data(renderTable(['乡镇', '#条数'], s.townships.map((x) => [x.township, x.count])));
  }
  const skipped = s.rules.filter((x) => x.state !== 'ran');
  if (skipped.length) out.warn(`\n有 ${skipped.length} 条规则未运行（原因见上表“说明”列）。`);
}
