// subsidy-omission 两项补贴疑似漏发: (a) 低保 + 残疾人证 without 生活补贴; (b) 一、二级 not in 特困 without 护理补贴.
import { CATEGORY_NAMES, GRADE_NAMES } from '../normalize/values.js';
import type { Rule, RuleHit } from './types.js';
import { ids } from './workset.js';

export const subsidyOmission: Rule = {
  code: 'subsidy-omission',
  name: '两项补贴疑似漏发',
  severity: '提示',
  params: [],
  describe: () =>
    '（一）在低保（在保）且持有残疾人证，但两项补贴名单中没有在发的困难残疾人生活补贴；（二）残疾等级为一级或二级、不是特困供养人员（特困人员由供养金支付照料护理费），但没有在发的重度残疾人护理补贴。请核对是否漏发。未导入低保名单时只比对（二）。',
  skipReason: (ctx) =>
    !ctx.has('liangbu')
      ? '本期未导入两项补贴名单'
      : !ctx.has('canji')
        ? '本期未导入残疾人名单'
        : !ctx.hasColumn('liangbu', 'subsidy_type')
          ? '两项补贴名单没有“补贴类型”列'
          : null,
  run(ctx) {
    const hasDibao = ctx.has('dibao') ? 1 : 0;
    const hasTekun = ctx.has('tekun');
    const rows = ctx.db
      .prepare(
        `WITH p AS (
           SELECT c.id_number, MIN(c.disability_grade) AS grade, c.disability_category AS cat, json_group_array(c.id) AS c_ids
             FROM cur c
            WHERE c.kind = 'canji' AND c.id_number IS NOT NULL
            GROUP BY c.id_number
         ), q AS (
           SELECT p.*,
                  (:hasDibao AND EXISTS (SELECT 1 FROM cur d WHERE d.kind = 'dibao' AND d.active = 1 AND d.id_number = p.id_number)
                    AND NOT EXISTS (SELECT 1 FROM cur l WHERE l.kind = 'liangbu' AND l.active = 1 AND l.id_number = p.id_number
                                       AND l.subsidy_type = '生活补贴')) AS a,
                  (p.grade <= 2
                    AND NOT EXISTS (SELECT 1 FROM cur t WHERE t.kind = 'tekun' AND t.active = 1 AND t.id_number = p.id_number)
                    AND NOT EXISTS (SELECT 1 FROM cur l WHERE l.kind = 'liangbu' AND l.active = 1 AND l.id_number = p.id_number
                                       AND l.subsidy_type = '护理补贴')) AS b
             FROM p
         )
         SELECT q.id_number, q.grade, q.cat, q.c_ids, q.a, q.b,
                CASE WHEN q.a THEN (SELECT json_group_array(d.id) FROM cur d
                                     WHERE d.kind = 'dibao' AND d.active = 1 AND d.id_number = q.id_number) END AS d_ids
           FROM q
          WHERE q.a OR q.b`,
      )
      .all({ hasDibao }) as { id_number: string; grade: number | null; cat: number | null; c_ids: string; a: number; b: number; d_ids: string | null }[];
    const hits: RuleHit[] = [];
    for (const r of rows) {
      const disability = `${r.cat ? CATEGORY_NAMES[r.cat] : ''}${r.grade ? GRADE_NAMES[r.grade] : '残疾（等级不详）'}`;
      const parts: string[] = [];
      const missing: string[] = [];
      if (r.a) {
        parts.push(`本人在低保（在保）且持有残疾人证（${disability}），两项补贴名单中没有在发的困难残疾人生活补贴`);
        missing.push('生活补贴');
      }
      if (r.b) {
        parts.push(
          `${r.a ? '且残疾等级为' : `残疾人名单记载为${disability}，属`}一级或二级重度残疾，${hasTekun ? '不是特困供养人员' : '（本期未导入特困名单，未能排除特困供养人员）'}，两项补贴名单中没有在发的重度残疾人护理补贴`,
        );
        missing.push('护理补贴');
      }
      const note = !hasDibao ? '（本期未导入低保名单，未比对生活补贴）' : '';
      hits.push({
        id_number: r.id_number,
        row_ids: [...(r.d_ids ? ids(r.d_ids) : []), ...ids(r.c_ids)],
        explanation: `疑似两项补贴漏发：${parts.join('；')}${note}，请核对。`,
        detail: { missing },
      });
    }
    return hits;
  },
};
