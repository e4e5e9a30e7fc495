import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const P = '2024-11';
const R = 'subsidy-not-eligible';
let county: County;
afterEach(() => county?.close());

const inDibao = makeId('19600101', 11);
const nowhere = makeId('19610101', 13);
const dibaoStopped = makeId('19620101', 15);
const nursingOnly = makeId('19630101', 17);
const subsidyStopped = makeId('19640101', 19);
const tekun = makeId('19650101', 21);

async function loadAll(c: County): Promise<void> {
  await c.load('dibao', P, [
    { 乡镇: '城关镇', 姓名: '甲', 身份证号: inDibao, 状态: '在保' },
    { 乡镇: '河口乡', 村: '南村', 姓名: '丙', 身份证号: dibaoStopped, 状态: '停保' },
  ]);
  await c.load('tekun', P, [{ 乡镇: '城关镇', 姓名: '己', 身份证号: tekun, 状态: '在保' }]);
  await c.load('liangbu', P, [
    { 乡镇: '城关镇', 村: '东村', 姓名: '甲', 身份证号: inDibao, 补贴类型: '困难残疾人生活补贴' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '乙', 身份证号: nowhere, 补贴类型: '困难残疾人生活补贴' },
    { 乡镇: '河口乡', 村: '北村', 姓名: '丙', 身份证号: dibaoStopped, 补贴类型: '困难残疾人生活补贴' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '丁', 身份证号: nursingOnly, 补贴类型: '重度残疾人护理补贴' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '戊', 身份证号: subsidyStopped, 补贴类型: '困难残疾人生活补贴', 状态: '停保' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '己', 身份证号: tekun, 补贴类型: '困难残疾人生活补贴' },
    { 乡镇: '城关镇', 村: '东村', 姓名: '庚', 身份证号: '4.10522E+17', 补贴类型: '困难残疾人生活补贴' },
  ]);
}

describe('subsidy-not-eligible 生活补贴对象不在低保', () => {
  it('flags 生活补贴 recipients not active in 低保; not 护理补贴 only, a stopped subsidy or a truncated ID', async () => {
    county = new County();
    await loadAll(county);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([[R, nowhere, '新增'], [R, dibaoStopped, '新增'], [R, tekun, '新增']].sort((a, b) => a[1]!.localeCompare(b[1]!)));
    const stopped = r.findings.find((f) => f.rule === R && f.id_number === dibaoStopped)!;
    expect(stopped.explanation).toContain('不在低保名单（在保）中');
    expect(stopped.explanation).toContain('低保名单状态为停保');
    expect(stopped.explanation).toMatch(/请核实。$/);
    expect(stopped.township).toBe('河口乡');
    expect(stopped.village).toBe('北村');
  });

  it('with eligible_kinds [dibao, tekun] a 特困 person is eligible', async () => {
    county = new County({ [R]: { eligible_kinds: ['dibao', 'tekun'] } });
    await loadAll(county);
    const r = await county.check(P);
    expect(tuples(r, R).map((t) => t[1])).toEqual([nowhere, dibaoStopped].sort());
    expect(r.findings.find((f) => f.rule === R)!.explanation).toContain('不在低保、特困名单');
  });

  it('is skipped when an eligible roster is not loaded', async () => {
    county = new County({ [R]: { eligible_kinds: ['dibao', 'tekun'] } });
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: inDibao }]);
    await county.load('liangbu', P, [{ 姓名: '乙', 身份证号: nowhere, 补贴类型: '生活补贴' }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：本期未导入特困名单');
  });

  it('is skipped when the 两项补贴 roster has no 补贴类型 column', async () => {
    county = new County();
    await county.load('dibao', P, [{ 姓名: '甲', 身份证号: inDibao }]);
    await county.load('liangbu', P, [{ 姓名: '乙', 身份证号: nowhere }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.reason).toBe('跳过：两项补贴名单没有“补贴类型”列');
  });
});
