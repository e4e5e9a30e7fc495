// id-attr-mismatch 身份证号与性别或出生日期不符: a row whose own 性别 or 出生日期 column disagrees with what its joinable
// ID encodes (digit 17 odd = male; digits 7–14 the birth date; a YYYY-MM 出生年月 is compared on year and month).
import { rosterName, PERIOD_KINDS, REFERENCE_KINDS, type Kind } from '../model/index.js';
import { sqlList } from '../store/sql.js';
import type { Rule } from './types.js';

const KINDS = [...PERIOD_KINDS, ...REFERENCE_KINDS];

export const idAttrMismatch: Rule = {
  code: 'id-attr-mismatch',
  name: '身份证号与性别或出生日期不符',
  severity: '提示',
  params: [],
  describe: () =>
    '名单自带的“性别”或“出生日期/出生年月”列与该行身份证号所表示的性别（第17位）或出生日期（第7–14位）不符：身份证号、性别或出生日期有一项填错，也可能是把别人的号码填在了这一行。每行一条，请核对并更正。',
  skipReason: (ctx) =>
    KINDS.some((k) => ctx.hasColumn(k, 'sex_declared') || ctx.hasColumn(k, 'birth_declared')) ? null : '本期名单都没有“性别”或“出生日期”列',
  run(ctx) {
    // Only the rosters that have such a column are read: their ranges of the (kind, ID) index.
    const withColumns = KINDS.filter((k) => ctx.hasColumn(k, 'sex_declared') || ctx.hasColumn(k, 'birth_declared'));
    const rows = ctx.db
      .prepare(
        `SELECT r.id, r.kind, r.id_number, r.sex, r.birth_date, r.sex_declared, r.birth_declared, r.sheet, r.row_no, i.file_name
           FROM cur r INDEXED BY cur_kind_id JOIN imports i ON i.id = r.import_id
          WHERE r.kind IN (${sqlList(withColumns)}) AND r.id_number IS NOT NULL AND r.linked = 0
            AND ((r.sex_declared IS NOT NULL AND r.sex_declared <> r.sex)
              OR (r.birth_declared IS NOT NULL AND r.birth_declared <> substr(r.birth_date, 1, length(r.birth_declared))))`,
      )
      .all() as {
      id: number; kind: Kind; id_number: string; sex: string; birth_date: string; sex_declared: string | null; birth_declared: string | null;
      sheet: string; row_no: number; file_name: string;
    }[];
    return rows.map((r) => {
      const what: string[] = [];
      if (r.sex_declared !== null && r.sex_declared !== r.sex) what.push(`性别填“${r.sex_declared}”，身份证号第17位表示“${r.sex}”`);
      if (r.birth_declared !== null && r.birth_declared !== r.birth_date.slice(0, r.birth_declared.length)) {
        what.push(`出生日期填 ${r.birth_declared}，身份证号中为 ${r.birth_date.slice(0, r.birth_declared.length)}`);
      }
      return {
        id_number: r.id_number,
        key: `${r.kind}|${r.sex_declared ?? ''}|${r.birth_declared ?? ''}`,
        row_ids: [r.id],
        explanation: `身份证号与名单中的性别或出生日期不符：${rosterName(r.kind)} ${r.file_name}「${r.sheet}」第 ${r.row_no} 行${what.join('；')}。身份证号、性别或出生日期有一项填错，也可能是把别人的号码填在了这一行，请核对并更正。`,
        detail: { sex_declared: r.sex_declared, birth_declared: r.birth_declared },
      };
    });
  },
};
