import { describe, expect, it } from 'vitest';
import {
  addMonths,
  monthDiff,
  normalizeDate,
  normalizeMonth,
  parsePeriod,
  periodEnd,
  periodStart,
  previousPeriod,
} from '../../src/normalize/month.js';

const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

describe('normalizeMonth', () => {
  it.each([
    '2023-05',
    '2023.05',
    '2023.5',
    '2023年5月',
    '2023年05月',
    '202305',
    '2023/5/1',
    '2023-05-01',
    '2023/05',
    '2023年5月1日',
    '20230515',
    ' 2023-05 ',
    '２０２３年５月',
    '2023-05-01 00:00:00',
  ])('%s → 2023-05', (s) => {
    expect(normalizeMonth(s)).toEqual({ month: '2023-05' });
  });

  it('reads Date cells by their UTC parts', () => {
    expect(normalizeMonth(utc(2023, 5, 1))).toEqual({ month: '2023-05' });
    expect(normalizeMonth(utc(2023, 12, 31))).toEqual({ month: '2023-12' });
  });

  it('reads YYYYMM integers and Excel serial dates', () => {
    expect(normalizeMonth(202305)).toEqual({ month: '2023-05' });
    expect(normalizeMonth(45047)).toEqual({ month: '2023-05' }); // 2023-05-01
    expect(normalizeMonth(45047.75)).toEqual({ month: '2023-05' });
  });

  it('reads decimal months from the displayed text when the file keeps it', () => {
    expect(normalizeMonth(2019.1, '2019.10')).toEqual({ month: '2019-10' });
    expect(normalizeMonth(2019.05, '2019.05')).toEqual({ month: '2019-05' });
    expect(normalizeMonth(2019.5, '2019.5')).toEqual({ month: '2019-05' });
    expect(normalizeMonth(45047, '2023/5/1')).toEqual({ month: '2023-05' });
    expect(normalizeMonth(45047, '45047')).toEqual({ month: '2023-05' });
  });

  it('a bare number 2019.1 is January, with a warning that it may be October', () => {
    const r = normalizeMonth(2019.1);
    expect(r.month).toBe('2019-01');
    expect(r.warning).toContain('2019.1');
    expect(r.warning).toContain('10月');
    expect(normalizeMonth(2019.1, '2019.1').warning).toBeDefined();
    expect(normalizeMonth(2019.05)).toEqual({ month: '2019-05' });
    expect(normalizeMonth(2019.11)).toEqual({ month: '2019-11' });
  });

  it('text "2019.1" typed as text is January without a warning', () => {
    expect(normalizeMonth('2019.1')).toEqual({ month: '2019-01' });
  });

  it('empty cells give no month and no warning', () => {
    expect(normalizeMonth(null)).toEqual({ month: null });
    expect(normalizeMonth('')).toEqual({ month: null });
    expect(normalizeMonth(' \u3000')).toEqual({ month: null });
  });

  it.each<[string | number | boolean]>([
    ['2023-13'],
    ['2023年13月'],
    ['202300'],
    ['2023'],
    ['五月'],
    ['1899-12'],
    ['2023-02-30'],
    [2019.13],
    [12345],
    [true],
  ])('%s is not a month', (v) => {
    const r = normalizeMonth(v);
    expect(r.month).toBeNull();
    expect(r.warning).toMatch(/^无法识别的月份：/);
  });

  it('an invalid Date is not a month', () => {
    expect(normalizeMonth(new Date(Number.NaN)).month).toBeNull();
  });
});

