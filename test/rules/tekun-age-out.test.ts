import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const R = 'tekun-age-out';
const P = '2024-11'; // 基准日 2024-11-30
let county: County;
afterEach(() => county?.close());

const sorted = (ids: string[]) => ids.map((id) => [R, id, '新增']).sort((a, b) => a[1]!.localeCompare(b[1]!));

describe('tekun-age-out 特困未成年人年满18周岁', () => {
  it('flags 特困 persons now of age, admitted as minors, not in school', async () => {
    county = new County();
    const adult = makeId('20060510', 11); // 18, admitted 2015-03 at 8, 未在校: flagged
    const seventeen = makeId('20061215', 13); // 17 at 基准日: near miss
    const highSchool = makeId('20060101', 15); // 18 but 普通高中在读: exempt
    const birthdayOnRef = makeId('20061130', 17); // turns 18 on 基准日: flagged
    const adultAdmitted = makeId('19900101', 19); // admitted 2020-01 at 30: not an age-out
    const dropout = makeId('20000101', 21); // 24, start unknown, 辍学: flagged
    const sixty = makeId('19640101', 23); // 60: out of range
    const nonStudent = makeId('20050301', 25); // 非在校生 contains 在校: still flagged
    const student = makeId('20050302', 27); // 在校生: exempt
    const startedAt18 = makeId('20060301', 29); // start 2024-03: 18 on 2024-03-01, admitted as an adult
    const startedAt17 = makeId('20060315', 31); // start 2024-03: 17 on 2024-03-01, flagged
    const stopped = makeId('20060102', 33); // 停保
    await county.load('tekun', P, [
      { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: adult, 最初享受月份: '2015-03', 在校状况: '未在校' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: seventeen, 最初享受月份: '2015-03', 在校状况: '未在校' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '丙', 身份证号: highSchool, 最初享受月份: '2015-03', 在校状况: '普通高中在读' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '丁', 身份证号: birthdayOnRef, 最初享受月份: '2016-01' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '戊', 身份证号: adultAdmitted, 最初享受月份: '2020-01', 在校状况: '未在校' },
      { 乡镇: '西关镇', 村: '南村', 姓名: '己', 身份证号: dropout, 在校状况: '辍学' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '庚', 身份证号: sixty, 在校状况: '未在校' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '辛', 身份证号: nonStudent, 在校状况: '非在校生' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '壬', 身份证号: student, 在校状况: '在校生' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '癸', 身份证号: startedAt18, 最初享受月份: '2024-03' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '子', 身份证号: startedAt17, 最初享受月份: '2024-03' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '丑', 身份证号: stopped, 状态: '停保' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([adult, birthdayOnRef, dropout, nonStudent, startedAt17]));
    const mine = r.findings.filter((f) => f.rule === R);
    const a = mine.find((f) => f.id_number === adult)!;
    expect(a.explanation).toContain('出生于 2006-05-10');
    expect(a.explanation).toContain('2024-05-10 年满 18 周岁');
    expect(a.explanation).toContain('最初享受月份 2015-03（时年 8 岁）');
    expect(a.explanation).toContain('在校状况为“未在校”');
    expect(a.explanation).toContain('请核实');
    expect(a.township).toBe('城关镇');
    expect(a.detail).toEqual({ start_month: '2015-03', school_status: '未在校' });
    const d = mine.find((f) => f.id_number === dropout)!;
    expect(d.explanation).toContain('最初享受月份未填写');
    expect(d.township).toBe('西关镇');
  });

  it('takes the age from the config', async () => {
    county = new County({ [R]: { age: 20 } });
    const eighteen = makeId('20060510', 11);
    const twenty = makeId('20040510', 13);
    await county.load('tekun', P, [
      { 姓名: '甲', 身份证号: eighteen, 最初享受月份: '2015-03' },
      { 姓名: '乙', 身份证号: twenty, 最初享受月份: '2015-03' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([twenty]));
    expect(r.findings.find((f) => f.rule === R)!.explanation).toContain('年满 20 周岁');
  });

  it('is skipped, with the reason, without a 特困 roster', async () => {
    county = new County();
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: makeId('20060510', 11) }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：本期未导入特困名单');
  });
});
