// What a 身份证号 cell turned out to be (domain.md §4), and which statuses may be joined on.

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

/** Only these take part in matching; every other status is an ID problem (id-invalid). */
export const JOINABLE_STATUSES = ['valid', 'upgraded'] as const satisfies readonly IdStatus[];

export function isJoinable(status: IdStatus): boolean {
  return (JOINABLE_STATUSES as readonly IdStatus[]).includes(status);
}

/** Persons whose ID cannot be used, from per-status counts. */
export function idProblemCount(byStatus: Record<IdStatus, number>): number {
  return ID_STATUSES.filter((s) => !isJoinable(s)).reduce((n, s) => n + byStatus[s], 0);
}
