import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId } from '../helpers/county.js';

const R = 'id-invalid';
const P = '2024-11';
let county: County;
afterEach(() => county?.close());

/** What Excel leaves of an 18-digit ID typed into a number cell: the first 15 digits, then 000. */
const truncate = (id: string) => `${id.slice(0, 15)}000`;

describe('id-invalid 身份证号码无效', () => {
  it('flags every unusable ID, one finding per row, and never a valid or 15-digit legacy ID', async () => {
    county = new County();
    const legacy15 = '610104620927690'; // upgraded to 18 digits: joinable, not a finding
    await county.load('dibao', P, [
      { 乡镇: '城关镇', 姓名: '甲', 身份证号: makeId('19500101', 11) },
      { 乡镇: '城关镇', 姓名: '乙', 身份证号: legacy15 },
      { 乡镇: '城关镇', 姓名: '丙', 身份证号: '' },
      { 乡镇: '城关镇', 姓名: '丁', 身份证号: '345955198706122245' },
      { 乡镇: '城关镇', 姓名: '戊', 身份证号: '410102********1234' },
      { 乡镇: '城关镇', 姓名: '己', 身份证号: '11010119900307231' },
      { 乡镇: '城关镇', 姓名: '庚', 身份证号: '4.40981E+17' },
      { 乡镇: '城关镇', 姓名: '辛', 身份证号: '110101199002300000' },
    ]);
    const r = await county.check(P);
    const mine = r.findings.filter((f) => f.rule === R);
    expect(mine.map((f) => [f.name, (f.detail as { status: string }).status]).sort()).toEqual([
      ['丁', 'bad_checksum'],
      ['丙', 'missing'],
      ['己', 'bad_format'],
      ['庚', 'truncated'],
      ['戊', 'masked'],
      ['辛', 'bad_date'],
    ].sort());
    expect(mine.every((f) => f.id_number === null && f.severity === '提示')).toBe(true);
    const masked = mine.find((f) => f.name === '戊')!;
    expect(masked.explanation).toMatch(/低保名单 dibao_2024-11_1\.csv「.*」第 6 行的身份证号「410102\*\*\*\*\*\*\*\*1234」含\*号/);
    expect(masked.sources).toEqual([{ kind: 'dibao', file: 'dibao_2024-11_1.csv', sheet: expect.any(String), row: 6 }]);
  });

  it('suggests the valid ID of the same name with the same first 15 digits; not another name or another prefix', async () => {
    county = new County();
    const a = makeId('19500101', 11);
    const b = makeId('19510102', 13); // (19510101's truncated form 410522195101010000 happens to be a valid ID)
    const c = makeId('19520101', 15);
    const cOther = makeId('19520102', 15); // same name as c's truncated row, different first 15 digits
    await county.load('dibao', P, [
      { 乡镇: '城关镇', 姓名: '甲', 身份证号: a },
      { 乡镇: '城关镇', 姓名: '丙', 身份证号: b }, // b's digits but another name
      { 乡镇: '城关镇', 姓名: '丁', 身份证号: cOther },
    ]);
    await county.load('tekun', P, [
      { 乡镇: '城关镇', 姓名: '甲', 身份证号: truncate(a) },
      { 乡镇: '城关镇', 姓名: '乙', 身份证号: truncate(b) },
      { 乡镇: '城关镇', 姓名: '丁', 身份证号: truncate(c) },
    ]);
    const mine = (await county.check(P)).findings.filter((f) => f.rule === R);
    const byName = new Map(mine.map((f) => [f.name, f]));
    expect([...byName.keys()].sort()).toEqual(['丁', '乙', '甲'].sort());
    expect((byName.get('甲')!.detail as { candidates: string[] }).candidates).toEqual([a]);
    expect(byName.get('甲')!.explanation).toContain(`可能的正确号码（同名且前15位相同）：${a}`);
    expect((byName.get('乙')!.detail as { candidates: string[] }).candidates).toEqual([]);
    expect((byName.get('丁')!.detail as { candidates: string[] }).candidates).toEqual([]);
    expect(byName.get('乙')!.explanation).not.toContain('可能的正确号码');
  });
});
