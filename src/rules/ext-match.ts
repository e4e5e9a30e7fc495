// ext-match 外部核对名单命中: a person active in a roster in scope who is on an external list (财政供养, 车辆, 工商…).
import { PERIOD_KINDS, shortNames, type Kind } from '../model/index.js';
import { sqlList } from '../store/sql.js';
import type { Rule } from './types.js';

interface ExtRow {
  id: number;
  label: string | null;
  extra: Record<string, string> | null;
}

export const extMatch: Rule = {
  code: 'ext-match',
  name: '外部核对名单命中',
  severity: '疑点',
  params: [
    {
      name: 'scope',
      label: '比对的名单',
      type: 'list',
      default: ['dibao', 'tekun'],
      allowed: PERIOD_KINDS,
      reason: '低保、特困的认定要核对家庭收入和财产；外部名单（财政供养、车辆、工商、不动产等）命中只是线索，不得直接认定',
    },
  ],
  describe: (p) =>
    `${shortNames(p.scope as string[])}名单（在保）中的人出现在外部核对名单（财政供养人员、车辆登记、工商登记、不动产等）中。命中只是线索，不得仅凭身份直接认定，请入户核实家庭收入和财产。`,
  skipReason(ctx) {
    if (!ctx.has('ext')) return '本期未导入外部核对名单';
    const scope = ctx.params.scope as string[];
    return scope.some((k) => ctx.has(k as Kind)) ? null : `本期未导入${shortNames(scope)}名单`;
  },
  run(ctx) {
    const scope = ctx.params.scope as Kind[];
    const inList = sqlList(scope);
    const rows = ctx.db
      .prepare(
        `SELECT x.id_number, json_group_array(json_object('id', x.id, 'label', x.label, 'extra', json(x.extra))) AS ext,
                (SELECT json_group_array(json_object('id', s.id, 'kind', s.kind)) FROM cur s
                  WHERE s.kind IN (${inList}) AND s.active = 1 AND s.id_number = x.id_number) AS own
           FROM cur x
          WHERE x.kind = 'ext' AND x.id_number IS NOT NULL
            AND EXISTS (SELECT 1 FROM cur s WHERE s.kind IN (${inList}) AND s.active = 1 AND s.id_number = x.id_number)
          GROUP BY x.id_number`,
      )
      .all() as { id_number: string; ext: string; own: string }[];
    return rows.map((r) => {
      const own = JSON.parse(r.own) as { id: number; kind: string }[];
      const ext = JSON.parse(r.ext) as ExtRow[];
      // The same list loaded twice (reference rosters accumulate) is one hit.
      const entries = [
        ...new Map(
          ext.map((e) => {
            const label = e.label ?? '（未命名名单）';
            const cols = Object.entries(e.extra ?? {}).map(([k, v]) => `${k}=${v}`).join('；');
            return [`${label}|${cols}`, { label, cols }] as const;
          }),
        ).values(),
      ].sort((a, b) => a.label.localeCompare(b.label) || a.cols.localeCompare(b.cols));
      const kinds = scope.filter((k) => own.some((o) => o.kind === k));
      const found = entries.map((e) => `外部名单“${e.label}”${e.cols ? `：${e.cols}` : ''}`).join('；另在');
      return {
        id_number: r.id_number,
        row_ids: [...own.map((o) => o.id), ...ext.map((e) => e.id)],
        explanation: `疑似不符合救助条件：本人在${shortNames(kinds)}名单（在保）中，同时出现在${found}（比对范围：${shortNames(scope)}），命中仅为线索，请核实。`,
        detail: { ext: entries.map((e) => ({ label: e.label, columns: e.cols })) },
        estimate: { months: 'open', basis: 'sum' },
      };
    });
  },
};
