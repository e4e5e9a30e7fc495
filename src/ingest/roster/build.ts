// Turns one raw data row into one RosterRow per person: value normalisation, unpivot of households, derivations.
import { parseCertNumber } from '../../normalize/cert-number.js';
import { countyOf } from '../../normalize/county.js';
import { cleanIdText, idPersonInfo, normalizeId } from '../../normalize/id-number.js';
import { normalizeDate, normalizeMonth } from '../../normalize/month.js';
import {
  CATEGORY_NAMES,
  GRADE_NAMES,
  isActiveStatus,
  normalizeAmount,
  unreadableAmount,
  normalizeAreaType,
  normalizeDisabilityCategory,
  normalizeGrade,
  normalizeInt,
  normalizeMode,
  normalizeSex,
  normalizeSubsidyType,
  normalizeText,
  normalizeYesNo,
} from '../../normalize/values.js';
import { cellText } from '../formats/cell-text.js';
import type { ColumnMap } from './columns.js';
import { emptyRow, headerField, isHeadRelation, type FieldType, type Kind, type RosterRow } from '../../model/index.js';
import type { CellValue, RawRow } from '../formats/types.js';

export interface BuildContext {
  kind: Kind;
  refDate: string; // 基准日 YYYY-MM-DD
  sheet: string;
  /** The township of rows without a 乡镇 cell: from the sheet name, a title row or the file name (township.ts). */
  townshipFallback: string | null;
  /** Counts rows whose 乡镇 cell was empty and took townshipFallback. */
  townshipFilled: number;
  /** The county of rows without a 县区 column (--county, the input's or the config's county); null: not said. */
  county: string | null;
  area: '城市' | '农村' | null;
  label: string | null; // ext label from --label
  fileLabel: string; // the file name without extension: the ext label when neither --label nor a 名单类别 column gives one
  headers: Map<number, string>; // column index → display header, for extra columns
}

export interface BuildResult {
  persons: RosterRow[];
  rejected?: string;
}

const MEMBER_SPLIT = /[、,，;；\r\n]+/;
const NUMERIC_ID_WARNING = '身份证号存成了数值单元格：文件中保存了完整的 18 位且校验位正确，已按有效号码导入；请把该列设为文本格式，用 Excel 另存会丢失末三位';
/** Fields filled per person or derived, not copied from their column. */
const PERSON_FIELDS = new Set(['id_number', 'name', 'relation', 'head_id_number', 'head_name', 'township']);

function convert(type: FieldType, v: CellValue, text: string | undefined, label: string, warnings: string[]): unknown {
  switch (type) {
    case 'int': return normalizeInt(v);
    case 'amount': {
      const n = normalizeAmount(v);
      if (n === null && unreadableAmount(v)) warnings.push(`${label}：无法识别的金额：${String(v).trim()}`);
      return n;
    }
    case 'yesno': return normalizeYesNo(v);
    case 'grade':
    case 'category': {
      const n = type === 'grade' ? normalizeGrade(v) : normalizeDisabilityCategory(v);
      // The subsidy rules depend on grade and category: a value nobody can read is said, not dropped silently.
      if (n === null && cellText(v) !== '') warnings.push(`${label}：无法识别：${cellText(v)}`);
      return n;
    }
    case 'area': return normalizeAreaType(v);
    case 'mode': return normalizeMode(v);
    case 'subsidy': return normalizeSubsidyType(v);
    case 'sex': return normalizeSex(v);
    case 'month': {
      const r = normalizeMonth(v, text);
      if (r.warning) warnings.push(`${label}：${r.warning}`);
      return r.month;
    }
    case 'date': {
      const r = normalizeDate(v, text);
      if (r.warning) warnings.push(`${label}：${r.warning}`);
      return r.date;
    }
    default: return normalizeText(v);
  }
}

interface Member {
  name: string | null;
  id: CellValue;
  /** The stored digits of a long numeric ID cell (RawRow.digits). */
  digits?: string | undefined;
  relation: string | null;
}

