// Several counties in one database (domain.md §10): places are (county, township); a person with benefit rows in two
// counties gives one finding per county side, each with its own id, naming the other county's rows (跨县).
import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId } from '../helpers/county.js';

const P = '2024-11';
let c: County;
afterEach(() => c?.close());

describe('cross-county findings', () => {
  it('dibao in 甲县 and tekun in 乙县: one dibao-tekun-overlap finding per county, each naming the other', async () => {
    c = new County();
    const a = makeId('19500101', 11);
    await c.load('dibao', P, [{ 乡镇: '城关镇', 村: '东村', 姓名: '张三', 身份证号: a, 月保障金额: 400 }], 'dibao_甲.csv', { county: '甲县' });
    await c.load('tekun', P, [{ 县区: '乙县', 乡镇: '城关镇', 村: '西村', 姓名: '张三', 身份证号: a, 供养金额: 600 }], 'tekun_乙.csv');
    const r = await c.check(P);
    const f = r.findings.filter((x) => x.rule === 'dibao-tekun-overlap').sort((x, y) => (x.county ?? '').localeCompare(y.county ?? ''));
    expect(f.map((x) => [x.county, x.township, x.village])).toEqual([['乙县', '城关镇', '西村'], ['甲县', '城关镇', '东村']].sort());
    expect(new Set(f.map((x) => x.finding_id)).size).toBe(2);
    const jia = f.find((x) => x.county === '甲县')!;
    expect(jia.explanation).toContain('（跨县：本人另在乙县：特困名单 tekun_乙.csv');
    expect(jia.sources.map((s) => s.kind)).toEqual(['dibao']);
    // The county paying the smaller amount carries the estimate; the other none (no double count).
    expect(jia).toMatchObject({ amount_monthly: 400, amount_estimate: 400 });
    expect(f.find((x) => x.county === '乙县')).toMatchObject({ amount_monthly: 600, amount_estimate: null });
  });

  it('低保 in 甲县 and 乙县, 特困 in 甲县: each county carries its own 低保 of the overlap, not the whole of it twice', async () => {
    c = new County();
    const a = makeId('19500101', 15);
    await c.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '张三', 身份证号: a, 月保障金额: 100, 保障人数: 1 }], 'dibao_甲.csv', { county: '甲县' });
    await c.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '张三', 身份证号: a, 月保障金额: 150, 保障人数: 1 }], 'dibao_乙.csv', { county: '乙县' });
    await c.load('tekun', P, [{ 乡镇: '城关镇', 姓名: '张三', 身份证号: a, 供养金额: 500 }], 'tekun_甲.csv', { county: '甲县' });
    const r = await c.check(P);
    const f = r.findings.filter((x) => x.rule === 'dibao-tekun-overlap');
    // 低保 250 a month in all is the smaller of the two (特困 500): paid twice is 250, 甲县's 100 and 乙县's 150.
    expect(f.find((x) => x.county === '甲县')).toMatchObject({ amount_monthly: 600, amount_estimate: 100 });
    expect(f.find((x) => x.county === '乙县')).toMatchObject({ amount_monthly: 150, amount_estimate: 150 });
    expect(f.reduce((n, x) => n + (x.amount_estimate ?? 0), 0)).toBe(250);
  });

  it('the same unusable ID under the same name in two counties\' rosters: each county gets its own id-invalid and id-typo-suspect', async () => {
    c = new County();
    const a = makeId('19500101', 17);
    const typo = a.slice(0, 17) + (a[17] === '1' ? '2' : '1');
    await c.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '张三', 身份证号: typo }, { 乡镇: '城关镇', 姓名: '李四', 身份证号: '4105221950' }], 'd_甲.csv', { county: '甲县' });
    await c.load('dibao', P, [{ 乡镇: '城关镇', 村: '西村', 姓名: '张三', 身份证号: typo }, { 乡镇: '城关镇', 村: '西村', 姓名: '李四', 身份证号: '4105221950' }], 'd_乙.csv', { county: '乙县' });
    await c.load('tekun', P, [{ 乡镇: '城关镇', 姓名: '张三', 身份证号: a }], 't_甲.csv', { county: '甲县' });
    const r = await c.check(P);
    for (const rule of ['id-invalid', 'id-typo-suspect']) {
      const f = r.findings.filter((x) => x.rule === rule && x.name === '张三');
      expect(f.map((x) => [x.county, x.sources[0]!.file]).sort(), rule).toEqual([['乙县', 'd_乙.csv'], ['甲县', 'd_甲.csv']]);
      expect(new Set(f.map((x) => x.finding_id)).size).toBe(2);
    }
    expect(r.findings.filter((x) => x.rule === 'id-invalid' && x.name === '李四').map((x) => x.county).sort()).toEqual(['乙县', '甲县']);
  });

  it('the same unusable ID under the same name in two townships\' files of one county: each township gets its row', async () => {
    c = new County();
    await c.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '李四', 身份证号: '4105221950' }], 'd_城关.csv', { county: '甲县' });
    await c.load('dibao', P, [{ 乡镇: '河口乡', 姓名: '李四', 身份证号: '4105221950' }], 'd_河口.csv', { county: '甲县' });
    const f = (await c.check(P)).findings.filter((x) => x.rule === 'id-invalid');
    expect(f.map((x) => [x.township, x.sources[0]!.file]).sort()).toEqual([['城关镇', 'd_城关.csv'], ['河口乡', 'd_河口.csv']]);
    expect(new Set(f.map((x) => x.finding_id)).size).toBe(2);
  });

  it('duplicate 低保 across counties: one duplicate-in-roster per side; within one county, one finding as before', async () => {
    c = new County();
    const a = makeId('19500101', 11);
    const b = makeId('19600101', 13);
    await c.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '李四', 身份证号: a }, { 乡镇: '城关镇', 姓名: '王五', 身份证号: b }, { 乡镇: '河口乡', 姓名: '王五', 身份证号: b }], 'd1.csv', { county: '甲县' });
    await c.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '李四', 身份证号: a }], 'd2.csv', { county: '乙县' });
    const dup = (await c.check(P)).findings.filter((x) => x.rule === 'duplicate-in-roster');
    expect(dup.filter((x) => x.id_number === a).map((x) => x.county).sort()).toEqual(['乙县', '甲县']);
    expect(dup.filter((x) => x.id_number === b).map((x) => x.county)).toEqual(['甲县']);
    expect(dup.find((x) => x.id_number === b)!.explanation).not.toContain('跨县');
  });

  it('death rows are evidence, never a side: a person dead in 乙县’s cremation list but paid only in 甲县 is 甲县’s', async () => {
    c = new County();
    const a = makeId('19400101', 11);
    await c.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '赵六', 身份证号: a }], 'd.csv', { county: '甲县' });
    await c.load('death', null, [{ 县区: '乙县', 姓名: '赵六', 身份证号: a, 死亡日期: '2024-05-01' }], 'x.csv');
    const dead = (await c.check(P)).findings.filter((x) => x.rule === 'deceased-active');
    expect(dead.map((x) => x.county)).toEqual(['甲县']);
    expect(dead[0]!.explanation).not.toContain('跨县');
  });

  it('a benefit row loaded without any county splits nothing: it belongs to the one county side there is', async () => {
    c = new County();
    const a = makeId('19500101', 11);
    await c.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '孙七', 身份证号: a, 月保障金额: 400 }], 'd.csv', { county: '甲县' });
    await c.load('tekun', P, [{ 乡镇: '城关镇', 姓名: '孙七', 身份证号: a, 供养金额: 600 }], 't.csv');
    const f = (await c.check(P)).findings.filter((x) => x.rule === 'dibao-tekun-overlap');
    expect(f.map((x) => x.county)).toEqual(['甲县']);
    expect(f[0]!.sources.map((s) => s.kind).sort()).toEqual(['dibao', 'tekun']);
    expect(f[0]!.explanation).not.toContain('跨县');
  });
});
