// id-invalid 身份证号码无效: every row of every kind (any status) whose ID cannot be used for matching.
import { ID_STATUS_NAMES, JOINABLE_STATUSES, rosterName, type IdStatus, type Kind } from '../model/index.js';
import type { Db } from '../store/db.js';
import { sqlList } from '../store/sql.js';
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
    // By status, not by id_number: a row linked to a candidate (id-typo-suspect) keeps its finding here.
    const rows = ctx.db
      .prepare(
        `SELECT r.id, r.kind, r.id_status, r.id_raw, r.name, r.sheet, r.row_no, i.file_name
           FROM cur r JOIN imports i ON i.id = r.import_id
          WHERE r.id_status NOT IN (${sqlList(JOINABLE_STATUSES)})`,
      )
      .all() as { id: number; kind: string; id_status: IdStatus; id_raw: string | null; name: string | null; sheet: string; row_no: number; file_name: string }[];
    const repairs = repairCandidates(ctx.db);
    return rows.map((r) => {
      const candidates = r.id_status === 'truncated' ? (repairs.get(r.id) ?? []) : [];
      const raw = r.id_raw ?? '（空）';
      let explanation = `${rosterName(r.kind as Kind)} ${r.file_name}「${r.sheet}」第 ${r.row_no} 行的身份证号「${raw}」${ID_STATUS_NAMES[r.id_status]}，无法参与比对，请核实并到源头更正。`;
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

/** The candidates links.ts found for each row (for an Excel-truncated ID: same name, same first 15 digits). */
function repairCandidates(db: Db): Map<number, string[]> {
  const pairs = db.prepare(`SELECT DISTINCT row_id, id_number FROM typo_cand ORDER BY row_id, id_number`).all() as { row_id: number; id_number: string }[];
  const out = new Map<number, string[]>();
  for (const p of pairs) {
    const list = out.get(p.row_id);
    if (list) list.push(p.id_number);
    else out.set(p.row_id, [p.id_number]);
  }
  return out;
}