function membersOf(row: RawRow, cmap: ColumnMap, warnings: string[]): Member[] {
  const out: Member[] = [];
  for (const m of cmap.members) {
    const name = m.name === null ? null : normalizeText(row.cells[m.name] ?? null);
    const id = m.id === null ? null : (row.cells[m.id] ?? null);
    const relation = m.relation === null ? (m.label ?? null) : normalizeText(row.cells[m.relation] ?? null);
    // Several members written into one cell: 张三、李四 / 4105…、4105… — split and zip in order.
    if (cmap.layout === 'plain' && typeof id === 'string' && MEMBER_SPLIT.test(id.trim())) {
      const ids = id.split(MEMBER_SPLIT).map((s) => s.trim()).filter(Boolean);
      const names = (name ?? '').split(MEMBER_SPLIT).map((s) => s.trim()).filter(Boolean);
      if (ids.length > 1 || names.length > 1) {
        const rels = (relation ?? '').split(MEMBER_SPLIT).map((s) => s.trim()).filter(Boolean);
        // Nobody is dropped when the counts differ: a name without an ID is `missing`, an ID without a name is kept.
        const n = Math.max(ids.length, names.length);
        if (names.length > 0 && names.length !== ids.length) {
          warnings.push(`一个单元格里的家庭成员人数不一致：姓名 ${names.length} 个、身份证号 ${ids.length} 个，已按先后顺序配对，请核对`);
        }
        for (let k = 0; k < n; k++) out.push({ name: names[k] ?? null, id: ids[k] ?? null, relation: rels.length === n ? rels[k]! : null });
        continue;
      }
    }
    out.push({ name, id, digits: m.id === null ? undefined : row.digits?.[m.id], relation });
  }
  // The 户主 pair of a wide row whose members list the 户主 again (成员1 = 户主) is not a second person.
  if (cmap.members[0]?.head && out.length > 1) {
    const headId = cleanIdText(cellText(out[0]!.id));
    if (headId !== '' && out.slice(1).some((o) => cleanIdText(cellText(o.id)) === headId)) out.shift();
  }
  return out;
}

interface Plan {
  headers: Map<number, string>;
  /** Mapped columns copied into their field, in map order. */
  convert: { field: string; index: number; type: FieldType; label: string }[];
  /** Columns no field took: [index, header]. */
  unmapped: [number, string][];
  /**
   * The conversions above as one generated function of plain property stores (rec[f.field] = … was a keyed store with
   * a different name each time: megamorphic, the hottest line of buildPersons in a profile of a 1M-row CSV).
   */
  apply: (row: RosterRow, cells: readonly CellValue[], text: readonly (string | undefined)[] | undefined, warnings: string[]) => void;
}

const FIELD_NAME = /^[a-z][a-z0-9_]*$/;

function compileConversions(convertList: Plan['convert']): Plan['apply'] {
  const body = convertList
    .map((f, i) => {
      if (!FIELD_NAME.test(f.field)) throw new Error(`bad field name ${f.field}`);
      return `r.${f.field} = convert(types[${i}], cells[${f.index}] ?? null, text == null ? undefined : text[${f.index}], labels[${i}], warnings);`;
    })
    .join('\n');
  const make = new Function('convert', 'types', 'labels', `return function apply(r, cells, text, warnings) {\n${body}\n};`) as (
    c: typeof convert,
    types: FieldType[],
    labels: string[],
  ) => Plan['apply'];
  return make(convert, convertList.map((f) => f.type), convertList.map((f) => f.label));
}

const plans = new WeakMap<ColumnMap, Plan>();

/** What buildPersons does with each column, worked out once per sheet rather than for every row. */
function planFor(cmap: ColumnMap, headers: Map<number, string>): Plan {
  const cached = plans.get(cmap);
  if (cached && cached.headers === headers) return cached;
  const mappedIdx = new Set(cmap.mapped.map((m) => m.index));
  const convertList = [...cmap.fields]
    .filter(([field]) => !PERSON_FIELDS.has(field))
    .map(([field, index]) => ({ field, index, type: headerField(field)!.type, label: headerField(field)!.label }));
  const plan: Plan = {
    headers,
    convert: convertList,
    unmapped: [...headers].filter(([idx]) => !mappedIdx.has(idx)),
    apply: compileConversions(convertList),
  };
  plans.set(cmap, plan);
  return plan;
}

