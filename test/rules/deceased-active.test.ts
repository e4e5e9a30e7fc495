import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const R = 'deceased-active';
const P = '2024-11';
let county: County;
afterEach(() => county?.close());

const sorted = (ids: string[]) => ids.map((id) => [R, id, '新增']).sort((a, b) => a[1]!.localeCompare(b[1]!));

describe('deceased-active 死亡人员仍在册', () => {
  it('flags deaths before the period (or undated) still active in a kind in scope; not deaths in the period', async () => {
    county = new County();
    const before = makeId('19400101', 11); // died 2024-10-15, still 在保 in 低保
    const inPeriod = makeId('19400201', 13); // died 2024-11-03: near miss
    const undated = makeId('19400301', 15); // 特困, death date missing
    const monthOnly = makeId('19400401', 17); // died 2024-09 (month only), 两项补贴
    const monthInPeriod = makeId('19400501', 19); // died 2024-11 (month only): near miss
    const stopped = makeId('19400601', 21); // died 2023, 低保 停保
    const fangpin = makeId('19400701', 23); // died 2024-01-01, on the 防返贫 roster
    const canjiOnly = makeId('19400801', 25); // died 2024-01-01, only in 残疾人 (not in the default scope)
    const truncated = makeId('19400901', 27); // death row ID truncated by Excel: cannot match
    await county.load('dibao', P, [
      { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: before, 状态: '在保' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: inPeriod, 状态: '在保' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '己', 身份证号: stopped, 状态: '停保' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '壬', 身份证号: truncated, 状态: '在保' },
    ]);
    await county.load('tekun', P, [{ 乡镇: '西关镇', 村: '南村', 姓名: '丙', 身份证号: undated }]);
    await county.load('liangbu', P, [
      { 乡镇: '城关镇', 姓名: '丁', 身份证号: monthOnly, 补贴类型: '重度残疾人护理补贴' },
      { 乡镇: '城关镇', 姓名: '戊', 身份证号: monthInPeriod, 补贴类型: '重度残疾人护理补贴' },
    ]);
    await county.load('fangpin', P, [{ 乡镇: '城关镇', 姓名: '庚', 身份证号: fangpin }]);
    await county.load('canji', P, [{ 乡镇: '城关镇', 姓名: '辛', 身份证号: canjiOnly, 残疾类别: '肢体', 残疾等级: '一级' }]);
    await county.load('death', null, [
      { 姓名: '甲', 身份证号: before, 死亡日期: '2024-10-15', 数据来源: '公安' },
      { 姓名: '乙', 身份证号: inPeriod, 死亡日期: '2024-11-03', 数据来源: '殡葬' },
      { 姓名: '丙', 身份证号: undated, 死亡日期: '', 数据来源: '卫健' },
      { 姓名: '丁', 身份证号: monthOnly, 死亡日期: '2024年9月' },
      { 姓名: '戊', 身份证号: monthInPeriod, 死亡日期: '2024.11' },
      { 姓名: '己', 身份证号: stopped, 死亡日期: '2023-03-01' },
      { 姓名: '庚', 身份证号: fangpin, 死亡日期: '2024-01-01' },
      { 姓名: '辛', 身份证号: canjiOnly, 死亡日期: '2024-01-01' },
      { 姓名: '壬', 身份证号: '4.10522E+17', 死亡日期: '2024-01-01' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([before, undated, monthOnly, fangpin]));
    const mine = r.findings.filter((f) => f.rule === R);
    const a = mine.find((f) => f.id_number === before)!;
    expect(a.explanation).toContain('2024-10-15');
    expect(a.explanation).toContain('公安');
    expect(a.explanation).toContain('低保');
    expect(a.explanation).toContain('宽限 0 个月');
    expect(a.explanation).toContain('2024-11-01');
    expect(a.explanation).toContain('请核实');
    expect(a.township).toBe('城关镇');
    expect(a.kinds.sort()).toEqual(['death', 'dibao']);
    expect(a.detail).toEqual({ death_date: '2024-10-15' });
    const u = mine.find((f) => f.id_number === undated)!;
    expect(u.explanation).toContain('死亡日期缺失');
    expect(u.township).toBe('西关镇');
    expect(mine.find((f) => f.id_number === monthOnly)!.explanation).toContain('2024-09');
  });

  it('takes grace months and a narrower scope from the config', async () => {
    county = new County({ [R]: { grace_months: 1, scope: ['dibao'] } });
    const lastMonth = makeId('19400101', 11); // died 2024-10-15: within one month of grace
    const twoMonths = makeId('19400201', 13); // died 2024-09-30: flagged
    const tekunOnly = makeId('19400301', 15); // out of scope
    await county.load('dibao', P, [
      { 乡镇: '城关镇', 姓名: '甲', 身份证号: lastMonth },
      { 乡镇: '城关镇', 姓名: '乙', 身份证号: twoMonths },
    ]);
    await county.load('tekun', P, [{ 乡镇: '城关镇', 姓名: '丙', 身份证号: tekunOnly }]);
    await county.load('death', null, [
      { 姓名: '甲', 身份证号: lastMonth, 死亡日期: '2024-10-15' },
      { 姓名: '乙', 身份证号: twoMonths, 死亡日期: '2024-09-30' },
      { 姓名: '丙', 身份证号: tekunOnly, 死亡日期: '2020-01-01' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([twoMonths]));
    const f = r.findings.find((x) => x.rule === R)!;
    expect(f.explanation).toContain('宽限 1 个月');
    expect(f.explanation).toContain('2024-10-01');
  });

  it('says which rosters in scope were not loaded', async () => {
    county = new County();
    const id = makeId('19400101', 11);
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: id }]);
    await county.load('death', null, [{ 姓名: '甲', 身份证号: id, 死亡日期: '2024-01-01' }]);
    const f = (await county.check(P)).findings.find((x) => x.rule === R)!;
    expect(f.explanation).toContain('本期未导入特困、两项补贴、防返贫名单，未比对');
  });

  it('is skipped, with the reason, when no death roster is loaded', async () => {
    county = new County();
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: makeId('19400101', 11) }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：本期未导入死亡人员名单');
  });
});
