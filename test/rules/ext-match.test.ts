import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const P = '2024-11';
const R = 'ext-match';
let county: County;
afterEach(() => county?.close());

const dibao = makeId('19700101', 11);
const tekun = makeId('19710101', 13);
const stopped = makeId('19720101', 15);
const fangpin = makeId('19730101', 17);
const extOnly = makeId('19740101', 19);

async function load(c: County): Promise<void> {
  await c.load('dibao', P, [
    { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: dibao, 状态: '在保' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '丙', 身份证号: stopped, 状态: '停保' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '戊', 身份证号: '4.10522E+17', 状态: '在保' },
  ]);
  await c.load('tekun', P, [{ 乡镇: '河口乡', 村: '南村', 姓名: '乙', 身份证号: tekun }]);
  await c.load('fangpin', P, [{ 乡镇: '河口乡', 村: '北村', 姓名: '丁', 身份证号: fangpin }]);
  await c.load(
    'ext',
    null,
    [
      { 姓名: '甲', 身份证号: dibao, 单位: '县教育局', 职务: '教师' },
      { 姓名: '乙', 身份证号: tekun, 单位: '县医院', 职务: '护士' },
      { 姓名: '丙', 身份证号: stopped, 单位: '县财政局', 职务: '科员' },
      { 姓名: '丁', 身份证号: fangpin, 单位: '乡政府', 职务: '司机' },
      { 姓名: '己', 身份证号: extOnly, 单位: '县林业局', 职务: '护林员' },
      { 姓名: '戊', 身份证号: '4.10522E+17', 单位: '县水利局', 职务: '科员' },
    ],
    'caizheng.csv',
    { label: '财政供养人员' },
  );
  await c.load('ext', null, [{ 姓名: '甲', 身份证号: dibao, 号牌号码: '豫A12345' }], 'cheliang.csv', { label: '车辆登记' });
}

describe('ext-match 外部核对名单命中', () => {
  it('flags persons active in 低保/特困 who are on an external list, with its label and columns', async () => {
    county = new County();
    await load(county);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([[R, dibao, '新增'], [R, tekun, '新增']].sort((a, b) => a[1]!.localeCompare(b[1]!)));
    const t = r.findings.find((x) => x.rule === R && x.id_number === tekun)!;
    expect(t.explanation).toContain('本人在特困名单（在保）中');
    expect(t.explanation).toContain('外部名单“财政供养人员”：单位=县医院；职务=护士');
    expect(t.explanation).toContain('比对范围：低保、特困');
    expect(t.explanation).toMatch(/请核实。$/);
    expect(t.township).toBe('河口乡');
    expect(t.village).toBe('南村');
    const d = r.findings.filter((x) => x.rule === R && x.id_number === dibao);
    expect(d).toHaveLength(1);
    expect(d[0]!.explanation).toContain('外部名单“财政供养人员”：单位=县教育局；职务=教师');
    expect(d[0]!.explanation).toContain('外部名单“车辆登记”：号牌号码=豫A12345');
    expect(d[0]!.detail).toEqual({
      ext: [
        { label: '财政供养人员', columns: '单位=县教育局；职务=教师' },
        { label: '车辆登记', columns: '号牌号码=豫A12345' },
      ].sort((a, b) => a.label.localeCompare(b.label)),
    });
  });

  it('uses a non-default scope', async () => {
    county = new County({ [R]: { scope: ['fangpin'] } });
    await load(county);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([[R, fangpin, '新增']]);
    expect(r.findings.find((x) => x.rule === R)!.explanation).toContain('本人在防返贫名单（在保）中');
  });

  it('is skipped without an external list', async () => {
    county = new County();
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: dibao }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：本期未导入外部核对名单');
  });
});
