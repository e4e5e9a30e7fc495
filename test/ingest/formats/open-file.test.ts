// openFile end to end: format by content, encodings and reasons, hashes, and the Chinese errors for broken inputs.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { openFile } from '../../../src/ingest/formats/open.js';
import { InputError } from '../../../src/errors.js';
import { allSheets, biff8, makeTempDir, zipStored } from './helpers.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

let xlsxBytes: Buffer;
beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('填表说明').addRow(['说明']);
  const ws = wb.addWorksheet('城关镇');
  ws.addRow(['姓名', '身份证号']);
  ws.addRow(['张三', 410102199001011234]);
  wb.addWorksheet('城南镇').addRow(['姓名']);
  xlsxBytes = Buffer.from(await wb.xlsx.writeBuffer());
});

async function failure(p: string, opts?: { encoding?: string }): Promise<InputError> {
  const err = await (async () => {
    const f = await openFile(p, opts);
    await allSheets(f);
  })().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('openFile: formats', () => {
  it('opens an xlsx (whatever its extension) with hash, size and sheet names', async () => {
    const p = tmp.file('名单.xls', xlsxBytes);
    const f = await openFile(p);
    expect(f).toMatchObject({
      path: p,
      fileName: '名单.xls',
      size: xlsxBytes.length,
      format: 'xlsx',
      formatLabel: 'Excel 2007+ 工作簿 (.xlsx)',
      sha256: createHash('sha256').update(xlsxBytes).digest('hex'),
    });
    expect(f.encoding).toBeUndefined();
    const sheets = await allSheets(f);
    expect(sheets.map((s) => s.name)).toEqual(['填表说明', '城关镇', '城南镇']);
    expect(sheets[1]!.rows[1]!.cells).toEqual(['张三', 410102199001011260]);
  });

  it('opens BIFF8 as xls, and the same bytes named .et as WPS', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['姓名'], ['张三']]), '城关镇');
    const bytes = biff8(wb);
    const xls = await openFile(tmp.file('a.xls', bytes));
    expect([xls.format, xls.formatLabel]).toEqual(['xls', 'Excel 97-2003 工作簿 (.xls, BIFF8)']);
    const et = await openFile(tmp.file('a.et', bytes));
    expect([et.format, et.formatLabel]).toEqual(['et', 'WPS 表格 (.et)']);
    expect((await allSheets(et))[0]).toEqual({ name: '城关镇', rows: [{ rowNo: 1, cells: ['姓名'] }, { rowNo: 2, cells: ['张三'] }] });
  });

  it('reads GBK CSV, saying why GB18030 was chosen', async () => {
    const p = tmp.file('低保.csv', iconv.encode('姓名,身份证号\r\n张三,410102199001011234\r\n', 'gbk'));
    const f = await openFile(p);
    expect([f.format, f.formatLabel, f.encoding, f.encodingReason]).toEqual([
      'csv',
      'CSV 文本',
      'gb18030',
      '不是有效的 UTF-8，按 GB18030（兼容 GBK/GB2312）解码',
    ]);
    expect(await allSheets(f)).toEqual([
      { name: '低保', rows: [{ rowNo: 1, cells: ['姓名', '身份证号'] }, { rowNo: 2, cells: ['张三', '410102199001011234'] }] },
    ]);
  });

  it('reads UTF-8 with BOM, and GB18030 four-byte characters', async () => {
    const bom = await openFile(tmp.file('bom.csv', Buffer.from('\ufeff姓名,身份证号\n王䶮,1\n')));
    expect([bom.encoding, bom.encodingReason]).toEqual(['utf-8', '检测到 UTF-8 BOM']);
    expect((await allSheets(bom))[0]!.rows.map((r) => r.cells)).toEqual([['姓名', '身份证号'], ['王䶮', '1']]);

    const gb = await openFile(tmp.file('rare.csv', iconv.encode('姓名,身份证号\n王䶮,1\n李𠀀,2\n', 'gb18030')));
    expect(gb.encoding).toBe('gb18030');
    expect((await allSheets(gb))[0]!.rows.map((r) => r.cells[0])).toEqual(['姓名', '王䶮', '李𠀀']);
  });

  it('honours --encoding', async () => {
    const p = tmp.file('forced.csv', iconv.encode('姓名\n张三\n', 'gbk'));
    const f = await openFile(p, { encoding: 'gbk' });
    expect([f.encoding, f.encodingReason]).toEqual(['gb18030', '由 --encoding 指定（gbk，按其超集 GB18030 解码）']);
    const err = await failure(p, { encoding: 'shift-jis' });
    expect(err.message).toMatch(/^文件「forced\.csv」：不认识 --encoding 指定的编码「shift-jis」。可用的编码有：/);
  });

  it('opens an HTML table saved as .xls (GBK) and tab-separated text saved as .xls', async () => {
    const html = '<html><head><meta charset="gbk"></head><table><tr><td>姓名</td><td>身份证号</td></tr><tr><td>张三</td><td>0012</td></tr></table></html>';
    const h = await openFile(tmp.file('网页.xls', iconv.encode(html, 'gbk')));
    expect([h.format, h.formatLabel, h.encoding]).toEqual(['html', 'HTML 表格（扩展名为 .xls 的网页文件）', 'gb18030']);
    expect((await allSheets(h))[0]!.rows.map((r) => r.cells)).toEqual([['姓名', '身份证号'], ['张三', '0012']]);

    const t = await openFile(tmp.file('制表符.xls', iconv.encode('姓名\t身份证号\n张三\t410102199001011234\n', 'gbk')));
    expect([t.format, t.formatLabel, t.encoding]).toEqual(['tsv', '制表符分隔文本（扩展名为 .xls）', 'gb18030']);
    expect(await allSheets(t)).toEqual([
      { name: '制表符', rows: [{ rowNo: 1, cells: ['姓名', '身份证号'] }, { rowNo: 2, cells: ['张三', '410102199001011234'] }] },
    ]);
  });
});

