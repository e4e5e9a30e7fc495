// The roster field catalogue: every field of a roster row in one place — its stored column and SQL type, its Chinese
// label, how its cell is normalised, which kinds have it and the header aliases that find it (domain.md §3).
// The RosterRow type, the empty row, the insert column list and the header definitions are all derived from it, and a
// test compares it with the roster_rows table of the schema.
import type { IdStatus } from './id-status.js';
import type { Kind } from './kinds.js';

/** How a field's cell is normalised into a RosterRow value. */
export type FieldType = 'id' | 'text' | 'int' | 'amount' | 'month' | 'date' | 'yesno' | 'grade' | 'category' | 'area' | 'mode' | 'subsidy' | 'sex';

/** A field a roster header can name. */
export interface HeaderField {
  field: string;
  /** Chinese name shown in reports. */
  label: string;
  type: FieldType;
  kinds: readonly Kind[] | 'all';
  /** Matched after normalizeHeader. */
  aliases: readonly string[];
}

interface FieldSpec {
  name: string;
  /** Declared type of the roster_rows column; null for a header field that is not stored (it only helps read others). */
  sql: string | null;
  /** Value of an empty row (null unless said). */
  empty?: string | number | boolean | readonly [];
  /** Present when a header column can hold the field. */
  header?: Omit<HeaderField, 'field'>;
}

const ALL = 'all' as const;

