// The shapes of stored checks, findings and answers (what the store persists and returns).
import type { Kind } from '../normalize/kinds.js';

export interface SourceRef {
  kind: Kind;
  file: string;
  sheet: string;
  row: number;
}

export type Lifecycle = '新增' | '持续' | '已消除';
export type FindingStatus = '待核查' | '已核实' | '整改未见效' | '已消除';

export interface FindingRecord {
  finding_id: string;
  rule: string;
  severity: '疑点' | '提示';
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

export interface CheckRecord {
  period: string;
  compared_with: string | null;
  outcomes: RuleOutcomeRecord[];
  started_at: string;
  finished_at: string;
}

export interface AnswerRecord {
  finding_id: string;
  period: string;
  township: string | null;
  result: string | null;
  explanation: string | null;
  measure: string | null;
  done_date: string | null;
  checker: string | null;
  phone: string | null;
  detail_hash: string;
  source_file: string;
  source_sha256: string;
  source_sheet: string | null;
  source_row: number | null;
  imported_at: string;
}

/** A roster row as a finding's provenance needs it. */
export interface SourceRow {
  id: number;
  kind: Kind;
  file_name: string;
  sheet: string;
  row_no: number;
  id_number: string | null;
  id_raw: string | null;
  name: string | null;
  sex: string | null;
  birth_date: string | null;
  township: string | null;
  village: string | null;
}
