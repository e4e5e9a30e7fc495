// nursing-grade 护理补贴等级不符: a 重度残疾人护理补贴 recipient whose disability grade is not an allowed one.
import { CATEGORY_NAMES, GRADE_NAMES } from '../normalize/values.js';
import type { Rule } from './types.js';
import { ids } from './workset.js';

const gradeNames = (list: readonly string[]): string => list.map((g) => GRADE_NAMES[Number(g)]).join('、');

export const nursingGrade: Rule = {
  code: 'nursing-grade',
  name: '护理补贴等级不符',
  severity: '疑点',
  params: [
    {
      name: 'allowed',
      label: '护理补贴认可的残疾等级',
      type: 'list',
      default: ['1', '2'],
      allowed: ['1', '2', '3', '4'],
      reason: '重度残疾人护理补贴发给残疾等级为一级、二级且需长期照护的残疾人（国发〔2015〕52号）；有的地方扩大到智力、精神三级',
    },
  ],
  describe: (p) =>
    `两项补贴名单中领取重度残疾人护理补贴（在发）的人，残疾等级（以残疾人名单中最重的等级为准，没有时用两项补贴名单的等级）不是${gradeNames(p.allowed as string[])}，请核实。`,
  skipReason: (ctx) =>
    !ctx.has('liangbu')
      ? '本期未导入两项补贴名单'
      : !ctx.hasColumn('liangbu', 'subsidy_type')
        ? '两项补贴名单没有“补贴类型”列'
        : !ctx.has('canji') && !ctx.hasColumn('liangbu', 'disability_grade') && !ctx.hasColumn('liangbu', 'cert_number')
          ? '本期未导入残疾人名单，且两项补贴名单没有“残疾等级”列'
          : null,
  run(ctx) {
    const allowed = ctx.params.allowed as string[];
    const rows = ctx.db
      .prepare(
        `SELECT g.*, COALESCE(g.canji_grade, g.own_grade) AS grade
           FROM (SELECT l.id_number, json_group_array(l.id) AS l_ids, MIN(l.disability_grade) AS own_grade,
                        (SELECT MIN(c.disability_grade) FROM cur c WHERE c.kind = 'canji' AND c.id_number = l.id_number) AS canji_grade,
                        (SELECT json_group_array(json_object('id', c.id, 'cat', c.disability_category, 'grade', c.disability_grade))
                           FROM cur c WHERE c.kind = 'canji' AND c.id_number = l.id_number AND c.disability_grade IS NOT NULL) AS canji
                   FROM cur l
                  WHERE l.kind = 'liangbu' AND l.active = 1 AND l.id_number IS NOT NULL AND l.subsidy_type = '护理补贴'
                  GROUP BY l.id_number) AS g
          WHERE COALESCE(g.canji_grade, g.own_grade) IS NOT NULL
            AND COALESCE(g.canji_grade, g.own_grade) NOT IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(allowed.map(Number))) as {
      id_number: string;
      l_ids: string;
      own_grade: number | null;
      canji_grade: number | null;
      canji: string;
      grade: number;
    }[];
    const wanted = gradeNames(allowed) || '（无）';
    return rows.map((r) => {
      const canji = JSON.parse(r.canji) as { id: number; cat: number | null; grade: number }[];
      const worst = canji.filter((c) => c.grade === r.canji_grade).sort((a, b) => a.id - b.id)[0];
      const source =
        r.canji_grade !== null
          ? `残疾人名单记载的最重等级为${worst?.cat ? CATEGORY_NAMES[worst.cat] : ''}${GRADE_NAMES[r.grade]}`
          : `残疾人名单中没有等级记录，两项补贴名单记载为${GRADE_NAMES[r.grade]}`;
      return {
        id_number: r.id_number,
        row_ids: [...ids(r.l_ids), ...canji.map((c) => c.id)],
        explanation: `疑似护理补贴等级不符：本人领取重度残疾人护理补贴，${source}（认可等级：${wanted}），请核实。`,
        detail: { grade: r.grade, from: r.canji_grade !== null ? 'canji' : 'liangbu' },
      };
    });
  },
};
