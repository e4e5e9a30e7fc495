import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const P = '2024-11';
const R = 'danrenbao-basis';
let county: County;
afterEach(() => county?.close());

const limb3 = makeId('19600101', 11);
const mental3 = makeId('19610101', 13);
const absent = makeId('19620101', 15);
const whole = makeId('19630101', 17);
const stopped = makeId('19640101', 19);
const limb2 = makeId('19650101', 21);

async function loadBasic(c: County): Promise<void> {
  await c.load('dibao', P, [
    { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: limb3, 施保方式: '单人保', 状态: '在保' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: mental3, 施保方式: '单人保', 状态: '在保' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '丙', 身份证号: absent, 施保方式: '单人保', 状态: '在保' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '丁', 身份证号: whole, 施保方式: '整户保', 状态: '在保' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '戊', 身份证号: stopped, 施保方式: '单人保', 状态: '停保' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '己', 身份证号: limb2, 施保方式: '单人保', 状态: '在保' },
    // Excel-truncated ID: must not match anything
    { 乡镇: '河口乡', 村: '南村', 姓名: '庚', 身份证号: '4.10522E+17', 施保方式: '单人保', 状态: '在保' },
  ]);
  await c.load('canji', P, [
    { 乡镇: '城关镇', 姓名: '甲', 身份证号: limb3, 残疾类别: '肢体', 残疾等级: '三级' },
    { 乡镇: '城关镇', 姓名: '乙', 身份证号: mental3, 残疾类别: '精神', 残疾等级: '三级' },
    { 乡镇: '河口乡', 姓名: '己', 身份证号: limb2, 残疾类别: '肢体', 残疾等级: '二级' },
  ]);
}

describe('danrenbao-basis 单人保依据存疑', () => {
  it('flags active 单人保 persons without a severe disability; not 整户保, 停保, 精神三级, 肢体二级 or a truncated ID', async () => {
    county = new County();
    await loadBasic(county);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([
      [R, limb3, '新增'],
      [R, absent, '新增'],
    ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
    const f1 = r.findings.find((f) => f.rule === R && f.id_number === limb3)!;
    expect(f1.township).toBe('城关镇');
    expect(f1.village).toBe('东村');
    expect(f1.explanation).toContain('单人保');
    expect(f1.explanation).toContain('肢体三级');
    expect(f1.explanation).toContain('认可：一级、二级、智力三级、精神三级');
    expect(f1.explanation).toMatch(/请核实。$/);
    expect(f1.sources.map((s) => s.kind).sort()).toEqual(['canji', 'dibao']);
    const f2 = r.findings.find((f) => f.rule === R && f.id_number === absent)!;
    expect(f2.explanation).toContain('残疾人名单中没有此人');
    expect(f2.township).toBe('河口乡');
  });

  it('uses a non-default qualifying list', async () => {
    county = new County({ [R]: { qualifying: ['任意1'] } });
    await loadBasic(county);
    const r = await county.check(P);
    expect(tuples(r, R).map((t) => t[1]).sort()).toEqual([limb3, mental3, absent, limb2].sort());
    expect(r.findings.find((f) => f.rule === R && f.id_number === limb2)!.explanation).toContain('认可：一级');
  });

  it('is skipped without the 施保方式 column or without the 残疾人 roster', async () => {
    county = new County();
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: limb3, 状态: '在保' }]);
    await county.load('canji', P, [{ 姓名: '甲', 身份证号: limb3, 残疾类别: '肢体', 残疾等级: '三级' }]);
    let o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：低保名单没有“施保方式”列');
    county.close();
    county = new County();
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: limb3, 施保方式: '单人保' }]);
    o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：本期未导入残疾人名单');
  });
});
