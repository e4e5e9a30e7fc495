// danrenbao-basis 单人保依据存疑: a 单人保 低保 row whose person has no qualifying (severe) disability in the 残疾人 roster.
import { CATEGORY_NAMES, GRADE_NAMES } from '../normalize/values.js';
import { QUALIFICATION_VALUES, SEVERE_DEFAULT, describeQualifications, hasDisability } from './disability.js';
import type { Rule } from './types.js';
import { ids } from './workset.js';

export const danrenbaoBasis: Rule = {
  code: 'danrenbao-basis',
  name: '单人保依据存疑',
  severity: '疑点',
  params: [
    {
      name: 'qualifying',
      label: '单人保认可的残疾类别等级',
      type: 'list',
      default: [...SEVERE_DEFAULT],
      allowed: QUALIFICATION_VALUES,
      reason: '低保边缘家庭中的重度残疾人可单人保；重度 = 任意类别一、二级，或智力、精神三级（民政部、财政部 2020 年通知）',
    },
  ],
  describe: (p) =>
    `低保名单中施保方式为“单人保”的人，在残疾人名单中没有认可的残疾记录（${describeQualifications(p.qualifying as string[])}）。单人保依据重残或重病，请核实其依据（重病单人保请核对病情证明）。`,
  skipReason: (ctx) =>
    !ctx.has('dibao')
      ? '本期未导入低保名单'
      : !ctx.hasColumn('dibao', 'mode')
        ? '低保名单没有“施保方式”列'
        : !ctx.has('canji')
          ? '本期未导入残疾人名单'
          : null,
  run(ctx) {
    const list = ctx.params.qualifying as string[];
    const rows = ctx.db
      .prepare(
        `SELECT d.id_number, json_group_array(d.id) AS d_ids,
                (SELECT json_group_array(json_object('id', k.id, 'cat', k.disability_category, 'grade', k.disability_grade))
                   FROM cur k WHERE k.kind = 'canji' AND k.id_number = d.id_number) AS canji
           FROM cur d
          WHERE d.kind = 'dibao' AND d.active = 1 AND d.id_number IS NOT NULL AND d.mode = '单人保'
            AND NOT ${hasDisability('d.id_number', list)}
          GROUP BY d.id_number`,
      )
      .all() as { id_number: string; d_ids: string; canji: string }[];
    const wanted = describeQualifications(list) || '（无）';
    return rows.map((r) => {
      const canji = JSON.parse(r.canji) as { id: number; cat: number | null; grade: number | null }[];
      const records = [...new Set(canji.map((c) => `${c.cat ? CATEGORY_NAMES[c.cat] : '类别不详'}${c.grade ? GRADE_NAMES[c.grade] : '等级不详'}`))].sort();
      const found = records.length ? `残疾人名单记载为${records.join('、')}，不在认可范围内` : '残疾人名单中没有此人';
      return {
        id_number: r.id_number,
        row_ids: [...ids(r.d_ids), ...canji.map((c) => c.id)],
        explanation: `疑似单人保依据不足（单人保应为重度残疾或重病）：低保名单施保方式为“单人保”，但${found}（认可：${wanted}），请核实。`,
        detail: { disabilities: records },
      };
    });
  },
};
