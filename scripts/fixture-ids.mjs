// Synthetic 公民身份号码 for test fixtures: GB 11643-1999 check characters, 15-digit legacy numbers, no real people.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Check character for the first 17 digits of an 18-char ID. */
export function checkChar(first17) {
  if (!/^\d{17}$/.test(first17)) throw new Error(`checkChar: need 17 digits, got ${first17}`);
  let s = 0;
  for (let i = 0; i < 17; i++) s += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[s % 11];
}

function assertDate(yyyymmdd) {
  const y = +yyyymmdd.slice(0, 4), m = +yyyymmdd.slice(4, 6), d = +yyyymmdd.slice(6, 8);
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    throw new Error(`not a calendar date: ${yyyymmdd}`);
  }
}

/** makeId('410522', '19900307', '123') → valid 18-char ID (sequence odd = male). */
export function makeId(region6, yyyymmdd, seq3) {
  if (!/^\d{6}$/.test(region6)) throw new Error(`makeId: region must be 6 digits: ${region6}`);
  if (!/^\d{8}$/.test(yyyymmdd)) throw new Error(`makeId: birth must be YYYYMMDD: ${yyyymmdd}`);
  if (!/^\d{3}$/.test(seq3)) throw new Error(`makeId: sequence must be 3 digits: ${seq3}`);
  assertDate(yyyymmdd);
  const first17 = region6 + yyyymmdd + seq3;
  return first17 + checkChar(first17);
}

/** make15('410522', '480915', '122') → 15-digit legacy number (19xx birth years). */
export function make15(region6, yymmdd, seq3) {
  if (!/^\d{6}$/.test(region6) || !/^\d{6}$/.test(yymmdd) || !/^\d{3}$/.test(seq3)) {
    throw new Error(`make15: bad parts ${region6} ${yymmdd} ${seq3}`);
  }
  assertDate('19' + yymmdd);
  return region6 + yymmdd + seq3;
}

/** The 18-char form of a 15-digit legacy number: insert 19 after the region, append the check char. */
export function upgrade15(id15) {
  if (!/^\d{15}$/.test(id15)) throw new Error(`upgrade15: need 15 digits: ${id15}`);
  const first17 = id15.slice(0, 6) + '19' + id15.slice(6);
  return first17 + checkChar(first17);
}

/** True when an 18-char string has a real date and the right check char. */
export function isValidId(id) {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  try {
    assertDate(id.slice(6, 14));
  } catch {
    return false;
  }
  return checkChar(id.slice(0, 17)) === id[17];
}

function fnv1a(s) {
  let h = 0x811c9dc5;
  for (const ch of s) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Hands out distinct valid IDs. The sequence number is derived from the person's name and birth date (so adding a
 * person never shifts anyone else's ID), with odd/even by sex, and optionally a wanted check char:
 * 'X' (ends in X) or 'digit' (ends in 0–9, needed when the ID is also written as a number).
 */
export class IdFactory {
  constructor() {
    this.used = new Set();
  }
  next(region6, yyyymmdd, sex, name, wantCheck) {
    const start = 10 + (fnv1a(name + yyyymmdd + region6) % 980);
    for (let k = 0; k < 1000; k++) {
      const n = ((start + k) % 999) + 1;
      if ((n % 2 === 1) !== (sex === '男')) continue;
      const id = makeId(region6, yyyymmdd, String(n).padStart(3, '0'));
      if (this.used.has(id)) continue;
      if (wantCheck === 'X' && id[17] !== 'X') continue;
      if (wantCheck === 'digit' && id[17] === 'X') continue;
      this.used.add(id);
      return id;
    }
    throw new Error(`no free sequence for ${region6} ${yyyymmdd}`);
  }
  next15(region6, yymmdd, sex, name) {
    const start = 10 + (fnv1a(name + yymmdd + region6) % 980);
    for (let k = 0; k < 1000; k++) {
      const n = ((start + k) % 999) + 1;
      if ((n % 2 === 1) !== (sex === '男')) continue;
      const id15 = make15(region6, yymmdd, String(n).padStart(3, '0'));
      if (this.used.has(upgrade15(id15))) continue;
      this.used.add(upgrade15(id15));
      return id15;
    }
    throw new Error(`no free sequence for ${region6} ${yymmdd}`);
  }
}
