// deceased-active 死亡人员仍在册: on the 死亡/火化 roster (dated before period start minus grace, or undated) and still active.
import { PERIOD_KINDS, shortNames, type Kind } from '../model/index.js';
import { addMonths, monthDiff, periodStart } from '../normalize/month.js';
import type { Rule } from './types.js';
import { sqlList } from '../store/sql.js';
import { ids } from './workset.js';

export const deceasedActive: Rule = {
  code: 'deceased-active',
  name: '死亡人员仍在册',
  severity: '疑点',
  params: [
    {
      name: 'scope',
      label: '比对的名单',
      type: 'list',
      default: ['dibao', 'tekun', 'liangbu', 'fangpin'],
      allowed: PERIOD_KINDS,
      reason: '低保、特困、两项补贴对象死亡后应及时停发（当月或次月）；防返贫监测对象死亡后应标注自然减少',
    },
    {
      name: 'grace_months',
      label: '宽限月数',
      type: 'int',
      default: 0,
      min: 0,
      max: 12,
      reason: '死亡在本月之前的仍在保即为疑点；若本地停发手续需要时间，可放宽若干个月（本月死亡的不算）',
    },
  ],
  describe: (p) => {
    const g = p.grace_months as number;
    return `死亡/火化名单中的人，死亡日期早于本月${g ? `前 ${g} 个月的` : ''}第一天（或死亡日期缺失），本月仍在${shortNames(p.scope as string[])}名单中为在保/在册状态。请核实并停发、追回。`;
  },
  skipReason(ctx) {
    if (!ctx.has('death')) return '本期未导入死亡人员名单';
    const scope = ctx.params.scope as string[];
    return scope.some((k) => ctx.has(k as Kind)) ? null : `本期未导入${shortNames(scope)}名单`;
  },
  run(ctx) {
    const scope = ctx.params.scope as Kind[];
    const grace = ctx.params.grace_months as number;
    const cutMonth = addMonths(ctx.period, -grace);
    const inList = sqlList(scope);
    // A dated death row wins over an undated one: the earliest known date decides; no date at all counts as suspect.
    const rows = ctx.db
      .prepare(
        `WITH dead AS (
           SELECT x.id_number, MIN(x.death_date) AS death_date, json_group_array(x.id) AS x_ids,
                  group_concat(DISTINCT x.source) AS sources
             FROM cur x
            WHERE x.kind = 'death' AND x.id_number IS NOT NULL
            GROUP BY x.id_number
         )
         SELECT dead.*,
                (SELECT json_group_array(json_object('id', s.id, 'kind', s.kind)) FROM cur s
                  WHERE s.kind IN (${inList}) AND s.active = 1 AND s.id_number = dead.id_number) AS own
           FROM dead
          WHERE (dead.death_date IS NULL OR substr(dead.death_date, 1, 7) < :cutMonth)
            AND EXISTS (SELECT 1 FROM cur s WHERE s.kind IN (${inList}) AND s.active = 1 AND s.id_number = dead.id_number)`,
      )
      .all({ cutMonth }) as { id_number: string; death_date: string | null; x_ids: string; sources: string | null; own: string }[];
    const missing = scope.filter((k) => !ctx.has(k as Kind));
    const note = missing.length ? `（本期未导入${shortNames(missing)}名单，未比对）` : '';
    const rule = `按宽限 ${grace} 个月，死亡日期早于 ${periodStart(cutMonth)} 即列入`;
    return rows.map((r) => {
      const own = JSON.parse(r.own) as { id: number; kind: string }[];
      const kinds = PERIOD_KINDS.filter((k) => own.some((o) => o.kind === k));
      const src = r.sources ? `（来源：${r.sources.split(',').join('、')}）` : '';
      const death = r.death_date
        ? `死亡/火化名单记载其于 ${r.death_date} 死亡${src}`
        : `死亡/火化名单中有此人${src}，但死亡日期缺失`;
      return {
        id_number: r.id_number,
        row_ids: [...own.map((o) => o.id), ...ids(r.x_ids)],
        explanation: `疑似死亡人员仍在册：${death}，本月仍在${shortNames(kinds)}名单中为在保/在册状态（${rule}${r.death_date ? '' : '，死亡日期缺失的也列入'}）${note}，请核实。`,
        detail: { death_date: r.death_date },
        // Paid for every month after the death month (domain.md §6); without a date, no estimate.
        ...(r.death_date ? { estimate: { months: monthDiff(ctx.period, r.death_date.slice(0, 7)), basis: 'sum' as const } } : {}),
      };
    });
  },
};
