// id-typo-suspect 疑似身份证号录错: an unusable ID one typing slip away from a joinable ID that another row carries under
// the same name (candidates: links.ts). A row with exactly one candidate is linked to it for the other rules.
import { ID_STATUS_NAMES, rosterName, type IdStatus, type Kind } from '../model/index.js';
import type { Rule } from './types.js';

interface Candidate {
  id_number: string;
  kind: Kind;
  file: string;
  sheet: string;
  row: number;
}

export const ID_TYPO_RULE = 'id-typo-suspect';

export const idTypoSuspect: Rule = {
  code: ID_TYPO_RULE,
  name: '疑似身份证号录错',
  severity: '提示',
  params: [],
  describe: () =>
    '身份证号无法使用（校验位错误、出生日期无效、多一位或少一位、被 Excel 截断）的行，同名的人在本月名单或参考名单中有一个只差一处录入错误的有效号码（错一位、相邻两位颠倒、多一位或少一位；截断的号码前15位相同）。列出每个可能的号码及其所在位置。只有一个可能号码的行，本次比对按该号码关联，参与其他规则的比对，由此产生的疑点会注明“依据疑似录错的身份证号关联”。请先核对身份，再到源头更正。',
  skipReason: () => null,
  run(ctx) {
    const rows = ctx.db
      .prepare(
        `SELECT b.id, b.kind, b.id_status, b.id_raw, b.name, b.sheet, b.row_no, bi.file_name,
                json_group_array(json_object('id_number', t.id_number, 'kind', c.kind, 'file', ci.file_name, 'sheet', c.sheet, 'row', c.row_no)) AS cands
           FROM typo_cand t
           CROSS JOIN cur b ON b.id = t.row_id CROSS JOIN imports bi ON bi.id = b.import_id
           CROSS JOIN cur c ON c.id = t.cand_row CROSS JOIN imports ci ON ci.id = c.import_id
          GROUP BY b.id`,
      )
      .all() as { id: number; kind: Kind; id_status: IdStatus; id_raw: string; name: string; sheet: string; row_no: number; file_name: string; cands: string }[];
    return rows.map((r) => {
      const cands = (JSON.parse(r.cands) as Candidate[]).sort((a, b) => a.id_number.localeCompare(b.id_number) || a.file.localeCompare(b.file) || a.row - b.row);
      const ids = [...new Set(cands.map((c) => c.id_number))];
      const where = (id: string) =>
        cands.filter((c) => c.id_number === id).map((c) => `${rosterName(c.kind)} ${c.file}「${c.sheet}」第 ${c.row} 行`).join('、');
      const list = ids.map((id) => `${id}（${where(id)}）`).join('；');
      const linked = ids.length === 1;
      const outcome = linked
        ? `只有这一个可能的号码：本次比对已按 ${ids[0]} 关联此行，其他规则中此行按该号码参与比对，由此产生的疑点会注明。请先核对身份，再到源头更正`
        : `有 ${ids.length} 个可能的号码，未关联，请核对身份并到源头更正`;
      return {
        id_number: null,
        key: `${r.kind}|${r.name}|${r.id_raw}`,
        row_ids: [r.id],
        explanation: `疑似身份证号录错：${rosterName(r.kind)} ${r.file_name}「${r.sheet}」第 ${r.row_no} 行“${r.name}”的身份证号「${r.id_raw}」${ID_STATUS_NAMES[r.id_status]}；同名的人有只差一处录入的有效号码：${list}。${outcome}。`,
        detail: { status: r.id_status, raw: r.id_raw, candidates: ids, linked },
      };
    });
  },
};
