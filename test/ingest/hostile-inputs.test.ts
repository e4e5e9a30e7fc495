// Hostile and broken inputs (issue 10, items 9 and 11): whatever the file, `bidui load` and the feedback reader end with
// a clear Chinese message naming the file and exit 2, quickly and without taking the machine's memory — never exit 70,
// never a hang. Every hostile file is made here, small (zip bombs of a high ratio, an endless line, a FIFO); none is
// committed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readFeedbackWorkbook } from '../../src/ingest/feedback.js';
import { openFile } from '../../src/ingest/formats/open.js';
import { zipBuffer } from '../../scripts/lib/zip-writer.js';
import { xlsxPackage } from '../../scripts/lib/xlsx-package.js';
import { cli, tempDir } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('bidui-hostile-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name: string, data: string | Buffer): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
};

/**
 * `bidui load dibao <file>` on a fresh database, with an optional config file. "Quickly" is the test's own timeout
 * (60 s, vitest.config.ts): each of these finishes in about a second, and a reader that inflated, read or waited its way
 * through a hostile file would take minutes or hang (no tighter clock here: the suite runs on busy CI machines).
 */
async function load(p: string, config?: string): Promise<{ code: number; stderr: string }> {
  const db = path.join(dir, `${path.basename(p)}-${Math.random().toString(36).slice(2)}.db`);
  const args = ['--db', db];
  if (config) args.push('--config', file(`cfg-${Math.random().toString(36).slice(2)}.yaml`, config));
  const r = await cli([...args, 'load', 'dibao', p, '--period', '2024-11']);
  return { code: r.code, stderr: r.stderr };
}

async function refused(p: string, message: RegExp, config?: string): Promise<string> {
  const r = await load(p, config);
  expect(r.stderr).toMatch(message);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(path.basename(p));
  expect(r.stderr).not.toMatch(/内部错误|at .*\.(js|ts):/);
  return r.stderr;
}

const FEEDBACK = { required: ['疑点编号', '核查结果'], manifestMark: '#bidui-manifest' };

// Symlink loops, FIFOs and /dev/zero are made the Unix way; Windows has none of them as such.
describe.skipIf(process.platform === 'win32')('not a regular file', () => {
  it('a symlink loop is refused as such (was exit 70)', async () => {
    const a = path.join(dir, 'loop-a.xlsx');
    const b = path.join(dir, 'loop-b.xlsx');
    fs.symlinkSync(b, a);
    fs.symlinkSync(a, b);
    await refused(a, /循环的符号链接/);
  });

  it('a FIFO and /dev/zero are refused by load and by the feedback reader, without waiting or reading', async () => {
    const fifo = path.join(dir, 'answers.xlsx');
    execFileSync('mkfifo', [fifo]);
    await refused(fifo, /不是普通文件/);
    await expect(readFeedbackWorkbook(fifo, FEEDBACK)).rejects.toBeInstanceOf(InputError);
    await expect(openFile('/dev/zero')).rejects.toThrow(/不是普通文件/);
    await expect(readFeedbackWorkbook('/dev/zero', FEEDBACK)).rejects.toThrow(/不是普通文件/);
  });
});

describe('zip bombs and huge parts', () => {
  it('an xlsx whose worksheet inflates 1000:1 is refused by its compression ratio, for load and feedback', async () => {
    // 64 MB of one byte over and over inside the sheet: a file of some 64 KB.
    const body = `<sheetData>${' '.repeat(64 << 20)}</sheetData>`;
    const bomb = file('bomb.xlsx', xlsxPackage({ sheets: [{ name: 'S', body }] }));
    expect(fs.statSync(bomb).size).toBeLessThan(1 << 20);
    const msg = await refused(bomb, /压缩比高达 \d+:1/);
    expect(msg).toMatch(/压缩炸弹/);
    await expect(readFeedbackWorkbook(bomb, FEEDBACK)).rejects.toThrow(/压缩比/);
  });

  it('a part bigger than zip_entry_mb is refused before it is inflated', async () => {
    const big = Buffer.alloc(3 << 20, 'a');
    const p = file('big-part.xlsx', zipBuffer([{ name: 'xl/worksheets/sheet1.xml', data: big }]));
    await refused(p, /解压后有 3 MB，超过上限 2 MB/, 'limits:\n  zip_entry_mb: 2\n');
  });

  it('a deflate stream longer than its recorded size is not inflated past it', async () => {
    const data = Buffer.alloc(5 << 20, 'x');
    const zip = zipBuffer([{ name: 'xl/worksheets/sheet1.xml', data }]);
    // Record 1,000 bytes as the size in the central directory: the reader stops there.
    const cd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(1000, cd + 24);
    await refused(file('liar.xlsx', zip), /损坏|不是 Excel 工作簿/);
  });
});

