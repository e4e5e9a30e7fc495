// fangpin-flag-mismatch 防返贫信息与民政名单不一致: the 防返贫 是否享受低保/特困 flags disagree with this month's 民政 rosters.
import { sqlList, sqlText } from '../store/sql.js';
import type { Rule, RuleContext } from './types.js';
import { ids } from './workset.js';

const PARTS = [
  { kind: 'dibao', flag: 'flag_dibao', header: '是否享受低保', name: '低保' },
  { kind: 'tekun', flag: 'flag_tekun', header: '是否特困供养人员', name: '特困' },
] as const;

type Part = (typeof PARTS)[number];

/** Why a part cannot be compared this period, or null when it can. */
function partGap(ctx: RuleContext, p: Part): string | null {
  if (!ctx.hasColumn('fangpin', p.flag)) return `防返贫名单没有“${p.header}”列`;
  if (!ctx.has(p.kind)) return `本期未导入${p.name}名单`;
  return null;
}

export const fangpinFlagMismatch: Rule = {
  code: 'fangpin-flag-mismatch',
  name: '防返贫信息与民政名单不一致',
  severity: '提示',
  params: [],
  describe: () =>
    '防返贫监测/脱贫人口名单中“是否享受低保”为“是”但本月低保名单中没有此人在保记录，或为“否”但此人在保；“是否特困供养人员”与特困名单同样比对。请核对并同步两边数据。',
  skipReason(ctx) {
    if (!ctx.has('fangpin')) return '本期未导入防返贫名单';
    if (PARTS.some((p) => partGap(ctx, p) === null)) return null;
    const noColumn = PARTS.filter((p) => !ctx.hasColumn('fangpin', p.flag));
    const notLoaded = PARTS.filter((p) => ctx.hasColumn('fangpin', p.flag) && !ctx.has(p.kind));
    return [
      noColumn.length ? `防返贫名单没有${noColumn.map((p) => `“${p.header}”`).join('')}列` : null,
      notLoaded.length ? `本期未导入${notLoaded.map((p) => p.name).join('、')}名单` : null,
    ]
      .filter(Boolean)
      .join('，');
  },
  run(ctx) {
    const parts = PARTS.filter((p) => partGap(ctx, p) === null);
    const flags = parts.map((p) => `MAX(f.${p.flag}) AS ${p.kind}_yes, MIN(f.${p.flag}) AS ${p.kind}_no`).join(', ');
    const active = parts
      .map((p) => `EXISTS (SELECT 1 FROM cur s WHERE s.kind = ${sqlText(p.kind)} AND s.active = 1 AND s.id_number = g.id_number) AS in_${p.kind}`)
      .join(', ');
    const mismatch = parts.map((p) => `(h.${p.kind}_yes = 1 AND NOT h.in_${p.kind}) OR (h.${p.kind}_no = 0 AND h.in_${p.kind})`).join(' OR ');
    const kinds = sqlList(parts.map((p) => p.kind));
    // Materialised steps: each 民政 lookup runs once per person, and the row lists are built only for mismatches.
    const rows = ctx.db
      .prepare(
        `WITH g AS MATERIALIZED (
           SELECT f.id_number, ${flags}
             FROM cur f
            WHERE f.kind = 'fangpin' AND f.active = 1 AND f.id_number IS NOT NULL
              AND (${parts.map((p) => `f.${p.flag} IS NOT NULL`).join(' OR ')})
            GROUP BY f.id_number
         ), h AS MATERIALIZED (
           SELECT g.*, ${active} FROM g
         )
         SELECT h.*,
                (SELECT json_group_array(f.id) FROM cur f WHERE f.kind = 'fangpin' AND f.active = 1 AND f.id_number = h.id_number) AS f_ids,
                (SELECT json_group_array(json_object('id', s.id, 'kind', s.kind)) FROM cur s
                  WHERE s.kind IN (${kinds}) AND s.active = 1 AND s.id_number = h.id_number) AS own
           FROM h
          WHERE ${mismatch}`,
      )
      .all() as Record<string, string | number | null>[];
    const skipped = PARTS.map((p) => partGap(ctx, p)).filter((g): g is string => g !== null);
    const note = skipped.length ? `（${skipped.join('，')}，未比对${PARTS.filter((p) => partGap(ctx, p) !== null).map((p) => p.name).join('、')}）` : '';
    return rows.map((r) => {
      const what: string[] = [];
      const detail: Record<string, string> = {};
      const rowIds = ids(r.f_ids as string);
      const active = JSON.parse(r.own as string) as { id: number; kind: string }[];
      for (const p of parts) {
        const own = active.filter((a) => a.kind === p.kind).map((a) => a.id);
        if (r[`${p.kind}_yes`] === 1 && own.length === 0) {
          what.push(`“${p.header}”为“是”，但本月${p.name}名单中没有此人在保记录`);
          detail[p.kind] = '标为是但不在保';
        } else if (r[`${p.kind}_no`] === 0 && own.length > 0) {
          what.push(`“${p.header}”为“否”，但本月${p.name}名单中此人在保`);
          detail[p.kind] = '标为否但在保';
          rowIds.push(...own);
        }
      }
      return {
        id_number: r.id_number as string,
        row_ids: rowIds,
        explanation: `防返贫监测/脱贫人口名单与民政名单不一致：${what.join('；')}${note}，请核对并同步。`,
        detail,
      };
    });
  },
};
