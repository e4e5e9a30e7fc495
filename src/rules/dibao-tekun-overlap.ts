// dibao-tekun-overlap 低保特困重复享受: active in both 低保 and 特困 in the same period.
import type { Rule } from './types.js';
import { ids } from './workset.js';

export const dibaoTekunOverlap: Rule = {
  code: 'dibao-tekun-overlap',
  name: '低保特困重复享受',
  severity: '疑点',
  params: [],
  describe: () => '同一人本月既在低保名单（在保）又在特困供养名单（在保）。特困人员不应同时享受低保，请核实并停发其一。',
  skipReason: (ctx) => (!ctx.has('dibao') ? '本期未导入低保名单' : !ctx.has('tekun') ? '本期未导入特困名单' : null),
  run(ctx) {
    const rows = ctx.db
      .prepare(
        `SELECT d.id_number, json_group_array(d.id) AS d_ids,
                (SELECT json_group_array(t.id) FROM cur t WHERE t.kind = 'tekun' AND t.active = 1 AND t.id_number = d.id_number) AS t_ids
           FROM cur d
          WHERE d.kind = 'dibao' AND d.active = 1 AND d.id_number IS NOT NULL
            AND EXISTS (SELECT 1 FROM cur t WHERE t.kind = 'tekun' AND t.active = 1 AND t.id_number = d.id_number)
          GROUP BY d.id_number`,
      )
      .all() as { id_number: string; d_ids: string; t_ids: string }[];
    return rows.map((r) => ({
      id_number: r.id_number,
      row_ids: [...ids(r.d_ids), ...ids(r.t_ids)],
      explanation: '疑似同时享受低保和特困供养（两份名单本月均为在保），请核实。',
      detail: {},
      // One of the two is paid in error: the smaller amount, for every month the finding has been open.
      estimate: { months: 'open', basis: 'smaller' },
    }));
  },
};
