// id-name-mismatch 同一身份证号姓名不一致: one joinable ID under different names (after NFKC and without whitespace) in
// the period's snapshots and the reference rosters — usually a family member's ID typed into the wrong row.
import { rosterName, type Kind } from '../model/index.js';
import { nameKey } from '../normalize/name.js';
import type { Rule, RuleHit } from './types.js';

interface NamedRow {
  id: number;
  name: string;
  kind: Kind;
  file: string;
  sheet: string;
  row: number;
}

export const idNameMismatch: Rule = {
  code: 'id-name-mismatch',
  name: '同一身份证号姓名不一致',
  severity: '提示',
  params: [],
  describe: () =>
    '同一个有效身份证号在本月各名单或参考名单中对应不同的姓名（全角半角、空格不同的视为相同）。通常是把家庭成员的身份证号填到了别人的行上，这会使该号码的其他比对结果都不可靠。每个号码一条，列出每个姓名及其所在位置，请核对并更正。',
  skipReason: () => null,
  run(ctx) {
    // Rows linked by id-typo-suspect are left out: a link is never evidence that an ID belongs to a name.
    const rows = ctx.db
      .prepare(
        `WITH m AS MATERIALIZED (
           SELECT id_number FROM cur WHERE id_number IS NOT NULL AND linked = 0 AND name IS NOT NULL
            GROUP BY id_number HAVING COUNT(DISTINCT name) > 1
         )
         SELECT m.id_number,
                json_group_array(json_object('id', r.id, 'name', r.name, 'kind', r.kind, 'file', i.file_name, 'sheet', r.sheet, 'row', r.row_no)) AS rows
           FROM m JOIN cur r ON r.id_number = m.id_number AND r.linked = 0 AND r.name IS NOT NULL
           JOIN imports i ON i.id = r.import_id
          GROUP BY m.id_number`,
      )
      .all() as { id_number: string; rows: string }[];
    const hits: RuleHit[] = [];
    for (const r of rows) {
      const named = (JSON.parse(r.rows) as NamedRow[]).sort((a, b) => a.file.localeCompare(b.file) || a.row - b.row);
      const byName = new Map<string, NamedRow[]>();
      for (const n of named) byName.set(nameKey(n.name), [...(byName.get(nameKey(n.name)) ?? []), n]);
      if (byName.size < 2) continue; // the names differ only in width or spaces
      const list = [...byName.values()]
        .map((rs) => `“${rs[0]!.name}”（${rs.map((x) => `${rosterName(x.kind)} ${x.file}「${x.sheet}」第 ${x.row} 行`).join('、')}）`)
        .join('；');
      hits.push({
        id_number: r.id_number,
        row_ids: named.map((n) => n.id),
        explanation: `同一身份证号对应不同姓名：${list}。可能是把家庭成员的号码填到了别人的行上，该号码的其他比对结果也因此不可靠，请核对并更正。`,
        detail: { names: [...byName.keys()].sort() },
      });
    }
    return hits;
  },
};
