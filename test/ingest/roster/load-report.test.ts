// What the clerk reads after a load of the layouts of issue 11: which hidden sheets were left out and how to take one,
// where each sheet's township came from, repeated headers and re-mapped blocks, skipped rows by cause.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, tempDir } from '../../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('bidui-layouts-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function load(kind: string, file: string, ...extra: string[]) {
  const db = path.join(dir, `${Math.random().toString(36).slice(2)}.db`);
  const r = await cli(['--db', db, 'load', kind, file, '--period', '2024-11', '--area', '农村', ...extra]);
  return { ...r, db };
}

describe('hidden sheets', () => {
  it('are named in the report as not loaded, with the --sheet that takes one', async () => {
    const r = await load('dibao', fixture('hidden-sheets', '低保_含隐藏表.xlsx'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('工作表「10月」：未使用（隐藏的工作表，默认不导入；如确需导入请用 --sheet 指定）');
    expect(r.stdout).toContain('隐藏的工作表 「10月」「下拉选项」 没有导入');
  });

  it('--sheet takes a hidden sheet, and says it is one', async () => {
    const r = await load('dibao', fixture('hidden-sheets', '低保_含隐藏表.xls'), '--sheet', '10月');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('工作表「10月」（隐藏的工作表，按 --sheet 导入）');
    const sql = new Database(r.db, { readonly: true });
    expect(sql.prepare(`SELECT sheet, count(*) AS n FROM roster_rows GROUP BY sheet`).all()).toEqual([{ sheet: '10月', n: 4 }]);
    sql.close();
  });
});

describe('where the township came from', () => {
  it('says the sheet name, the title row or the file name, and counts empty 乡镇 cells it filled', async () => {
    const bySheet = await load('dibao', fixture('township-sources', '低保_分乡镇工作表.xlsx'));
    expect(bySheet.stdout).toContain('没有乡镇列，乡镇「东岗镇」取自工作表名「东岗镇低保」');
    const byTitle = await load('dibao', fixture('township-sources', '低保花名册.xlsx'));
    expect(byTitle.stdout).toContain('没有乡镇列，乡镇「河口乡」取自第 1 行标题「河口乡2024年11月农村低保对象花名册」');
    const byFile = await load('tekun', fixture('township-sources', '城南镇_特困人员_2024年11月.csv'));
    expect(byFile.stdout).toContain('没有乡镇列，乡镇「城南镇」取自文件名「城南镇_特困人员_2024年11月.csv」');
    const filled = await load('dibao', fixture('township-sources', '东岗镇低保名单.xlsx'));
    expect(filled.stdout).toContain('有 2 行的乡镇单元格是空的，已按「东岗镇」填写');
    const none = await load('dibao', fixture('township-sources', '低保名单.csv'));
    expect(none.stdout).toContain('没有乡镇列，工作表名、标题和文件名中也没有乡镇名（这些人将列入“未知乡镇”）');
  });
});

describe('pasted blocks', () => {
  it('reports the repeated headers, the re-mapped block and each block\'s township, and counts skipped rows by cause', async () => {
    const r = await load('dibao', fixture('stacked-blocks', '低保_三乡镇合表.xlsx'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('表中重复出现表头 2 行（多段名单粘贴在一起），已跳过；其中第 19 行起列的位置变了，已按新表头重新识别');
    expect(r.stdout).toContain('第 11 行起的一段：乡镇「西营乡」取自这段的标题行');
    expect(r.stdout).toContain('导入 9 人，跳过 12 行（空行 2，小计/合计 3，表尾 1，重复表头 2，段落标题 4），拒收 0 行');
  });
});

describe('a header repeated inside one block (no title before it)', () => {
  it('continues that block: its rows keep the block\'s township, not the first title\'s', async () => {
    const csv = path.join(dir, 'repeat-in-block.csv');
    fs.writeFileSync(
      csv,
      [
        '城关镇2024年11月低保花名册',
        '姓名,身份证号,村',
        '甲一,410523195001010114,东村',
        '',
        '城南镇2024年11月低保花名册',
        '身份证号,姓名,村',
        '410523195201010135,乙一,南村',
        '身份证号,姓名,村',
        '410523195401010156,乙三,北村',
        '',
      ].join('\n'),
    );
    const r = await load('dibao', csv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('第 8 行起的一段');
    const sql = new Database(r.db, { readonly: true });
    expect(sql.prepare(`SELECT name, township FROM roster_rows ORDER BY row_no`).all()).toEqual([
      { name: '甲一', township: '城关镇' },
      { name: '乙一', township: '城南镇' },
      { name: '乙三', township: '城南镇' },
    ]);
    sql.close();
  });
});

describe('--sheet and --header-row that point at nothing', () => {
  it('--sheet naming no sheet says so and lists the sheets there are', async () => {
    const byName = await load('dibao', fixture('township-sources', '低保_分乡镇工作表.xlsx'), '--sheet', '不存在');
    expect(byName.code).toBe(2);
    expect(byName.stderr).toContain('没有名为「不存在」的工作表');
    expect(byName.stderr).toContain('「东岗镇低保」');
    const byNumber = await load('dibao', fixture('township-sources', '低保_分乡镇工作表.xlsx'), '--sheet', '99');
    expect(byNumber.code).toBe(2);
    expect(byNumber.stderr).toMatch(/没有第 99 个工作表（这个文件只有 \d+ 个）/);
  });

  it('--header-row past the end or on an empty row says which row, not some other row\'s headers', async () => {
    const csv = path.join(dir, 'short.csv');
    fs.writeFileSync(csv, '姓名,身份证号,村\n张三,410523195007070118,东关村\n\n李四,410523195107070123,东关村\n');
    const past = await load('dibao', csv, '--header-row', '50');
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('--header-row 指定的第 50 行超出了表格（最后一行是第 4 行）');
    expect(past.stderr).not.toContain('看到的表头');
    const blank = await load('dibao', csv, '--header-row', '3');
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('--header-row 指定的第 3 行是空行');
  });
});

describe('a header repeated with spaces in it', () => {
  it('is still a header, not a person named 姓 名', async () => {
    const csv = path.join(dir, 'spaced.csv');
    fs.writeFileSync(csv, '姓 名,身 份 证 号,村\n张三,410102199001011234,东关村\n姓 名,身 份 证 号,村\n李四,410102199001021230,东关村\n');
    const r = await load('dibao', csv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('导入 2 人，跳过 1 行（空行 0，小计/合计 0，表尾 0，重复表头 1）');
  });
});

describe('a workbook whose roster is only on a hidden sheet', () => {
  it('says so and how to load it', async () => {
    const r = await load('dibao', fixture('libreoffice-saved', '低保_LibreOffice.xlsx'), '--sheet', '99');
    expect(r.code).toBe(2);
    const wb = path.join(dir, 'only-hidden.xlsx');
    const { xlsxPackage } = await import('../../../scripts/lib/xlsx-package.js');
    const t = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`;
    fs.writeFileSync(
      wb,
      xlsxPackage({
        sheets: [
          { name: '说明', body: `<sheetData><row r="1">${t('A1', '请填写')}</row></sheetData>` },
          { name: '名单', state: 'hidden', body: `<sheetData><row r="1">${t('A1', '姓名')}${t('B1', '身份证号')}</row><row r="2">${t('A2', '张三')}${t('B2', '410102199001011234')}</row></sheetData>` },
        ],
      }),
    );
    const h = await load('dibao', wb);
    expect(h.code).toBe(2);
    expect(h.stderr).toContain('可见的工作表中没有名单，名单可能在隐藏的工作表「名单」中（隐藏的工作表默认不导入）');
    expect(h.stderr).toContain('--sheet "名单"');
  });
});
