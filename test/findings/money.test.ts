// Money for auditors (domain.md §6): the monthly amount behind a finding, and the estimate of what was paid in error —
// from the rosters' own amount columns, a 低保 member's share of the case amount, capped at 36 months, never 0 for unknown.
import { afterEach, describe, expect, it } from 'vitest';
import { ESTIMATE_CAP_MONTHS } from '../../src/findings/money.js';
import { County, makeId } from '../helpers/county.js';

const P = '2024-11';
let county: County;
afterEach(() => county?.close());

const of = async (rule: string, id: string) => (await county.check(P)).findings.find((f) => f.rule === rule && f.id_number === id)!;

describe('money', () => {
  it('dibao-tekun-overlap: monthly = both amounts, estimate = months open × the smaller; a 低保 amount is shared by the case', async () => {
    county = new County();
    const head = makeId('19500101', 11);
    const wife = makeId('19520101', 12);
    // One case of two covered members, 900 a month for the household: each member's share is 450.
    await county.load('dibao', P, [
      { 姓名: '甲', 身份证号: head, 低保证号: 'D1', 保障人数: 2, '户月保障金额（元）': 900, 状态: '在保' },
      { 姓名: '乙', 身份证号: wife, 低保证号: 'D1', 保障人数: 2, '户月保障金额（元）': 900, 状态: '在保' },
    ]);
    await county.load('tekun', P, [{ 姓名: '甲', 身份证号: head, 月供养标准: '1,200元' }]);
    const f = await of('dibao-tekun-overlap', head);
    expect(f).toMatchObject({ amount_monthly: 1650, amount_estimate: 450, estimate_months: 1 });
  });

  it('deceased-active: (period − death month) × the monthly amount; no death date, no estimate (not 0)', async () => {
    county = new County();
    const a = makeId('19400101', 11);
    const b = makeId('19410101', 13);
    await county.load('tekun', P, [{ 姓名: '甲', 身份证号: a, 供养金额: 800 }, { 姓名: '乙', 身份证号: b, 供养金额: 700 }]);
    await county.load('death', null, [{ 姓名: '甲', 身份证号: a, 死亡日期: '2024-07-15' }, { 姓名: '乙', 身份证号: b, 死亡日期: '' }]);
    expect(await of('deceased-active', a)).toMatchObject({ amount_monthly: 800, amount_estimate: 3200, estimate_months: 4 });
    expect(await of('deceased-active', b)).toMatchObject({ amount_monthly: 700, amount_estimate: null, estimate_months: null });
  });

  it('taper-overdue: the months after the taper ended, capped at 36', async () => {
    county = new County();
    const a = makeId('19500101', 11);
    const b = makeId('19510101', 13);
    await county.load('dibao', P, [
      { 姓名: '甲', 身份证号: a, 渐退开始月份: '2024-03', 月保障金额: 300 }, // ended 2024-09 (6 months): 2024-09, 10, 11 → 3
      { 姓名: '乙', 身份证号: b, 渐退开始月份: '2015-01', 月保障金额: 300 },
    ]);
    expect(await of('taper-overdue', a)).toMatchObject({ amount_monthly: 300, amount_estimate: 900, estimate_months: 3 });
    expect(await of('taper-overdue', b)).toMatchObject({ amount_estimate: 300 * ESTIMATE_CAP_MONTHS, estimate_months: ESTIMATE_CAP_MONTHS });
  });

  it('no amount column: amounts stay empty; rules that mean no overpayment give no estimate', async () => {
    county = new County();
    const a = makeId('19500101', 11);
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: a }]);
    await county.load('tekun', P, [{ 姓名: '甲', 身份证号: a }]);
    expect(await of('dibao-tekun-overlap', a)).toMatchObject({ amount_monthly: null, amount_estimate: null });
    county.close();
    county = new County();
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: a, 月保障金额: 500 }, { 姓名: '甲', 身份证号: a, 月保障金额: 500 }]);
    expect(await of('duplicate-in-roster', a)).toMatchObject({ amount_monthly: 1000, amount_estimate: null });
  });
});
