// Money, for auditors (domain.md §6): the monthly amount behind a finding and, where the rule means money was paid
// that should not have been, the estimate of it — always labelled 估算，以核查为准; unknown stays unknown, never 0.
import { cents, type Kind, type SourceRow } from '../model/index.js';
import type { RuleHit } from '../rules/types.js';

/** Rosters whose rows pay money every month. */
const PAYING: ReadonlySet<Kind> = new Set(['dibao', 'tekun', 'liangbu']);

/** No estimate reaches back further than this. */
export const ESTIMATE_CAP_MONTHS = 36;

export const ESTIMATE_LABEL = '估算，以核查为准';


function paid(rows: readonly SourceRow[]): SourceRow[] {
  return rows.filter((r) => PAYING.has(r.kind) && r.active && r.share !== null);
}

/** The monthly amount of the benefit rows behind a finding: the sum of the paying rows' amounts, or null. */
export function monthlyAmount(rows: readonly SourceRow[]): number | null {
  const p = paid(rows);
  return p.length ? cents(p.reduce((n, r) => n + r.share!, 0)) : null;
}

export interface Estimate {
  amount: number | null;
  months: number | null;
}

/**
 * The estimate a rule asks for, over `monthsOpen` when it counts the months the finding has been open. For one county
 * side of a finding split across counties, `rows` are the side's and `all` every row: each county counts what it paid
 * itself, and of two rosters paying twice only the county paying the smaller amount carries the estimate.
 */
export function estimateOf(rows: readonly SourceRow[], how: RuleHit['estimate'], monthsOpen: number, all?: readonly SourceRow[]): Estimate {
  if (!how) return { amount: null, months: null };
  const months = Math.min(how.months === 'open' ? monthsOpen : how.months, ESTIMATE_CAP_MONTHS);
  if (months <= 0) return { amount: null, months: null };
  let basis: number | null;
  if (how.basis === 'smaller') {
    // The two rosters each pay their amount; only one of them should: the smaller one was paid twice.
    const whole = all ?? rows;
    const per = (k: Kind) => monthlyAmount(whole.filter((r) => r.kind === k));
    const a = per('dibao');
    const b = per('tekun');
    const smaller: Kind = a !== null && b !== null && b < a ? 'tekun' : 'dibao';
    // Each side carries what it paid itself of the smaller roster: sides of one finding add up to the smaller amount
    // (低保 in 甲县 and 乙县, 特困 in 甲县: each county its own 低保, not both the whole of it).
    basis = a === null || b === null ? null : monthlyAmount(rows.filter((r) => r.kind === smaller));
  } else {
    basis = monthlyAmount(rows);
  }
  return basis === null ? { amount: null, months } : { amount: cents(basis * months), months };
}
