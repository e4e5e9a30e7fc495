import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, tuples } from '../helpers/county.js';

const R = 'id-name-mismatch';
const P = '2024-11';
let county: County;
afterEach(() => county?.close());

describe('id-name-mismatch 同一身份证号姓名不一致', () => {
  it('one ID under two names across rosters (and the reference rosters): one finding listing each name and its rows', async () => {
    county = new County();
    const a = makeId('19500101', 11);
    await county.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '张三', 身份证号: a }]);
    await county.load('tekun', P, [{ 乡镇: '城关镇', 姓名: '张三', 身份证号: a }]);
    await county.load('death', null, [{ 姓名: '张山', 身份证号: a, 死亡日期: '2024-01-01' }]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([[R, a, '新增']]);
    const f = r.findings.find((x) => x.rule === R)!;
    expect(f.severity).toBe('提示');
    expect(f.explanation).toMatch(/“张三”（低保名单 [^）]*第 2 行、特困名单 [^）]*第 2 行）/);
    expect(f.explanation).toMatch(/“张山”（死亡\/火化名单 [^）]*第 2 行）/);
    expect(f.sources).toHaveLength(3);
  });

  it('an external list is named once as 外部核对名单, not 外部核对名单名单', async () => {
    county = new County();
    const a = makeId('19500101', 15);
    await county.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '张三', 身份证号: a }]);
    await county.load('ext', null, [{ 姓名: '王五', 身份证号: a }], 'ext.csv', { label: '财政供养人员' });
    const r = await county.check(P);
    const f = r.findings.find((x) => x.rule === R)!;
    expect(f.explanation).toMatch(/“王五”（外部核对名单 ext\.csv「ext」第 2 行）/);
    expect(f.explanation).not.toContain('名单名单');
  });

  it('near misses: full-width letters, spaces and line breaks are the same name; a stopped row still counts', async () => {
    county = new County();
    const a = makeId('19500101', 11);
    const b = makeId('19520101', 13);
    await county.load('dibao', P, [
      { 姓名: '阿依古丽·Ａ', 身份证号: a },
      { 姓名: '王 五', 身份证号: b, 状态: '停保' },
    ]);
    await county.load('tekun', P, [{ 姓名: '阿依古丽·A', 身份证号: a }, { 姓名: '王五', 身份证号: b }]);
    expect(tuples(await county.check(P), R)).toEqual([]);
  });

  it('a row linked by id-typo-suspect is not evidence of another name for the candidate ID', async () => {
    county = new County();
    const a = makeId('19500101', 12);
    const bad = a.slice(0, 14) + a[15] + a[14] + a.slice(16);
    await county.load('dibao', P, [{ 姓名: '张三', 身份证号: a }, { 姓名: '张 三', 身份证号: bad }]);
    expect(tuples(await county.check(P), R)).toEqual([]);
  });
});
