// tekun-labor-check 特困人员劳动能力存疑: an active 特困 adult of working age, not in school, with no qualifying disability.
import { ageOn } from '../normalize/id-number.js';
import { CATEGORY_NAMES, GRADE_NAMES } from '../normalize/values.js';
import { QUALIFICATION_VALUES, describeQualifications, hasDisability } from './disability.js';
import { SCHOOL_EXEMPT_WORDS, ageSql, schoolExemptSql } from './tekun-age-out.js';
import type { Rule } from './types.js';
import { ids } from './workset.js';

export const tekunLaborCheck: Rule = {
  code: 'tekun-labor-check',
  name: '特困人员劳动能力存疑',
  severity: '提示',
  params: [
    {
      name: 'qualifying',
      label: '视为无劳动能力的残疾类别等级',
      type: 'list',
      default: ['智力1', '智力2', '智力3', '精神1', '精神2', '精神3', '肢体1', '肢体2', '视力1', '多重1', '多重2'],
      allowed: QUALIFICATION_VALUES,
      reason: '《特困人员认定办法》：智力、精神残疾一至三级，肢体残疾一、二级，视力残疾一级，多重残疾一、二级，可视为无劳动能力；其他情形需按重病等另行认定',
    },
  ],
  describe: (p) =>
    `特困供养名单（在保）中年满 18 周岁、不满 60 周岁、在校状况不是${SCHOOL_EXEMPT_WORDS.join('/')}，且在残疾人名单中没有可视为无劳动能力的残疾记录（${describeQualifications(p.qualifying as string[])}）的人。请核实其无劳动能力的认定依据（如重病）。`,
  skipReason: (ctx) => (!ctx.has('tekun') ? '本期未导入特困名单' : !ctx.has('canji') ? '本期未导入残疾人名单' : null),
  run(ctx) {
    const list = ctx.params.qualifying as string[];
    const rows = ctx.db
      .prepare(
        `SELECT t.id_number, MIN(t.birth_date) AS birth_date, group_concat(DISTINCT t.school_status) AS school, json_group_array(t.id) AS t_ids,
                (SELECT json_group_array(json_object('id', k.id, 'cat', k.disability_category, 'grade', k.disability_grade))
                   FROM cur k WHERE k.kind = 'canji' AND k.id_number = t.id_number) AS canji
           FROM cur t
          WHERE t.kind = 'tekun' AND t.active = 1 AND t.id_number IS NOT NULL AND t.birth_date IS NOT NULL
            AND ${ageSql('t.birth_date', ':ref')} BETWEEN 18 AND 59
            AND NOT ${schoolExemptSql('t.school_status')}
            AND NOT ${hasDisability('t.id_number', list)}
          GROUP BY t.id_number`,
      )
      .all({ ref: ctx.refDate }) as { id_number: string; birth_date: string; school: string | null; t_ids: string; canji: string }[];
    const wanted = describeQualifications(list) || '（无）';
    return rows.map((r) => {
      const canji = JSON.parse(r.canji) as { id: number; cat: number | null; grade: number | null }[];
      const records = [...new Set(canji.map((c) => `${c.cat ? CATEGORY_NAMES[c.cat] : '类别不详'}${c.grade ? GRADE_NAMES[c.grade] : '等级不详'}`))].sort();
      const found = records.length ? `残疾人名单记载为${records.join('、')}，不在认可范围内` : '残疾人名单中没有此人';
      const school = r.school ? `在校状况为“${r.school.split(',').join('、')}”` : '在校状况未填写';
      return {
        id_number: r.id_number,
        row_ids: [...ids(r.t_ids), ...canji.map((c) => c.id)],
        explanation: `特困人员劳动能力存疑：基准日 ${ctx.refDate} 时 ${ageOn(r.birth_date, ctx.refDate)} 岁（18–59 岁），${school}，${found}（认可：${wanted}），请核实其无劳动能力的认定依据。`,
        detail: { disabilities: records },
      };
    });
  },
};
