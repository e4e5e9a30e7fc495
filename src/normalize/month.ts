// Months, dates and periods: every way a roster writes them, brought to YYYY-MM / YYYY-MM-DD.

import type { CellValue } from './cell-value.js';
import { isPlainAscii } from './values.js';

interface Ymd {
  y: number;
  m: number;
  d: number | null;
  /** A one-decimal number like 2019.1: Excel shows 2019.10 that way too, so October is possible. */
  maybeOctober?: boolean;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
// Excel serial day numbers for 1954-10-03 .. 2119-01-10: plausible dates, far from YYYYMM and YYYYMMDD integers.
const SERIAL_MIN = 20000;
const SERIAL_MAX = 80000;
// Days from Excel's day 0 (1899-12-30, which absorbs the 1900 leap-year bug) to the Unix epoch.
const SERIAL_EPOCH_OFFSET = 25569;
const DAY_MS = 86_400_000;

const TIME_SUFFIX = /(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:Z|[+-]\d{2}:?\d{2})?$/;
const INVISIBLE = /[\s\u200B-\u200D\u2060\u180E]/g;
const YMD_CN = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/;
const YM_CN = /^(\d{4})年(\d{1,2})(?:月份?)?$/;
const YMD_SEP = /^(\d{4})([-./])(\d{1,2})\2(\d{1,2})$/;
const YM_SEP = /^(\d{4})[-./](\d{1,2})$/;
const YMD8 = /^(\d{4})(\d{2})(\d{2})$/;
const YM6 = /^(\d{4})(\d{2})$/;
const DECIMAL_MONTH = /^(\d{4})\.(\d{1,2})$/;
const ONE_DECIMAL_ONE = /^\d{4}\.1$/;
const PERIOD = /^(\d{4})-(\d{2})$/;
const PERIOD_LOOSE = /^(\d{4})(?:(\d{2})|\.(\d{2})|年(\d{1,2})月)$/;
const PERIOD_PREFIX = /^(\d{4})-(\d{2})/;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function make(y: number, m: number, d: number | null): Ymd | null {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12) return null;
  if (d !== null && (d < 1 || d > daysInMonth(y, m))) return null;
  return { y, m, d };
}

function parseText(s: string): Ymd | null | 'empty' {
  // Printable ASCII: NFKC, trim and the whitespace pass change nothing (there is no whitespace).
  const t = isPlainAscii(s) ? s.replace(TIME_SUFFIX, '') : s.normalize('NFKC').trim().replace(TIME_SUFFIX, '').replace(INVISIBLE, '');
  if (t === '') return 'empty';
  let r: RegExpExecArray | null;
  if ((r = YMD_CN.exec(t))) return make(+r[1]!, +r[2]!, +r[3]!);
  if ((r = YM_CN.exec(t))) return make(+r[1]!, +r[2]!, null);
  if ((r = YMD_SEP.exec(t))) return make(+r[1]!, +r[3]!, +r[4]!);
  if ((r = YM_SEP.exec(t))) return make(+r[1]!, +r[2]!, null);
  if ((r = YMD8.exec(t))) return make(+r[1]!, +r[2]!, +r[3]!);
  if ((r = YM6.exec(t))) return make(+r[1]!, +r[2]!, null);
  return null;
}

