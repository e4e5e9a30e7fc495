// The rule catalogue in display order. Adding a rule = one file + its test + one line here.
import { dibaoTekunOverlap } from './dibao-tekun-overlap.js';
import { danrenbaoBasis } from './danrenbao-basis.js';
import { extMatch } from './ext-match.js';
import { nursingGrade } from './nursing-grade.js';
import { partialCoverage } from './partial-coverage.js';
import { riskClearedEarly } from './risk-cleared-early.js';
import { riskClearedNoLabor } from './risk-cleared-no-labor.js';
import { subsidyNotEligible } from './subsidy-not-eligible.js';
import { subsidyOmission } from './subsidy-omission.js';
import { tekunSubsidyOverlap } from './tekun-subsidy-overlap.js';
import { idInvalid } from './id-invalid.js';
import { duplicateInRoster } from './duplicate-in-roster.js';
import { deceasedActive } from './deceased-active.js';
import { doudiOmission } from './doudi-omission.js';
import { fangpinFlagMismatch } from './fangpin-flag-mismatch.js';
import { notMonitored } from './not-monitored.js';
import { taperOverdue } from './taper-overdue.js';
import { tekunAgeOut } from './tekun-age-out.js';
import { tekunLaborCheck } from './tekun-labor-check.js';
import { idAttrMismatch } from './id-attr-mismatch.js';
import { idNameMismatch } from './id-name-mismatch.js';
import { idTypoSuspect } from './id-typo-suspect.js';
import type { Rule } from './types.js';

export const RULES: readonly Rule[] = [
  idInvalid,
  duplicateInRoster,
  dibaoTekunOverlap,
  deceasedActive,
  doudiOmission,
  fangpinFlagMismatch,
  notMonitored,
  taperOverdue,
  tekunAgeOut,
  tekunLaborCheck,
  danrenbaoBasis,
  partialCoverage,
  subsidyNotEligible,
  subsidyOmission,
  nursingGrade,
  tekunSubsidyOverlap,
  riskClearedNoLabor,
  riskClearedEarly,
  extMatch,
  idNameMismatch,
  idAttrMismatch,
  idTypoSuspect,
];

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((r) => r.code === code);
}
