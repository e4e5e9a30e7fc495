// Format sniffing by content and text decoding (BOM, strict UTF-8, GB18030, --encoding, streaming probe).

import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { sniffFormat } from '../../../src/ingest/formats/sniff.js';
import { createDecodingStream, decodeText, detectFileEncoding } from '../../../src/ingest/formats/decode.js';
import { InputError } from '../../../src/errors.js';
import { makeTempDir } from './helpers.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

describe('sniffFormat', () => {
  it('recognises containers by magic bytes, not extension', () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('xl/workbook.xml')]);
    expect(sniffFormat(zip, '名单.xls')).toEqual({ format: 'xlsx', label: 'Excel 2007+ 工作簿 (.xlsx)' });
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect(sniffFormat(ole, '名单.xls')).toEqual({ format: 'xls', label: 'Excel 97-2003 工作簿 (.xls, BIFF8)' });
    expect(sniffFormat(ole, '名单.ET')).toEqual({ format: 'et', label: 'WPS 表格 (.et)' });
    expect(sniffFormat(ole, '名单.xlsx').format).toBe('xls');
  });

  it('tells other zip packages apart when their entry names show', () => {
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('word/document.xml')]);
    expect(sniffFormat(docx, 'a.xlsx')).toEqual({ format: 'unknown', label: 'Word 文档 (.docx)' });
  });

  it('finds HTML tables (also GBK, also behind a BOM and blank lines) and Excel 2003 XML', () => {
    const html = Buffer.concat([
      Buffer.from('\ufeff\r\n  '),
      iconv.encode('<html><head><meta charset="gbk"></head><body><TABLE><tr><td>姓名</td></tr></TABLE>', 'gbk'),
    ]);
    expect(sniffFormat(html, '低保.xls')).toEqual({ format: 'html', label: 'HTML 表格（扩展名为 .xls 的网页文件）' });
    const xml = Buffer.from(
      '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
    );
    expect(sniffFormat(xml, 'a.xls').format).toBe('html');
    expect(sniffFormat(xml, 'a.xls').label).toContain('Excel 2003 XML');
  });

  it('splits text into CSV and tab-separated, noting a spreadsheet extension', () => {
    expect(sniffFormat(Buffer.from('姓名,身份证号\n张三,1\n'), 'a.csv')).toEqual({ format: 'csv', label: 'CSV 文本', delimiter: ',' });
    expect(sniffFormat(Buffer.from('姓名\t身份证号\t备注\n张三\t1\t"a,b"\n'), '导出.xls')).toEqual({
      format: 'tsv',
      label: '制表符分隔文本（扩展名为 .xls）',
      delimiter: '\t',
    });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名\t身份证号\r\n张三\t1\r\n', 'utf16le')]);
    expect(sniffFormat(utf16, 'unicode.txt').format).toBe('tsv');
  });

  it('finds ; and | as separators, by the count most lines agree on (titles and commas in amounts do not disturb it)', () => {
    const semi = Buffer.from('某县低保对象名单\r\n序号;姓名;身份证号;月保障金额\r\n1;张三;410102199001011234;1,200.00\r\n2;李四;410102199001021230;860.00\r\n');
    expect(sniffFormat(semi, '低保.csv')).toEqual({ format: 'csv', label: '分号分隔文本', delimiter: ';' });
    const pipe = iconv.encode('乡镇|姓名|身份证号|\r\n城关镇|张三|410102199001011234|\r\n城关镇|李四|410102199001021230|\r\n', 'gbk');
    expect(sniffFormat(pipe, '特困.txt')).toEqual({ format: 'csv', label: '竖线分隔文本', delimiter: '|' });
    // A comma file whose names hold no separators at all, and a one-column file: commas.
    expect(sniffFormat(Buffer.from('身份证号\n410102199001011234\n'), 'a.csv').delimiter).toBe(',');
  });

  it('judges | on decoded text: a GBK character whose second byte is 0x7C is not a separator', () => {
    // 億 is 83 7C and 弢 8F 7C in GBK: their second byte is the "|" byte.
    const gbk = iconv.encode('姓名\r\n弢億\r\n億弢\r\n億億\r\n', 'gbk');
    expect(gbk.includes(0x7c)).toBe(true);
    expect(sniffFormat(gbk, '名单.csv')).toEqual({ format: 'csv', label: 'CSV 文本', delimiter: ',' });
  });

  it('calls binary data unknown', () => {
    const junk = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
    expect(sniffFormat(junk, 'a.csv')).toEqual({ format: 'unknown', label: '二进制数据' });
    expect(sniffFormat(Buffer.from('%PDF-1.7\n'), 'a.xls')).toEqual({ format: 'unknown', label: 'PDF 文档' });
  });
});

