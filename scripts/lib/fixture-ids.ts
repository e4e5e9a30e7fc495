// Synthetic 公民身份号码 for the fixture and demo generators: valid 18-char IDs (GB 11643 check character from
// src/normalize/id-check.ts), 15-digit legacy numbers, and the ways offices damage IDs. No real people.

import { idCheckChar } from '../../src/normalize/id-check.js';

export type Sex = '男' | '女';
/** 'X': the ID must end in X; 'digit': it must end in 0–9 (needed when the ID is also written as a number). */
export type WantCheck = 'X' | 'digit';

function assertDate(yyyymmdd: string): void {
  const y = +yyyymmdd.slice(0, 4), m = +yyyymmdd.slice(4, 6), d = +yyyymmdd.slice(6, 8);
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    throw new Error(`not a calendar date: ${yyyymmdd}`);
  }
}

/** makeId('410522', '19900307', '123') → valid 18-char ID (sequence odd = male). */
export function makeId(region6: string, yyyymmdd: string, seq3: string): string {
  if (!/^\d{6}$/.test(region6)) throw new Error(`makeId: region must be 6 digits: ${region6}`);
  if (!/^\d{8}$/.test(yyyymmdd)) throw new Error(`makeId: birth must be YYYYMMDD: ${yyyymmdd}`);
  if (!/^\d{3}$/.test(seq3)) throw new Error(`makeId: sequence must be 3 digits: ${seq3}`);
  assertDate(yyyymmdd);
  const first17 = region6 + yyyymmdd + seq3;
  return first17 + idCheckChar(first17);
}

/** make15('410522', '480915', '122') → 15-digit legacy number (19xx birth years). */
export function make15(region6: string, yymmdd: string, seq3: string): string {
  if (!/^\d{6}$/.test(region6) || !/^\d{6}$/.test(yymmdd) || !/^\d{3}$/.test(seq3)) {
    throw new Error(`make15: bad parts ${region6} ${yymmdd} ${seq3}`);
  }
  assertDate('19' + yymmdd);
  return region6 + yymmdd + seq3;
}

/** The 18-char form of a 15-digit legacy number: insert 19 after the region, append the check char. */
export function upgrade15(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new Error(`upgrade15: need 15 digits: ${id15}`);
  const first17 = id15.slice(0, 6) + '19' + id15.slice(6);
  return first17 + idCheckChar(first17);
}

/** True when an 18-char string has a real date and the right check char. */
export function isValidId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  try {
    assertDate(id.slice(6, 14));
  } catch {
    return false;
  }
  return idCheckChar(id.slice(0, 17)) === id[17];
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const ch of s) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Hands out distinct valid IDs. The sequence number is derived from the person's name and birth date (so adding a
 * person never shifts anyone else's ID), with odd/even by sex, and optionally a wanted check char.
 */
export class IdFactory {
  private readonly used = new Set<string>();

  next(region6: string, yyyymmdd: string, sex: Sex, name: string, wantCheck?: WantCheck): string {
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

  next15(region6: string, yymmdd: string, sex: Sex, name: string): string {
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

// ───────────────────────────── how offices damage IDs ─────────────────────────────

/** What Excel keeps of an 18-digit number typed into a General cell: 15 significant digits, the rest zeros. */
export const excelNumber = (id: string): number => Number(id.slice(0, 15) + '000');
/** The 出生日期 part starred out, as in published lists. */
export const masked = (id: string): string => `${id.slice(0, 6)}********${id.slice(14)}`;
/** Digits and X as full-width characters (an IME left in full-width mode). */
export const fullWidth = (s: string): string => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
/** Region, birth date and sequence separated by spaces. */
export const spaced = (id: string): string => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
/** Swap two adjacent digits near the end (a typical typo; the sequence digits first): breaks the check char. */
export function typo(id: string): string {
  for (const i of [14, 15, 12, 13]) {
    const t = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
    if (t !== id && !isValidId(t)) return t;
  }
  throw new Error(`typo() found no invalid swap for ${id}`);
}
