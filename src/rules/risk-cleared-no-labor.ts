// risk-cleared-no-labor 无劳动力户标注风险消除: a 防返贫 household marked 风险已消除 whose every member has no labour capacity.
import { isHeadRelation } from '../model/index.js';
import { sqlList } from '../store/sql.js';
import type { Rule, RuleHit } from './types.js';

const NO_LABOR = ['丧失劳动力', '无劳动力', '丧失劳动能力', '无劳动能力'];

interface Member {
  id: number;
  id_number: string | null;
  relation: string | null;
  name: string | null;
  labor: string;
}

export const riskClearedNoLabor: Rule = {
  code: 'risk-cleared-no-labor',
  name: '无劳动力户标注风险消除',
  severity: '疑点',
  params: [],
  describe: () =>
    '防返贫监测名单中标注“风险已消除”的户（按户编号），全户每位成员的劳动技能都是丧失劳动力或无劳动力。整户无劳动力的户一般不应标注风险消除，每户一条，记在户主名下，请核实。',
  skipReason: (ctx) =>
    !ctx.has('fangpin')
      ? '本期未导入防返贫名单'
      : !ctx.hasColumn('fangpin', 'household_id')
        ? '防返贫名单没有“户编号”列'
        : !ctx.hasColumn('fangpin', 'risk_cleared')
          ? '防返贫名单没有“风险是否消除”列'
          : !ctx.hasColumn('fangpin', 'labor')
            ? '防返贫名单没有“劳动技能”列'
            : null,
  run(ctx) {
    const noLabor = sqlList(NO_LABOR);
    // Every active member row counts, whatever its ID status: one member with labour capacity clears the household.
    const rows = ctx.db
      .prepare(
        `SELECT f.household_id,
                json_group_array(json_object('id', f.id, 'id_number', f.id_number, 'relation', f.relation, 'name', f.name, 'labor', f.labor)) AS members
           FROM cur f
          WHERE f.kind = 'fangpin' AND f.active = 1 AND f.household_id IS NOT NULL
          GROUP BY f.county, f.household_id
         HAVING MAX(f.risk_cleared) = 1 AND SUM(CASE WHEN trim(f.labor) IN (${noLabor}) THEN 0 ELSE 1 END) = 0`,
      )
      .all() as { household_id: string; members: string }[];
    const hits: RuleHit[] = [];
    for (const r of rows) {
      const members = (JSON.parse(r.members) as Member[]).sort((a, b) => a.id - b.id);
      const head = members.find((m) => isHeadRelation(m.relation)) ?? members[0]!;
      // The 户主's ID unusable: the finding goes on the first member with a usable ID (the key keeps it per household).
      const person = head.id_number !== null ? head : members.find((m) => m.id_number !== null);
      if (!person) continue; // nobody matchable: id-invalid reports these rows
      const list = members.map((m) => `${m.name ?? '（无姓名）'}（${m.labor.trim()}）`).join('、');
      const note = person === head ? '' : `户主身份证号不可用，本条记在成员${person.name ?? ''}名下；`;
      hits.push({
        id_number: person.id_number!,
        key: r.household_id,
        // Only the person's own rows, so the finding shows their name; the other members are named in the sentence.
        row_ids: members.filter((m) => m.id_number === person.id_number).map((m) => m.id),
        explanation: `疑似整户无劳动力却标注风险已消除：防返贫名单户编号 ${r.household_id} 全户 ${members.length} 人劳动技能均为丧失劳动力或无劳动力（${list}），但标注风险已消除，${note}请核实。`,
        detail: { household_id: r.household_id, members: members.length },
      });
    }
    return hits;
  },
};
