import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const R = 'doudi-omission';
const P = '2024-11';
let county: County;
afterEach(() => county?.close());

const sorted = (ids: string[]) => ids.map((id) => [R, id, '新增']).sort((a, b) => a[1]!.localeCompare(b[1]!));

describe('doudi-omission 兜底保障疑似漏保', () => {
  it('flags 丧失劳动力 or severely disabled 防返贫 persons in neither 低保 nor 特困', async () => {
    county = new County();
    const noLabor = makeId('19600101', 11); // 丧失劳动力, nowhere: flagged
    const inDibao = makeId('19600201', 13); // 丧失劳动力, in 低保: near miss
    const dibaoStopped = makeId('19600301', 15); // 丧失劳动力, 低保 停保: flagged
    const inTekun = makeId('19600401', 17); // 丧失劳动力, in 特困: near miss
    const limb1 = makeId('19600501', 19); // 普通劳动力 but 肢体一级: flagged
    const limb3 = makeId('19600601', 21); // 肢体三级: not severe
    const mental3 = makeId('19600701', 23); // 智力三级: severe
    const weak = makeId('19600801', 25); // 弱劳动力或半劳动力: not in the default set
    const none = makeId('19600901', 27); // 无劳动力: not in the default set
    await county.load('fangpin', P, [
      { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: noLabor, 户编号: 'H1', 劳动技能: '丧失劳动力' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: inDibao, 户编号: 'H2', 劳动技能: '丧失劳动力' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '丙', 身份证号: dibaoStopped, 户编号: 'H3', 劳动技能: '丧失劳动力' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '丁', 身份证号: inTekun, 户编号: 'H4', 劳动技能: '丧失劳动力' },
      { 乡镇: '城关镇', 村: '西村', 姓名: '戊', 身份证号: limb1, 户编号: 'H5', 劳动技能: '普通劳动力' },
      { 乡镇: '城关镇', 村: '西村', 姓名: '己', 身份证号: limb3, 户编号: 'H6', 劳动技能: '普通劳动力' },
      { 乡镇: '城关镇', 村: '西村', 姓名: '庚', 身份证号: mental3, 户编号: 'H7', 劳动技能: '普通劳动力' },
      { 乡镇: '城关镇', 村: '西村', 姓名: '辛', 身份证号: weak, 户编号: 'H8', 劳动技能: '弱劳动力或半劳动力' },
      { 乡镇: '城关镇', 村: '西村', 姓名: '壬', 身份证号: none, 户编号: 'H9', 劳动技能: '无劳动力' },
      // Truncated ID: cannot be matched against anything.
      { 乡镇: '城关镇', 村: '西村', 姓名: '癸', 身份证号: '4.10522E+17', 户编号: 'H10', 劳动技能: '丧失劳动力' },
    ]);
    await county.load('dibao', P, [
      { 乡镇: '城关镇', 姓名: '乙', 身份证号: inDibao, 状态: '在保' },
      { 乡镇: '城关镇', 姓名: '丙', 身份证号: dibaoStopped, 状态: '停保' },
    ]);
    await county.load('tekun', P, [{ 乡镇: '城关镇', 姓名: '丁', 身份证号: inTekun }]);
    await county.load('canji', P, [
      { 乡镇: '城关镇', 姓名: '戊', 身份证号: limb1, 残疾类别: '肢体', 残疾等级: '一级' },
      { 乡镇: '城关镇', 姓名: '己', 身份证号: limb3, 残疾类别: '肢体', 残疾等级: '三级' },
      { 乡镇: '城关镇', 姓名: '庚', 身份证号: mental3, 残疾类别: '智力', 残疾等级: '三级' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([noLabor, dibaoStopped, limb1, mental3]));
    const mine = r.findings.filter((f) => f.rule === R);
    const a = mine.find((f) => f.id_number === noLabor)!;
    expect(a.explanation).toContain('劳动技能为“丧失劳动力”');
    expect(a.explanation).toContain('不在低保、特困供养名单');
    expect(a.explanation).toContain('请核实');
    expect(a.explanation).not.toContain('未导入');
    expect(a.township).toBe('城关镇');
    expect(a.village).toBe('东村');
    const l = mine.find((f) => f.id_number === limb1)!;
    expect(l.explanation).toContain('肢体一级');
    expect(l.explanation).toContain('重度：一级、二级、智力三级、精神三级');
    expect(l.kinds.sort()).toEqual(['canji', 'fangpin']);
    expect(l.detail).toEqual({ labor: [], disabilities: ['肢体一级'] });
  });

  it('takes the labour set from the config and runs the labour part alone without a 残疾人 roster', async () => {
    county = new County({ [R]: { labor_set: ['丧失劳动力', '无劳动力'] } });
    const none = makeId('19600101', 11);
    const lost = makeId('19600201', 13);
    const normal = makeId('19600301', 15);
    await county.load('fangpin', P, [
      { 乡镇: '城关镇', 姓名: '甲', 身份证号: none, 劳动技能: '无劳动力' },
      { 乡镇: '城关镇', 姓名: '乙', 身份证号: lost, 劳动技能: '丧失劳动力' },
      { 乡镇: '城关镇', 姓名: '丙', 身份证号: normal, 劳动技能: '普通劳动力' },
    ]);
    await county.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '丁', 身份证号: makeId('19500101', 17) }]);
    const r = await county.check(P);
    expect(ruleState(r, R)?.state).toBe('ran');
    expect(tuples(r, R)).toEqual(sorted([none, lost]));
    const f = r.findings.find((x) => x.id_number === none && x.rule === R)!;
    expect(f.explanation).toContain('认定范围：丧失劳动力、无劳动力');
    expect(f.explanation).toContain('本期未导入残疾人名单，未比对重度残疾');
    expect(f.explanation).toContain('本期未导入特困名单，只比对了低保');
  });

  it('is skipped, with the reason, without 防返贫 or without both 低保 and 特困', async () => {
    county = new County();
    await county.load('fangpin', P, [{ 姓名: '甲', 身份证号: makeId('19600101', 11), 劳动技能: '丧失劳动力' }]);
    let o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：本期未导入低保、特困名单');
    county.close();
    county = new County();
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: makeId('19600101', 11) }]);
    o = ruleState(await county.check(P), R)!;
    expect(o.reason).toBe('跳过：本期未导入防返贫名单');
  });
});