function fromUtcDate(d: Date): Ymd | null {
  if (Number.isNaN(d.getTime())) return null;
  return make(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The Excel day number of a date (day 0 is 1899-12-30), with the time of day as the fraction. */
export function excelDayNumber(d: Date): number {
  return d.getTime() / DAY_MS + SERIAL_EPOCH_OFFSET;
}

function parseNumber(v: number): Ymd | null {
  if (!Number.isFinite(v)) return null;
  if (Number.isInteger(v)) {
    if (v >= 190001 && v <= 210012) return make(Math.floor(v / 100), v % 100, null);
    if (v >= 19000101 && v <= 21001231) return make(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
  }
  if (v >= SERIAL_MIN && v <= SERIAL_MAX) {
    // The fraction is the time of day; the date is the whole part.
    return fromUtcDate(new Date((Math.floor(v) - SERIAL_EPOCH_OFFSET) * DAY_MS));
  }
  const r = DECIMAL_MONTH.exec(String(v));
  if (!r) return null;
  const p = make(+r[1]!, +r[2]!, null);
  if (p && r[2] === '1') p.maybeOctober = true;
  return p;
}

/** `undefined` for an empty cell, `null` for one that is not a date. */
function parseCell(value: CellValue, text: string | undefined): Ymd | null | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const p = parseText(value);
    return p === 'empty' ? undefined : p;
  }
  if (value instanceof Date) return fromUtcDate(value);
  if (typeof value === 'number') {
    // The displayed text tells 2019.10 from 2019.1 and a date format from a plain number.
    if (text !== undefined && text.trim() !== '') {
      const p = parseText(text);
      if (p && p !== 'empty') {
        if (ONE_DECIMAL_ONE.test(text.trim())) p.maybeOctober = true;
        return p;
      }
    }
    return parseNumber(value);
  }
  return null;
}

function shown(value: CellValue, text: string | undefined): string {
  if (text !== undefined && text.trim() !== '') return text.trim();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  return String(value).trim();
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

function ym(p: Ymd): string {
  return `${p.y}-${pad2(p.m)}`;
}

function octoberWarning(what: string, value: CellValue, text: string | undefined): string {
  return `${what} ${shown(value, text)} 按1月理解，请核实是否为10月`;
}

/** Any month or date form a roster uses → `YYYY-MM`. */
export function normalizeMonth(value: CellValue, text?: string): { month: string | null; warning?: string } {
  const p = parseCell(value, text);
  if (p === undefined) return { month: null };
  if (p === null) return { month: null, warning: `无法识别的月份：${shown(value, text)}` };
  if (p.maybeOctober) return { month: ym(p), warning: octoberWarning('月份', value, text) };
  return { month: ym(p) };
}

/** A date → `YYYY-MM-DD`; when the cell only gives the month (死亡月份 2023-05), → `YYYY-MM`. */
export function normalizeDate(value: CellValue, text?: string): { date: string | null; warning?: string } {
  const p = parseCell(value, text);
  if (p === undefined) return { date: null };
  if (p === null) return { date: null, warning: `无法识别的日期：${shown(value, text)}` };
  const date = p.d === null ? ym(p) : `${ym(p)}-${pad2(p.d)}`;
  if (p.maybeOctober) return { date, warning: octoberWarning('日期', value, text) };
  return { date };
}

/** A `--period` argument: `YYYY-MM`, also `YYYYMM`, `YYYY.MM`, `YYYY年M月`. */
export function parsePeriod(s: string): string | null {
  const t = s.trim();
  let y: number;
  let m: number;
  let r = PERIOD.exec(t);
  if (r) {
    y = +r[1]!;
    m = +r[2]!;
  } else {
    r = PERIOD_LOOSE.exec(t);
    if (!r) return null;
    y = +r[1]!;
    m = +(r[2] ?? r[3] ?? r[4])!;
  }
  const p = make(y, m, null);
  return p ? ym(p) : null;
}

function splitPeriod(p: string): [number, number] {
  const r = PERIOD_PREFIX.exec(p);
  if (!r) throw new RangeError(`不是 YYYY-MM 格式的月份：${p}`);
  return [+r[1]!, +r[2]!];
}

/** First day of the period. */
export function periodStart(p: string): string {
  const [y, m] = splitPeriod(p);
  return `${y}-${pad2(m)}-01`;
}

/** Last day of the period: the 基准日. */
export function periodEnd(p: string): string {
  const [y, m] = splitPeriod(p);
  return `${y}-${pad2(m)}-${pad2(daysInMonth(y, m))}`;
}

export function addMonths(p: string, n: number): string {
  const [y, m] = splitPeriod(p);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  return `${String(ny).padStart(4, '0')}-${pad2(total - ny * 12 + 1)}`;
}

/** a − b in whole months, counting only year and month (2023-06 − 2023-01 = 5, whatever the days). */
export function monthDiff(a: string, b: string): number {
  const [ay, am] = splitPeriod(a);
  const [by, bm] = splitPeriod(b);
  return (ay - by) * 12 + (am - bm);
}

/** The default period for a monthly job: last month, by the local calendar the clerk lives in. */
export function previousPeriod(today: Date): string {
  const y = today.getFullYear();
  const m = today.getMonth(); // 0-based, so this is already the previous month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${pad2(m)}`;
}
