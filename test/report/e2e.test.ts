// The monthly loop through the CLI (in-process, real SQLite file): load → check → report → a township fills in
// answers → feedback → next month's load and check → report; statuses 已核实 / 整改未见效 / 已消除 where they belong.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES as RULES_ALL } from '../../src/rules/registry.js';
import { makeId } from '../helpers/county.js';
import { cli as runCliInProcess, tempDir } from '../helpers/cli.js';
import { fillWithSheetJs, setCell } from './scenario.js';

/** Only the rules this test is about run (a config file disables the others: the catalogue grows while others work on it). */
const RULES = ['id-invalid', 'dibao-tekun-overlap'];
const P1 = '2024-10';
const P2 = '2024-11';
const A = makeId('19500101', 11); // answered 不属实 → 已核实 next month
const B = makeId('19520202', 13); // answered 属实 + 已停发, still there → 整改未见效
const C = makeId('19540303', 15); // answered 属实 + 已停发, gone → 已消除
const D = makeId('19560404', 17); // not answered → 持续 待核查

let dir: string;
let db: string;
let out: string;
const cli = (...args: string[]) => runCliInProcess(['--db', db, '--config', path.join(dir, 'bidui.config.yaml'), ...args], { cwd: dir });

function csv(name: string, rows: Record<string, string>[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, stringify(rows, { header: true, columns: Object.keys(rows[0]!) }));
  return file;
}

const person = (id: string, name: string, village: string) => ({ 乡镇: '城关镇', 村: village, 姓名: name, 身份证号: id, 状态: '在保' });

