import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const R = 'not-monitored';
const P = '2024-11';
let county: County;
afterEach(() => county?.close());

const sorted = (ids: string[]) => ids.map((id) => [R, id, '新增']).sort((a, b) => a[1]!.localeCompare(b[1]!));

describe('not-monitored 农村低保特困未纳入防返贫名单', () => {
  it('flags rural or area-unknown 低保/特困 persons absent from the 防返贫 roster', async () => {
    county = new County();
    const rural = makeId('19600101', 11); // 农村, not monitored: flagged
    const urban = makeId('19600201', 13); // 城市: near miss
    const unknown = makeId('19600301', 15); // area not filled: flagged
    const monitored = makeId('19600401', 17); // 农村, on the 防返贫 roster (even as 退出): present
    const stopped = makeId('19600501', 19); // 农村 but 停保
    const tekunRural = makeId('19600601', 21); // 特困 农村: flagged
    const truncatedTwin = makeId('19600701', 23); // on 防返贫 only with a truncated ID: cannot be matched, so absent
    await county.load('dibao', P, [
      { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: rural, 城乡类别: '农村', 状态: '在保' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: urban, 城乡类别: '城市', 状态: '在保' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '丙', 身份证号: unknown, 城乡类别: '', 状态: '在保' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '丁', 身份证号: monitored, 城乡类别: '农村', 状态: '在保' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '戊', 身份证号: stopped, 城乡类别: '农村', 状态: '停保' },
      { 乡镇: '城关镇', 村: '东村', 姓名: '庚', 身份证号: truncatedTwin, 城乡类别: '农村', 状态: '在保' },
    ]);
    await county.load('tekun', P, [{ 乡镇: '西关镇', 村: '南村', 姓名: '己', 身份证号: tekunRural, 城乡类别: '农村' }]);
    await county.load('fangpin', P, [
      { 乡镇: '城关镇', 姓名: '丁', 身份证号: monitored, 状态: '退出' },
      { 乡镇: '城关镇', 姓名: '庚', 身份证号: '4.10522E+17' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sorted([rural, unknown, tekunRural, truncatedTwin]));
    const mine = r.findings.filter((f) => f.rule === R);
    const a = mine.find((f) => f.id_number === rural)!;
    expect(a.explanation).toContain('本月在低保名单中在保（城乡类别农村）');
    expect(a.explanation).toContain('防返贫监测/脱贫人口名单中没有此人');
    expect(a.explanation).toContain('请核对');
    expect(a.township).toBe('城关镇');
    expect(mine.find((f) => f.id_number === unknown)!.explanation).toContain('城乡类别未填写');
    const t = mine.find((f) => f.id_number === tekunRural)!;
    expect(t.explanation).toContain('特困');
    expect(t.township).toBe('西关镇');
  });

  it('uses the per-file area option', async () => {
    county = new County();
    const a = makeId('19600101', 11);
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: a }], 'dibao_city.csv', { area: '城市' });
    await county.load('fangpin', P, [{ 姓名: '乙', 身份证号: makeId('19600201', 13) }]);
    expect(tuples(await county.check(P), R)).toEqual([]);
  });

  it('is skipped without a 防返贫 roster and can be disabled', async () => {
    county = new County();
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: makeId('19600101', 11), 城乡类别: '农村' }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：本期未导入防返贫名单');
    county.close();
    county = new County({ [R]: { enabled: false } });
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: makeId('19600101', 11), 城乡类别: '农村' }]);
    await county.load('fangpin', P, [{ 姓名: '乙', 身份证号: makeId('19600201', 13) }]);
    const r = await county.check(P);
    expect(ruleState(r, R)?.state).toBe('disabled');
    expect(tuples(r, R)).toEqual([]);
  });
});
