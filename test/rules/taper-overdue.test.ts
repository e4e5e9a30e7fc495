import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const R = 'taper-overdue';
const P = '2024-11';
let county: County;
afterEach(() => county?.close());

const sorted = (ids: string[]) => ids.map((id) => [R, id, '新增']).sort((a, b) => a[1]!.localeCompare(b[1]!));

describe('taper-overdue 渐退期满未退出', () => {
  it('flags an active row whose taper began N months ago or earlier; not N−1, not 停保, not without a start', async () => {
    county = new County();
    const exactly = makeId('19600101', 11); // 2024-05 + 6 = 2024-11: flagged
    const oneShort = makeId('19600201', 13); // 2024-06: 5 months, near miss
    const long = makeId('19600301', 15); // 2023-12 (written 2023年12月)
    const stopped = makeId('19600401', 17); // 2024-01 but 停保
    const noTaper = makeId('19600501', 19);
    await county.load('dibao', P, [
      { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: exactly, 状态: '渐退', 渐退开始月份: '2024-05' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: oneShort, 状态: '渐退', 渐退开始月份: '2024-06' },
      { 乡镇: '西关镇', 村: '南村', 姓名: '丙', 身份证号: long, 状态: '在保', 渐退开始月份: '2023年12月' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '丁', 身份证号: stopped, 状态: '停保', 渐退开始月份: '2024-01' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '戊', 身份证号: noTaper, 状态: '在保', 渐退开始月份: '' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '己', 身份证号: '4.10522E+17', 状态: '渐退', 渐退开始月份: '2023-01' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([exactly, long]));
    const mine = r.findings.filter((f) => f.rule === R);
    const a = mine.find((f) => f.id_number === exactly)!;
    expect(a.explanation).toContain('渐退开始月份为 2024-05');
    expect(a.explanation).toContain('渐退期 6 个月');
    expect(a.explanation).toContain('应于 2024-10 期满');
    expect(a.explanation).toContain('请核实');
    expect(a.township).toBe('城关镇');
    expect(a.detail).toEqual({ taper_start: '2024-05' });
    expect(mine.find((f) => f.id_number === long)!.township).toBe('西关镇');
  });

  it('takes N from the config', async () => {
    county = new County({ [R]: { months: 3 } });
    const three = makeId('19600101', 11); // 2024-08 + 3 = 2024-11
    const two = makeId('19600201', 13); // 2024-09: near miss
    await county.load('dibao', P, [
      { 姓名: '甲', 身份证号: three, 渐退开始月份: '2024-08' },
      { 姓名: '乙', 身份证号: two, 渐退开始月份: '2024-09' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([three]));
    expect(r.findings.find((f) => f.rule === R)!.explanation).toContain('渐退期 3 个月');
  });

  it('is skipped, with the reason, when the 低保 roster has no 渐退开始月份 column', async () => {
    county = new County();
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: makeId('19600101', 11), 状态: '在保' }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：低保名单没有“渐退开始月份”列');
  });
});