describe('openFile: broken inputs', () => {
  it('missing file, directory, empty file', async () => {
    const missing = `${tmp.dir}/没有这个文件.xlsx`;
    await expect(openFile(missing)).rejects.toThrow(`文件「${missing}」：找不到文件。`);
    await expect(openFile(tmp.dir)).rejects.toThrow(/这是一个文件夹，不是文件。请指定文件夹里的具体表格文件/);
    const empty = tmp.file('空.csv', '');
    await expect(openFile(empty)).rejects.toThrow(/^文件「空\.csv」：文件是空的（0 字节）。/);
  });

  it('binary junk named .csv', async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
    const err = await failure(tmp.file('junk.csv', junk));
    expect(err.message).toMatch(/^文件「junk\.csv」：文件内容是二进制数据，既不是表格也不是文本表格.*。支持的格式：Excel 工作簿 \(\.xlsx\)/);
  });

  it('truncated xlsx, zip without a workbook, a Word document', async () => {
    for (const cut of [3000, Math.floor(xlsxBytes.length * 0.6)]) {
      const err = await failure(tmp.file(`trunc-${cut}.xlsx`, xlsxBytes.subarray(0, cut)));
      expect(err.message).toMatch(/^文件「trunc-\d+\.xlsx」：文件已损坏或不是 Excel 工作簿.*请用 Excel 或 WPS 打开该文件，另存为/);
    }
    const zip = tmp.file('资料.xlsx', zipStored([['说明.txt', '不是表格']]));
    expect((await failure(zip)).message).toMatch(/^文件「资料\.xlsx」：文件已损坏或不是 Excel 工作簿（这是一个 zip 压缩包，但里面没有 Excel 工作表）/);
    const docx = tmp.file('通知.xlsx', zipStored([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w:document/>']]));
    expect((await failure(docx)).message).toMatch(/^文件「通知\.xlsx」：这是 Word 文档 \(\.docx\)，不是表格文件/);
  });

  it('password-protected workbook', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', Buffer.alloc(64, 1));
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', Buffer.alloc(4096, 2));
    const err = await failure(tmp.file('加密.xlsx', XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer));
    expect(err.message).toBe(
      '文件「加密.xlsx」：文件设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中输入密码打开，取消密码后另存为“Excel 工作簿 (.xlsx)”再试',
    );
  });

  it('damaged .xls', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const err = await failure(tmp.file('坏.xls', Buffer.concat([ole, Buffer.alloc(1000, 9)])));
    expect(err.message).toMatch(/^文件「坏\.xls」：文件已损坏或设置了密码保护，无法按 Excel 97-2003 工作簿读取。请用 Excel 或 WPS 打开该文件/);
  });

  it('CSV that stops being UTF-8 after the probe', async () => {
    const head = '姓名,身份证号\n' + '张三,410102199001011234\n'.repeat(4000);
    const p = tmp.file('mixed.csv', Buffer.concat([Buffer.from(head), iconv.encode('李四,1\n', 'gbk')]));
    const err = await failure(p);
    const offset = Buffer.byteLength(head) + 1;
    expect(err.message).toMatch(
      new RegExp(`^文件「mixed\\.csv」，第 4002 行：文件前部按 UTF-8 识别，但这一行出现了不是 UTF-8 的字节（文件第 ${offset} 个字节）`),
    );
    expect(readFileSync(p).length).toBeGreaterThan(64 * 1024);
  });
});
