import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const P = '2024-11';
let county: County;
afterEach(() => county?.close());

describe('dibao-tekun-overlap 低保特困重复享受', () => {
  it('flags a person active in both, not one whose 特困 row is 停保 or who is only on one list', async () => {
    county = new County();
    const both = makeId('19500101', 11);
    const stopped = makeId('19510101', 13);
    const onlyDibao = makeId('19520101', 15);
    await county.load('dibao', P, [
      { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: both, 状态: '在保' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: stopped, 状态: '在保' },
      { 乡镇: '城关镇', 村: '西村', 姓名: '丙', 身份证号: onlyDibao, 状态: '在保' },
    ]);
    await county.load('tekun', P, [
      { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: both, 状态: '在保' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: stopped, 状态: '停保' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, 'dibao-tekun-overlap')).toEqual([['dibao-tekun-overlap', both, '新增']]);
    const f = r.findings.find((x) => x.rule === 'dibao-tekun-overlap')!;
    expect(f.township).toBe('城关镇');
    expect(f.sources.map((s) => s.kind).sort()).toEqual(['dibao', 'tekun']);
    expect(f.explanation).toContain('请核实');
  });

  it('matches a 15-digit ID in one roster with its 18-digit form in the other', async () => {
    county = new County();
    // 410522 + 500101 + 021 (15-digit legacy) ↔ 410522 19500101 021 + check char
    const full = makeId('19500101', 21);
    await county.load('dibao', P, [{ 姓名: '丁', 身份证号: '410522500101021', 状态: '在保' }]);
    await county.load('tekun', P, [{ 姓名: '丁', 身份证号: full }]);
    expect(tuples(await county.check(P), 'dibao-tekun-overlap')).toEqual([['dibao-tekun-overlap', full, '新增']]);
  });

  it('is skipped, with the reason, when no 特困 roster is loaded', async () => {
    county = new County();
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: makeId('19500101', 11) }]);
    const o = ruleState(await county.check(P), 'dibao-tekun-overlap')!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：本期未导入特困名单');
  });
});
