// The roster kinds, ID statuses and the shape of one normalised roster row (shared vocabulary of every room).

export const KINDS = ['dibao', 'tekun', 'fangpin', 'canji', 'liangbu', 'death', 'ext'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_NAMES: Record<Kind, string> = {
  dibao: '低保',
  tekun: '特困',
  fangpin: '防返贫监测/脱贫人口',
  canji: '残疾人',
  liangbu: '两项补贴',
  death: '死亡/火化',
  ext: '外部核对名单',
};

/** Reference rosters accumulate and are not tied to a period (domain.md §5). */
export const REFERENCE_KINDS: readonly Kind[] = ['death', 'ext'];

export function isKind(s: string): s is Kind {
  return (KINDS as readonly string[]).includes(s);
}

export const ID_STATUSES = [
  'valid',
  'upgraded',
  'truncated',
  'bad_checksum',
  'bad_date',
  'bad_format',
  'masked',
  'missing',
] as const;
export type IdStatus = (typeof ID_STATUSES)[number];

export const ID_STATUS_NAMES: Record<IdStatus, string> = {
  valid: '有效',
  upgraded: '15位已升18位',
  truncated: '被Excel截断(科学计数法/末三位丢失)',
  bad_checksum: '校验位错误',
  bad_date: '出生日期无效',
  bad_format: '格式错误',
  masked: '含*号(脱敏)',
  missing: '缺失',
};

export function isJoinable(status: IdStatus): boolean {
  return status === 'valid' || status === 'upgraded';
}

/**
 * One person on one roster row, after normalisation. Keys are the database column names of roster_rows.
 * Kind-specific fields are null when the kind or the file does not have them.
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
