import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const R = 'fangpin-flag-mismatch';
const P = '2024-11';
let county: County;
afterEach(() => county?.close());

const sorted = (ids: string[]) => ids.map((id) => [R, id, '新增']).sort((a, b) => a[1]!.localeCompare(b[1]!));

describe('fangpin-flag-mismatch 防返贫信息与民政名单不一致', () => {
  it('flags 是 without an active row and 否 with one, for 低保 and 特困', async () => {
    county = new County();
    const yesMissing = makeId('19600101', 11); // 享受低保=是, not in 低保
    const yesOk = makeId('19600201', 13); // 是 and 在保
    const noActive = makeId('19600301', 15); // 否 but 在保
    const noStopped = makeId('19600401', 17); // 否, 低保 row 停保: consistent
    const tekunYes = makeId('19600501', 19); // 特困=是, not in 特困
    const tekunOk = makeId('19600601', 21); // 特困=否, not in 特困
    const blank = makeId('19600701', 23); // flags empty: nothing to compare
    const yesStopped = makeId('19600801', 25); // 是 but the 低保 row is 停保
    await county.load('fangpin', P, [
      { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: yesMissing, 是否享受低保: '是', 是否特困供养人员: '否' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: yesOk, 是否享受低保: '是', 是否特困供养人员: '否' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '丙', 身份证号: noActive, 是否享受低保: '否', 是否特困供养人员: '否' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '丁', 身份证号: noStopped, 是否享受低保: '否', 是否特困供养人员: '否' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '戊', 身份证号: tekunYes, 是否享受低保: '否', 是否特困供养人员: '是' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '己', 身份证号: tekunOk, 是否享受低保: '否', 是否特困供养人员: '否' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '庚', 身份证号: blank },
      { 乡镇: '城关镇', 村: '东村', 姓名: '辛', 身份证号: yesStopped, 是否享受低保: '是', 是否特困供养人员: '否' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '壬', 身份证号: '4.10522E+17', 是否享受低保: '是', 是否特困供养人员: '否' },
    ]);
    await county.load('dibao', P, [
      { 乡镇: '西关镇', 村: '南村', 姓名: '乙', 身份证号: yesOk, 状态: '在保' },
      { 乡镇: '西关镇', 村: '南村', 姓名: '丙', 身份证号: noActive, 状态: '在保' },
      { 乡镇: '西关镇', 村: '南村', 姓名: '丁', 身份证号: noStopped, 状态: '停保' },
      { 乡镇: '西关镇', 村: '南村', 姓名: '辛', 身份证号: yesStopped, 状态: '停保' },
    ]);
    await county.load('tekun', P, [{ 乡镇: '城关镇', 姓名: '某', 身份证号: makeId('19300101', 27) }]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([yesMissing, noActive, tekunYes, yesStopped]));
    const mine = r.findings.filter((f) => f.rule === R);
    const a = mine.find((f) => f.id_number === yesMissing)!;
    expect(a.explanation).toContain('“是否享受低保”为“是”，但本月低保名单中没有此人在保记录');
    expect(a.explanation).toContain('请核对并同步');
    expect(a.explanation).not.toContain('未导入');
    expect(a.township).toBe('城关镇');
    expect(a.detail).toEqual({ dibao: '标为是但不在保' });
    const n = mine.find((f) => f.id_number === noActive)!;
    expect(n.explanation).toContain('“是否享受低保”为“否”，但本月低保名单中此人在保');
    // 民政 roster places the person.
    expect(n.township).toBe('西关镇');
    expect(n.kinds.sort()).toEqual(['dibao', 'fangpin']);
    expect(mine.find((f) => f.id_number === tekunYes)!.explanation).toContain('“是否特困供养人员”为“是”，但本月特困名单中没有此人在保记录');
  });

  it('compares only 低保 when 特困 is not loaded, and says so', async () => {
    county = new County();
    const a = makeId('19600101', 11);
    const b = makeId('19600201', 13);
    await county.load('fangpin', P, [
      { 姓名: '甲', 身份证号: a, 是否享受低保: '是', 是否特困供养人员: '否' },
      { 姓名: '乙', 身份证号: b, 是否享受低保: '否', 是否特困供养人员: '是' },
    ]);
    await county.load('dibao', P, [{ 姓名: '丙', 身份证号: makeId('19500101', 15) }]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([a]));
    expect(r.findings.find((f) => f.rule === R)!.explanation).toContain('本期未导入特困名单，未比对特困');
  });

  it('is skipped, with the reason, when the 防返贫 roster has neither flag column', async () => {
    county = new County();
    await county.load('fangpin', P, [{ 姓名: '甲', 身份证号: makeId('19600101', 11), 劳动技能: '普通劳动力' }]);
    await county.load('dibao', P, [{ 姓名: '乙', 身份证号: makeId('19500101', 13) }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：防返贫名单没有“是否享受低保”“是否特困供养人员”列');
  });

  it('is skipped, with the reason, without a 防返贫 roster', async () => {
    county = new County();
    await county.load('dibao', P, [{ 姓名: '乙', 身份证号: makeId('19500101', 13) }]);
    expect(ruleState(await county.check(P), R)?.reason).toBe('跳过：本期未导入防返贫名单');
  });
});