beforeAll(() => {
  dir = tempDir('bidui-e2e-');
  db = path.join(dir, 'county.db');
  out = path.join(dir, 'out');
  const others = RULES_ALL.map((r) => r.code).filter((c) => !RULES.includes(c));
  fs.writeFileSync(path.join(dir, 'bidui.config.yaml'), `county: 示例县\nrules:\n${others.map((c) => `  ${c}: false\n`).join('')}`);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('monthly loop through the CLI', () => {
  const ids: Record<string, string> = {};

  it('loads and checks 2024-10, writes the workbooks', async () => {
    const everyone = [person(A, '甲', '东村'), person(B, '乙', '东村'), person(C, '丙', '西村'), person(D, '丁', '西村')];
    expect((await cli('load', 'dibao', csv('dibao-10.csv', everyone), '--period', P1)).code).toBe(0);
    expect((await cli('load', 'tekun', csv('tekun-10.csv', everyone), '--period', P1)).code).toBe(0);
    expect((await cli('check', '--period', P1)).code).toBe(0);
    const r = (await cli('--json', 'report', '--period', P1, '--out', out));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.files.map((f: { file: string; type: string; rows: number }) => [path.relative(out, f.file), f.type, f.rows])).toEqual([
      [`${P1}/城关镇_疑点核查表.xlsx`, 'township', 4],
      [`${P1}/县级汇总.xlsx`, 'county', 4],
      [`${P1}/findings.csv`, 'csv', 4],
      [`${P1}/县级看板.html`, 'html', 4],
    ]);
    const f = JSON.parse((await cli('findings', '--period', P1)).stdout) as { finding_id: string; id_number: string }[];
    for (const x of f) ids[x.id_number] = x.finding_id;
  });

  it('prints the files and counts for a person', async () => {
    const r = (await cli('report', '--period', P1, '--out', out));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已生成 ${P1} 的核查表，输出目录：${path.join(out, P1)}`);
    expect(r.stdout).toMatch(/城关镇\s+4\s+0\s+0\s+0\s+城关镇_疑点核查表\.xlsx/);
    expect(r.stdout).toContain(`县级看板：${path.join(out, P1, '县级看板.html')}（双击用浏览器打开）`);
  });

  it('--no-html: the workbooks and CSV without the dashboard page', async () => {
    const other = path.join(dir, 'no-html');
    const r = await cli('report', '--period', P1, '--out', other, '--no-html');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('县级看板');
    expect(fs.readdirSync(path.join(other, P1)).sort()).toEqual(['bidui-report.json', 'findings.csv', '县级汇总.xlsx', '城关镇_疑点核查表.xlsx'].sort());
  });

  it('refuses a filled workbook with a bad row (exit 2, row and reason), imports nothing; then imports the fixed one', async () => {
    const wb = path.join(out, P1, '城关镇_疑点核查表.xlsx');
    const bad = path.join(dir, '城关镇-退回.xlsx');
    fillWithSheetJs(wb, bad, { [ids[A]!]: { 核查结果: '不属实', 核查说明: '已退出特困' } }, (w) => setCell(w, ids[D]!, '核查结果', '核实'));
    const r1 = (await cli('feedback', bad));
    expect(r1.code).toBe(2);
    expect(r1.stdout).toContain('✗');
    expect(r1.stdout).toMatch(new RegExp(`「疑点清单」第 \\d+ 行（疑点编号 ${ids[D]}）：核查结果「核实」不在下拉列表中`));
    expect(r1.stderr).toContain('错误：1 个文件有问题（其中 1 个未导入），共 1 行被拒收；原因见上');

    const good = path.join(dir, '城关镇-已填.xlsx');
    fillWithSheetJs(wb, good, {
      [ids[A]!]: { 核查结果: '不属实', 核查说明: '已退出特困' },
      [ids[B]!]: { 核查结果: '属实', 整改措施: '已停发', 整改完成日期: '2024-11-15' },
      [ids[C]!]: { 核查结果: '属实', 整改措施: '已停发' },
    });
    const r2 = (await cli('--json', 'feedback', good));
    expect(r2.stderr).toBe('');
    expect(r2.code).toBe(0);
    expect(JSON.parse(r2.stdout).townships).toEqual([{ period: P1, township: '城关镇', accepted: 3, refused: 0, unchanged: 0, pending: 0, blank: 1 }]);
    const r3 = (await cli('feedback', good));
    expect(r3.code).toBe(0);
    expect(r3.stdout).toContain('新登记 0 条，未变化 3 条');
  });

  it('next month: 已核实, 整改未见效, 已消除 and 待核查 where they belong, in the check, the findings and the workbooks', async () => {
    const stay = [person(A, '甲', '东村'), person(B, '乙', '东村'), person(D, '丁', '西村')];
    expect((await cli('load', 'dibao', csv('dibao-11.csv', stay), '--period', P2)).code).toBe(0);
    expect((await cli('load', 'tekun', csv('tekun-11.csv', stay), '--period', P2)).code).toBe(0);
    const check = JSON.parse((await cli('--json', 'check', '--period', P2)).stdout);
    expect(check.totals).toMatchObject({ findings: 3, verified: 1, ineffective: 1, resolved: 1 });
    const f = JSON.parse((await cli('findings', '--period', P2, '--all')).stdout) as { id_number: string; status: string; lifecycle: string }[];
    const by = Object.fromEntries(f.map((x) => [x.id_number, [x.lifecycle, x.status]]));
    expect(by).toEqual({ [A]: ['持续', '已核实'], [B]: ['持续', '整改未见效'], [C]: ['已消除', '已消除'], [D]: ['持续', '待核查'] });

    expect((await cli('report', '--period', P2, '--out', out)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, P2, '城关镇_疑点核查表.xlsx'));
    const list = wb.getWorksheet('疑点清单')!;
    expect([list.getRow(3).getCell(2).value, list.getRow(3).getCell(14).value]).toEqual([ids[B], '整改未见效']);
    expect([list.getRow(4).getCell(2).value, list.getRow(4).getCell(14).value]).toEqual([ids[D], '待核查']);
    expect(list.getRow(5).getCell(2).value).toBeNull();
    expect(wb.getWorksheet('已核实')!.getRow(4).getCell(2).value).toBe(ids[A]);

    const county = new ExcelJS.Workbook();
    await county.xlsx.readFile(path.join(out, P2, '县级汇总.xlsx'));
    const trend = county.getWorksheet('月度趋势')!;
    expect(trend.getRow(4).values).toEqual([undefined, P1, 4, 4, 0, 4, 0, 0, 0, 0, 3]);
    expect((trend.getRow(5).values as unknown[]).slice(1, 11)).toEqual([P2, 3, 3, 0, 0, 3, 1, 1, 1, 0]);
  });

  it('--township writes only that workbook; an unknown township is a user error', async () => {
    const only = path.join(dir, 'only');
    const r = (await cli('--json', 'report', '--period', P2, '--out', only, '--township', '城关镇'));
    expect(r.code).toBe(0);
    expect(fs.readdirSync(path.join(only, P2)).sort()).toEqual(['bidui-report.json', '城关镇_疑点核查表.xlsx']);
    const bad = (await cli('report', '--period', P2, '--out', only, '--township', '不存在镇'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('错误：2024-11 没有「不存在镇」的疑点。有疑点的乡镇：城关镇\n');
  });

  it('report of a month not checked is a user error', async () => {
    const r = (await cli('report', '--period', '2024-12', '--out', out));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('错误：2024-12 还没有比对过，无法生成核查表。请先运行 bidui check --period 2024-12\n');
  });
});
