// The rule catalogue in display order. Adding a rule = one file + its test + one line here.
import { dibaoTekunOverlap } from './dibao-tekun-overlap.js';
import { idInvalid } from './id-invalid.js';
import type { Rule } from './types.js';

export const RULES: readonly Rule[] = [
  idInvalid,
  dibaoTekunOverlap,
];

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((r) => r.code === code);
}
