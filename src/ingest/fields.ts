// Canonical roster fields per kind and the header aliases that find them (domain.md §3).
import type { Kind } from '../normalize/kinds.js';

/** How a field's cell is normalised into a RosterRow value. */
export type FieldType =
  | 'id'
  | 'text'
  | 'int'
  | 'amount'
  | 'month'
  | 'date'
  | 'yesno'
  | 'grade'
  | 'category'
  | 'area'
  | 'mode'
  | 'subsidy';

export interface FieldDef {
  field: string; // RosterRow key
  label: string; // Chinese name shown in reports
  type: FieldType;
  kinds: readonly Kind[] | 'all';
  aliases: readonly string[]; // matched after normalizeHeader
}

const ALL = 'all' as const;

export const FIELD_DEFS: readonly FieldDef[] = [
  {
    field: 'id_number',
    label: '身份证号',
    type: 'id',
    kinds: ALL,
    aliases: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '身份证', '成员身份证号', '成员身份证号码',
      '人员身份证号', '人员身份证号码', '家庭成员身份证号', '家庭成员身份证号码', '身份证件号码', '证件号', '身份号码'],
  },
  {
    field: 'name',
    label: '姓名',
    type: 'text',
    kinds: ALL,
    aliases: ['姓名', '人员姓名', '成员姓名', '村民姓名', '家庭成员姓名', '死者姓名', '对象姓名', '残疾人姓名', '补贴对象姓名'],
  },
  {
    field: 'township',
    label: '乡镇',
    type: 'text',
    kinds: ALL,
    aliases: ['乡镇', '乡镇街道', '镇街', '乡镇街', '街道', '所属街道', '所属乡镇', '乡镇名称', '所属乡镇街道', '乡镇办'],
  },
  {
    field: 'village',
    label: '村(社区)',
    type: 'text',
    kinds: ALL,
    aliases: ['村', '行政村', '村社区', '社区', '所属社区', '居委会', '所属村', '所属村社区', '村居', '村名'],
  },
  {
    field: 'head_id_number',
    label: '户主身份证号',
    type: 'text',
    kinds: ALL,
    aliases: ['户主身份证号', '户主身份证号码', '户主证件号码', '户主公民身份号码'],
  },
  { field: 'head_name', label: '户主姓名', type: 'text', kinds: ALL, aliases: ['户主姓名', '户主'] },
  { field: 'relation', label: '与户主关系', type: 'text', kinds: ALL, aliases: ['与户主关系', '户主关系', '关系'] },
  { field: 'status', label: '状态', type: 'text', kinds: ALL, aliases: ['状态', '在保状态', '保障状态', '人员状态', '享受状态'] },
  // dibao
  { field: 'area_type', label: '城乡类别', type: 'area', kinds: ['dibao', 'tekun'], aliases: ['城乡类别', '户籍类型', '城乡属性', '户籍性质'] },
  { field: 'case_id', label: '低保证号', type: 'text', kinds: ['dibao'], aliases: ['低保证号', '低保特困证号', '保障证号', '家庭编号', '低保编号'] },
  { field: 'covered_count', label: '保障人数', type: 'int', kinds: ['dibao'], aliases: ['保障人数', '保障人口数', '享受人数'] },
  { field: 'family_size', label: '家庭人口', type: 'int', kinds: ['dibao'], aliases: ['家庭人口', '家庭人口数', '家庭人数'] },
  { field: 'mode', label: '施保方式', type: 'mode', kinds: ['dibao'], aliases: ['施保方式', '保障方式'] },
  { field: 'category', label: '保障类别', type: 'text', kinds: ['dibao'], aliases: ['保障类别', '分档类型', '类别', '保障档次'] },
  {
    field: 'amount',
    label: '金额',
    type: 'amount',
    kinds: ['dibao', 'tekun', 'liangbu'],
    aliases: ['月保障金额', '户月保障金额', '户月保障金额元', '月保障金额元', '保障金额', '保障金额元', '发放金额', '发放金额元', '补贴金额', '补贴金额元', '月补贴金额', '金额'],
  },
  {
    field: 'start_month',
    label: '最初享受月份',
    type: 'month',
    kinds: ['dibao', 'tekun', 'liangbu'],
    aliases: ['最初享受月份', '最初享受月', '享受日期', '享受起始月份', '享受起始时间', '开始享受月份', '起始月份', '纳入时间'],
  },
  { field: 'taper_start', label: '渐退开始月份', type: 'month', kinds: ['dibao'], aliases: ['渐退开始月份', '渐退起始时间', '渐退开始时间', '渐退起始月份'] },
  // tekun
  { field: 'support_mode', label: '供养方式', type: 'text', kinds: ['tekun'], aliases: ['供养方式', '供养形式'] },
  { field: 'self_care', label: '生活自理能力', type: 'text', kinds: ['tekun'], aliases: ['生活自理能力', '自理能力'] },
  { field: 'school_status', label: '在校状况', type: 'text', kinds: ['tekun', 'fangpin'], aliases: ['在校状况', '在校生状况', '在校情况', '就学状况'] },
  // fangpin
  { field: 'household_id', label: '户编号', type: 'text', kinds: ['fangpin'], aliases: ['户编号', '户码'] },
  { field: 'person_no', label: '人编号', type: 'text', kinds: ['fangpin'], aliases: ['人编号', '人口编号', '人员编号'] },
  { field: 'household_type', label: '户类型', type: 'text', kinds: ['fangpin'], aliases: ['户类型', '户类别'] },
  { field: 'monitor_type', label: '监测对象类别', type: 'text', kinds: ['fangpin'], aliases: ['监测对象类别', '监测对象类型', '易返贫致贫户监测对象类型', '监测类型'] },
  { field: 'labor', label: '劳动技能', type: 'text', kinds: ['fangpin'], aliases: ['劳动技能', '劳动能力'] },
  { field: 'health', label: '健康状况', type: 'text', kinds: ['fangpin'], aliases: ['健康状况'] },
  { field: 'risk_cleared', label: '风险是否消除', type: 'yesno', kinds: ['fangpin'], aliases: ['风险是否消除', '风险是否已消除'] },
  { field: 'risk_identified_at', label: '风险识别时间', type: 'month', kinds: ['fangpin'], aliases: ['风险识别时间', '识别监测时间', '纳入监测时间'] },
  { field: 'risk_cleared_at', label: '风险消除时间', type: 'month', kinds: ['fangpin'], aliases: ['风险消除时间', '消除监测时间'] },
  { field: 'flag_dibao', label: '是否享受低保', type: 'yesno', kinds: ['fangpin'], aliases: ['是否享受低保', '享受低保政策情况', '是否低保'] },
  { field: 'flag_tekun', label: '是否特困供养', type: 'yesno', kinds: ['fangpin'], aliases: ['是否特困供养人员', '享受特困供养政策情况', '是否特困', '是否特困供养'] },
  // canji / liangbu
  { field: 'cert_number', label: '残疾人证号', type: 'text', kinds: ['canji', 'liangbu'], aliases: ['残疾人证号', '残疾证号', '残疾人证号码', '残疾证号码'] },
  { field: 'disability_category', label: '残疾类别', type: 'category', kinds: ['canji', 'liangbu'], aliases: ['残疾类别', '残疾类型'] },
  { field: 'disability_grade', label: '残疾等级', type: 'grade', kinds: ['canji', 'liangbu'], aliases: ['残疾等级', '残疾级别'] },
  { field: 'subsidy_type', label: '补贴类型', type: 'subsidy', kinds: ['liangbu'], aliases: ['补贴类型', '补贴类别', '补贴项目', '补贴名称'] },
  // death / ext
  { field: 'death_date', label: '死亡日期', type: 'date', kinds: ['death'], aliases: ['死亡日期', '火化日期', '注销日期', '死亡时间', '火化时间', '注销时间'] },
  { field: 'source', label: '数据来源', type: 'text', kinds: ['death'], aliases: ['数据来源', '来源', '信息来源'] },
  { field: 'label', label: '名单类别', type: 'text', kinds: ['ext'], aliases: ['名单类别', '名单类型', '核对类别'] },
];

/** Fields present in a header row of a roster of this kind. */
export function fieldsFor(kind: Kind): FieldDef[] {
  return FIELD_DEFS.filter((f) => f.kinds === 'all' || f.kinds.includes(kind));
}

/** Every alias of every kind: used to decide which row is the header before the kind is applied. */
export const ID_ALIASES = new Set(FIELD_DEFS.find((f) => f.field === 'id_number')!.aliases);
export const CERT_ALIASES = new Set(FIELD_DEFS.find((f) => f.field === 'cert_number')!.aliases);
export const ALL_ALIASES = new Set(FIELD_DEFS.flatMap((f) => f.aliases));