describe('a gigantic cell, an endless line, a deep nest', () => {
  it('an xlsx cell beyond 32,767 characters is refused (was exit 70 at 1 GB)', async () => {
    const long = '长'.repeat(40_000);
    const body = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>${long}</t></is></c></row></sheetData>`;
    await refused(file('huge-cell.xlsx', xlsxPackage({ sheets: [{ name: 'S', body }] })), /单元格长达 40,000 个字符，超过上限 32,767/);
  });

  it('an XML tag that never ends is refused after 32 MB', async () => {
    const body = `<sheetData><row r="1"><c r="A1" foo="${'a'.repeat(40 << 20)}"/></row></sheetData>`;
    await refused(file('endless-tag.xlsx', xlsxPackage({ sheets: [{ name: 'S', body }] })), /超过 32 MB 仍未结束的 XML 标记/, 'limits:\n  zip_ratio: 2000\n');
  });

  it('a CSV line of 20 MB without a line break is reported as such, not as an unpaired quote', async () => {
    const p = file('endless.csv', '姓名,身份证号\n张三,' + 'x'.repeat(20 << 20));
    const msg = await refused(p, /这一行超过 16,777,216 个字符仍没有换行/);
    expect(msg).toContain('第 2 行');
    expect(msg).not.toMatch(/双引号/);
  });

  it('a CSV cell beyond the cell limit is refused with its line; cell_chars raises the limit', async () => {
    const p = file('long-cell.csv', `姓名,身份证号,备注\n张三,410102199001011234,${'备'.repeat(40_000)}\n`);
    const msg = await refused(p, /单元格长达 40,000 个字符/);
    expect(msg).toContain('第 2 行');
    const r = await load(p, 'limits:\n  cell_chars: 50000\n');
    expect(r.code, r.stderr).toBe(0);
  });

  it('a stray quote at the start of a field that swallows the next lines is named with its line (was loaded, names merged)', async () => {
    const p = file(
      'stray-quote.csv',
      '序号,姓名,身份证号,村\n1,"张三,410102199001011234,东关村\n2,李四,410102199001021230,东关村\n3,王五,410102199001031235,东关村"\n4,赵六,410102199001041230,东关村\n',
    );
    const msg = await refused(p, /以英文双引号开头.*后面 2 行都被并进了这一个单元格/);
    expect(msg).toContain('第 2 行');
  });

  it('a quote never closed is still reported as one', async () => {
    await refused(file('unclosed.csv', `姓名,身份证号\n"张三,410102199001011234\n${'李四,410102199001021230\n'.repeat(12_000)}`), /双引号没有配对/);
  });

  it('a worksheet nested 200,000 elements deep is scanned without recursion (no roster, exit 2, quickly)', async () => {
    const body = `<sheetData>${'<x>'.repeat(200_000)}${'</x>'.repeat(200_000)}</sheetData>`;
    // (The nest compresses 700:1: allowed here, to reach the scanner.)
    await refused(file('deep.xlsx', xlsxPackage({ sheets: [{ name: 'S', body }] })), /没有找到任何名单数据/, 'limits:\n  zip_ratio: 2000\n');
  });
});

describe('too many rows, files too big to read whole', () => {
  it('rows beyond limits.rows_per_file stop the load', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['姓名', '身份证号']);
    for (let i = 0; i < 2500; i++) ws.addRow([`人${i}`, '410102199001011234']);
    const p = file('many-rows.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const msg = await refused(p, /文件超过 1,000 行（rows_per_file），已停止读取/, 'limits:\n  rows_per_file: 1000\n');
    expect(msg).toMatch(/limits:.*rows_per_file/);
  });

  it('an HTML "xls" above html_mb is refused before SheetJS reads it (a 60 MB page took 4 GB)', async () => {
    const rows = '<tr><td>张三</td><td>410102199001011234</td></tr>'.repeat(40_000);
    const p = file('big-web.xls', `<html><body><table><tr><td>姓名</td><td>身份证号</td></tr>${rows}</table></body></html>`);
    await refused(p, /网页表格（HTML\/XML）文件有 [\d.]+ MB，超过上限 1 MB/, 'limits:\n  html_mb: 1\n');
  });

  it('a setting outside its range is a config error naming it', async () => {
    const r = await load(file('x.csv', '姓名,身份证号\n张三,410102199001011234\n'), 'limits:\n  rows_per_file: 5\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/limits\.rows_per_file/);
  });
});