export function buildPersons(row: RawRow, cmap: ColumnMap, ctx: BuildContext): BuildResult {
  const cell = (field: string): CellValue => {
    const i = cmap.fields.get(field);
    return i === undefined ? null : (row.cells[i] ?? null);
  };
  const plan = planFor(cmap, ctx.headers);
  const base = emptyRow(ctx.sheet, row.rowNo);
  const warnings = base.warnings;
  plan.apply(base, row.cells, row.text, warnings);
  const ownTownship = cmap.fields.has('township') ? normalizeText(cell('township')) : null;
  base.township = ownTownship ?? ctx.townshipFallback;
  if (ownTownship === null && base.township !== null && cmap.fields.has('township')) ctx.townshipFilled++;
  base.county = countyOf(base.county, ctx.county);
  if (base.area_type === null && (ctx.kind === 'dibao' || ctx.kind === 'tekun')) base.area_type = ctx.area;
  base.active = isActiveStatus(base.status);
  if (ctx.kind === 'ext') base.label = ctx.label ?? base.label ?? ctx.fileLabel;

  // Unmapped, non-empty cells are kept as detail (ext lists show them to the township).
  let extra: Record<string, string> | null = null;
  for (const [idx, header] of plan.unmapped) {
    const t = cellText(row.cells[idx]);
    if (t !== '') (extra ??= {})[header] = row.digits?.[idx] ?? row.text?.[idx] ?? t;
  }
  base.extra = extra;

  const headRaw = cell('head_id_number');
  const headCol = cmap.fields.get('head_id_number');
  const headId = headRaw === null ? null : normalizeId(headRaw, ctx.refDate, headCol === undefined ? undefined : row.digits?.[headCol]);
  const certRaw = cell('cert_number');
  const cert = certRaw === null ? null : parseCertNumber(certRaw);
  if (certRaw !== null) base.cert_number = cleanIdText(cellText(certRaw)) || null;

  const members = membersOf(row, cmap, warnings).filter((m) => m.name !== null || cellText(m.id) !== '' || cmap.members.length === 1);
  const persons: RosterRow[] = [];
  for (let k = 0; k < members.length; k++) {
    const m = members[k]!;
    let idValue = m.id;
    let derived = false;
    if (cellText(idValue) === '' && cert) {
      idValue = cert.id18;
      derived = true;
    }
    if (m.name === null && cellText(idValue) === '') continue;
    // One person (the usual row) takes the row's object itself; household members each get a copy.
    const p: RosterRow = members.length === 1 ? base : { ...base, warnings: [...warnings] };
    p.member_no = members.length > 1 ? k + 1 : 0;
    if (p.member_no > 0) {
      // One 性别 / 出生日期 column on a household row says nothing certain about each member.
      p.sex_declared = null;
      p.birth_declared = null;
    }
    p.name = m.name;
    const id = normalizeId(idValue, ctx.refDate, derived ? undefined : m.digits);
    p.id_raw = derived ? null : id.id_raw;
    p.id_number = id.id_number;
    p.id_status = id.id_status;
    if (derived) p.warnings.push('身份证号取自残疾人证号前18位');
    if (id.fromNumericCell) p.warnings.push(NUMERIC_ID_WARNING);
    if (p.id_number) {
      const info = idPersonInfo(p.id_number);
      p.sex = info.sex;
      p.birth_date = info.birth_date;
    }
    p.relation = m.relation ?? (members.length > 1 && k === 0 ? '户主' : null);
    // The 户主 of a wide household row is its first pair, unless a 与户主关系 column names another member.
    const headMember = members.findIndex((x) => isHeadRelation(x.relation));
    const headIdx = headMember >= 0 ? headMember : 0;
    p.head_id_number =
      headId?.id_number ?? (headRaw !== null ? cleanIdText(cellText(headRaw)) || null : null) ??
      (members.length > 1 ? (normalizeId(members[headIdx]!.id, ctx.refDate, members[headIdx]!.digits).id_number ?? null) : null);
    if (ctx.kind === 'dibao' && p.case_id === null) p.case_id = p.head_id_number;
    if (cert && (ctx.kind === 'canji' || ctx.kind === 'liangbu')) applyCertDigits(p, cert);
    if (cmap.subsidyAmounts) persons.push(...perSubsidy(p, row, cmap.subsidyAmounts));
    else persons.push(p);
  }
  if (persons.length === 0) return { persons, rejected: '既无姓名也无身份证号（或残疾人证号）' };
  return { persons };
}

/** One row per subsidy the person receives (an amount above 0, or a yes mark); the row as it is when none. */
function perSubsidy(p: RosterRow, row: RawRow, cols: NonNullable<ColumnMap['subsidyAmounts']>): RosterRow[] {
  const out: RosterRow[] = [];
  for (const s of cols) {
    const v = row.cells[s.index] ?? null;
    const amount = normalizeAmount(v);
    if (amount !== null ? amount > 0 : normalizeYesNo(v) === true) {
      out.push({ ...p, warnings: [...p.warnings], subsidy_type: s.type, amount: amount ?? p.amount });
    }
  }
  return out.length > 0 ? out : [p];
}

function applyCertDigits(p: RosterRow, cert: { category: number | null; grade: number | null }): void {
  if (cert.category !== null) {
    if (p.disability_category === null) p.disability_category = cert.category;
    else if (p.disability_category !== cert.category)
      p.warnings.push(`残疾类别列为${CATEGORY_NAMES[p.disability_category]}，证号显示为${CATEGORY_NAMES[cert.category]}`);
  }
  if (cert.grade !== null) {
    if (p.disability_grade === null) p.disability_grade = cert.grade;
    else if (p.disability_grade !== cert.grade)
      p.warnings.push(`残疾等级列为${GRADE_NAMES[p.disability_grade]}，证号显示为${GRADE_NAMES[cert.grade]}`);
  }
}