describe('normalizeDate', () => {
  it.each([
    ['2023-05-15', '2023-05-15'],
    ['20230515', '2023-05-15'],
    ['2023年5月15日', '2023-05-15'],
    ['2023.5.15', '2023-05-15'],
    ['2023/5/15', '2023-05-15'],
    ['2023-05-15T00:00:00.000Z', '2023-05-15'],
    ['2023年5月', '2023-05'],
    ['2023-05', '2023-05'],
    ['202305', '2023-05'],
  ])('%s → %s', (s, want) => {
    expect(normalizeDate(s)).toEqual({ date: want });
  });

  it('reads Date cells, serials and YYYYMMDD integers', () => {
    expect(normalizeDate(utc(2024, 2, 29))).toEqual({ date: '2024-02-29' });
    expect(normalizeDate(45061)).toEqual({ date: '2023-05-15' });
    expect(normalizeDate(20230515)).toEqual({ date: '2023-05-15' });
    expect(normalizeDate(202305)).toEqual({ date: '2023-05' });
  });

  it('prefers the displayed text of a numeric cell', () => {
    expect(normalizeDate(45061, '2023-05-15')).toEqual({ date: '2023-05-15' });
    expect(normalizeDate(2019.1, '2019.10')).toEqual({ date: '2019-10' });
  });

  it('warns about a bare 2019.1', () => {
    const r = normalizeDate(2019.1);
    expect(r.date).toBe('2019-01');
    expect(r.warning).toContain('10月');
  });

  it('rejects impossible days and garbage', () => {
    expect(normalizeDate('2023-02-29')).toEqual({ date: null, warning: '无法识别的日期：2023-02-29' });
    expect(normalizeDate('20230532').date).toBeNull();
    expect(normalizeDate('不详').warning).toBe('无法识别的日期：不详');
    expect(normalizeDate(null)).toEqual({ date: null });
  });
});

describe('parsePeriod', () => {
  it('accepts YYYY-MM and the common spellings', () => {
    expect(parsePeriod('2024-11')).toBe('2024-11');
    expect(parsePeriod('202411')).toBe('2024-11');
    expect(parsePeriod('2024.11')).toBe('2024-11');
    expect(parsePeriod('2024年1月')).toBe('2024-01');
    expect(parsePeriod('2024年11月')).toBe('2024-11');
  });

  it('rejects near misses', () => {
    expect(parsePeriod('2024-1')).toBeNull();
    expect(parsePeriod('2024-13')).toBeNull();
    expect(parsePeriod('2024-00')).toBeNull();
    expect(parsePeriod('2024-11-01')).toBeNull();
    expect(parsePeriod('24-11')).toBeNull();
    expect(parsePeriod('2024.1')).toBeNull();
    expect(parsePeriod('')).toBeNull();
  });
});

describe('period arithmetic', () => {
  it('periodStart and periodEnd (基准日), leap years included', () => {
    expect(periodStart('2024-02')).toBe('2024-02-01');
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(periodEnd('2023-02')).toBe('2023-02-28');
    expect(periodEnd('1900-02')).toBe('1900-02-28');
    expect(periodEnd('2024-11')).toBe('2024-11-30');
    expect(periodEnd('2024-12')).toBe('2024-12-31');
  });

  it('addMonths crosses year boundaries both ways', () => {
    expect(addMonths('2024-11', 6)).toBe('2025-05');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2024-01', -13)).toBe('2022-12');
    expect(addMonths('2024-05', 0)).toBe('2024-05');
  });

  it('monthDiff counts YYYYMM differences', () => {
    expect(monthDiff('2024-06', '2024-01')).toBe(5);
    expect(monthDiff('2025-01', '2024-12')).toBe(1);
    expect(monthDiff('2024-01', '2024-06')).toBe(-5);
    expect(monthDiff('2024-06-30', '2024-01-01')).toBe(5);
  });

  it('rejects malformed periods loudly', () => {
    expect(() => addMonths('2024/01', 1)).toThrow(RangeError);
  });

  it('previousPeriod is the month before today, by local calendar', () => {
    expect(previousPeriod(new Date(2025, 0, 15))).toBe('2024-12');
    expect(previousPeriod(new Date(2025, 9, 1))).toBe('2025-09');
    expect(previousPeriod(new Date(2025, 2, 31, 23, 59))).toBe('2025-02');
  });
});
