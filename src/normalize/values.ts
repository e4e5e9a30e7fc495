// Small cell-value normalisers: text, yes/no, disability grade and category, amounts, counts and roster codes.

import type { CellValue } from './cell-value.js';

export const CATEGORY_NAMES: Record<number, string> = {
  1: '视力',
  2: '听力',
  3: '言语',
  4: '肢体',
  5: '智力',
  6: '精神',
  7: '多重',
};

export const GRADE_NAMES: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' };

// String.prototype.trim already covers NBSP, the ideographic space and BOM; zero-width characters it does not.
const EDGE_INVISIBLE = /^[\s\u200B-\u200D\u2060\u180E]+|[\s\u200B-\u200D\u2060\u180E]+$/g;
const ALL_INVISIBLE = /[\s\u200B-\u200D\u2060\u180E]/g;

/**
 * Printable ASCII only (U+0021–U+007E: no whitespace, nothing NFKC changes). Most cells of a roster are (IDs, amounts,
 * months, codes); the normalisers skip normalize('NFKC') and the whitespace pass for them.
 */
export function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/** NFKC (full-width digits and letters to ASCII) and no whitespace at all; '' when nothing is left. */
function compact(v: string): string {
  if (isPlainAscii(v)) return v;
  return v.normalize('NFKC').replace(ALL_INVISIBLE, '');
}

function pad2(n: number): string {
  return (n < 10 ? '0' : '') + n;
}

