import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const R = 'duplicate-in-roster';
const P = '2024-11';
let county: County;
afterEach(() => county?.close());

describe('duplicate-in-roster 同一名单内重复', () => {
  it('flags an ID on two active rows of one roster, one finding per kind; not 停保 rows, both subsidies or truncated IDs', async () => {
    county = new County();
    const cross = makeId('19500101', 11); // two 低保 rows in two townships
    const stopped = makeId('19510101', 13); // second row 停保
    const twoKinds = makeId('19520101', 15); // duplicated in 低保 and in 特困: two findings
    const bothSubsidies = makeId('19530101', 17); // 生活补贴 + 护理补贴: rightly both
    const sameSubsidy = makeId('19540101', 19); // 生活补贴 twice
    const single = makeId('19550101', 21);
    await county.load('dibao', P, [
      { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: cross, 低保证号: 'DB001', 状态: '在保' },
      { 乡镇: '西关镇', 村: '南村', 姓名: '甲', 身份证号: cross, 低保证号: 'DB207', 状态: '在保' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: stopped, 低保证号: 'DB002', 状态: '在保' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: stopped, 低保证号: 'DB003', 状态: '停保' },
      { 乡镇: '城关镇', 村: '北村', 姓名: '丙', 身份证号: twoKinds, 低保证号: 'DB004', 状态: '在保' },
      { 乡镇: '城关镇', 村: '北村', 姓名: '丙', 身份证号: twoKinds, 低保证号: 'DB004', 状态: '在保' },
      { 乡镇: '城关镇', 村: '北村', 姓名: '己', 身份证号: single, 低保证号: 'DB005', 状态: '在保' },
      // The same truncated number twice: not joinable, so not a duplicate (id-invalid reports it).
      { 乡镇: '城关镇', 村: '北村', 姓名: '庚', 身份证号: '4.10522E+17', 低保证号: 'DB006', 状态: '在保' },
      { 乡镇: '城关镇', 村: '北村', 姓名: '庚', 身份证号: '4.10522E+17', 低保证号: 'DB007', 状态: '在保' },
    ]);
    await county.load('tekun', P, [
      { 乡镇: '城关镇', 村: '北村', 姓名: '丙', 身份证号: twoKinds },
      { 乡镇: '城关镇', 村: '北村', 姓名: '丙', 身份证号: twoKinds },
    ]);
    await county.load('liangbu', P, [
      { 乡镇: '城关镇', 姓名: '丁', 身份证号: bothSubsidies, 补贴类型: '困难残疾人生活补贴' },
      { 乡镇: '城关镇', 姓名: '丁', 身份证号: bothSubsidies, 补贴类型: '重度残疾人护理补贴' },
      { 乡镇: '城关镇', 村: '西村', 姓名: '戊', 身份证号: sameSubsidy, 补贴类型: '困难残疾人生活补贴' },
      { 乡镇: '城关镇', 村: '西村', 姓名: '戊', 身份证号: sameSubsidy, 补贴类型: '困难残疾人生活补贴' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([
      [R, cross, '新增'],
      [R, twoKinds, '新增'],
      [R, twoKinds, '新增'],
      [R, sameSubsidy, '新增'],
    ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))));

    const mine = r.findings.filter((f) => f.rule === R);
    const c = mine.find((f) => f.id_number === cross)!;
    expect(c.explanation).toContain('低保名单');
    expect(c.explanation).toContain('跨乡镇');
    expect(c.explanation).toContain('DB001、DB207');
    expect(c.explanation).toContain('请核实');
    expect(c.detail).toMatchObject({ townships: ['城关镇', '西关镇'], cross_township: true, cases: ['DB001', 'DB207'] });
    expect(['城关镇', '西关镇']).toContain(c.township);

    const two = mine.filter((f) => f.id_number === twoKinds);
    expect(two.map((f) => f.kinds[0]).sort()).toEqual(['dibao', 'tekun']);
    expect(new Set(two.map((f) => f.finding_id)).size).toBe(2);
    expect(two.every((f) => !f.explanation.includes('跨乡镇'))).toBe(true);
    expect(two.find((f) => f.kinds[0] === 'dibao')!.township).toBe('城关镇');

    const s = mine.find((f) => f.id_number === sameSubsidy)!;
    expect(s.explanation).toContain('两项补贴名单中生活补贴');
    expect(s.village).toBe('西村');
  });

  it('keeps the same finding (持续) the next month', async () => {
    county = new County();
    const dup = makeId('19500101', 11);
    for (const period of ['2024-10', '2024-11']) {
      await county.load('tekun', period, [
        { 乡镇: '城关镇', 姓名: '甲', 身份证号: dup },
        { 乡镇: '城关镇', 姓名: '甲', 身份证号: dup },
      ]);
    }
    const first = (await county.check('2024-10')).findings.find((f) => f.rule === R)!;
    const r = await county.check('2024-11');
    expect(tuples(r, R)).toEqual([[R, dup, '持续']]);
    expect(r.findings.find((f) => f.rule === R)!.finding_id).toBe(first.finding_id);
  });

  it('checks whichever rosters are loaded: 防返贫 with its 户编号, 残疾人', async () => {
    county = new County();
    const fp = makeId('19600101', 11);
    const cj = makeId('19610101', 13);
    await county.load('fangpin', P, [
      { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: fp, 户编号: 'H01' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: fp, 户编号: 'H09' },
    ]);
    await county.load('canji', P, [
      { 乡镇: '城关镇', 姓名: '乙', 身份证号: cj, 残疾类别: '肢体', 残疾等级: '二级' },
      { 乡镇: '城关镇', 姓名: '乙', 身份证号: cj, 残疾类别: '肢体', 残疾等级: '二级' },
    ]);
    const r = await county.check(P);
    expect(ruleState(r, R)?.state).toBe('ran');
    expect(tuples(r, R)).toEqual([[R, fp, '新增'], [R, cj, '新增']].sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
    expect(r.findings.find((f) => f.id_number === fp)!.explanation).toContain('户编号：H01、H09');
  });
});
