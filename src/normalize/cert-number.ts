// 残疾人证号 = 18-char ID + 类别 digit + 等级 digit (+ optional B1–B9): the ID, category and grade it carries.

import type { CellValue } from './cell-value.js';
import { cleanIdText } from './id-number.js';

export interface CertNumber {
  id18: string;
  category: number | null;
  grade: number | null;
}

const ID_SHAPED = /^\d{17}[\dX]/;
const TAIL = /^([1-7])([1-4])(?:B[1-9])?$/;

/**
 * Null when the first 18 characters cannot be an ID. Category and grade are null when the certificate
 * number stops at the ID or its tail is not a well-formed category+grade: a guess would contradict real columns.
 */
export function parseCertNumber(s: CellValue): CertNumber | null {
  // A numeric cell long enough to hold a certificate number has lost its last digits to Excel's 15-digit limit.
  if (typeof s !== 'string') return null;
  const t = cleanIdText(s);
  if (!ID_SHAPED.test(t)) return null;
  const id18 = t.slice(0, 18);
  const tail = TAIL.exec(t.slice(18).toUpperCase());
  if (!tail) return { id18, category: null, grade: null };
  return { id18, category: Number(tail[1]), grade: Number(tail[2]) };
}
