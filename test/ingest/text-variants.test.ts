// Delimited text laid out in ways the fixtures do not show (domain.md §9): loaded through the CLI, checked in the database.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, loadAndRead, tempDir } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('bidui-text-variants-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const load = (file: string, ...extra: string[]) =>
  loadAndRead<{ name: string; id_status: string }>(file, 'tekun', ['--period', '2024-11', ...extra], `SELECT name, id_status FROM roster_rows ORDER BY id`);

const TSV = '最初享受月份\t姓名\t身份证号\t乡镇\r\n2019-10\t张特\t410523197003030118\t城关镇\r\n2019-10\t李特\t410523197103030131\t城关镇\r\n';

describe('UTF-16 text without a byte-order mark', () => {
  it('loads with --encoding utf-16le / utf-16be', async () => {
    const le = path.join(dir, 'le.txt');
    fs.writeFileSync(le, Buffer.from(TSV, 'utf16le'));
    const a = await load(le, '--encoding', 'utf-16le');
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain('编码 utf-16le');
    expect(a.rows).toEqual([
      { name: '张特', id_status: 'valid' },
      { name: '李特', id_status: 'valid' },
    ]);
    const be = path.join(dir, 'be.txt');
    fs.writeFileSync(be, Buffer.from(TSV, 'utf16le').swap16());
    const b = await load(be, '--encoding', 'utf-16be');
    expect(b.code, b.stderr).toBe(0);
    expect(b.rows).toHaveLength(2);
  });

  it('without --encoding, says it looks like UTF-16 and names the option', async () => {
    const le = path.join(dir, 'le2.txt');
    fs.writeFileSync(le, Buffer.from(TSV, 'utf16le'));
    const r = await load(le);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--encoding utf-16le');
  });
});

describe('cells with line breaks in CSV (a header cell "身份证号码⏎（18位）", a member list)', () => {
  it('are not counted as blank rows: the record spans its lines', async () => {
    const file = path.join(dir, 'multiline.csv');
    fs.writeFileSync(
      file,
      '"姓名","身份证号码\n（18位）","月供养标准\n（元）"\n张特,410523197003030118,300\n"李特\n（曾用名李四）",410523197103030131,300\n\n王特,410523197203030147,300\n',
    );
    const r = await load(file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('数据 4 行');
    expect(r.stdout).toContain('读取 4 行：导入 3 人，跳过 1 行（空行 1，');
  });
});

describe('an amount that cannot be read', () => {
  it('is warned about with its row, not dropped silently; a dash or 无 means no amount', async () => {
    const file = path.join(dir, 'amounts.csv');
    fs.writeFileSync(file, '姓名,身份证号,月供养标准\n张特,410523197003030118,六百元\n李特,410523197103030131,-\n王特,410523197203030147,无\n');
    const r = await load(file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('第 2 行：月发放金额：无法识别的金额：六百元');
    expect(r.stdout).not.toContain('第 3 行：月发放金额');
    expect(r.stdout).not.toContain('第 4 行：月发放金额');
  });
});

describe('a disability grade or category that cannot be read', () => {
  it('is warned about with its row (the subsidy rules depend on them)', async () => {
    const file = path.join(dir, 'canji.csv');
    fs.writeFileSync(file, '姓名,身份证号,残疾类别,残疾等级\n张特,410523197003030118,肢体,重度\n李特,410523197103030131,听力言语,二级\n王特,410523197203030147,,\n');
    const db = path.join(dir, 'canji.db');
    const r = await cli(['--db', db, 'load', 'canji', file, '--period', '2024-11']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('第 2 行：残疾等级：无法识别：重度');
    expect(r.stdout).toContain('第 3 行：残疾类别：无法识别：听力言语');
    expect(r.stdout).not.toContain('第 4 行');
  });
});
