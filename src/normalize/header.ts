// Header text canonicalisation, so that column aliases match however a template spaced, bracketed or spelled them.

// \s already covers NBSP, the ideographic space, BOM and line breaks; zero-width characters are not whitespace in JS.
const STRIP = /[\s\u200B-\u200D\u2060\u180E()（）【】[\]*]/g;
const ZHANG = /帐/g;
/** A unit after the name (元, 元/月, 元/人/月, 元每月): 月保障金额（元/月） is 月保障金额. */
const UNIT = /(?<=.)元(?:\/(?:人\/)?月|每月)?$/;

/** `乡(镇)` → `乡镇`, `户月保障金额（元）` → `户月保障金额`, `帐户` → `账户`. */
export function normalizeHeader(s: string): string {
  // NFKC first: full-width brackets, asterisks and letters fold to ASCII before stripping.
  return s.normalize('NFKC').replace(STRIP, '').replace(ZHANG, '账').replace(UNIT, '');
}