/** In the order header fields are listed to a clerk (`--map` help); stored-only fields where they belong. */
export const ROSTER_FIELDS = [
  { name: 'sheet', sql: 'TEXT NOT NULL', empty: '' },
  { name: 'row_no', sql: 'INTEGER NOT NULL', empty: 0 },
  { name: 'member_no', sql: 'INTEGER NOT NULL', empty: 0 },
  { name: 'id_raw', sql: 'TEXT' },
  {
    name: 'id_number',
    sql: 'TEXT',
    header: {
      label: '身份证号',
      type: 'id',
      kinds: ALL,
      aliases: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '身份证', '成员身份证号', '成员身份证号码',
        '人员身份证号', '人员身份证号码', '家庭成员身份证号', '家庭成员身份证号码', '身份证件号码', '证件号', '身份号码'],
    },
  },
  { name: 'id_status', sql: 'TEXT NOT NULL', empty: 'missing' },
  {
    name: 'name',
    sql: 'TEXT',
    header: {
      label: '姓名',
      type: 'text',
      kinds: ALL,
      aliases: ['姓名', '人员姓名', '成员姓名', '村民姓名', '家庭成员姓名', '死者姓名', '对象姓名', '残疾人姓名', '补贴对象姓名'],
    },
  },
  { name: 'sex', sql: 'TEXT' },
  { name: 'birth_date', sql: 'TEXT' },
  // The file's own 性别 / 出生日期, as read (the person's sex and birth date come from the ID): id-attr-mismatch.
  { name: 'sex_declared', sql: 'TEXT', header: { label: '性别', type: 'sex', kinds: ALL, aliases: ['性别'] } },
  { name: 'birth_declared', sql: 'TEXT', header: { label: '出生日期', type: 'date', kinds: ALL, aliases: ['出生日期', '出生年月', '出生年月日'] } },
  {
    name: 'county',
    sql: 'TEXT',
    header: {
      label: '县(区)',
      type: 'text',
      kinds: ALL,
      aliases: ['县', '县区', '区县', '县市区', '县市、区', '所属县区', '所属区县', '县区名称'],
    },
  },
  {
    name: 'township',
    sql: 'TEXT',
    header: {
      label: '乡镇',
      type: 'text',
      kinds: ALL,
      aliases: ['乡镇', '乡镇街道', '镇街', '乡镇街', '街道', '所属街道', '所属乡镇', '乡镇名称', '所属乡镇街道', '乡镇办'],
    },
  },
  {
    name: 'village',
    sql: 'TEXT',
    header: {
      label: '村(社区)',
      type: 'text',
      kinds: ALL,
      aliases: ['村', '行政村', '村社区', '社区', '所属社区', '居委会', '所属村', '所属村社区', '村居', '村名'],
    },
  },
  {
    name: 'head_id_number',
    sql: 'TEXT',
    header: { label: '户主身份证号', type: 'text', kinds: ALL, aliases: ['户主身份证号', '户主身份证号码', '户主证件号码', '户主公民身份号码'] },
  },
  { name: 'head_name', sql: null, header: { label: '户主姓名', type: 'text', kinds: ALL, aliases: ['户主姓名', '户主'] } },
  { name: 'relation', sql: 'TEXT', header: { label: '与户主关系', type: 'text', kinds: ALL, aliases: ['与户主关系', '户主关系', '关系'] } },
  {
    name: 'status',
    sql: 'TEXT',
    header: { label: '状态', type: 'text', kinds: ALL, aliases: ['状态', '在保状态', '保障状态', '人员状态', '享受状态'] },
  },
  { name: 'active', sql: 'INTEGER NOT NULL', empty: true },
  // dibao
  {
    name: 'area_type',
    sql: 'TEXT',
    header: { label: '城乡类别', type: 'area', kinds: ['dibao', 'tekun'], aliases: ['城乡类别', '户籍类型', '城乡属性', '户籍性质'] },
  },
  {
    name: 'case_id',
    sql: 'TEXT',
    header: { label: '低保证号', type: 'text', kinds: ['dibao'], aliases: ['低保证号', '低保特困证号', '保障证号', '家庭编号', '低保编号'] },
  },
  { name: 'covered_count', sql: 'INTEGER', header: { label: '保障人数', type: 'int', kinds: ['dibao'], aliases: ['保障人数', '保障人口数', '享受人数'] } },
  { name: 'family_size', sql: 'INTEGER', header: { label: '家庭人口', type: 'int', kinds: ['dibao'], aliases: ['家庭人口', '家庭人口数', '家庭人数'] } },
  { name: 'mode', sql: 'TEXT', header: { label: '施保方式', type: 'mode', kinds: ['dibao'], aliases: ['施保方式', '保障方式'] } },
  { name: 'category', sql: 'TEXT', header: { label: '保障类别', type: 'text', kinds: ['dibao'], aliases: ['保障类别', '分档类型', '类别', '保障档次'] } },
  {
    name: 'amount',
    sql: 'REAL',
    header: {
      label: '月发放金额',
      type: 'amount',
      kinds: ALL,
      aliases: ['月保障金额', '户月保障金额', '保障金额', '月发放金额', '发放金额', '供养金额', '月供养标准', '基本生活费', '补贴金额', '月补贴标准',
        '月补贴金额', '金额'],
    },
  },
  {
    name: 'start_month',
    sql: 'TEXT',
    header: {
      label: '最初享受月份',
      type: 'month',
      kinds: ['dibao', 'tekun', 'liangbu'],
      aliases: ['最初享受月份', '最初享受月', '享受日期', '享受起始月份', '享受起始时间', '开始享受月份', '起始月份', '纳入时间'],
    },
  },
  {
    name: 'taper_start',
    sql: 'TEXT',
    header: { label: '渐退开始月份', type: 'month', kinds: ['dibao'], aliases: ['渐退开始月份', '渐退起始时间', '渐退开始时间', '渐退起始月份'] },
  },
  // tekun
  { name: 'support_mode', sql: 'TEXT', header: { label: '供养方式', type: 'text', kinds: ['tekun'], aliases: ['供养方式', '供养形式'] } },
  { name: 'self_care', sql: 'TEXT', header: { label: '生活自理能力', type: 'text', kinds: ['tekun'], aliases: ['生活自理能力', '自理能力'] } },
  {
    name: 'school_status',
    sql: 'TEXT',
    header: { label: '在校状况', type: 'text', kinds: ['tekun', 'fangpin'], aliases: ['在校状况', '在校生状况', '在校情况', '就学状况'] },
  },
  // fangpin
  { name: 'household_id', sql: 'TEXT', header: { label: '户编号', type: 'text', kinds: ['fangpin'], aliases: ['户编号', '户码'] } },
  { name: 'person_no', sql: 'TEXT', header: { label: '人编号', type: 'text', kinds: ['fangpin'], aliases: ['人编号', '人口编号', '人员编号'] } },
  { name: 'household_type', sql: 'TEXT', header: { label: '户类型', type: 'text', kinds: ['fangpin'], aliases: ['户类型', '户类别'] } },
  {
    name: 'monitor_type',
    sql: 'TEXT',
    header: { label: '监测对象类别', type: 'text', kinds: ['fangpin'], aliases: ['监测对象类别', '监测对象类型', '易返贫致贫户监测对象类型', '监测类型'] },
  },
  { name: 'labor', sql: 'TEXT', header: { label: '劳动技能', type: 'text', kinds: ['fangpin'], aliases: ['劳动技能', '劳动能力'] } },
  { name: 'health', sql: 'TEXT', header: { label: '健康状况', type: 'text', kinds: ['fangpin'], aliases: ['健康状况'] } },
  { name: 'risk_cleared', sql: 'INTEGER', header: { label: '风险是否消除', type: 'yesno', kinds: ['fangpin'], aliases: ['风险是否消除', '风险是否已消除'] } },
  {
    name: 'risk_identified_at',
    sql: 'TEXT',
    header: { label: '风险识别时间', type: 'month', kinds: ['fangpin'], aliases: ['风险识别时间', '识别监测时间', '纳入监测时间'] },
  },
  { name: 'risk_cleared_at', sql: 'TEXT', header: { label: '风险消除时间', type: 'month', kinds: ['fangpin'], aliases: ['风险消除时间', '消除监测时间'] } },
  {
    name: 'flag_dibao',
    sql: 'INTEGER',
    header: { label: '是否享受低保', type: 'yesno', kinds: ['fangpin'], aliases: ['是否享受低保', '享受低保政策情况', '是否低保'] },
  },
  {
    name: 'flag_tekun',
    sql: 'INTEGER',
    header: { label: '是否特困供养', type: 'yesno', kinds: ['fangpin'], aliases: ['是否特困供养人员', '享受特困供养政策情况', '是否特困', '是否特困供养'] },
  },
  // canji / liangbu
  {
    name: 'cert_number',
    sql: 'TEXT',
    header: { label: '残疾人证号', type: 'text', kinds: ['canji', 'liangbu'], aliases: ['残疾人证号', '残疾证号', '残疾人证号码', '残疾证号码'] },
  },
  {
    name: 'disability_category',
    sql: 'INTEGER',
    header: { label: '残疾类别', type: 'category', kinds: ['canji', 'liangbu'], aliases: ['残疾类别', '残疾类型'] },
  },
  { name: 'disability_grade', sql: 'INTEGER', header: { label: '残疾等级', type: 'grade', kinds: ['canji', 'liangbu'], aliases: ['残疾等级', '残疾级别'] } },
  {
    name: 'subsidy_type',
    sql: 'TEXT',
    header: { label: '补贴类型', type: 'subsidy', kinds: ['liangbu'], aliases: ['补贴类型', '补贴类别', '补贴项目', '补贴名称'] },
  },
  // death / ext
  {
    name: 'death_date',
    sql: 'TEXT',
    header: { label: '死亡日期', type: 'date', kinds: ['death'], aliases: ['死亡日期', '火化日期', '注销日期', '死亡时间', '火化时间', '注销时间'] },
  },
  { name: 'source', sql: 'TEXT', header: { label: '数据来源', type: 'text', kinds: ['death'], aliases: ['数据来源', '来源', '信息来源'] } },
  { name: 'label', sql: 'TEXT', header: { label: '名单类别', type: 'text', kinds: ['ext'], aliases: ['名单类别', '名单类型', '核对类别'] } },
  { name: 'extra', sql: 'TEXT' },
  { name: 'warnings', sql: 'TEXT', empty: [] },
] as const satisfies readonly FieldSpec[];

