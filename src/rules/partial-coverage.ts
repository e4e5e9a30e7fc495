// partial-coverage 低保家庭部分成员纳入: a 低保 case covering fewer people than the family has (not 单人保), on the 户主's ID.
import { isHeadRelation } from '../model/index.js';
import { normalizeId } from '../normalize/id-number.js';
import type { Rule, RuleHit } from './types.js';

interface Member {
  id: number;
  id_number: string | null;
  relation: string | null;
  head: string | null;
  name: string | null;
}


export const partialCoverage: Rule = {
  code: 'partial-coverage',
  name: '低保家庭部分成员纳入',
  severity: '提示',
  params: [],
  describe: () =>
    '低保家庭（按低保证号，无证号时按户主身份证号）的保障人数少于家庭人口数，且施保方式不是单人保：部分成员未纳入保障。每户一条，挂在户主名下，请核对未纳入成员的情况。',
  skipReason: (ctx) =>
    !ctx.has('dibao')
      ? '本期未导入低保名单'
      : !ctx.hasColumn('dibao', 'covered_count')
        ? '低保名单没有“保障人数”列'
        : !ctx.hasColumn('dibao', 'family_size')
          ? '低保名单没有“家庭人口”列'
          : null,
  run(ctx) {
    const rows = ctx.db
      .prepare(
        `SELECT d.case_id, MAX(d.covered_count) AS covered, MAX(d.family_size) AS family,
                MAX(CASE WHEN d.mode = '整户保' THEN 1 ELSE 0 END) AS whole,
                json_group_array(json_object('id', d.id, 'id_number', d.id_number, 'relation', d.relation,
                                             'head', d.head_id_number, 'name', d.name)) AS members
           FROM cur d
          WHERE d.kind = 'dibao' AND d.active = 1 AND d.case_id IS NOT NULL
          GROUP BY d.county, d.case_id
         HAVING MAX(d.covered_count) < MAX(d.family_size) AND MAX(CASE WHEN d.mode = '单人保' THEN 1 ELSE 0 END) = 0`,
      )
      .all() as { case_id: string; covered: number; family: number; whole: number; members: string }[];
    const hits: RuleHit[] = [];
    for (const r of rows) {
      const members = (JSON.parse(r.members) as Member[]).sort((a, b) => a.id - b.id);
      const headCell = members.find((m) => m.head !== null)?.head ?? null;
      // The 户主: a joinable member row marked 户主/本人, else the 户主身份证号 column when it is a usable ID.
      let headId = members.find((m) => m.id_number !== null && isHeadRelation(m.relation))?.id_number ?? null;
      if (headId === null && headCell !== null) headId = normalizeId(headCell, ctx.refDate).id_number;
      let onMember: Member | undefined;
      if (headId === null) {
        // The 户主's ID cannot be matched: the finding goes on the first covered member with a usable ID, keyed by the case.
        onMember = members.find((m) => m.id_number !== null);
        if (!onMember) continue; // nobody usable: id-invalid reports these rows
      }
      const personId = headId ?? onMember!.id_number!;
      const own = members.filter((m) => m.id_number === personId).map((m) => m.id);
      const caseText = r.case_id === headCell ? `户主身份证号 ${r.case_id}` : `低保证号 ${r.case_id}`;
      const modeText = r.whole ? '施保方式为整户保' : '未标注单人保';
      const note = onMember ? `户主身份证号不可用，本条记在成员${onMember.name ?? ''}名下；` : '';
      hits.push({
        id_number: personId,
        key: onMember ? r.case_id : undefined,
        // Only the person's own rows (so the finding shows their name); without a row of the 户主, the case's rows.
        row_ids: own.length ? own : members.map((m) => m.id),
        explanation: `疑似低保家庭部分成员未纳入保障：${caseText}，家庭人口 ${r.family} 人、保障人数 ${r.covered} 人（${modeText}），${note}未纳入的 ${r.family - r.covered} 人是否符合条件，请核对。`,
        detail: { case_id: r.case_id, covered: r.covered, family_size: r.family },
      });
    }
    return hits;
  },
};
