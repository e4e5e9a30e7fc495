// Maps header columns to canonical fields by alias (plus --map overrides), and recognises wide household layouts.
// Columns about someone else (代领人, 监护人, 开户人 … with their own 姓名/身份证号) are left unmapped: kept as detail,
// never taken for household members.
import { normalizeHeader } from '../../normalize/header.js';
import { fieldLabel, fieldsFor, OTHER_PERSON_HEADER, type HeaderField, type Kind } from '../../model/index.js';
import { isIdHeader, memberHeader, type DetectedHeader, type HeaderColumn } from './header.js';

export interface MemberColumns {
  name: number | null;
  id: number | null;
  relation: number | null;
  /** The relation a labelled pair's header names (配偶姓名/配偶身份证号 → 配偶; 户主 for the 户主 pair). */
  label?: string;
  /** The 户主姓名/户主身份证号 pair of a wide row: left out of a row whose members list the 户主 again. */
  head?: true;
}

export interface ColumnMap {
  /** field → column index for one-value fields. */
  fields: Map<string, number>;
  /** Person columns: one entry for a plain roster, several for wide household rows (repeated 姓名/身份证号 pairs). */
  members: MemberColumns[];
  /** 'pairs' = repeated column pairs; 'cell' may be decided per row (several members in one cell). */
  layout: 'plain' | 'pairs';
  /** The ID comes from the 户主 columns (a household-level list with no member ID column). */
  idFromHead: boolean;
  /**
   * 两项补贴 without a 补贴类型 column: one amount column per subsidy (困难残疾人生活补贴 | 重度残疾人护理补贴). Each
   * subsidy a row's person receives becomes a row of its own with that type and amount.
   */
  subsidyAmounts?: { index: number; type: '生活补贴' | '护理补贴' }[];
  mapped: { field: string; label: string; header: string; index: number }[];
  unmapped: { header: string; index: number }[];
}

/** Parses `--map field=表头` values; field may be the English key or its Chinese label. */
export function parseUserMap(specs: readonly string[], kind: Kind): { map: Map<string, string>; errors: string[] } {
  const map = new Map<string, string>();
  const errors: string[] = [];
  const defs = fieldsFor(kind);
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) {
      errors.push(`--map 的写法应为 字段=表头，例如 --map id_number=证件号，收到「${spec}」`);
      continue;
    }
    const key = spec.slice(0, eq).trim();
    const header = normalizeHeader(spec.slice(eq + 1));
    const def = defs.find((d) => d.field === key || d.label === key || normalizeHeader(d.label) === normalizeHeader(key));
    if (!def) {
      errors.push(`--map 中的字段「${key}」不是${kind}名单的字段；可用字段：${defs.map((d) => `${d.field}(${d.label})`).join('、')}`);
      continue;
    }
    map.set(header, def.field);
  }
  return { map, errors };
}

/** Whether the column is about another person than the listed ones (its header, or its parent header, says so). */
function aboutOtherPerson(col: HeaderColumn): boolean {
  return col.candidates.some((c) => OTHER_PERSON_HEADER.test(c));
}

/** A 两项补贴 amount column named after its subsidy: 困难残疾人生活补贴, 护理补贴标准, 生活补贴金额 (not 生活补贴发放时间). */
const SUBSIDY_AMOUNT = /(生活|护理)补贴(?:金额|标准|资金)?$/;

function subsidyOf(col: HeaderColumn): '生活补贴' | '护理补贴' | null {
  if (aboutOtherPerson(col)) return null;
  for (const cand of withUnitsDropped(col.candidates)) {
    const m = SUBSIDY_AMOUNT.exec(cand);
    if (m && !(cand.includes('生活') && cand.includes('护理'))) return m[1] === '生活' ? '生活补贴' : '护理补贴';
  }
  return null;
}

/** A trailing unit is not part of the field's name (domain.md §3): 月保障金额（元）, 供养金额（元/月）. */
const UNIT = /(?:元\/人\/月|元\/户\/月|元\/人|元\/户|元\/月|元)$/;

function withUnitsDropped(candidates: readonly string[]): string[] {
  const out = [...candidates];
  for (const c of candidates) {
    const bare = c.replace(UNIT, '');
    if (bare.length >= 2 && bare !== c && !out.includes(bare)) out.push(bare);
  }
  return out;
}

const MEMBER_FIELDS = new Set(['name', 'id_number', 'relation']);

/**
 * A wide row's labelled or numbered member column (配偶姓名, 子女1身份证号, 关系2): its field and the label's relation.
 * 成员身份证号 without a number is a one-member-per-row column, not this.
 */
function memberFieldOf(col: HeaderColumn, defs: HeaderField[]): { field: string; label: string | null } | null {
  if (aboutOtherPerson(col)) return null;
  for (const cand of col.candidates) {
    const m = memberHeader(cand);
    if (!m || (m.label === null && !m.numbered)) continue;
    const def = defs.find((d) => d.aliases.includes(m.base));
    const field = def?.field ?? (isIdHeader(m.base) ? 'id_number' : null);
    if (field && MEMBER_FIELDS.has(field)) return { field, label: m.label };
  }
  return null;
}