/**
 * One person on one roster row, after normalisation. Keys are the roster_rows columns (checked against ROSTER_FIELDS
 * below). Kind-specific fields are null when the kind or the file does not have them.
 */
export interface RosterRow {
  sheet: string;
  row_no: number; // Excel row number (1-based) or CSV line number
  member_no: number; // 0 for a plain row; 1..n for persons unpivoted from a wide household row
  id_raw: string | null;
  id_number: string | null; // normalised; null unless joinable
  id_status: IdStatus;
  name: string | null;
  sex: '男' | '女' | null;
  birth_date: string | null; // YYYY-MM-DD from the ID
  sex_declared: '男' | '女' | null; // the file's 性别 column
  birth_declared: string | null; // the file's 出生日期 column: YYYY-MM-DD, or YYYY-MM when it gives the month only
  county: string | null;
  township: string | null;
  village: string | null;
  head_id_number: string | null;
  relation: string | null;
  status: string | null;
  active: boolean; // status not 停保/退出/注销
  // dibao
  case_id: string | null;
  area_type: '城市' | '农村' | null;
  covered_count: number | null;
  family_size: number | null;
  mode: '整户保' | '单人保' | null;
  category: string | null;
  amount: number | null;
  start_month: string | null; // YYYY-MM
  taper_start: string | null; // YYYY-MM
  // tekun
  support_mode: string | null;
  self_care: string | null;
  school_status: string | null;
  // fangpin
  household_id: string | null;
  person_no: string | null;
  household_type: string | null;
  monitor_type: string | null;
  labor: string | null;
  health: string | null;
  risk_cleared: boolean | null;
  risk_identified_at: string | null; // YYYY-MM
  risk_cleared_at: string | null; // YYYY-MM
  flag_dibao: boolean | null;
  flag_tekun: boolean | null;
  // canji / liangbu
  cert_number: string | null;
  disability_category: number | null; // 1 视力 .. 7 多重
  disability_grade: number | null; // 1 (most severe) .. 4
  subsidy_type: '生活补贴' | '护理补贴' | null;
  // death / ext
  death_date: string | null; // YYYY-MM-DD, or YYYY-MM when only the month is known
  source: string | null;
  label: string | null;
  extra: Record<string, string> | null; // unmapped columns (ext keeps them as detail)
  warnings: string[]; // row-level notes (e.g. 证号与等级列不一致), stored as JSON
}

