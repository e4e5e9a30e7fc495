import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const P = '2024-11';
const R = 'tekun-subsidy-overlap';
let county: County;
afterEach(() => county?.close());

const nursing = makeId('19500101', 11);
const both = makeId('19510101', 13);
const tekunStopped = makeId('19520101', 15);
const liangbuOnly = makeId('19530101', 17);
const subsidyStopped = makeId('19540101', 19);

async function load(c: County): Promise<void> {
  await c.load('tekun', P, [
    { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: nursing, 状态: '在保' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: both, 状态: '在保' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '丙', 身份证号: tekunStopped, 状态: '停保' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '戊', 身份证号: subsidyStopped, 状态: '在保' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '己', 身份证号: '4.10522E+17', 状态: '在保' },
  ]);
  await c.load('liangbu', P, [
    { 乡镇: '河口乡', 姓名: '甲', 身份证号: nursing, 补贴类型: '重度残疾人护理补贴' },
    { 乡镇: '河口乡', 姓名: '乙', 身份证号: both, 补贴类型: '重度残疾人护理补贴' },
    { 乡镇: '河口乡', 姓名: '乙', 身份证号: both, 补贴类型: '困难残疾人生活补贴' },
    { 乡镇: '河口乡', 姓名: '丙', 身份证号: tekunStopped, 补贴类型: '重度残疾人护理补贴' },
    { 乡镇: '河口乡', 姓名: '丁', 身份证号: liangbuOnly, 补贴类型: '重度残疾人护理补贴' },
    { 乡镇: '河口乡', 姓名: '戊', 身份证号: subsidyStopped, 补贴类型: '困难残疾人生活补贴', 状态: '停保' },
    { 乡镇: '河口乡', 姓名: '己', 身份证号: '4.10522E+17', 补贴类型: '困难残疾人生活补贴' },
  ]);
}

describe('tekun-subsidy-overlap 特困人员同时领取两项补贴', () => {
  it('flags active 特困 persons present on the 两项补贴 roster, one finding per person', async () => {
    county = new County();
    await load(county);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([[R, nursing, '新增'], [R, both, '新增'], [R, subsidyStopped, '新增']].sort((a, b) => a[1]!.localeCompare(b[1]!)));
    const f = r.findings.find((x) => x.rule === R && x.id_number === both)!;
    expect(f.severity).toBe('提示');
    expect(f.explanation).toContain('困难残疾人生活补贴、重度残疾人护理补贴');
    expect(f.explanation).toMatch(/请核对。$/);
    expect(f.township).toBe('城关镇'); // the 特困 roster places the person
    expect(f.sources.map((s) => s.kind)).toEqual(['tekun', 'liangbu', 'liangbu']);
    expect(r.findings.find((x) => x.rule === R && x.id_number === subsidyStopped)!.explanation).toContain('困难残疾人生活补贴（停保）');
  });

  it('shows as disabled when the county turns it off', async () => {
    county = new County({ [R]: { enabled: false } });
    await load(county);
    const r = await county.check(P);
    expect(ruleState(r, R)!.state).toBe('disabled');
    expect(tuples(r, R)).toEqual([]);
  });

  it('is skipped without the 特困 roster', async () => {
    county = new County();
    await county.load('liangbu', P, [{ 姓名: '甲', 身份证号: nursing, 补贴类型: '护理补贴' }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：本期未导入特困名单');
  });
});