describe('decodeText', () => {
  it('uses a BOM first', () => {
    expect(decodeText(Buffer.from('\ufeff姓名,张三'))).toEqual({ text: '姓名,张三', encoding: 'utf-8', reason: '检测到 UTF-8 BOM' });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名', 'utf16le')]);
    expect(decodeText(le)).toMatchObject({ text: '姓名', encoding: 'utf-16le', reason: '检测到 UTF-16LE BOM' });
    const be = Buffer.from([0xfe, 0xff, 0x59, 0xd3, 0x54, 0x0d]);
    expect(decodeText(be)).toMatchObject({ text: '姓名', encoding: 'utf-16be' });
  });

  it('accepts valid UTF-8, else falls back to GB18030 (4-byte characters too)', () => {
    expect(decodeText(Buffer.from('姓名,王䶮'))).toMatchObject({ text: '姓名,王䶮', encoding: 'utf-8', reason: '按 UTF-8 解码成功' });
    const gb = iconv.encode('姓名,王䶮,𠀀', 'gb18030');
    expect(iconv.encode('𠀀', 'gb18030').length).toBe(4);
    expect(decodeText(gb)).toEqual({
      text: '姓名,王䶮,𠀀',
      encoding: 'gb18030',
      reason: '不是有效的 UTF-8，按 GB18030（兼容 GBK/GB2312）解码',
    });
  });

  it('obeys --encoding and rejects unknown names with the accepted list', () => {
    const gbk = iconv.encode('张三', 'gbk');
    expect(decodeText(gbk, 'GBK')).toMatchObject({ text: '张三', encoding: 'gb18030', reason: '由 --encoding 指定（GBK，按其超集 GB18030 解码）' });
    expect(decodeText(Buffer.from('\ufeff张三'), 'utf8')).toMatchObject({ text: '张三', reason: '由 --encoding 指定（utf8）' });
    expect(decodeText(Buffer.from('\ufeff张三'), 'gbk')).toMatchObject({
      text: '张三',
      encoding: 'utf-8',
      reason: '检测到 UTF-8 BOM，与 --encoding 指定的 gbk 不符，按 BOM 解码',
    });
    expect(() => decodeText(gbk, 'latin-9', 'a.csv')).toThrow(InputError);
    expect(() => decodeText(gbk, 'latin-9', 'a.csv')).toThrow(/文件「a\.csv」：不认识 --encoding 指定的编码「latin-9」。可用的编码有：utf-8.*gbk.*gb18030/);
  });
});

describe('createDecodingStream', () => {
  async function readAll(path: string, forced?: string) {
    const d = await createDecodingStream(path, forced);
    let text = '';
    for await (const s of d.stream) text += s as string;
    return { ...d, text };
  }

  it('does not take a character cut at the 64 KB probe boundary for invalid UTF-8', async () => {
    // "中" is 3 bytes: put one across the 65536-byte boundary.
    const body = 'a'.repeat(65535) + '中'.repeat(100) + '\n';
    const p = tmp.file('boundary.csv', body);
    const r = await readAll(p);
    expect(r.encoding).toBe('utf-8');
    expect(r.reason).toContain('按 UTF-8 解码成功');
    expect(r.text).toBe(body);
  });

  it('looks past an all-ASCII start to find GBK further on', async () => {
    const body = Buffer.concat([Buffer.from('xingming,id\n'.repeat(10000)), iconv.encode('张三,1\n', 'gbk')]);
    const p = tmp.file('late-gbk.csv', body);
    const enc = await detectFileEncoding(p);
    expect(enc.encoding).toBe('gb18030');
    expect(enc.reason).toMatch(/^不是有效的 UTF-8，按 GB18030（兼容 GBK\/GB2312）解码（前 \d+ KB 均为 ASCII）$/);
    const r = await readAll(p);
    expect(r.text.endsWith('张三,1\n')).toBe(true);
  });

  it('strips the BOM and decodes UTF-16LE', async () => {
    const p = tmp.file('u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名\t号\r\n', 'utf16le')]));
    const r = await readAll(p);
    expect(r).toMatchObject({ encoding: 'utf-16le', reason: '检测到 UTF-16LE BOM', text: '姓名\t号\r\n' });
  });
});