type Spec = (typeof ROSTER_FIELDS)[number];
type StoredName = Extract<Spec, { sql: string }>['name'];
/** Fails to compile when RosterRow and the catalogue's stored fields differ. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const CATALOGUE_MATCHES_ROSTER_ROW: Same<StoredName, keyof RosterRow> = true;
void CATALOGUE_MATCHES_ROSTER_ROW;

export type RosterColumn = keyof RosterRow;

/** The stored columns, in catalogue order: what an insert binds. */
export const ROW_COLUMNS: readonly RosterColumn[] = ROSTER_FIELDS.filter((f): f is Extract<Spec, { sql: string }> => f.sql !== null).map(
  (f) => f.name,
);

/** Declared SQL type of each stored column (compared with the schema by a test). */
export const COLUMN_TYPES: ReadonlyMap<RosterColumn, string> = new Map(
  ROSTER_FIELDS.filter((f): f is Extract<Spec, { sql: string }> => f.sql !== null).map((f) => [f.name, f.sql]),
);

/** Fields a header can name, in catalogue order. */
export const HEADER_FIELDS: readonly HeaderField[] = ROSTER_FIELDS.filter((f) => 'header' in f).map((f) => ({
  field: f.name,
  ...(f as { header: Omit<HeaderField, 'field'> }).header,
}));

const HEADER_BY_FIELD = new Map(HEADER_FIELDS.map((d) => [d.field, d]));

export function headerField(field: string): HeaderField | undefined {
  return HEADER_BY_FIELD.get(field);
}

/** The label a clerk sees for a field (the field name itself when it has none). */
export function fieldLabel(field: string): string {
  return HEADER_BY_FIELD.get(field)?.label ?? field;
}

/** Header fields of a roster of this kind. */
export function fieldsFor(kind: Kind): HeaderField[] {
  return HEADER_FIELDS.filter((f) => f.kinds === 'all' || f.kinds.includes(kind));
}

/**
 * A row with every field empty, for one sheet row. Generated from the catalogue as one object literal, so that every
 * row has the same shape (one hidden class: the loader builds millions of them).
 */
export const emptyRow = new Function(
  'sheet',
  'rowNo',
  `return {${ROSTER_FIELDS.filter((f) => f.sql !== null)
    .map((f) => {
      if (f.name === 'sheet') return 'sheet: sheet';
      if (f.name === 'row_no') return 'row_no: rowNo';
      const e = 'empty' in f ? f.empty : null;
      return `${f.name}: ${Array.isArray(e) ? '[]' : JSON.stringify(e)}`;
    })
    .join(', ')}};`,
) as (sheet: string, rowNo: number) => RosterRow;

/**
 * Header words of columns about someone other than the listed persons (domain.md §9): the proxy who collects the
 * money (代领人/代理人/委托人), a guardian (监护人), the supporter (赡养人/抚养人/扶养人), the bank account holder
 * (开户人/户名/收款人), a contact or the cadre in charge. Their 姓名/身份证号 columns are kept as detail, never read as
 * household members. A 配偶 column is a member and is not here.
 */
export const OTHER_PERSON_HEADER = /代领|代理|委托|受托|监护|赡养|抚养|扶养|开户|户名|收款|领款|联系人|紧急|帮扶|责任人|经办|填报|审核|村干部|担保|法定代表/;

/** 与户主关系 values that mark the 户主 of a household. */
const HEAD_RELATIONS: ReadonlySet<string> = new Set(['户主', '本人']);

export function isHeadRelation(relation: string | null): boolean {
  return relation !== null && HEAD_RELATIONS.has(relation);
}
