import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const R = 'tekun-labor-check';
const P = '2024-11'; // 基准日 2024-11-30
let county: County;
afterEach(() => county?.close());

const sorted = (ids: string[]) => ids.map((id) => [R, id, '新增']).sort((a, b) => a[1]!.localeCompare(b[1]!));

describe('tekun-labor-check 特困人员劳动能力存疑', () => {
  it('flags working-age 特困 persons, not in school, without a qualifying disability', async () => {
    county = new County();
    const noCanji = makeId('19840101', 11); // 40, not in 残疾人: flagged
    const limb1 = makeId('19840201', 13); // 40, 肢体一级: qualifies
    const limb3 = makeId('19840301', 15); // 40, 肢体三级: flagged
    const minor = makeId('20070101', 17); // 17: near miss
    const sixty = makeId('19641130', 19); // 60 on 基准日: near miss
    const fiftyNine = makeId('19641201', 21); // 59: flagged
    const vocational = makeId('19990101', 23); // 25, 中职在读: exempt
    const mental3 = makeId('19940101', 25); // 智力三级: qualifies
    const sight2 = makeId('19940201', 27); // 视力二级: flagged
    const stopped = makeId('19840401', 29); // 停保
    const eighteen = makeId('20061130', 31); // 18 on 基准日, 未在校: flagged
    await county.load('tekun', P, [
      { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: noCanji, 在校状况: '' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: limb1 },
      { 乡镇: '城关镇', 村: '东村', 姓名: '丙', 身份证号: limb3 },
      { 乡镇: '城关镇', 村: '东村', 姓名: '丁', 身份证号: minor },
      { 乡镇: '城关镇', 村: '东村', 姓名: '戊', 身份证号: sixty },
      { 乡镇: '城关镇', 村: '东村', 姓名: '己', 身份证号: fiftyNine },
      { 乡镇: '城关镇', 村: '东村', 姓名: '庚', 身份证号: vocational, 在校状况: '中职在读' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '辛', 身份证号: mental3 },
      { 乡镇: '城关镇', 村: '东村', 姓名: '壬', 身份证号: sight2 },
      { 乡镇: '城关镇', 村: '东村', 姓名: '癸', 身份证号: stopped, 状态: '停保' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '子', 身份证号: eighteen, 在校状况: '未在校' },
    ]);
    await county.load('canji', P, [
      { 乡镇: '西关镇', 姓名: '乙', 身份证号: limb1, 残疾类别: '肢体', 残疾等级: '一级' },
      { 乡镇: '西关镇', 姓名: '丙', 身份证号: limb3, 残疾类别: '肢体', 残疾等级: '三级' },
      { 乡镇: '西关镇', 姓名: '辛', 身份证号: mental3, 残疾类别: '智力', 残疾等级: '三级' },
      { 乡镇: '西关镇', 姓名: '壬', 身份证号: sight2, 残疾类别: '视力', 残疾等级: '二级' },
      // Truncated ID: cannot lend its 一级 to anyone.
      { 乡镇: '西关镇', 姓名: '甲', 身份证号: '4.10522E+17', 残疾类别: '肢体', 残疾等级: '一级' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([noCanji, limb3, fiftyNine, sight2, eighteen]));
    const mine = r.findings.filter((f) => f.rule === R);
    const a = mine.find((f) => f.id_number === noCanji)!;
    expect(a.explanation).toContain('40 岁');
    expect(a.explanation).toContain('残疾人名单中没有此人');
    expect(a.explanation).toContain('在校状况未填写');
    expect(a.explanation).toContain('智力一级');
    expect(a.explanation).toContain('请核实');
    expect(a.township).toBe('城关镇');
    const c = mine.find((f) => f.id_number === limb3)!;
    expect(c.explanation).toContain('残疾人名单记载为肢体三级');
    // 特困 (民政) places the person, not the 残疾人 roster.
    expect(c.township).toBe('城关镇');
    expect(c.kinds.sort()).toEqual(['canji', 'tekun']);
    expect(c.detail).toEqual({ disabilities: ['肢体三级'] });
  });

  it('takes the qualifying list from the config', async () => {
    county = new County({ [R]: { qualifying: ['肢体3'] } });
    const limb1 = makeId('19840201', 13);
    const limb3 = makeId('19840301', 15);
    await county.load('tekun', P, [
      { 姓名: '乙', 身份证号: limb1 },
      { 姓名: '丙', 身份证号: limb3 },
    ]);
    await county.load('canji', P, [
      { 姓名: '乙', 身份证号: limb1, 残疾类别: '肢体', 残疾等级: '一级' },
      { 姓名: '丙', 身份证号: limb3, 残疾类别: '肢体', 残疾等级: '三级' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([limb1]));
    expect(r.findings.find((f) => f.rule === R)!.explanation).toContain('认可：肢体三级');
  });

  it('is skipped, with the reason, without a 残疾人 roster', async () => {
    county = new County();
    await county.load('tekun', P, [{ 姓名: '甲', 身份证号: makeId('19840101', 11) }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：本期未导入残疾人名单');
  });
});