/** Decimal text without exponent: 1e-7 → "0.0000001", 4.40981e17 → "440981000000000000". */
function plainNumber(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  // Only magnitudes below 1e-6 reach here: larger non-integers print without exponent, huge numbers are integers.
  const neg = s.startsWith('-');
  const mantissa = s.slice(neg ? 1 : 0, e);
  const exp = Number(s.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const intLen = (point < 0 ? mantissa.length : point) + exp;
  return (neg ? '-' : '') + '0.' + '0'.repeat(-intLen) + digits;
}

export function normalizeText(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const t = v.replace(EDGE_INVISIBLE, '');
    return t === '' ? null : t;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? plainNumber(v) : null;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (Number.isNaN(v.getTime())) return null;
  return `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
}

const YES = new Set(['是', 'Y', 'YES', '1', '√', '✓', '✔', 'TRUE', 'T', '已', '有', '对']);
const NO = new Set(['否', 'N', 'NO', '0', '×', '✗', '✘', 'FALSE', 'F', '未', '无', '不', '没有']);
// Longer answers (已消除, 未享受, 享受城市低保, 不享受) read by their first word.
const NO_PREFIX = /^(?:否|未|无|不|没)/;
const YES_PREFIX = /^(?:是|已|有|享受)/;

export function normalizeYesNo(v: CellValue): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v !== 'string') return null;
  const t = compact(v).toUpperCase();
  if (t === '') return null;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  if (NO_PREFIX.test(t)) return false;
  if (YES_PREFIX.test(t)) return true;
  return null;
}

const GRADE_WORDS: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4,
  壹: 1, 贰: 2, 叁: 3, 肆: 4,
  '1': 1, '2': 2, '3': 3, '4': 4,
  I: 1, II: 2, III: 3, IV: 4,
};
// NFKC turns Ⅰ Ⅱ Ⅲ Ⅳ into I II III IV; longest Roman numeral first so III is not read as II.
const GRADE_IN_TEXT = /(IV|III|II|I|[一二三四壹贰叁肆1-4])级/g;
const BARE_GRADE = /^(IV|III|II|I|[一二三四壹贰叁肆1-4])级?$/;
const BRACKETED = /[(（][^)）]*[)）]|【[^】]*】/g;

/** 一级 (most severe) … 四级 → 1 … 4; text naming two different grades is not a grade. */
export function normalizeGrade(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= 4 ? v : null;
  if (typeof v !== 'string') return null;
  const t = compact(v).toUpperCase();
  if (t === '') return null;
  const bare = BARE_GRADE.exec(t.replace(BRACKETED, ''));
  if (bare) return GRADE_WORDS[bare[1]!]!;
  let found: number | null = null;
  for (const m of t.matchAll(GRADE_IN_TEXT)) {
    const g = GRADE_WORDS[m[1]!]!;
    if (found !== null && found !== g) return null;
    found = g;
  }
  return found;
}

const CATEGORY_WORDS: [RegExp, number][] = [
  [/视力|视残/, 1],
  [/听力|听残/, 2],
  [/言语|语言|言残/, 3],
  [/肢体|肢残/, 4],
  [/智力|智残/, 5],
  [/精神|精残/, 6],
];
const MULTIPLE = /多重|多残/;
const BARE_CATEGORY = /^([1-7])(?:类)?$/;

/** 视力1 听力2 言语3 肢体4 智力5 精神6 多重7, from the word or the digit. */
export function normalizeDisabilityCategory(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= 7 ? v : null;
  if (typeof v !== 'string') return null;
  const t = compact(v);
  if (t === '') return null;
  const bare = BARE_CATEGORY.exec(t);
  if (bare) return Number(bare[1]);
  // 多重 first: its description often names the component categories (多重残疾（视力、肢体）).
  if (MULTIPLE.test(t)) return 7;
  let found: number | null = null;
  for (const [re, n] of CATEGORY_WORDS) {
    if (!re.test(t)) continue;
    if (found !== null) return null;
    found = n;
  }
  return found;
}

const AMOUNT_NOISE = /[元¥￥,，\s]/g;
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)$/;
/** What a clerk writes around the number (元 already gone): 每月300, 300/人/月, 300整. */
const AMOUNT_WORDS = /^每月|(?:\/人\/月|\/户\/月|\/人|\/户|\/月|整)$/g;
/** Cells that say "no amount" rather than an amount nobody can read. */
const NO_AMOUNT = /^(?:[-—–－_/／\\]+|无|空|暂无|\/)$/;

/** Money: `1,234.50元`, `￥300`, `300.00元/月`, `每月300元` → number. */
export function normalizeAmount(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  // ￥ is stripped before NFKC would fold it into ¥; both are listed anyway.
  const t = v.replace(AMOUNT_NOISE, '').normalize('NFKC').replace(AMOUNT_NOISE, '');
  if (DECIMAL.test(t)) return Number(t);
  const bare = t.replace(AMOUNT_WORDS, '');
  return DECIMAL.test(bare) ? Number(bare) : null;
}

/** A non-empty amount cell that is neither a number nor a "none" mark (-, 无): worth a warning, not silence. */
export function unreadableAmount(v: CellValue): boolean {
  if (typeof v !== 'string') return false;
  const t = v.trim();
  return t !== '' && !NO_AMOUNT.test(t) && normalizeAmount(v) === null;
}

const INT_WITH_UNIT = /^(\d+)(?:人|口|个|名|户|位)?$/;
const CN_DIGITS: Record<string, number> = {
  一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10,
};
const CN_WITH_UNIT = /^([一两二三四五六七八九十])(?:人|口|个|名|户|位)?$/;

/** Counts such as 家庭人口: `3`, `3人`, `三人` → 3. */
export function normalizeInt(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = compact(v);
  let m = INT_WITH_UNIT.exec(t);
  if (m) return Number(m[1]);
  m = CN_WITH_UNIT.exec(t);
  return m ? CN_DIGITS[m[1]!]! : null;
}

/** 性别 as a roster writes it: 男/女, 男性/女性, M/F, or the national code 1 (男) / 2 (女). */
export function normalizeSex(v: CellValue): '男' | '女' | null {
  if (typeof v === 'number') return v === 1 ? '男' : v === 2 ? '女' : null;
  if (typeof v !== 'string') return null;
  const t = compact(v).toUpperCase();
  if (t === '男' || t === '男性' || t === 'M' || t === 'MALE' || t === '1') return '男';
  if (t === '女' || t === '女性' || t === 'F' || t === 'FEMALE' || t === '2') return '女';
  return null;
}

export function normalizeAreaType(v: CellValue): '城市' | '农村' | null {
  if (typeof v !== 'string') return null;
  const t = compact(v);
  // 非农(业) names an urban 户籍 although it contains 农.
  if (t.includes('非农')) return '城市';
  const rural = t.includes('农村') || t.includes('农业') || t === '农';
  const urban = t.includes('城市') || t.includes('城镇') || t === '城';
  if (rural === urban) return null;
  return rural ? '农村' : '城市';
}

export function normalizeMode(v: CellValue): '整户保' | '单人保' | null {
  if (typeof v !== 'string') return null;
  const t = compact(v);
  const whole = t.includes('整户') || t.includes('全户');
  const single = t.includes('单人');
  if (whole === single) return null;
  return whole ? '整户保' : '单人保';
}

export function normalizeSubsidyType(v: CellValue): '生活补贴' | '护理补贴' | null {
  if (typeof v !== 'string') return null;
  const t = compact(v);
  const living = t.includes('生活');
  const nursing = t.includes('护理');
  if (living === nursing) return null;
  return living ? '生活补贴' : '护理补贴';
}

const INACTIVE = /停保|停发|退出|注销|死亡|取消|终止/;

/** Whether a row's 状态 keeps the person on the roster; 渐退 families are still paid, so still active. */
export function isActiveStatus(status: string | null): boolean {
  return status === null || !INACTIVE.test(status);
}
