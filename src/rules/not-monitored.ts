// not-monitored 农村低保特困未纳入防返贫名单: a rural (or area-unknown) 低保/特困 person absent from this month's 防返贫 roster.
import { shortNames } from '../model/index.js';
import type { Rule } from './types.js';

export const notMonitored: Rule = {
  code: 'not-monitored',
  name: '农村低保特困未纳入防返贫名单',
  severity: '提示',
  params: [],
  describe: () =>
    '本月在低保或特困名单中在保、城乡类别为农村（或未填写）的人，不在本月防返贫监测/脱贫人口名单中。农村低保、特困人员应纳入防返贫动态监测范围，请核对是否应纳入监测（可在配置中停用本规则）。',
  skipReason: (ctx) =>
    !ctx.has('fangpin') ? '本期未导入防返贫名单' : !ctx.has('dibao') && !ctx.has('tekun') ? '本期未导入低保、特困名单' : null,
  run(ctx) {
    const rows = ctx.db
      .prepare(
        // Filter first (kind index), then group the few left: grouping the whole query invites a full cur(id_number) scan.
        `WITH m AS MATERIALIZED (
           SELECT s.id, s.id_number, s.kind, s.area_type
             FROM cur s
            WHERE s.kind IN ('dibao', 'tekun') AND s.active = 1 AND s.id_number IS NOT NULL
              AND (s.area_type IS NULL OR s.area_type = '农村')
              AND NOT EXISTS (SELECT 1 FROM cur f WHERE f.kind = 'fangpin' AND f.id_number = s.id_number)
         )
         SELECT m.id_number, json_group_array(json_object('id', m.id, 'kind', m.kind, 'area', m.area_type)) AS own
           FROM m
          GROUP BY m.id_number`,
      )
      .all() as { id_number: string; own: string }[];
    return rows.map((r) => {
      const own = JSON.parse(r.own) as { id: number; kind: string; area: string | null }[];
      const kinds = ['dibao', 'tekun'].filter((k) => own.some((o) => o.kind === k));
      const area = own.some((o) => o.area === '农村') ? '农村' : null;
      const where = shortNames(kinds);
      return {
        id_number: r.id_number,
        row_ids: own.map((o) => o.id),
        explanation: `疑似农村${where}对象未纳入防返贫监测：本月在${where}名单中在保（城乡类别${area ?? '未填写，按农村对待'}），但本月防返贫监测/脱贫人口名单中没有此人，请核对是否应纳入监测。`,
        detail: { area },
      };
    });
  },
};
