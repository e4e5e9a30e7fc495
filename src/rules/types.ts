// What a rule is: stable code, 名称, severity, parameters, what it needs, and one set-based query.
import type { Kind, Severity } from '../model/index.js';
import type { Db } from '../store/db.js';

export type ParamValue = number | boolean | string[];

export interface ParamDef {
  name: string;
  label: string; // Chinese, shown in `bidui rules`, the config template and the 说明 sheet
  type: 'int' | 'bool' | 'list';
  default: ParamValue;
  min?: number;
  max?: number;
  /** For lists: the values allowed. */
  allowed?: readonly string[];
  /** Why the default is what it is (policy source), for the config template. */
  reason: string;
}

export type Params = Record<string, ParamValue>;

export interface RuleContext {
  db: Db;
  period: string; // YYYY-MM
  refDate: string; // 基准日: last day of the period
  params: Params;
  /** Rows of this kind exist for the period (reference kinds: at all). */
  has(kind: Kind): boolean;
  /** Some load of this kind for the period had a column mapped to this field. */
  hasColumn(kind: Kind, field: string): boolean;
}

/** One suspect before enrichment: the runner adds person, place, sources, lifecycle and finding_id. */
export interface RuleHit {
  /** Joinable ID; null only for id-invalid (the row has no usable ID). */
  id_number: string | null;
  /** Extra identity for the finding id where one ID gives several findings (e.g. the kind for duplicate-in-roster). */
  key?: string;
  /** roster_rows.id of every contributing row. */
  row_ids: number[];
  /** Chinese sentence: 疑似……，请核实; names the parameter values used. */
  explanation: string;
  /** The substance of the suspect: when it changes, a finding verified as 不属实 is re-opened. */
  detail: Record<string, unknown>;
  /**
   * For rules whose finding means money was paid that should not have been (domain.md §6 Money): over how many months
   * ('open': the months the finding has been open), and whether the monthly basis is the sum of the person's benefit
   * rows' amounts or the smaller of two rosters' (dibao-tekun-overlap). Absent: no estimate.
   */
  estimate?: { months: number | 'open'; basis: 'sum' | 'smaller' };
}

export interface Rule {
  code: string;
  name: string;
  severity: Severity;
  /** What the rule checks, in Chinese, with the parameter values in force (说明 sheet, `bidui rules`). */
  describe(params: Params): string;
  params: readonly ParamDef[];
  /** Returns why the rule cannot run this period (e.g. "本期未导入残疾人名单"), or null when it can. */
  skipReason(ctx: RuleContext): string | null;
  run(ctx: RuleContext): RuleHit[];
}
