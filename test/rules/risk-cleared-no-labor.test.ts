import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const P = '2024-11';
const R = 'risk-cleared-no-labor';
let county: County;
afterEach(() => county?.close());

const id = (n: number) => makeId(`19${40 + n}0101`, 2 * n + 1);
const row = (hh: string, name: string, idn: string, relation: string, labor: string, cleared = '') => ({
  乡镇: '河口乡', 村: '南村', 户编号: hh, 姓名: name, 身份证号: idn, 与户主关系: relation, 劳动技能: labor, 风险是否消除: cleared,
});

describe('risk-cleared-no-labor 无劳动力户标注风险消除', () => {
  it('flags a 风险已消除 household whose every member (whatever the ID) has no labour capacity, on the 户主', async () => {
    county = new County();
    await county.load('fangpin', P, [
      // H1: 户主 on the second row; 风险是否消除 on one row only
      row('H1', '甲妻', id(1), '配偶', '无劳动力'),
      row('H1', '甲', id(2), '户主', '丧失劳动力', '是'),
      row('H1', '甲母', id(3), '母亲', '丧失劳动力'),
      // H2: one member can work
      row('H2', '乙', id(4), '户主', '丧失劳动力', '是'),
      row('H2', '乙子', id(5), '之子', '弱劳动力或半劳动力', '是'),
      // H3: not marked cleared
      row('H3', '丙', id(6), '户主', '丧失劳动力', '否'),
      // H4: the 户主's ID is truncated: the finding goes on the member
      row('H4', '丁', '4.10522E+17', '户主', '丧失劳动力', '是'),
      row('H4', '丁妻', id(7), '配偶', '无劳动力', '是'),
      // H5: the member who can work has an unusable ID — still counts
      row('H5', '戊', id(8), '户主', '丧失劳动力', '是'),
      row('H5', '戊子', '4.10522E+17', '之子', '普通劳动力', '是'),
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([[R, id(2), '新增'], [R, id(7), '新增']].sort((a, b) => a[1]!.localeCompare(b[1]!)));
    const f = r.findings.find((x) => x.rule === R && x.id_number === id(2))!;
    expect(f.name).toBe('甲');
    expect(f.township).toBe('河口乡');
    expect(f.explanation).toContain('户编号 H1 全户 3 人');
    expect(f.explanation).toContain('甲母（丧失劳动力）');
    expect(f.explanation).toMatch(/请核实。$/);
    expect(r.findings.find((x) => x.rule === R && x.id_number === id(7))!.explanation).toContain('户主身份证号不可用');
  });


  it('keeps two counties\' households apart when both use the same 户编号 (domain.md §10)', async () => {
    county = new County();
    // 甲县 H1: nobody can work, marked cleared. 乙县 H1: another family, one member can work.
    await county.load('fangpin', P, [row('H1', '甲', id(11), '户主', '丧失劳动力', '是')], 'fp_甲.csv', { county: '甲县' });
    await county.load('fangpin', P, [row('H1', '乙', id(12), '户主', '丧失劳动力', '是'), row('H1', '乙子', id(13), '之子', '普通劳动力', '是')], 'fp_乙.csv', { county: '乙县' });
    // 丙县 H2 and 丁县 H2: both households without labour, each its own finding.
    await county.load('fangpin', P, [row('H2', '丙', id(14), '户主', '无劳动力', '是')], 'fp_丙.csv', { county: '丙县' });
    await county.load('fangpin', P, [row('H2', '丁', id(15), '户主', '无劳动力', '是')], 'fp_丁.csv', { county: '丁县' });
    const r = await county.check(P);
    const f = r.findings.filter((x) => x.rule === R).map((x) => [x.county, x.id_number, x.explanation.includes('全户 1 人')]);
    expect(f.sort()).toEqual([['丁县', id(15), true], ['丙县', id(14), true], ['甲县', id(11), true]]);
  });
  it('is skipped without the 劳动技能 column', async () => {
    county = new County();
    await county.load('fangpin', P, [{ 户编号: 'H1', 姓名: '甲', 身份证号: id(1), 风险是否消除: '是' }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：防返贫名单没有“劳动技能”列');
  });
});
