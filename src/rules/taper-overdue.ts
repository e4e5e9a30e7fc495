// taper-overdue 渐退期满未退出: an active 低保 row whose 渐退 began N or more months before the period.
import { addMonths, monthDiff } from '../normalize/month.js';
import type { Rule } from './types.js';
import { ids } from './workset.js';

export const taperOverdue: Rule = {
  code: 'taper-overdue',
  name: '渐退期满未退出',
  severity: '疑点',
  params: [
    {
      name: 'months',
      label: '渐退期（月）',
      type: 'int',
      default: 6,
      min: 1,
      max: 12,
      reason: '家庭人均收入超过低保标准的可给予渐退期，一般不超过 6 个月（各省规定 3–12 个月不等），期满应停保',
    },
  ],
  describe: (p) =>
    `低保名单中渐退开始月份距本月已满 ${p.months as number} 个月（渐退期 ${p.months as number} 个月已结束）仍为在保的人。请核实是否应停保。`,
  skipReason: (ctx) =>
    !ctx.has('dibao') ? '本期未导入低保名单' : !ctx.hasColumn('dibao', 'taper_start') ? '低保名单没有“渐退开始月份”列' : null,
  run(ctx) {
    const n = ctx.params.months as number;
    // P ≥ T + N  ⇔  T ≤ P − N (YYYY-MM compares as text).
    const latest = addMonths(ctx.period, -n);
    const rows = ctx.db
      .prepare(
        `SELECT d.id_number, MIN(d.taper_start) AS taper_start, json_group_array(d.id) AS d_ids
           FROM cur d
          WHERE d.kind = 'dibao' AND d.active = 1 AND d.id_number IS NOT NULL
            AND d.taper_start IS NOT NULL AND d.taper_start <= :latest
          GROUP BY d.id_number`,
      )
      .all({ latest }) as { id_number: string; taper_start: string; d_ids: string }[];
    return rows.map((r) => ({
      id_number: r.id_number,
      row_ids: ids(r.d_ids),
      explanation: `疑似渐退期满未退出：低保名单渐退开始月份为 ${r.taper_start}，按渐退期 ${n} 个月应于 ${addMonths(r.taper_start, n - 1)} 期满，本月（${ctx.period}）仍为在保，请核实。`,
      detail: { taper_start: r.taper_start },
      // The months after the taper ended: P − (T + N) + 1 (domain.md §6).
      estimate: { months: monthDiff(ctx.period, addMonths(r.taper_start, n)) + 1, basis: 'sum' },
    }));
  },
};
