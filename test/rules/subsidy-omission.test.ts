import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const P = '2024-11';
const R = 'subsidy-omission';
let county: County;
afterEach(() => county?.close());

const dibaoLimb3 = makeId('19600101', 11);
const dibaoPaid = makeId('19610101', 13);
const dibaoLimb1 = makeId('19620101', 15);
const vision2 = makeId('19630101', 17);
const tekunLimb1 = makeId('19640101', 19);
const nursed = makeId('19650101', 21);
const limb3Only = makeId('19660101', 23);
const subsidyStopped = makeId('19670101', 25);
const dibaoStopped = makeId('19680101', 27);

const sorted = (ids: string[]) => ids.map((id) => [R, id, '新增']).sort((a, b) => a[1]!.localeCompare(b[1]!));

async function loadCanjiLiangbu(c: County): Promise<void> {
  await c.load('canji', P, [
    { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: dibaoLimb3, 残疾类别: '肢体', 残疾等级: '三级' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: dibaoPaid, 残疾类别: '肢体', 残疾等级: '三级' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '丙', 身份证号: dibaoLimb1, 残疾类别: '肢体', 残疾等级: '一级' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '丁', 身份证号: vision2, 残疾类别: '视力', 残疾等级: '二级' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '戊', 身份证号: tekunLimb1, 残疾类别: '肢体', 残疾等级: '一级' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '己', 身份证号: nursed, 残疾类别: '肢体', 残疾等级: '二级' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '庚', 身份证号: limb3Only, 残疾类别: '肢体', 残疾等级: '三级' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '辛', 身份证号: subsidyStopped, 残疾类别: '听力', 残疾等级: '四级' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '壬', 身份证号: dibaoStopped, 残疾类别: '听力', 残疾等级: '四级' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '癸', 身份证号: '4.10522E+17', 残疾类别: '肢体', 残疾等级: '一级' },
  ]);
  await c.load('liangbu', P, [
    { 姓名: '乙', 身份证号: dibaoPaid, 补贴类型: '困难残疾人生活补贴' },
    { 姓名: '己', 身份证号: nursed, 补贴类型: '重度残疾人护理补贴' },
    { 姓名: '辛', 身份证号: subsidyStopped, 补贴类型: '困难残疾人生活补贴', 状态: '停保' },
  ]);
}

describe('subsidy-omission 两项补贴疑似漏发', () => {
  it('flags (a) 低保+残疾 without 生活补贴 and (b) 一二级 non-特困 without 护理补贴, one finding when both apply', async () => {
    county = new County();
    await county.load('dibao', P, [
      { 乡镇: '城关镇', 村: '西村', 姓名: '甲', 身份证号: dibaoLimb3 },
      { 乡镇: '城关镇', 村: '西村', 姓名: '乙', 身份证号: dibaoPaid },
      { 乡镇: '城关镇', 村: '西村', 姓名: '丙', 身份证号: dibaoLimb1 },
      { 乡镇: '城关镇', 村: '西村', 姓名: '辛', 身份证号: subsidyStopped },
      { 乡镇: '城关镇', 村: '西村', 姓名: '壬', 身份证号: dibaoStopped, 状态: '停保' },
    ]);
    await county.load('tekun', P, [{ 姓名: '戊', 身份证号: tekunLimb1 }]);
    await loadCanjiLiangbu(county);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([dibaoLimb3, dibaoLimb1, vision2, subsidyStopped]));
    const a = r.findings.find((f) => f.rule === R && f.id_number === dibaoLimb3)!;
    expect(a.explanation).toContain('没有在发的困难残疾人生活补贴');
    expect(a.explanation).not.toContain('护理补贴');
    expect(a.explanation).toMatch(/请核对。$/);
    expect(a.township).toBe('城关镇');
    expect(a.village).toBe('西村'); // the 低保 row places the person
    const both = r.findings.filter((f) => f.rule === R && f.id_number === dibaoLimb1);
    expect(both).toHaveLength(1);
    expect(both[0]!.explanation).toContain('生活补贴');
    expect(both[0]!.explanation).toContain('重度残疾人护理补贴');
    const b = r.findings.find((f) => f.rule === R && f.id_number === vision2)!;
    expect(b.explanation).toContain('视力二级');
    expect(b.explanation).toContain('不是特困供养人员');
    expect(b.explanation).not.toContain('生活补贴');
  });

  it('runs part (b) only when no 低保 roster is loaded, and says so', async () => {
    county = new County();
    await county.load('tekun', P, [{ 姓名: '戊', 身份证号: tekunLimb1 }]);
    await loadCanjiLiangbu(county);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([dibaoLimb1, vision2]));
    expect(r.findings.find((f) => f.rule === R)!.explanation).toContain('本期未导入低保名单，未比对生活补贴');
  });

  it('is skipped without the 残疾人 roster', async () => {
    county = new County();
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: dibaoLimb3 }]);
    await county.load('liangbu', P, [{ 姓名: '乙', 身份证号: dibaoPaid, 补贴类型: '生活补贴' }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：本期未导入残疾人名单');
  });
});
