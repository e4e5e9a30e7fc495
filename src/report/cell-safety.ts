// What may go into a cell or a file name: formula guards, ID masking in free text, township names as file names.
//
// Formula injection (domain.md §8), two different guards:
// - xlsx: every text is written as a plain string cell (exceljs writes strings as shared strings, never as formulas,
//   whatever they start with), so no spreadsheet evaluates it on open. Text that starts with = + - @ tab or CR also
//   gets the text number format "@", so that a clerk who edits the cell (F2, Enter) still gets text, not a formula.
// - CSV has no cell types: such a value is prefixed with a single quote ' (OWASP's advice), which Excel, WPS and
//   LibreOffice show but never evaluate; csv.ts quotes fields so that a line break inside one cannot start a record.
import { UNKNOWN_TOWNSHIP } from '../model/index.js';
import { maskId } from '../normalize/id-number.js';

const FORMULA_START = /^[=+\-@\t\r\n]/;

export function looksLikeFormula(s: string): boolean {
  return FORMULA_START.test(s);
}

/** A CSV field that no spreadsheet will evaluate. */
export function csvSafe(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

// Anything that may be an ID inside free text: 14 or more digits (ASCII or full-width), single spaces, dashes or dots
// between them allowed (IDs typed as 4101 0219 9001 011234), with a check character X at the end or not. Shorter runs
// (phone numbers, dates, amounts) are left alone.
const DIGIT = '[0-9\uFF10-\uFF19]';
const SEP = '[\\s\\u00A0\\u3000\\-\\u2010-\\u2015\\uFF0D_.·]';
const ID_IN_TEXT = new RegExp(`${DIGIT}(?:${SEP}?${DIGIT}){13,}(?:${SEP}?[XxＸｘ])?`, 'g');

/** With --mask-ids, every ID-like value in a text, valid or not, as written or normalised: 410102********1234. */
export function maskIdsInText(s: string): string {
  return s.replace(ID_IN_TEXT, (m) => maskId(m.normalize('NFKC').replace(/[^0-9Xx]/g, '').toUpperCase()));
}

/** Windows reserved device names (also with an extension). */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const UNSAFE_CHARS = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
const MAX_CHARS = 60;

/**
 * A township name as part of a file name on Windows, macOS and Linux: no path separators or reserved characters,
 * no leading dot (hidden file, `..`), no trailing dot or space, not a device name, not too long.
 */
export function safeFileName(name: string | null, fallback = UNKNOWN_TOWNSHIP): string {
  let s = (name ?? '').normalize('NFKC').replace(UNSAFE_CHARS, '_').trim();
  s = s.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (s === '' || /^_+$/.test(s)) return fallback;
  if (RESERVED.test(s)) s = `_${s}`;
  const chars = [...s];
  if (chars.length > MAX_CHARS) s = chars.slice(0, MAX_CHARS).join('');
  return s;
}

/** Safe file names for several townships, distinct even on case-insensitive file systems (城关/镇 vs 城关_镇). */
export function uniqueFileNames(names: readonly (string | null)[]): Map<string | null, string> {
  const out = new Map<string | null, string>();
  const used = new Set<string>();
  for (const n of names) {
    if (out.has(n)) continue;
    const base = safeFileName(n);
    let s = base;
    for (let i = 2; used.has(s.toLowerCase()); i++) s = `${base}_${i}`;
    used.add(s.toLowerCase());
    out.set(n, s);
  }
  return out;
}
