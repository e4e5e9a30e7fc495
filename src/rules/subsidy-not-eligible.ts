// subsidy-not-eligible 生活补贴对象不在低保: a 困难残疾人生活补贴 recipient not active in any eligible roster.
import { KIND_SHORT_NAMES, shortNames, type Kind } from '../model/index.js';
import { sqlList } from '../store/sql.js';
import type { Rule } from './types.js';
import { ids } from './workset.js';

/** Rosters a province may count as eligible for 生活补贴. */
const ELIGIBLE = ['dibao', 'tekun', 'fangpin'] as const satisfies readonly Kind[];

export const subsidyNotEligible: Rule = {
  code: 'subsidy-not-eligible',
  name: '生活补贴对象不在低保',
  severity: '疑点',
  params: [
    {
      name: 'eligible_kinds',
      label: '生活补贴认可的名单',
      type: 'list',
      default: ['dibao'],
      allowed: ELIGIBLE,
      reason: '困难残疾人生活补贴发给低保家庭中的残疾人（国发〔2015〕52号）；有的省扩大到特困人员、低保边缘或脱贫人口',
    },
  ],
  describe: (p) =>
    `两项补贴名单中领取困难残疾人生活补贴（在发）的人，本月不在${shortNames(p.eligible_kinds as string[])}名单（在保）中，请核实是否仍符合条件。`,
  skipReason(ctx) {
    if (!ctx.has('liangbu')) return '本期未导入两项补贴名单';
    if (!ctx.hasColumn('liangbu', 'subsidy_type')) return '两项补贴名单没有“补贴类型”列';
    const missing = (ctx.params.eligible_kinds as string[]).find((k) => !ctx.has(k as Kind));
    return missing ? `本期未导入${KIND_SHORT_NAMES[missing as Kind]}名单` : null;
  },
  run(ctx) {
    const kinds = ctx.params.eligible_kinds as Kind[];
    const inList = sqlList(kinds);
    const rows = ctx.db
      .prepare(
        `SELECT l.id_number, json_group_array(l.id) AS l_ids,
                (SELECT json_group_array(DISTINCT e.kind || ':' || COALESCE(e.status, '')) FROM cur e
                  WHERE e.kind IN (${inList}) AND e.id_number = l.id_number) AS stopped
           FROM cur l
          WHERE l.kind = 'liangbu' AND l.active = 1 AND l.id_number IS NOT NULL AND l.subsidy_type = '生活补贴'
            AND NOT EXISTS (SELECT 1 FROM cur e WHERE e.kind IN (${inList}) AND e.active = 1 AND e.id_number = l.id_number)
          GROUP BY l.id_number`,
      )
      .all() as { id_number: string; l_ids: string; stopped: string }[];
    const names = shortNames(kinds);
    return rows.map((r) => {
      // Rows of the eligible rosters that exist but are not active (停保…): worth saying, the township starts there.
      const stopped = (JSON.parse(r.stopped) as string[]).map((s) => {
        const [k, st] = s.split(':');
        return `${KIND_SHORT_NAMES[k as Kind]}名单状态为${st || '非在保'}`;
      });
      const where = stopped.length ? `（${stopped.sort().join('，')}）` : '';
      return {
        id_number: r.id_number,
        row_ids: ids(r.l_ids),
        explanation: `疑似不符合困难残疾人生活补贴条件：两项补贴名单本月发放生活补贴，但本人不在${names}名单（在保）中${where}，请核实。`,
        detail: { stopped: stopped.sort() },
        estimate: { months: 'open', basis: 'sum' },
      };
    });
  },
};
