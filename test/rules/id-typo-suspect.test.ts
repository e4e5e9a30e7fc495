import { afterEach, describe, expect, it } from 'vitest';
import { idTypoVariants } from '../../src/normalize/id-number.js';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { cli } from '../helpers/cli.js';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const R = 'id-typo-suspect';
const P = '2024-11';
let county: County;
afterEach(() => county?.close());

/** Typing slips that break the check character (each asserted to be unusable by the loader below). */
const swapped = (id: string) => id.slice(0, 14) + id[15] + id[14] + id.slice(16);
const replaced = (id: string, at: number) => id.slice(0, at) + String((Number(id[at]) + 1) % 10) + id.slice(at + 1);
const dropped = (id: string, at: number) => id.slice(0, at) + id.slice(at + 1);

describe('id-typo-suspect 疑似身份证号录错', () => {
  it('a mistyped 低保 ID whose right ID is active in 特困: found, linked, and dibao-tekun-overlap follows via the link', async () => {
    county = new County();
    const a = makeId('19500101', 12); // digits 15 and 16 differ, so the swap is a real slip
    const bad = swapped(a);
    await county.load('dibao', P, [{ 乡镇: '城关镇', 村: '东村', 姓名: '张 三', 身份证号: bad, 状态: '在保' }]);
    await county.load('tekun', P, [{ 乡镇: '城关镇', 村: '东村', 姓名: '张三', 身份证号: a, 状态: '在保' }]);
    const r = await county.check(P);
    const typo = r.findings.filter((f) => f.rule === R);
    expect(typo).toHaveLength(1);
    expect(typo[0]).toMatchObject({ id_number: null, id_raw: bad, name: '张 三', township: '城关镇' });
    expect(typo[0]!.detail).toMatchObject({ candidates: [a], linked: true });
    expect(typo[0]!.explanation).toContain(`本次比对已按 ${a} 关联此行`);
    // The row keeps its id-invalid finding.
    expect(r.findings.some((f) => f.rule === 'id-invalid' && f.id_raw === bad)).toBe(true);
    const overlap = r.findings.find((f) => f.rule === 'dibao-tekun-overlap')!;
    expect(overlap.id_number).toBe(a);
    expect(overlap.via_link).toBe(true);
    expect(overlap.explanation).toMatch(new RegExp(`^〔依据疑似录错的身份证号「${bad}」（dibao_2024-11_1\\.csv.*第 2 行）关联，请先核对身份〕`));
    expect(overlap.sources.map((s) => s.kind).sort()).toEqual(['dibao', 'tekun']);
  });

  it('a mistyped ID whose right ID is in the death roster: deceased-active via the link', async () => {
    county = new County();
    const a = makeId('19400101', 11);
    const bad = replaced(a, 9);
    await county.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '李四', 身份证号: bad, 状态: '在保' }]);
    await county.load('death', null, [{ 姓名: '李四', 身份证号: a, 死亡日期: '2024-06-02' }]);
    const r = await county.check(P);
    const dead = r.findings.find((f) => f.rule === 'deceased-active')!;
    expect(dead).toMatchObject({ id_number: a, via_link: true });
    expect(dead.explanation).toContain('依据疑似录错的身份证号');
  });

  it('two candidates: a finding listing both, no link (and so no overlap)', async () => {
    county = new County();
    const a = makeId('19500101', 11);
    // A bad check character is one slip away from many valid IDs; another one of them belongs to a second 王五.
    const bad = replaced(a, 16);
    const b = idTypoVariants(bad, '2024-11-30').find((v) => v !== a && v.startsWith('410522'))!;
    expect(b).toBeDefined();
    await county.load('dibao', P, [{ 姓名: '王五', 身份证号: bad }]);
    await county.load('tekun', P, [{ 姓名: '王五', 身份证号: a }, { 姓名: '王五', 身份证号: b }]);
    const r = await county.check(P);
    const typo = r.findings.find((f) => f.rule === R);
    expect(typo).toBeDefined();
    const cands = (typo!.detail as { candidates: string[] }).candidates;
    expect(cands.length).toBeGreaterThanOrEqual(2);
    expect(cands).toEqual(expect.arrayContaining([a, b]));
    expect(typo!.detail).toMatchObject({ linked: false });
    expect(typo!.explanation).toContain('未关联');
    expect(r.findings.filter((f) => f.rule === 'dibao-tekun-overlap')).toEqual([]);
  });

  it('near misses: another name, a valid ID, two slips away, a masked ID — no finding', async () => {
    county = new County();
    const a = makeId('19500101', 12);
    const c = makeId('19600101', 15);
    await county.load('dibao', P, [
      { 姓名: '赵六', 身份证号: swapped(a) }, // the right ID belongs to someone else's name
      { 姓名: '钱七', 身份证号: replaced(replaced(c, 9), 10) }, // two slips
      { 姓名: '孙八', 身份证号: `${a.slice(0, 6)}********${a.slice(14)}` },
    ]);
    await county.load('tekun', P, [{ 姓名: '周九', 身份证号: a }, { 姓名: '钱七', 身份证号: c }]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([]);
    expect(ruleState(r, R)?.state).toBe('ran');
  });

  it('a 17-digit ID (one digit missing) and a 19-digit one (one digit extra) find the ID of the same name', async () => {
    county = new County();
    const a = makeId('19551111', 17);
    const b = makeId('19660606', 19);
    await county.load('dibao', P, [{ 姓名: '吴甲', 身份证号: dropped(a, 10) }, { 姓名: '郑乙', 身份证号: `${b.slice(0, 12)}7${b.slice(12)}` }]);
    await county.load('tekun', P, [{ 姓名: '吴甲', 身份证号: a }, { 姓名: '郑乙', 身份证号: b }]);
    const mine = (await county.check(P)).findings.filter((f) => f.rule === R);
    expect(mine.map((f) => (f.detail as { candidates: string[] }).candidates).sort()).toEqual([[a], [b]].sort());
  });

  it('disabled: no finding and no link (nothing is linked silently)', async () => {
    county = new County({ [R]: { enabled: false } });
    const a = makeId('19500101', 12);
    await county.load('dibao', P, [{ 姓名: '张三', 身份证号: swapped(a) }]);
    await county.load('tekun', P, [{ 姓名: '张三', 身份证号: a }]);
    const r = await county.check(P);
    expect(r.findings.filter((f) => f.rule === R || f.rule === 'dibao-tekun-overlap')).toEqual([]);
  });
});

