import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const P = '2024-11';
const R = 'nursing-grade';
let county: County;
afterEach(() => county?.close());

const grade1 = makeId('19600101', 11);
const grade3 = makeId('19610101', 13);
const twoRows = makeId('19620101', 15);
const ownGrade3 = makeId('19630101', 17);
const noGrade = makeId('19640101', 19);
const living4 = makeId('19650101', 21);
const canjiWins = makeId('19660101', 23);
const stopped4 = makeId('19670101', 25);

async function load(c: County): Promise<void> {
  await c.load('canji', P, [
    { 乡镇: '河口乡', 姓名: '甲', 身份证号: grade1, 残疾类别: '肢体', 残疾等级: '一级' },
    { 乡镇: '河口乡', 姓名: '乙', 身份证号: grade3, 残疾类别: '肢体', 残疾等级: '三级' },
    { 乡镇: '河口乡', 姓名: '丙', 身份证号: twoRows, 残疾类别: '肢体', 残疾等级: '三级' },
    { 乡镇: '河口乡', 姓名: '丙', 身份证号: twoRows, 残疾类别: '视力', 残疾等级: '二级' },
    { 乡镇: '河口乡', 姓名: '己', 身份证号: living4, 残疾类别: '肢体', 残疾等级: '四级' },
    { 乡镇: '河口乡', 姓名: '庚', 身份证号: canjiWins, 残疾类别: '肢体', 残疾等级: '二级' },
    { 乡镇: '河口乡', 姓名: '辛', 身份证号: stopped4, 残疾类别: '肢体', 残疾等级: '四级' },
  ]);
  await c.load('liangbu', P, [
    { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: grade1, 补贴类型: '护理补贴' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: grade3, 补贴类型: '护理补贴' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '丙', 身份证号: twoRows, 补贴类型: '护理补贴' },
    { 乡镇: '城关镇', 村: '西村', 姓名: '丁', 身份证号: ownGrade3, 补贴类型: '护理补贴', 残疾等级: '三级' },
    { 乡镇: '城关镇', 村: '西村', 姓名: '戊', 身份证号: noGrade, 补贴类型: '护理补贴' },
    { 乡镇: '城关镇', 村: '西村', 姓名: '己', 身份证号: living4, 补贴类型: '生活补贴' },
    { 乡镇: '城关镇', 村: '西村', 姓名: '庚', 身份证号: canjiWins, 补贴类型: '护理补贴', 残疾等级: '三级' },
    { 乡镇: '城关镇', 村: '西村', 姓名: '辛', 身份证号: stopped4, 补贴类型: '护理补贴', 状态: '停保' },
    { 乡镇: '城关镇', 村: '西村', 姓名: '壬', 身份证号: '4.10522E+17', 补贴类型: '护理补贴', 残疾等级: '四级' },
  ]);
}

describe('nursing-grade 护理补贴等级不符', () => {
  it('flags 护理补贴 recipients graded outside 一二级 (most severe 残疾人 grade, else the 两项补贴 column)', async () => {
    county = new County();
    await load(county);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([[R, grade3, '新增'], [R, ownGrade3, '新增']].sort((a, b) => a[1]!.localeCompare(b[1]!)));
    const f = r.findings.find((x) => x.rule === R && x.id_number === grade3)!;
    expect(f.explanation).toContain('最重等级为肢体三级');
    expect(f.explanation).toContain('认可等级：一级、二级');
    expect(f.explanation).toMatch(/请核实。$/);
    expect(f.township).toBe('城关镇'); // the 两项补贴 row places the person before the 残疾人 row
    expect(f.sources.map((s) => s.kind)).toEqual(['liangbu', 'canji']);
    const own = r.findings.find((x) => x.rule === R && x.id_number === ownGrade3)!;
    expect(own.explanation).toContain('两项补贴名单记载为三级');
    expect(own.village).toBe('西村');
  });

  it('uses a non-default allowed set', async () => {
    county = new County({ [R]: { allowed: ['1', '2', '3'] } });
    await load(county);
    expect(tuples(await county.check(P), R)).toEqual([]);
  });

  it('rejects an allowed grade outside 1–4', async () => {
    county = new County({ [R]: { allowed: ['1', '5'] } });
    await load(county);
    await expect(county.check(P)).rejects.toThrow(/「5」不在其中/);
  });

  it('is skipped without the 两项补贴 roster', async () => {
    county = new County();
    await county.load('canji', P, [{ 姓名: '甲', 身份证号: grade3, 残疾类别: '肢体', 残疾等级: '三级' }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：本期未导入两项补贴名单');
  });
});
