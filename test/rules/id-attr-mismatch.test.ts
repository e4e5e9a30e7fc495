import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const R = 'id-attr-mismatch';
const P = '2024-11';
let county: County;
afterEach(() => county?.close());

describe('id-attr-mismatch 身份证号与性别或出生日期不符', () => {
  it('flags a row whose 性别 or 出生日期 disagrees with its ID; a YYYYMM 出生年月 compares year and month', async () => {
    county = new County();
    const man = makeId('19500101', 11); // odd sequence: male
    const woman = makeId('19600202', 12);
    const ok = makeId('19700303', 13);
    await county.load('dibao', P, [
      { 姓名: '甲', 身份证号: man, 性别: '女', 出生日期: '1950-01-01' },
      { 姓名: '乙', 身份证号: woman, 性别: '2', 出生日期: '196003' },
      { 姓名: '丙', 身份证号: ok, 性别: '男', 出生日期: '197003' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([[R, man, '新增'], [R, woman, '新增']].sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
    const f = r.findings.find((x) => x.id_number === man && x.rule === R)!;
    expect(f.explanation).toContain('性别填“女”，身份证号第17位表示“男”');
    expect(r.findings.find((x) => x.id_number === woman && x.rule === R)!.explanation).toContain('出生日期填 1960-03，身份证号中为 1960-02');
  });

  it('near misses: matching values, 男性/1/M spellings, a date cell; skipped when no roster has either column', async () => {
    county = new County();
    await county.load('dibao', P, [
      { 姓名: '甲', 身份证号: makeId('19500101', 11), 性别: '男性', 出生日期: '1950年1月1日' },
      { 姓名: '乙', 身份证号: makeId('19500101', 13), 性别: '1', 出生日期: '19500101' },
      { 姓名: '丙', 身份证号: makeId('19500101', 14), 性别: 'F', 出生日期: '1950.01' },
    ]);
    expect(tuples(await county.check(P), R)).toEqual([]);
    county.close();
    county = new County();
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: makeId('19500101', 11) }]);
    expect(ruleState(await county.check(P), R)).toMatchObject({ state: 'skipped', reason: '跳过：本期名单都没有“性别”或“出生日期”列' });
  });

  it('reads every roster that has the column, a reference roster too, beside rosters that have none', async () => {
    county = new County();
    const inDeath = makeId('19400505', 21); // male
    const inTekun = makeId('19450606', 22); // female
    await county.load('dibao', P, [{ 姓名: '丁', 身份证号: makeId('19550101', 23) }]); // no 性别 column at all
    await county.load('tekun', P, [{ 姓名: '戊', 身份证号: inTekun, 性别: '男' }]);
    await county.load('death', null, [{ 姓名: '己', 身份证号: inDeath, 性别: '女', 火化日期: '2024-10-02' }]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([[R, inDeath, '新增'], [R, inTekun, '新增']].sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
  });
});
