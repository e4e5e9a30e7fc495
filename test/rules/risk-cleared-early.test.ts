import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const P = '2024-11';
const R = 'risk-cleared-early';
let county: County;
afterEach(() => county?.close());

const three = makeId('19700101', 11);
const six = makeId('19710101', 13);
const five = makeId('19720101', 15);
const notCleared = makeId('19730101', 17);
const noDate = makeId('19740101', 19);
const backwards = makeId('19750101', 21);

async function load(c: County): Promise<void> {
  await c.load('fangpin', P, [
    { 乡镇: '河口乡', 村: '南村', 姓名: '甲', 身份证号: three, 风险是否消除: '是', 风险识别时间: '2024年6月', 风险消除时间: '2024.09' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '乙', 身份证号: six, 风险是否消除: '是', 风险识别时间: '2024-01', 风险消除时间: '2024-07' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '丙', 身份证号: five, 风险是否消除: '是', 风险识别时间: '202402', 风险消除时间: '2024/7/31' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '丁', 身份证号: notCleared, 风险是否消除: '否', 风险识别时间: '2024-06', 风险消除时间: '2024-08' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '戊', 身份证号: noDate, 风险是否消除: '是', 风险识别时间: '2024-06', 风险消除时间: '' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '己', 身份证号: backwards, 风险是否消除: '是', 风险识别时间: '2024-08', 风险消除时间: '2024-05' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '庚', 身份证号: '4.10522E+17', 风险是否消除: '是', 风险识别时间: '2024-06', 风险消除时间: '2024-07' },
  ]);
}

describe('risk-cleared-early 风险消除监测期不足', () => {
  it('flags 风险已消除 rows monitored fewer than 6 months; not 6 months, 否, a missing date or a truncated ID', async () => {
    county = new County();
    await load(county);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([[R, three, '新增'], [R, five, '新增'], [R, backwards, '新增']].sort((a, b) => a[1]!.localeCompare(b[1]!)));
    const f = r.findings.find((x) => x.rule === R && x.id_number === three)!;
    expect(f.explanation).toContain('风险识别时间 2024-06、风险消除时间 2024-09');
    expect(f.explanation).toContain('监测期仅 3 个月，不足 6 个月');
    expect(f.explanation).toMatch(/请核实。$/);
    expect(f.township).toBe('河口乡');
    expect(f.village).toBe('南村');
    expect(r.findings.find((x) => x.rule === R && x.id_number === backwards)!.explanation).toContain('反而更早');
  });

  it('uses a non-default number of months', async () => {
    county = new County({ [R]: { months: 3 } });
    await load(county);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([[R, backwards, '新增']]);
    expect(r.findings.find((x) => x.rule === R)!.explanation).toContain('要求监测满 3 个月');
  });

  it('is skipped without the 风险识别时间 column', async () => {
    county = new County();
    await county.load('fangpin', P, [{ 姓名: '甲', 身份证号: three, 风险是否消除: '是', 风险消除时间: '2024-09' }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：防返贫名单没有“风险识别时间”列');
  });
});
