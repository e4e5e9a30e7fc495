// GB 11643-1999 check character and province codes: the arithmetic every ID rule rests on.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Check character for the first 17 digits of an 18-char ID. */
export function idCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[s % 11]!;
}

const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62,
  63, 64, 65, 71, 81, 82, 83,
]);

export function isProvinceCode(twoDigits: string): boolean {
  return PROVINCES.has(Number(twoDigits));
}