describe('links are never silent', () => {
  it('status counts the linked rows per township and the findings that exist only through them', async () => {
    county = new County();
    const a = makeId('19500101', 12);
    await county.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '张三', 身份证号: swapped(a) }]);
    await county.load('tekun', P, [{ 乡镇: '城关镇', 姓名: '张三', 身份证号: a }]);
    await county.check(P);
    const r = await cli(['--db', path.join(county.dir, 'test.db'), 'status']);
    expect(r.stdout).toContain('按疑似录错的身份证号关联了 1 行（城关镇 1），因关联才出现的疑点 1 条');
    const j = JSON.parse((await cli(['--db', path.join(county.dir, 'test.db'), '--json', 'status'])).stdout);
    expect(j.periods[0]).toMatchObject({ links: [{ township: '城关镇', count: 1 }], findings: { viaLink: 1 } });
    const exported = JSON.parse((await cli(['--db', path.join(county.dir, 'test.db'), 'findings', '--period', P])).stdout) as { rule: string; via_link: boolean }[];
    expect(exported.filter((f) => f.via_link).map((f) => f.rule)).toEqual(['dibao-tekun-overlap']);
  });

  it('the county summary counts the linked rows per township and says how many findings exist only through them', async () => {
    county = new County();
    const a = makeId('19500101', 12);
    await county.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '张三', 身份证号: swapped(a) }]);
    await county.load('tekun', P, [{ 乡镇: '城关镇', 姓名: '张三', 身份证号: a }]);
    await county.check(P);
    const out = path.join(county.dir, 'out');
    expect((await cli(['--db', path.join(county.dir, 'test.db'), 'report', '--period', P, '--out', out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, P, '县级汇总.xlsx'));
    const summary = wb.getWorksheet('汇总')!;
    const header = Array.from(summary.getRow(3).values as unknown[], String);
    const at = header.indexOf('按疑似录错号码关联的行');
    expect([summary.getRow(4).getCell(1).value, summary.getRow(4).getCell(at).value]).toEqual(['城关镇', 1]);
    const guide = wb.getWorksheet('说明')!;
    const texts = Array.from({ length: guide.rowCount }, (_, i) => String(guide.getRow(i + 1).getCell(2).value ?? ''));
    expect(texts).toContain('1 条疑点是按疑似录错的身份证号关联后才出现的，请先核对身份');
  });
});