function fieldOf(col: HeaderColumn, defs: HeaderField[], userMap: Map<string, string>): string | null {
  for (const cand of col.candidates) {
    const u = userMap.get(cand);
    if (u) return u;
  }
  if (aboutOtherPerson(col)) return null;
  for (const cand of withUnitsDropped(col.candidates)) {
    const def = defs.find((d) => d.aliases.includes(cand));
    if (def) return def.field;
  }
  const first = col.candidates[0] ?? '';
  if (/残疾.*证/.test(first)) return defs.some((d) => d.field === 'cert_number') ? 'cert_number' : null;
  if (isIdHeader(first)) return 'id_number';
  return null;
}

export function mapColumns(header: DetectedHeader, kind: Kind, userMap: Map<string, string>): ColumnMap {
  const defs = fieldsFor(kind);
  const fields = new Map<string, number>();
  const ids: number[] = [];
  const names: number[] = [];
  const relations: number[] = [];
  const mapped: ColumnMap['mapped'] = [];
  const unmapped: ColumnMap['unmapped'] = [];
  const subsidyAmounts: NonNullable<ColumnMap['subsidyAmounts']> = [];
  /** A 代领人/监护人 … column since the last name or ID column: a bare 身份证号 after it is that person's. */
  let otherPerson = false;
  /** Member columns found by their label or number (配偶身份证号, 姓名2): a wide row, with the label as relation. */
  const labels = new Map<number, string | null>();
  for (const col of [...header.columns].sort((a, b) => a.index - b.index)) {
    let field = fieldOf(col, defs, userMap);
    const m = field === null || MEMBER_FIELDS.has(field) ? memberFieldOf(col, defs) : null;
    if (m && (field === null || field === m.field)) {
      field = m.field;
      labels.set(col.index, m.label);
    }
    if (aboutOtherPerson(col)) otherPerson = true;
    else if (field === 'name') otherPerson = false;
    else if (field === 'id_number') {
      if (otherPerson && ids.length > 0) field = null;
      otherPerson = false;
    }
    const subsidy = field === null && kind === 'liangbu' ? subsidyOf(col) : null;
    if (subsidy) subsidyAmounts.push({ index: col.index, type: subsidy });
    if (field === null || (fields.has(field) && !['id_number', 'name', 'relation'].includes(field))) {
      unmapped.push({ header: col.display, index: col.index });
      continue;
    }
    const label = fieldLabel(field);
    mapped.push({ field, label, header: col.display, index: col.index });
    if (field === 'id_number') ids.push(col.index);
    else if (field === 'name') names.push(col.index);
    else if (field === 'relation') relations.push(col.index);
    if (!fields.has(field)) fields.set(field, col.index);
  }

  let idFromHead = false;
  let members: MemberColumns[];
  const labelled = ids.some((i) => labels.has(i));
  if (ids.length > 1 || labelled) {
    // Wide household row: pair each ID column with the closest name (and relation) column since the previous ID column.
    // A relation column at the same distance from every ID (姓名1 身份证号1 关系1 姓名2 …) goes with its own ID.
    const offset = relations.length === ids.length ? relations[0]! - ids[0]! : null;
    const aligned = offset !== null && relations.every((r, i) => r === ids[i]! + offset);
    members = ids.map((id, k) => {
      const lo = k === 0 ? -1 : ids[k - 1]!;
      const hi = ids[k + 1] ?? Infinity;
      const name = names.filter((n) => n > lo && n < id).pop() ?? names.find((n) => n > id && n < hi) ?? null;
      const relation = aligned ? id + offset! : (relations.filter((r) => r > lo && r < hi).shift() ?? null);
      const label = labels.get(id) ?? (name === null ? null : labels.get(name)) ?? null;
      return { name, id, relation, ...(label ? { label } : {}) };
    });
    // Pairs named 配偶/子女1/成员2 …: the 户主姓名/户主身份证号 pair is the household's first member.
    const headId = fields.get('head_id_number');
    if (labelled && headId !== undefined) members.unshift({ name: fields.get('head_name') ?? null, id: headId, relation: null, label: '户主', head: true });
  } else if (ids.length === 1) {
    members = [{ name: names[0] ?? null, id: ids[0]!, relation: relations[0] ?? null }];
  } else if (fields.has('head_id_number') && !fields.has('cert_number')) {
    idFromHead = true;
    members = [{ name: fields.get('head_name') ?? names[0] ?? null, id: fields.get('head_id_number')!, relation: null }];
  } else {
    members = [{ name: names[0] ?? null, id: null, relation: relations[0] ?? null }];
  }
  const out: ColumnMap = { fields, members, layout: members.length > 1 ? 'pairs' : 'plain', idFromHead, mapped, unmapped };
  // With a 补贴类型 column, columns named after a subsidy stay detail.
  if (subsidyAmounts.length > 0 && !fields.has('subsidy_type')) {
    out.subsidyAmounts = subsidyAmounts;
    out.unmapped = unmapped.filter((u) => !subsidyAmounts.some((s) => s.index === u.index));
    for (const u of unmapped) {
      if (subsidyAmounts.some((s) => s.index === u.index)) mapped.push({ field: 'subsidy_type', label: fieldLabel('subsidy_type'), header: u.header, index: u.index });
    }
  }
  return out;
}

/** Aliases tried for the ID, for the "no ID column" error. */
export function idAliasesTried(kind: Kind): string[] {
  const defs = fieldsFor(kind);
  const out = [...defs.find((d) => d.field === 'id_number')!.aliases];
  const cert = defs.find((d) => d.field === 'cert_number');
  if (cert) out.push(...cert.aliases);
  return out;
}
