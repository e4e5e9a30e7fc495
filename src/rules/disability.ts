// Disability qualification sets ("肢体1", "智力3", "任意2"…) shared by the rules that look a person up in the 残疾人 roster.

const CATEGORIES = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'] as const;

/** Every value a qualification list may hold: a category name (or 任意) followed by a grade 1–4. */
export const QUALIFICATION_VALUES: readonly string[] = ['任意', ...CATEGORIES].flatMap((c) => [1, 2, 3, 4].map((g) => `${c}${g}`));

/** SQL boolean over `alias.disability_category/disability_grade` for a validated qualification list. */
export function disabilityCondition(alias: string, list: readonly string[]): string {
  const terms = list.map((v) => {
    const grade = Number(v.slice(-1));
    const cat = v.slice(0, -1);
    if (!Number.isInteger(grade) || grade < 1 || grade > 4) throw new Error(`bad qualification ${v}`);
    if (cat === '任意') return `${alias}.disability_grade = ${grade}`;
    const c = CATEGORIES.indexOf(cat as (typeof CATEGORIES)[number]);
    if (c < 0) throw new Error(`bad qualification ${v}`);
    return `(${alias}.disability_category = ${c + 1} AND ${alias}.disability_grade = ${grade})`;
  });
  return terms.length ? `(${terms.join(' OR ')})` : '0';
}

/** EXISTS over the period's 残疾人 rows (any status) of the person `idExpr` with a qualifying disability. */
export function hasDisability(idExpr: string, list: readonly string[]): string {
  return `EXISTS (SELECT 1 FROM cur c WHERE c.kind = 'canji' AND c.id_number = ${idExpr} AND ${disabilityCondition('c', list)})`;
}

/** 重度: any category grade 1–2, or 智力/精神 grade 3 (domain.md §6 doudi-omission, danrenbao-basis). */
export const SEVERE_DEFAULT: readonly string[] = ['任意1', '任意2', '智力3', '精神3'];

/** Human-readable list for explanations: 任意1 → 一级(任意类别). */
export function describeQualifications(list: readonly string[]): string {
  const g = ['', '一级', '二级', '三级', '四级'];
  return list.map((v) => (v.startsWith('任意') ? `${g[Number(v.slice(-1))]}` : `${v.slice(0, -1)}${g[Number(v.slice(-1))]}`)).join('、');
}
