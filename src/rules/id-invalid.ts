// id-invalid 身份证号码无效: every row of every kind (any status) whose ID cannot be used for matching.
import { ID_STATUS_NAMES, KIND_NAMES, type IdStatus, type Kind } from '../model/index.js';
import type { Db } from '../store/db.js';
import type { Rule } from './types.js';

export const idInvalid: Rule = {
  code: 'id-invalid',
  name: '身份证号码无效',
  severity: '提示',
  params: [],
  describe: () =>
    '名单中身份证号缺失、位数或格式不对、出生日期不存在、校验位错误、被 Excel 截断（科学计数法或末三位变成000）或含*号的行（每人一条）。这些人无法参与比对，请到源头系统更正。',
  skipReason: () => null,
  run(ctx) {
    const rows = ctx.db
      .prepare(
        `SELECT r.id, r.kind, r.id_status, r.id_raw, r.name, r.sheet, r.row_no, i.file_name
           FROM cur r JOIN imports i ON i.id = r.import_id
          WHERE r.id_number IS NULL AND r.id_status NOT IN ('valid', 'upgraded')`,
      )
      .all() as { id: number; kind: string; id_status: IdStatus; id_raw: string | null; name: string | null; sheet: string; row_no: number; file_name: string }[];
    const repairs = repairCandidates(ctx.db);
    return rows.map((r) => {
      const candidates = repairs.get(r.id) ?? [];
      const raw = r.id_raw ?? '（空）';
      let explanation = `${KIND_NAMES[r.kind as Kind]}名单 ${r.file_name}「${r.sheet}」第 ${r.row_no} 行的身份证号「${raw}」${ID_STATUS_NAMES[r.id_status]}，无法参与比对，请核实并到源头更正。`;
      if (candidates.length) explanation += `可能的正确号码（同名且前15位相同）：${candidates.join('、')}。`;
      return {
        id_number: null,
        key: `${r.kind}|${r.name ?? ''}|${raw}`,
        row_ids: [r.id],
        explanation,
        detail: { status: r.id_status, raw: r.id_raw, candidates },
      };
    });
  },
};

/**
 * For each Excel-truncated ID (first 15 digits kept, the rest lost), the valid IDs elsewhere in the snapshot with the
 * same name and the same first 15 digits: for each of the few truncated rows, one range seek on the ID index
 * (prefix ≤ id_number < prefix + 'Z'), so the cost grows with the truncated rows, not rows × truncated rows.
 */
function repairCandidates(db: Db): Map<number, string[]> {
  const pairs = db
    .prepare(
      `WITH t AS MATERIALIZED (
         SELECT id, name, substr(replace(id_raw, ' ', ''), 1, 15) AS prefix FROM cur
          WHERE id_number IS NULL AND id_status = 'truncated' AND name IS NOT NULL
       )
       SELECT DISTINCT t.id AS row_id, c.id_number
         FROM t CROSS JOIN cur c ON c.id_number >= t.prefix AND c.id_number < t.prefix || 'Z' AND c.name = t.name
        WHERE length(t.prefix) = 15
        ORDER BY t.id, c.id_number`,
    )
    .all() as { row_id: number; id_number: string }[];
  const out = new Map<number, string[]>();
  for (const p of pairs) {
    const list = out.get(p.row_id);
    if (list) list.push(p.id_number);
    else out.set(p.row_id, [p.id_number]);
  }
  return out;
}
