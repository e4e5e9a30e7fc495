// What may go into a cell or a file name: formula guards, ID masking in free text, township names as file names.
//
// Formula injection (domain.md §8), two different guards:
// - xlsx: every text is written as a plain string cell (exceljs writes strings as shared strings, never as formulas,
//   whatever they start with), so no spreadsheet evaluates it on open. Text that starts with = + - @ tab or CR also
//   gets the text number format "@", so that a clerk who edits the cell (F2, Enter) still gets text, not a formula.
// - CSV has no cell types: such a value is prefixed with a single quote ' (OWASP's advice), which Excel, WPS and
//   LibreOffice show but never evaluate; csv.ts quotes fields so that a line break inside one cannot start a record.
import { UNKNOWN_COUNTY, UNKNOWN_TOWNSHIP } from '../model/index.js';
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

/**
 * The longest file name we write, in UTF-8 bytes. File systems allow 255 (ext4, APFS: bytes; NTFS: UTF-16 units, never
 * more than the UTF-8 bytes); atomicWrite's temp name adds a dot, the process id and a random tag (at most 25 bytes).
 */
export const MAX_FILE_NAME_BYTES = 200;

/** Windows device names, also with an extension (CON.txt) and with superscript digits (COM¹, folded by NFKC). */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)(\..*)?$/i;
const UNSAFE_CHARS = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f]/g;
/** Half of a surrogate pair on its own: not a character, and no file system takes it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** A township whose name has nothing usable in a file name ("", ".", "..", "///"); distinct from 未知乡镇 (no township). */
export const UNNAMED_TOWNSHIP = '未命名乡镇';

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** The longest start of s that fits in max UTF-8 bytes, cut between characters (a character with its marks is one). */
export function cutToBytes(s: string, max: number): string {
  if (byteLength(s) <= max) return s;
  let out = '';
  let n = 0;
  for (const { segment } of graphemes.segment(s)) {
    const b = byteLength(segment);
    if (n + b > max) break;
    out += segment;
    n += b;
  }
  return out;
}

/** Windows drops trailing dots and spaces; a leading dot hides the file (and "." ".." are folders). */
function trimDotsAndSpaces(s: string): string {
  return s.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
}

/** What a place without a name, or with nothing usable in its name, is called in a file name. */
export interface PlaceLabels {
  unknown: string;
  unnamed: string;
}
const TOWNSHIP_LABELS: PlaceLabels = { unknown: UNKNOWN_TOWNSHIP, unnamed: UNNAMED_TOWNSHIP };
/** A county's folder (several counties in one database). */
export const COUNTY_LABELS: PlaceLabels = { unknown: UNKNOWN_COUNTY, unnamed: '未命名县' };

/**
 * A township name as part of a file name on Windows, macOS and Linux: no path separators, reserved or control
 * characters, no leading dot, no trailing dot or space, not a device name (CON, COM1.txt…), not an Office lock file
 * name (~$…), at most maxBytes UTF-8 bytes, cut between characters. null (no place) is labels.unknown (未知乡镇); a name
 * with nothing usable is labels.unnamed (未命名乡镇).
 */
export function safeFileName(name: string | null, maxBytes = MAX_FILE_NAME_BYTES, labels: PlaceLabels = TOWNSHIP_LABELS): string {
  if (name === null) return labels.unknown;
  let s = trimDotsAndSpaces(name.replace(LONE_SURROGATE, '_').normalize('NFKC').replace(UNSAFE_CHARS, '_'));
  if (s === '' || /^_+$/.test(s)) return labels.unnamed;
  s = trimDotsAndSpaces(cutToBytes(s, maxBytes - 1));
  return RESERVED.test(s) || s.startsWith('~$') ? `_${s}` : s;
}

/** Windows and macOS compare file names without case. */
function foldCase(s: string): string {
  return s.toUpperCase().toLowerCase();
}

/**
 * A file name for each township (null: no township), distinct even on case-insensitive file systems and after cutting;
 * with the suffix appended, each stays within MAX_FILE_NAME_BYTES. Who keeps the plain name when two collide: the
 * findings without a township (未知乡镇 as documented), then names that needed no change, then the others, each
 * group in the given order; the rest get _2, _3….
 */
export function uniqueFileNames(names: readonly (string | null)[], suffix = '', labels: PlaceLabels = TOWNSHIP_LABELS): Map<string | null, string> {
  const budget = MAX_FILE_NAME_BYTES - byteLength(suffix);
  const distinct = [...new Set(names)];
  const base = new Map(distinct.map((n) => [n, safeFileName(n, budget, labels)]));
  const rank = (n: string | null) => (n === null ? 0 : base.get(n) === n ? 1 : 2);
  const claimOrder = distinct.map((n, i) => ({ n, i })).sort((a, b) => rank(a.n) - rank(b.n) || a.i - b.i);
  const used = new Set<string>();
  const chosen = new Map<string | null, string>();
  for (const { n } of claimOrder) {
    const b = base.get(n)!;
    let s = b;
    for (let i = 2; used.has(foldCase(s)); i++) s = `${trimDotsAndSpaces(cutToBytes(b, budget - byteLength(`_${i}`)))}_${i}`;
    used.add(foldCase(s));
    chosen.set(n, s);
  }
  return new Map(distinct.map((n) => [n, chosen.get(n)!]));
}
