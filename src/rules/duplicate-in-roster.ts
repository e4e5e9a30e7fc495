// duplicate-in-roster 同一名单内重复: the same ID on more than one active row of one kind's snapshot (liangbu: per 补贴类型).
import { KIND_SHORT_NAMES, PERIOD_KINDS, type Kind } from '../model/index.js';
import { sqlList } from '../store/sql.js';
import type { Rule } from './types.js';

interface DupRow {
  id: number;
  township: string | null;
  village: string | null;
  case_id: string | null;
  household_id: string | null;
  subsidy: string | null;
}

const uniq = (xs: (string | null)[]): string[] => [...new Set(xs.filter((x): x is string => x !== null && x !== ''))].sort();

export const duplicateInRoster: Rule = {
  code: 'duplicate-in-roster',
  name: '同一名单内重复',
  severity: '疑点',
  params: [],
  describe: () =>
    '同一身份证号在同一名单（低保、特困、防返贫、残疾人、两项补贴）本月的在保/在册记录中出现不止一次（两项补贴按身份证号+补贴类型判断，同一人可同时领取生活补贴和护理补贴）。每人每种名单一条，不同乡镇之间的重复注明“跨乡镇”。请核实是否重复享受。',
  skipReason: (ctx) =>
    PERIOD_KINDS.some((k) => ctx.has(k)) ? null : '本期未导入低保、特困、防返贫、残疾人或两项补贴名单',
  run(ctx) {
    const rows = ctx.db
      .prepare(
        // Candidates first from the covering index (any status), then only their rows are read and built.
        `WITH c AS (
           SELECT k.kind, k.id_number
             FROM cur k
            WHERE k.kind IN (${sqlList(PERIOD_KINDS)}) AND k.id_number IS NOT NULL
            GROUP BY k.kind, k.id_number
           HAVING COUNT(*) > 1
         ), g AS (
           SELECT r.kind, r.id_number,
                  json_group_array(json_object('id', r.id, 'township', r.township, 'village', r.village, 'case_id', r.case_id,
                                               'household_id', r.household_id, 'subsidy', r.subsidy_type)) AS rows
             FROM c JOIN cur r ON r.kind = c.kind AND r.id_number = c.id_number AND r.active = 1
            GROUP BY r.kind, r.id_number, CASE WHEN r.kind = 'liangbu' THEN COALESCE(r.subsidy_type, '') END
           HAVING COUNT(*) > 1
         )
         SELECT g.kind, g.id_number, json_group_array(json(g.rows)) AS groups
           FROM g
          GROUP BY g.kind, g.id_number`,
      )
      .all() as { kind: string; id_number: string; groups: string }[];
    return rows.map((r) => {
      const groups = JSON.parse(r.groups) as DupRow[][];
      const all = groups.flat();
      const kindName = KIND_SHORT_NAMES[r.kind as Kind] ?? r.kind;
      const townships = uniq(all.map((x) => x.township));
      const villages = uniq(all.map((x) => (x.township || x.village ? `${x.township ?? ''}${x.village ?? ''}` : null)));
      const cases = uniq(all.map((x) => (r.kind === 'fangpin' ? x.household_id : r.kind === 'dibao' ? x.case_id : null)));
      const subsidies = r.kind === 'liangbu' ? uniq(groups.map((g) => g[0]?.subsidy ?? '补贴类型不详')) : [];
      const cross = townships.length > 1;
      const where = villages.length ? `（${villages.join('、')}）` : '';
      const caseText = cases.length ? `，${r.kind === 'fangpin' ? '户编号' : '低保证号'}：${cases.join('、')}` : '';
      const what = r.kind === 'liangbu' ? `${kindName}名单中${subsidies.join('、')}` : `${kindName}名单`;
      return {
        id_number: r.id_number,
        key: r.kind,
        row_ids: all.map((x) => x.id),
        explanation: `疑似在${what}中重复${cross ? '（跨乡镇）' : ''}：同一身份证号本月有 ${all.length} 行在保/在册记录${where}${caseText}，请核实是否重复享受。`,
        detail: { kind: r.kind, rows: all.length, townships, villages, cases, subsidies, cross_township: cross },
      };
    });
  },
};
