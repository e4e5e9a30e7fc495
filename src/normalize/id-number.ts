// 身份证号 cleaning, validation and status (domain.md §4), plus what an ID tells about its holder.

import type { CellValue } from './cell-value.js';
import { idCheckChar, isProvinceCode } from './id-check.js';
import type { IdStatus } from '../model/id-status.js';

export interface NormalizedId {
  id_raw: string | null;
  id_number: string | null;
  id_status: IdStatus;
  /** A numeric cell whose stored text held all 18 digits with a right check character (valid, but worth a warning). */
  fromNumericCell?: true;
}

// Regexes are compiled once: normalizeId runs on every row of every roster.
const CLEAN_ID = /^\d{17}[\dX]$/;
// \s covers NBSP, the ideographic space, BOM and line breaks; zero-width characters need naming.
const INVISIBLE = /[\s\u200B-\u200D\u2060\u180E]/g;
const EQ_WRAPPED = /^="(.*)"$/;
const QUOTE_WRAPPED = /^"(.*)"$/;
const TRAILING_POINT_ZERO = /(?<=\d)\.0+$/;
const LOWER_X = /x/g;
const ID18 = /^\d{17}[\dX]$/;
const ID15 = /^\d{15}$/;
// An 18-char ID followed by the 残疾人证号 category (1-7), grade (1-4) and optional B-suffix.
const ID_WITH_CERT_TAIL = /^(\d{17}[\dX])[1-7][1-4](?:[Bb][1-9])?$/;
const SCIENTIFIC = /[eE]\+/;
const MIN_BIRTH = 19000101;
// Excel keeps 15 significant digits: any numeric cell from 1e15 up has lost digits.
const EXACT_NUMBER_LIMIT = 1e15;

/** §4 pre-validation cleaning: what a clerk's copy-paste and Excel did to the text, undone. */
export function cleanIdText(s: string): string {
  if (CLEAN_ID.test(s)) return s;
  let t = s.normalize('NFKC').replace(INVISIBLE, '');
  if (t.startsWith("'")) t = t.slice(1);
  const wrapped = EQ_WRAPPED.exec(t) ?? QUOTE_WRAPPED.exec(t);
  if (wrapped) t = wrapped[1]!;
  return t.replace(TRAILING_POINT_ZERO, '').replace(LOWER_X, 'X');
}

let cachedRefDate = '';
let cachedRefNum = 0;

