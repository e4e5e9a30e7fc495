// tekun-subsidy-overlap 特困人员同时领取两项补贴: active in 特困 and on the 两项补贴 roster (local policy decides; can be disabled).
import type { Rule } from './types.js';
import { ids } from './workset.js';

const SUBSIDY_NAMES: Record<string, string> = { 生活补贴: '困难残疾人生活补贴', 护理补贴: '重度残疾人护理补贴' };

export const tekunSubsidyOverlap: Rule = {
  code: 'tekun-subsidy-overlap',
  name: '特困人员同时领取两项补贴',
  severity: '提示',
  params: [],
  describe: () =>
    '特困供养人员（在保）同时在两项补贴名单中。特困供养金已含照料护理费，不少地方规定特困人员不再领取两项补贴；是否允许按本地政策，不适用的县可在配置中停用本规则（rules.tekun-subsidy-overlap.enabled: false）。',
  skipReason: (ctx) => (!ctx.has('tekun') ? '本期未导入特困名单' : !ctx.has('liangbu') ? '本期未导入两项补贴名单' : null),
  run(ctx) {
    const rows = ctx.db
      .prepare(
        `SELECT t.id_number, json_group_array(t.id) AS t_ids,
                (SELECT json_group_array(json_object('id', l.id, 'type', l.subsidy_type, 'active', l.active, 'status', l.status))
                   FROM cur l WHERE l.kind = 'liangbu' AND l.id_number = t.id_number) AS subsidies
           FROM cur t
          WHERE t.kind = 'tekun' AND t.active = 1 AND t.id_number IS NOT NULL
            AND EXISTS (SELECT 1 FROM cur l WHERE l.kind = 'liangbu' AND l.id_number = t.id_number)
          GROUP BY t.id_number`,
      )
      .all() as { id_number: string; t_ids: string; subsidies: string }[];
    return rows.map((r) => {
      const subs = JSON.parse(r.subsidies) as { id: number; type: string | null; active: number; status: string | null }[];
      const names = [
        ...new Set(subs.map((s) => `${s.type ? SUBSIDY_NAMES[s.type] : '补贴类型未注明的两项补贴'}${s.active ? '' : `（${s.status ?? '非在发'}）`}`)),
      ].sort();
      return {
        id_number: r.id_number,
        row_ids: [...ids(r.t_ids), ...subs.map((s) => s.id)],
        explanation: `疑似特困人员同时领取两项补贴：本人为特困供养人员（在保），两项补贴名单中有${names.join('、')}记录；是否允许同时享受以本地政策为准，请核对。`,
        detail: { subsidies: names },
      };
    });
  },
};
