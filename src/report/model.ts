// What the report builders are given (gathered by the command from the store) and how a finding reads in Chinese.
import { ID_STATUS_NAMES, KIND_NAMES, STATUS, type AnswerRecord, type FindingRecord, type IdStatus, type Kind } from '../model/index.js';
import { ESTIMATE_CAP_MONTHS, ESTIMATE_LABEL } from '../findings/money.js';
import { maskId } from '../normalize/id-number.js';
import { maskIdsInText } from './cell-safety.js';

export interface RuleInfo {
  code: string;
  name: string;
  severity: '疑点' | '提示';
  /** describe(params) with the parameters the check used. */
  description: string;
  /** formatParams: "宽限月数=0；…" or "—". */
  params: string;
  state: 'ran' | 'skipped' | 'disabled' | 'unknown';
  reason: string | null;
}

/** A finding with the latest answer given to this period's workbook or an earlier one. */
export interface ReportFinding extends FindingRecord {
  answer: AnswerRecord | null;
}

/**
 * What counts, totals, money and charts read of a finding (not its texts): the outputs across counties keep only this
 * of each finding while they are written county by county.
 */
export type FindingFacts = Pick<ReportFinding, 'finding_id' | 'county' | 'township' | 'rule' | 'severity' | 'lifecycle' | 'status' | 'amount_estimate'>;

export interface ReportContext {
  county: string;
  period: string;
  comparedWith: string | null;
  /** When the report is made (injected so golden files are stable). */
  now: Date;
  /** Answers are due by (YYYY-MM-DD). */
  deadline: string;
  mask: boolean;
  rules: RuleInfo[];
}

export const ID_INVALID_RULE = 'id-invalid';

/** How 疑似多发金额（估算） is made, in a clerk's words (findings/money.ts). */
export const ESTIMATE_METHOD =
  `估算方法：疑似多发金额 = 月发放金额 × 可推算的月数（死亡后、渐退期满后或疑点持续的月数，最多 ${ESTIMATE_CAP_MONTHS} 个月）；` +
  `低保与特困重复的只按较少的一项计；名单没有金额的留空、不计入合计。${ESTIMATE_LABEL}。`;

/** Money cells: 1,234.50. */
export const MONEY_FORMAT = '#,##0.00';

/** A finding split across counties (跨县): one county's side of it (each county has its own). */
export const isCrossCounty = (f: Pick<FindingRecord, 'detail'>): boolean => Array.isArray(f.detail.cross_county);

/** 1,234.50 (yuan, two decimals). */
export function moneyText(n: number): string {
  return n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

const COLLATOR = new Intl.Collator('zh-CN', { numeric: true });

/** Chinese order for names of places and people, with numbers in numeric order (村4 before 村36). */
export function zhCompare(a: string, b: string): number {
  return COLLATOR.compare(a, b);
}

/** The same for nullable names, the missing ones last. */
export function zhCompareNullLast(a: string | null, b: string | null): number {
  return a === null ? (b === null ? 0 : 1) : b === null ? -1 : COLLATOR.compare(a, b);
}

/** Order of statuses in lists: the most important line for an auditor first. */
export const STATUS_RANK: Record<string, number> = { 整改未见效: 0, 待核查: 1, 已核实: 2, 已消除: 3 };

export function ymd(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function ruleName(ctx: ReportContext, code: string): string {
  return ctx.rules.find((r) => r.code === code)?.name ?? code;
}

function ruleIndex(ctx: ReportContext, code: string): number {
  const i = ctx.rules.findIndex((r) => r.code === code);
  return i < 0 ? ctx.rules.length : i;
}

/** 整改未见效 first, then 疑点 before 提示, then by village, rule, name. */
export function compareForList(ctx: ReportContext) {
  return (a: FindingRecord, b: FindingRecord): number =>
    (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9) ||
    (a.severity === b.severity ? 0 : a.severity === '疑点' ? -1 : 1) ||
    zhCompareNullLast(a.village, b.village) ||
    ruleIndex(ctx, a.rule) - ruleIndex(ctx, b.rule) ||
    zhCompare(a.name ?? '', b.name ?? '') ||
    (a.finding_id < b.finding_id ? -1 : a.finding_id > b.finding_id ? 1 : 0);
}

/** The person's ID as shown: the joinable ID, or for an unusable one the raw value; masked for lists leaving the county. */
export function idText(f: Pick<FindingRecord, 'id_number' | 'id_raw'>, mask: boolean): string {
  if (f.id_number) return mask ? maskId(f.id_number) : f.id_number;
  const raw = f.id_raw ?? '';
  return mask ? maskIdsInText(raw) : raw;
}

export function text(s: string | null | undefined, mask: boolean): string {
  if (!s) return '';
  return mask ? maskIdsInText(s) : s;
}

export function kindsText(kinds: readonly Kind[]): string {
  return kinds.map((k) => KIND_NAMES[k] ?? k).join('、');
}

/** One line per contributing roster row: 低保：dibao.xlsx「花名册」第 12 行 (a CSV's only "sheet" is its file name: not repeated). */
export function sourcesText(f: FindingRecord): string {
  return f.sources
    .map((s) => {
      const sheet = s.sheet === s.file.replace(/\.[^.]+$/, '') ? '' : `「${s.sheet}」`;
      return `${KIND_NAMES[s.kind] ?? s.kind}：${s.file}${sheet} 第 ${s.row} 行`;
    })
    .join('\n');
}

/** The explanation, with the earlier answer that set the status (上期答复) on its own line. */
export function explanationText(f: FindingRecord, mask: boolean): string {
  const note = f.status_note && f.status !== STATUS.resolved ? `\n〔核查记录〕${f.status_note}` : '';
  return text(f.explanation + note, mask);
}

/** For id-invalid findings: the problem with the ID, the raw value and repair candidates. */
export function idProblem(f: FindingRecord, mask: boolean): { status: string; raw: string; candidates: string } {
  const d = f.detail as { status?: string; raw?: string | null; candidates?: string[] };
  const status = d.status && d.status in ID_STATUS_NAMES ? ID_STATUS_NAMES[d.status as IdStatus] : (d.status ?? '');
  const raw = d.raw ?? f.id_raw ?? '';
  const candidates = (d.candidates ?? []).map((c) => (mask ? maskId(c) : c)).join('、');
  return { status, raw: mask ? maskIdsInText(raw) : raw, candidates };
}