function refNumber(refDate: string): number {
  if (refDate !== cachedRefDate) {
    cachedRefNum = Number(refDate.slice(0, 4) + refDate.slice(5, 7) + refDate.slice(8, 10));
    cachedRefDate = refDate;
  }
  return cachedRefNum;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The birth date YYYYMMDD (as a number) is a real calendar day within [1900-01-01, refDate]. */
function birthOk(yyyymmdd: string, ref: number): boolean {
  const n = Number(yyyymmdd);
  if (!(n >= MIN_BIRTH && n <= ref)) return false;
  return isRealDate(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
}

function result(id_raw: string | null, id_status: IdStatus, id_number: string | null = null): NormalizedId {
  return { id_raw, id_number, id_status };
}

const DIGITS_18 = /^\d{18}$/;

/**
 * Validates one ID cell. `refDate` is the 基准日 (YYYY-MM-DD): nobody on a roster is born after it.
 * Returns `missing` for empty input; whether that matters (the row has a name) is the caller's call.
 * `storedDigits`: for a numeric cell, the integer as the file stores it when it has 16+ digits. Programs writing 64-bit
 * integers (pandas, POI) keep all 18 digits of an ID; Excel keeps 15 (410522198507155000 or 4.10522198507155E+17), and
 * writers of doubles print the double's shortest form (16-17 digits and zeros). So the stored text is the ID (valid)
 * only when it has 18 digits, a right check character, and more precision than a double holds (it is not the way its
 * own double prints): a coincidentally right check character on a truncated number must not make it joinable.
 * Anything else from a numeric cell of 16+ digits is `truncated`.
 */
export function normalizeId(value: CellValue, refDate: string, storedDigits?: string): NormalizedId {
  if (value === null || value === undefined) return result(null, 'missing');
  let raw: string;
  let cleaned: string;
  if (typeof value === 'number') {
    raw = String(value);
    if (!Number.isFinite(value)) return result(raw, 'bad_format');
    if (Math.abs(value) >= EXACT_NUMBER_LIMIT) {
      if (storedDigits !== undefined && DIGITS_18.test(storedDigits) && String(Number(storedDigits)) !== storedDigits) {
        const exact = classify(storedDigits, storedDigits, refNumber(refDate));
        if (exact.id_status === 'valid') return { ...exact, fromNumericCell: true };
        return result(storedDigits, 'truncated');
      }
      return result(raw, 'truncated');
    }
    cleaned = raw;
  } else if (typeof value === 'string') {
    raw = value;
    cleaned = cleanIdText(value);
    // NFKC has already folded ＊ into *.
    if (cleaned === '') return result(raw.trim() === '' ? null : raw, 'missing');
    if (cleaned.includes('*')) return result(raw, 'masked');
    if (SCIENTIFIC.test(cleaned)) return result(raw, 'truncated');
  } else if (value instanceof Date) {
    raw = Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
    return result(raw, 'bad_format');
  } else {
    return result(String(value), 'bad_format');
  }
  return classify(raw, cleaned, refNumber(refDate));
}

function classify(raw: string, s: string, ref: number): NormalizedId {
  let id: string;
  if (s.length === 18) {
    if (!ID18.test(s)) return result(raw, 'bad_format');
    id = s;
  } else if (s.length === 15) {
    if (!ID15.test(s) || !isProvinceCode(s.slice(0, 2))) return result(raw, 'bad_format');
    const first17 = s.slice(0, 6) + '19' + s.slice(6);
    if (!birthOk(first17.slice(6, 14), ref)) return result(raw, 'bad_date');
    return result(raw, 'upgraded', first17 + idCheckChar(first17));
  } else if (s.length >= 19 && s.length <= 22) {
    const m = ID_WITH_CERT_TAIL.exec(s);
    if (!m) return result(raw, 'bad_format');
    id = m[1]!;
  } else {
    return result(raw, 'bad_format');
  }
  if (!isProvinceCode(id.slice(0, 2))) return result(raw, 'bad_format');
  if (!birthOk(id.slice(6, 14), ref)) return result(raw, 'bad_date');
  if (idCheckChar(id) !== id[17]) {
    // Excel's 15 significant digits turn the last three into zeros; that is data loss, not a typo.
    return result(raw, id.endsWith('000') ? 'truncated' : 'bad_checksum');
  }
  return result(raw, 'valid', id);
}

/** Sex and birth date are always read from the ID, never from roster columns (domain.md §3). */
export function idPersonInfo(id18: string): { sex: '男' | '女'; birth_date: string } {
  const sexDigit = id18.charCodeAt(16) - 48;
  return {
    sex: sexDigit % 2 === 1 ? '男' : '女',
    birth_date: `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`,
  };
}

/** Full years on `onDate`; someone born on 29 February turns a year older on 1 March in common years. */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  const onMd = onDate.slice(5, 7) + onDate.slice(8, 10);
  const birthMd = birthDate.slice(5, 7) + (birthDate.slice(8, 10) || '01');
  return onMd < birthMd ? years - 1 : years;
}

/** `410102********1234`: for lists that leave the county. */
export function maskId(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/**
 * The valid IDs one typing slip away from an unusable one (domain.md §6 id-typo-suspect): one character replaced, two
 * neighbours swapped, one character missing (17 given) or one too many (19 given). `cleaned` is the ID text after
 * cleanIdText; only 17–19 characters of digits and X have variants.
 */
export function idTypoVariants(cleaned: string, refDate: string): string[] {
  if (!/^[0-9X]{17,19}$/.test(cleaned)) return [];
  const out = new Set<string>();
  // Most variants fail the check character: that arithmetic first, the full validation (dates, places) for the rest.
  const tryOne = (v: string) => {
    if (v !== cleaned && v.length === 18 && idCheckChar(v) === v[17] && normalizeId(v, refDate).id_status === 'valid') out.add(v);
  };
  const chars = (pos: number) => (pos === 17 ? '0123456789X' : '0123456789');
  if (cleaned.length === 18) {
    for (let i = 0; i < 18; i++) for (const ch of chars(i)) if (ch !== cleaned[i]) tryOne(cleaned.slice(0, i) + ch + cleaned.slice(i + 1));
    for (let i = 0; i < 17; i++) if (cleaned[i] !== cleaned[i + 1]) tryOne(cleaned.slice(0, i) + cleaned[i + 1] + cleaned[i] + cleaned.slice(i + 2));
  } else if (cleaned.length === 17) {
    for (let i = 0; i <= 17; i++) for (const ch of chars(i)) tryOne(cleaned.slice(0, i) + ch + cleaned.slice(i));
  } else {
    for (let i = 0; i < 19; i++) tryOne(cleaned.slice(0, i) + cleaned.slice(i + 1));
  }
  return [...out].sort();
}
