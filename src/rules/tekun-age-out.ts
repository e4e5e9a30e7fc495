// tekun-age-out 特困未成年人年满18周岁: an active 特困 person admitted as a minor, now of age, not in school.
import { ageOn } from '../normalize/id-number.js';
import { periodStart } from '../normalize/month.js';
import type { Rule } from './types.js';
import { ids } from './workset.js';

/** Full years between two 'YYYY-MM-DD' SQL expressions, as `ageOn` counts them. */
export function ageSql(birth: string, on: string): string {
  return `(CAST(substr(${on}, 1, 4) AS INTEGER) - CAST(substr(${birth}, 1, 4) AS INTEGER) - (substr(${on}, 6, 5) < substr(${birth}, 6, 5)))`;
}

/** In-school words that keep a person of age on 特困 (and out of tekun-labor-check). */
export const SCHOOL_EXEMPT_WORDS = ['义务教育', '普通高中', '中职', '在校'] as const;
// 未在校 / 非在校生 contain 在校; 中职毕业 contains 中职: these say the person is NOT in school.
const NOT_IN_SCHOOL_WORDS = ['未在校', '不在校', '非在校', '辍学', '失学', '毕业'];

/** SQL boolean: the school_status text says the person is in (exempting) school. */
export function schoolExemptSql(col: string): string {
  const any = (words: readonly string[]) => words.map((w) => `${col} LIKE '%${w}%'`).join(' OR ');
  return `(${col} IS NOT NULL AND (${any(SCHOOL_EXEMPT_WORDS)}) AND NOT (${any(NOT_IN_SCHOOL_WORDS)}))`;
}

export const tekunAgeOut: Rule = {
  code: 'tekun-age-out',
  name: '特困未成年人年满18周岁',
  severity: '疑点',
  params: [
    {
      name: 'age',
      label: '成年年龄',
      type: 'int',
      default: 18,
      min: 16,
      max: 22,
      reason: '特困供养的未成年人年满 18 周岁后应重新认定；仍在接受义务教育或在普通高中、中等职业学校就读的可继续享受（《特困人员认定办法》）',
    },
  ],
  describe: (p) =>
    `特困供养名单（在保）中，基准日已满 ${p.age as number} 周岁、不满 60 周岁，最初享受时（如已知）未满 ${p.age as number} 周岁，且在校状况不是${SCHOOL_EXEMPT_WORDS.join('/')}的人。请核实是否仍符合特困供养条件。`,
  skipReason: (ctx) => (!ctx.has('tekun') ? '本期未导入特困名单' : null),
  run(ctx) {
    const age = ctx.params.age as number;
    const rows = ctx.db
      .prepare(
        `SELECT t.id_number, MIN(t.birth_date) AS birth_date, MIN(t.start_month) AS start_month,
                group_concat(DISTINCT t.school_status) AS school, json_group_array(t.id) AS t_ids
           FROM cur t
          WHERE t.kind = 'tekun' AND t.active = 1 AND t.id_number IS NOT NULL AND t.birth_date IS NOT NULL
            AND ${ageSql('t.birth_date', ':ref')} >= :age AND ${ageSql('t.birth_date', ':ref')} < 60
            AND (t.start_month IS NULL OR ${ageSql('t.birth_date', "t.start_month || '-01'")} < :age)
            AND NOT ${schoolExemptSql('t.school_status')}
          GROUP BY t.id_number`,
      )
      .all({ ref: ctx.refDate, age }) as { id_number: string; birth_date: string; start_month: string | null; school: string | null; t_ids: string }[];
    return rows.map((r) => {
      const y = Number(r.birth_date.slice(0, 4)) + age;
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      // Born on 29 February: of age on 1 March in a common year (as ageOn counts).
      const turned = r.birth_date.slice(5) === '02-29' && !leap ? `${y}-03-01` : `${y}${r.birth_date.slice(4)}`;
      const start = r.start_month
        ? `最初享受月份 ${r.start_month}（时年 ${ageOn(r.birth_date, periodStart(r.start_month))} 岁）`
        : '最初享受月份未填写';
      const school = r.school ? `在校状况为“${r.school.split(',').join('、')}”` : '在校状况未填写';
      return {
        id_number: r.id_number,
        row_ids: ids(r.t_ids),
        explanation: `疑似特困未成年人年满 ${age} 周岁未重新认定：出生于 ${r.birth_date}，${turned} 年满 ${age} 周岁，基准日 ${ctx.refDate} 时 ${ageOn(r.birth_date, ctx.refDate)} 岁；${start}；${school}（不属于${SCHOOL_EXEMPT_WORDS.join('、')}），请核实是否仍符合特困供养条件。`,
        detail: { start_month: r.start_month, school_status: r.school },
      };
    });
  },
};
