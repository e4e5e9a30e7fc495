// Number formats of .xlsx cells: built-in format codes (with the zh-CN ones), the date test, serial day numbers to
// dates and the displayed text of numbers; and the error for zips without a workbook.

import * as XLSX from '@e965/xlsx';

/** Thrown when the zip holds no workbook at all; open-file turns it into a user message. */
export class NotAWorkbookError extends Error {
  constructor() {
    super('zip package has no xl/workbook.xml');
    this.name = 'NotAWorkbookError';
  }
}

/**
 * Built-in number formats (numFmtId without a <numFmt> definition in styles.xml): the locale-independent ones, and
 * the zh-CN meanings of the locale-dependent ids 27-36 and 50-58 (as Chinese Excel/WPS write dates without
 * defining a format).
 */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** The format code of a built-in numFmtId, or undefined for ids without one. */
export function builtinFormat(id: number): string | undefined {
  return BUILTIN_FORMATS[id];
}

/** Same test as exceljs uses to turn numbers into dates (text in quotes and [..] ignored). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

/** Serial day number to a Date at UTC (midnight for whole days), as exceljs does. */
export function excelSerialToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

const formatCache = new Map<string, boolean>();

/** Recent results per format (amounts repeat a lot in rosters); bounded in formats and entries. */
const shownCache = new Map<string, Map<number, string | null>>();
const SHOWN_FORMATS = 64;
const SHOWN_VALUES = 4096;

/**
 * Whether numbers under this format have a displayed text of their own: "General" and "@" render like String(v) at
 * any useful column width, so they give none.
 */
export function showsText(fmt: string | undefined): fmt is string {
  return fmt !== undefined && fmt !== '' && fmt !== 'General' && fmt !== '@';
}

/** The displayed text of a number under an explicit number format, or undefined when it shows as String(v). */
export function displayText(fmt: string | undefined, v: number): string | undefined {
  if (!showsText(fmt)) return undefined;
  let memo = shownCache.get(fmt);
  const hit = memo?.get(v);
  if (hit !== undefined) return hit ?? undefined;
  const s = formatNumber(fmt, v);
  if (!memo) {
    if (shownCache.size >= SHOWN_FORMATS) shownCache.clear();
    memo = new Map();
    shownCache.set(fmt, memo);
  } else if (memo.size >= SHOWN_VALUES) {
    memo.clear();
  }
  memo.set(v, s ?? null);
  return s;
}

function formatNumber(fmt: string, v: number): string | undefined {
  if (formatCache.get(fmt) === false) return undefined;
  let s: string;
  try {
    s = XLSX.SSF.format(fmt, v) as string;
    formatCache.set(fmt, true);
  } catch {
    formatCache.set(fmt, false);
    return undefined;
  }
  return s === String(v) ? undefined : s;
}
