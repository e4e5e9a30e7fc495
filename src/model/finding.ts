// A finding and its life across months (domain.md §6, §7): severity, lifecycle, status and the predicates on them,
// and the shapes of stored checks and findings.
import type { Kind } from './kinds.js';

/** 疑点 (as a severity) needs a home visit; 提示 is data to sync or confirm. */
export type Severity = '疑点' | '提示';

/** How a finding compares with the latest earlier checked period. */
export const LIFECYCLE = { new: '新增', persisting: '持续', resolved: '已消除' } as const;
export type Lifecycle = (typeof LIFECYCLE)[keyof typeof LIFECYCLE];

/** Where a finding stands after the townships' answers. */
export const STATUS = { pending: '待核查', verified: '已核实', ineffective: '整改未见效', resolved: '已消除' } as const;
export type FindingStatus = (typeof STATUS)[keyof typeof STATUS];

export interface SourceRef {
  kind: Kind;
  file: string;
  sheet: string;
  row: number;
}

export interface FindingRecord {
  finding_id: string;
  rule: string;
  severity: Severity;
  period: string;
  id_number: string | null;
  id_raw: string | null;
  name: string | null;
  sex: string | null;
  age: number | null;
  township: string | null;
  village: string | null;
  kinds: Kind[];
  sources: SourceRef[];
  explanation: string;
  detail: Record<string, unknown>;
  detail_hash: string;
  lifecycle: Lifecycle;
  first_seen: string;
  months_open: number;
  status: FindingStatus;
  status_note: string | null;
  county: string | null;
  /** 月发放金额: the monthly amount of the benefit rows behind the finding; null when unknown (never 0 for unknown). */
  amount_monthly: number | null;
  /** 疑似多发金额（估算）: estimate_months × the monthly basis; null when the rule estimates nothing or it is unknown. */
  amount_estimate: number | null;
  estimate_months: number | null;
  /** The finding exists only because a row with an unusable ID was linked to a candidate ID (domain.md §11). */
  via_link: boolean;
}

/** Found in this period (新增 or 持续), as opposed to gone since the last check (已消除). */
export function isCurrent(f: Pick<FindingRecord, 'lifecycle'>): boolean {
  return f.lifecycle !== LIFECYCLE.resolved;
}

/** Current and still to be verified: not 已消除, not 已核实 as 不属实. */
export function isOpen(f: Pick<FindingRecord, 'lifecycle' | 'status'>): boolean {
  return isCurrent(f) && f.status !== STATUS.verified;
}

/** Counts over a period's findings (check summary, run log, trend). */
export interface FindingTotals {
  /** Current findings (新增 + 持续). */
  findings: number;
  suspects: number;
  notices: number;
  new: number;
  persisting: number;
  resolved: number;
  verified: number;
  ineffective: number;
}

/** An amount rounded to the fen (分); unknown stays unknown. */
export function cents(x: number): number;
export function cents(x: number | null | undefined): number | null;
export function cents(x: number | null | undefined): number | null {
  return x === null || x === undefined ? null : Math.round(x * 100) / 100;
}

/** The sum of the findings' 疑似多发金额（估算）, or null when none has one (unknown is never 0). */
export function estimateSum(findings: Iterable<Pick<FindingRecord, 'amount_estimate'>>): number | null {
  let sum: number | null = null;
  for (const f of findings) if (f.amount_estimate !== null) sum = (sum ?? 0) + f.amount_estimate;
  return cents(sum);
}

export function findingTotals(all: readonly Pick<FindingRecord, 'lifecycle' | 'status' | 'severity'>[]): FindingTotals {
  const current = all.filter(isCurrent);
  const n = (p: (f: (typeof current)[number]) => boolean) => current.filter(p).length;
  return {
    findings: current.length,
    suspects: n((f) => f.severity === '疑点'),
    notices: n((f) => f.severity === '提示'),
    new: n((f) => f.lifecycle === LIFECYCLE.new),
    persisting: n((f) => f.lifecycle === LIFECYCLE.persisting),
    resolved: all.length - current.length,
    verified: n((f) => f.status === STATUS.verified),
    ineffective: n((f) => f.status === STATUS.ineffective),
  };
}

export interface RuleOutcomeRecord {
  code: string;
  state: 'ran' | 'skipped' | 'disabled';
  reason?: string;
  params: Record<string, unknown>;
  count: number;
  new: number;
  persisting: number;
  resolved: number;
}

/** One loaded file as a check saw it. */
export interface LoadedFile {
  kind: Kind;
  period: string | null;
  file: string;
  sha256: string;
}

export interface CheckRecord {
  period: string;
  compared_with: string | null;
  outcomes: RuleOutcomeRecord[];
  started_at: string;
  finished_at: string;
  /** The files the check read; null for checks stored before this was recorded. */
  load_state: LoadedFile[] | null;
}

/** A roster row as a finding needs it: provenance, person, place, and what money and links need. */
export interface SourceRow {
  id: number;
  kind: Kind;
  file_name: string;
  sheet: string;
  row_no: number;
  /** The ID the row takes part under (a linked row: its candidate's). */
  id_number: string | null;
  id_raw: string | null;
  name: string | null;
  sex: string | null;
  birth_date: string | null;
  county: string | null;
  township: string | null;
  village: string | null;
  active: boolean;
  /** The row's monthly amount (a 低保 member's share of the case amount); null when its roster has none. */
  share: number | null;
  /** The file's own unusable ID when the row takes part under a linked ID; null otherwise. */
  link_raw: string | null;
}
