// Legacy readers: BIFF8 .xls streamed record by record (merged cells, hidden sheets, types, formulas) and HTML-table
// "xls" files through SheetJS (GBK, rowspan/colspan).

import { afterAll, describe, expect, it, vi } from 'vitest';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { decodeHtml, LegacyReadError, readHtml, readXls } from '../../../src/ingest/formats/legacy.js';
import { biff8, collect, makeTempDir } from './helpers.js';
import { fixture } from '../../helpers/cli.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

function rosterWorkbook(): XLSX.WorkBook {
  const ws = XLSX.utils.aoa_to_sheet([
    ['某县2024年11月农村低保对象花名册'],
    ['户主', '家庭成员情况', null, null, '审批日期', '金额'],
    [null, '姓名', '与户主关系', '身份证号'],
    ['张三', '张三', '本人', 410102199001011234, new Date(Date.UTC(2019, 0, 5)), 2019.1],
    [null, '李四', '配偶', '410102199001011235'],
    [],
    ['合计', null, null, null, null, true],
  ]);
  ws['!merges'] = [
    XLSX.utils.decode_range('A1:F1'),
    XLSX.utils.decode_range('A2:A3'),
    XLSX.utils.decode_range('B2:D2'),
    XLSX.utils.decode_range('A4:A5'),
  ];
  ws['F4']!.z = '0.00';
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['填表说明：请按身份证号填写']]), '填表说明');
  XLSX.utils.book_append_sheet(wb, ws, '城关镇');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['备用']]), '隐藏表');
  wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 0 }, { Hidden: 1 }] };
  return wb;
}

describe('readXls', () => {
  it('reads every sheet, hidden ones too, with real row numbers and merged ranges filled', async () => {
    const p = tmp.file('roster.xls', biff8(rosterWorkbook()));
    const book = await readXls(p);
    expect(book.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['填表说明', undefined],
      ['城关镇', undefined],
      ['隐藏表', 'hidden'],
    ]);
    const rows = await collect(book.sheets[1]!);
    expect(rows.map((r) => r.rowNo)).toEqual([1, 2, 3, 4, 5, 7]);
    // Title merged across: every covered cell reads the title.
    expect(rows[0]!.cells).toEqual(Array(6).fill('某县2024年11月农村低保对象花名册'));
    // Two-row header: 户主 merged down, 家庭成员情况 merged across its sub-headers.
    expect(rows[1]!.cells).toEqual(['户主', '家庭成员情况', '家庭成员情况', '家庭成员情况', '审批日期', '金额']);
    expect(rows[2]!.cells).toEqual(['户主', '姓名', '与户主关系', '身份证号']);
    // The household head's cell merged down over the household's rows.
    expect(rows[3]!.cells).toEqual(['张三', '张三', '本人', 410102199001011260, new Date('2019-01-05T00:00:00.000Z'), 2019.1]);
    expect(rows[3]!.text).toEqual([undefined, undefined, undefined, undefined, undefined, '2019.10']);
    expect(rows[4]!.cells).toEqual(['张三', '李四', '配偶', '410102199001011235']);
    expect(rows[5]!.cells).toEqual(['合计', null, null, null, null, true]);
    // Cells filled from a merge say so; the top-left cell itself does not.
    expect(rows[3]!.merged).toBeUndefined();
    expect(rows[4]!.merged).toEqual([true]);
    expect(rows[1]!.merged).toEqual([undefined, undefined, true, true]);
  });

  it('fails with LegacyReadError on a damaged OLE2 file, and recognises encrypted workbooks', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const damaged = tmp.file('damaged.xls', Buffer.concat([ole, Buffer.alloc(600, 7)]));
    await expect(readXls(damaged)).rejects.toBeInstanceOf(LegacyReadError);

    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', Buffer.alloc(64, 1));
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', Buffer.alloc(4096, 2));
    const enc = tmp.file('encrypted.xlsx', XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
    const err = await readXls(enc).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyReadError);
    expect((err as LegacyReadError).encrypted).toBe(true);
  });
});

describe('readHtml', () => {
  const table =
    '<table border=1><tr><td colspan=2>城关镇低保花名册</td></tr>' +
    '<tr><td>姓名</td><td>身份证号</td><td>编号</td></tr>' +
    '<tr><td rowspan=2>张三</td><td>410102199001011234</td><td>0012</td></tr>' +
    '<tr><td>41010219900101123x</td><td>2019.10</td></tr></table>';

  it('decodes a GBK page by its <meta> charset and keeps cells as the text shown', async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>${table}</body></html>`;
    const p = tmp.file('导出.xls', iconv.encode(html, 'gbk'));
    const book = await readHtml(p);
    expect(book.encoding).toBe('gb18030');
    expect(book.encodingReason).toBe('网页声明字符集为 gb2312，按 GB18030（兼容 GBK/GB2312）解码');
    const rows = await collect(book.sheets[0]!);
    expect(rows.map((r) => r.rowNo)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.cells).toEqual(['城关镇低保花名册', '城关镇低保花名册']);
    expect(rows[2]!.cells).toEqual(['张三', '410102199001011234', '0012']);
    expect(rows[3]!.cells).toEqual(['张三', '41010219900101123x', '2019.10']);
  });

  it('puts a page\'s tables one under the other on one sheet, as Excel shows it: a title in a table of its own stays above the header', async () => {
    const html =
      '<html><body><table><tr><td>城南镇2024年11月特困人员名单</td></tr><tr><td>填报单位：城南镇</td></tr></table>' +
      '<table><tr><th>姓名</th><th>身份证号</th></tr><tr><td rowspan=2>甲</td><td>410523195007070118</td></tr><tr><td>410523195007070126</td></tr></table>' +
      '<table><tr><td>填报人：乙</td></tr></table></body></html>';
    const book = await readHtml(tmp.file('多表.xls', html));
    expect(book.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    const rows = await collect(book.sheets[0]!);
    expect(rows.map((r) => [r.rowNo, r.cells])).toEqual([
      [1, ['城南镇2024年11月特困人员名单']],
      [2, ['填报单位：城南镇']],
      [3, ['姓名', '身份证号']],
      [4, ['甲', '410523195007070118']],
      [5, ['甲', '410523195007070126']],
      [6, ['填报人：乙']],
    ]);
  });

  it('trusts valid UTF-8 over a stale GBK declaration, and --encoding over both', () => {
    const html = Buffer.from(`<html><meta charset="gbk">${table}</html>`);
    expect(decodeHtml(html)).toMatchObject({ encoding: 'utf-8', reason: '网页声明字符集为 gbk，但内容是有效的 UTF-8，按 UTF-8 解码' });
    expect(decodeHtml(html, 'utf-8').reason).toBe('由 --encoding 指定（utf-8）');
    expect(decodeHtml(Buffer.from(`<table><tr><td>张三</td></tr></table>`))).toMatchObject({ encoding: 'utf-8', reason: '按 UTF-8 解码成功' });
  });
});

describe('SheetJS console messages', () => {
  it('do not reach the terminal: an .ods saved by LibreOffice (conditional number formats) reads without English noise', async () => {
    const spyErr = vi.spyOn(console, 'error');
    const spyWarn = vi.spyOn(console, 'warn');
    try {
      const wb = await readXls(fixture('libreoffice-saved', '低保_LibreOffice.ods'), undefined, true);
      expect(wb.sheets.length).toBeGreaterThan(0);
      expect(spyErr).not.toHaveBeenCalled();
      expect(spyWarn).not.toHaveBeenCalled();
    } finally {
      spyErr.mockRestore();
      spyWarn.mockRestore();
    }
  });
});
