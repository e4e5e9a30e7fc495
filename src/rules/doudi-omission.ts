// doudi-omission 兜底保障疑似漏保: a 防返贫 person without labour or with a severe disability, in neither 低保 nor 特困.
import { CATEGORY_NAMES, GRADE_NAMES } from '../normalize/values.js';
import { QUALIFICATION_VALUES, SEVERE_DEFAULT, describeQualifications, disabilityCondition, hasDisability } from './disability.js';
import { sqlList } from '../store/sql.js';
import type { Rule } from './types.js';
import { ids } from './workset.js';

const LABOR_VALUES = ['普通劳动力', '技能劳动力', '弱劳动力或半劳动力', '丧失劳动力', '无劳动力'];

export const doudiOmission: Rule = {
  code: 'doudi-omission',
  name: '兜底保障疑似漏保',
  severity: '疑点',
  params: [
    {
      name: 'labor_set',
      label: '视为无劳动能力的劳动技能',
      type: 'list',
      default: ['丧失劳动力'],
      allowed: LABOR_VALUES,
      reason: '防返贫监测中丧失劳动力的人口应按规定纳入低保或特困供养兜底保障（巩固拓展脱贫攻坚成果同乡村振兴有效衔接政策）',
    },
    {
      name: 'severe',
      label: '视为重度残疾的类别等级',
      type: 'list',
      default: [...SEVERE_DEFAULT],
      allowed: QUALIFICATION_VALUES,
      reason: '重度残疾 = 任意类别一、二级，或智力、精神三级（民政部、财政部 2020 年通知）；脱贫人口中的重度残疾人可单人保',
    },
  ],
  describe: (p) =>
    `防返贫监测/脱贫人口名单中劳动技能为${(p.labor_set as string[]).join('、') || '（无）'}，或在残疾人名单中为重度残疾（${describeQualifications(p.severe as string[])}）的人，本月既不在低保也不在特困供养名单（在保）中。请核实是否符合兜底保障条件。未导入残疾人名单时只比对劳动技能。`,
  skipReason(ctx) {
    if (!ctx.has('fangpin')) return '本期未导入防返贫名单';
    if (!ctx.has('dibao') && !ctx.has('tekun')) return '本期未导入低保、特困名单';
    if (!ctx.hasColumn('fangpin', 'labor') && !ctx.has('canji')) return '防返贫名单没有“劳动技能”列，且本期未导入残疾人名单';
    return null;
  },
  run(ctx) {
    const labor = ctx.params.labor_set as string[];
    const severe = ctx.params.severe as string[];
    const useCanji = ctx.has('canji');
    const laborIn = labor.length ? `f.labor IN (${sqlList(labor)})` : '0';
    const rows = ctx.db
      .prepare(
        // Qualifying persons first; the 民政 lookup and the 残疾 detail only for them.
        `WITH q AS MATERIALIZED (
           SELECT f.id_number, json_group_array(f.id) AS f_ids,
                  group_concat(CASE WHEN ${laborIn} THEN f.labor END, '|') AS labors
             FROM cur f
            WHERE f.kind = 'fangpin' AND f.active = 1 AND f.id_number IS NOT NULL
              AND (${laborIn} OR (:useCanji AND ${hasDisability('f.id_number', severe)}))
            GROUP BY f.id_number
         )
         SELECT q.id_number, q.f_ids, q.labors,
                (SELECT json_group_array(json_object('id', c.id, 'cat', c.disability_category, 'grade', c.disability_grade))
                   FROM cur c WHERE :useCanji AND c.kind = 'canji' AND c.id_number = q.id_number
                    AND ${disabilityCondition('c', severe)}) AS canji
           FROM q
          WHERE NOT EXISTS (SELECT 1 FROM cur s WHERE s.kind IN ('dibao', 'tekun') AND s.active = 1 AND s.id_number = q.id_number)`,
      )
      .all({ useCanji: useCanji ? 1 : 0 }) as { id_number: string; f_ids: string; labors: string | null; canji: string }[];
    const notes: string[] = [];
    if (!ctx.has('dibao')) notes.push('本期未导入低保名单，只比对了特困');
    if (!ctx.has('tekun')) notes.push('本期未导入特困名单，只比对了低保');
    if (!useCanji) notes.push('本期未导入残疾人名单，未比对重度残疾');
    else if (!ctx.hasColumn('fangpin', 'labor')) notes.push('防返贫名单没有“劳动技能”列，只比对了重度残疾');
    const note = notes.length ? `（${notes.join('；')}）` : '';
    const against = [ctx.has('dibao') ? '低保' : null, ctx.has('tekun') ? '特困供养' : null].filter(Boolean).join('、');
    return rows.map((r) => {
      const canji = JSON.parse(r.canji) as { id: number; cat: number | null; grade: number | null }[];
      const disabilities = [...new Set(canji.map((c) => `${c.cat ? CATEGORY_NAMES[c.cat] : '类别不详'}${c.grade ? GRADE_NAMES[c.grade] : ''}`))].sort();
      const labors = r.labors ? [...new Set(r.labors.split('|'))].sort() : [];
      const why: string[] = [];
      if (labors.length) why.push(`防返贫监测/脱贫人口名单劳动技能为“${labors.join('、')}”（认定范围：${labor.join('、')}）`);
      if (disabilities.length) why.push(`残疾人名单记载为${disabilities.join('、')}（重度：${describeQualifications(severe)}）`);
      return {
        id_number: r.id_number,
        row_ids: [...ids(r.f_ids), ...canji.map((c) => c.id)],
        explanation: `疑似兜底保障漏保：${why.join('，且')}，但本月不在${against}名单（在保）中${note}，请核实是否符合低保或特困供养条件。`,
        detail: { labor: labors, disabilities },
      };
    });
  },
};
