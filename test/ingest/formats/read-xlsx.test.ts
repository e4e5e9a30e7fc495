// Streaming .xlsx reader: sheet names and tab order, real row numbers, cell conversion, odd zip layouts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readXlsx } from '../../../src/ingest/formats/xlsx/read.js';
import { allSheets, makeTempDir, unzipEntries, zipStored } from './helpers.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const ID = 410102199001011234; // becomes 410102199001011260 as a double, as in real files

function fillTownship(ws: ExcelJS.Worksheet): void {
  ws.addRow(['某县2024年11月农村低保对象花名册']);
  ws.addRow(['序号', '姓名', '身份证号', '保障金额', '审批日期', '备注']);
  ws.addRow([1, '张三', ID, 2019.1, new Date(Date.UTC(2019, 0, 5)), '']);
  ws.getCell('D3').numFmt = '0.00';
  ws.getCell('E3').numFmt = 'yyyy-mm-dd';
  ws.getCell('A5').value = 2;
  ws.getCell('B5').value = { richText: [{ text: '李' }, { font: { bold: true }, text: '四' }] };
  ws.getCell('C5').value = '410102199001011235';
  ws.getCell('D5').value = { formula: 'D3*2', result: 4038.2 };
  ws.getCell('D5').numFmt = '#,##0.00';
  ws.getCell('E5').value = { formula: 'E3+1', result: 43471 };
  ws.getCell('E5').numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell('F5').value = { text: '链接', hyperlink: 'http://example.invalid' };
  ws.getCell('G5').value = { error: '#N/A' };
  ws.getCell('H5').value = true;
  ws.getCell('I5').value = 123;
  ws.getCell('I5').numFmt = '@';
  ws.getCell('A9').value = '合计';
}

let inMemoryPath = '';
let streamedPath = '';
let reorderedPath = '';
let cjkFmtPath = '';
let excelOrderPath = '';

beforeAll(async () => {
  // Written in this order, so the zip holds sheet1=城关镇, sheet2=城南镇, sheet3=填表说明 ...
  const wb = new ExcelJS.Workbook();
  fillTownship(wb.addWorksheet('城关镇'));
  wb.addWorksheet('城南镇').addRow(['序号', '姓名']);
  wb.addWorksheet('填表说明').addRow(['请按身份证号填写']);
  const hidden = wb.addWorksheet('隐藏', { state: 'hidden' });
  hidden.addRow(['h']);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  inMemoryPath = tmp.file('in-memory.xlsx', buf);

  // ... and here the 填表说明 tab is moved to the front, and workbook.xml/styles.xml go to the end of the zip
  // (as LibreOffice writes them), after shared strings and the sheets.
  const entries = unzipEntries(buf);
  const get = (n: string) => entries.find(([p]) => p === n)![1];
  let workbookXml = get('xl/workbook.xml').toString('utf8');
  const tags = workbookXml.match(/<sheet [^>]*\/>/g)!;
  const first = tags.find((t) => t.includes('填表说明'))!;
  workbookXml = workbookXml.replace(/<sheets>.*<\/sheets>/, `<sheets>${[first, ...tags.filter((t) => t !== first)].join('')}</sheets>`);
  const late = ['xl/workbook.xml', 'xl/styles.xml'];
  const rest = entries.filter(([p]) => !late.includes(p) && !p.startsWith('xl/worksheets/sheet'));
  const sheets = entries.filter(([p]) => p.startsWith('xl/worksheets/sheet')).sort(([a], [b]) => a.localeCompare(b));
  reorderedPath = tmp.file(
    'reordered.xlsx',
    zipStored([...rest, ...sheets, ['xl/styles.xml', get('xl/styles.xml')], ['xl/workbook.xml', workbookXml]]),
  );

  // Chinese built-in date format (numFmtId 31, "yyyy年m月d日") without a numFmt definition, as zh-CN Excel writes.
  const stylesXml = get('xl/styles.xml').toString('utf8');
  const m = /<numFmt numFmtId="(\d+)" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"\/>/.exec(stylesXml)!;
  const patched = stylesXml.replace(m[0], '').replaceAll(`numFmtId="${m[1]}"`, 'numFmtId="31"');
  cjkFmtPath = tmp.file('cjk-fmt.xlsx', zipStored(entries.map(([p, d]) => [p, p === 'xl/styles.xml' ? patched : d])));

  // The entry order Excel uses: workbook.xml first, sheets, then styles and shared strings, docProps last.
  const excelOrder = [
    '[Content_Types].xml',
    '_rels/.rels',
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    ...entries.map(([p]) => p).filter((p) => p.startsWith('xl/worksheets/')),
    'xl/theme/theme1.xml',
    'xl/styles.xml',
    'xl/sharedStrings.xml',
    'docProps/core.xml',
    'docProps/app.xml',
  ];
  expect(new Set(excelOrder).size).toBe(entries.length);
  excelOrderPath = tmp.file('excel-order.xlsx', zipStored(excelOrder.map((p) => [p, get(p)])));

  // Streaming writer: sheets come before sharedStrings.xml in the zip, so exceljs parks them in temp files.
  streamedPath = `${tmp.dir}/streamed.xlsx`;
  const sw = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: streamedPath, useSharedStrings: true, useStyles: true });
  const s1 = sw.addWorksheet('填表说明');
  s1.addRow(['说明']).commit();
  const s2 = sw.addWorksheet('城关镇');
  for (let i = 1; i <= 50; i++) s2.addRow([i, `姓名${i}`, ID + i]).commit();
  const s3 = sw.addWorksheet('城南镇');
  s3.addRow(['序号']).commit();
  await sw.commit();
});

describe('readXlsx', () => {
  it('gives sheets in workbook order with their real names, hidden ones included', async () => {
    const sheets = await allSheets(readXlsx(inMemoryPath));
    expect(sheets.map((s) => s.name)).toEqual(['城关镇', '城南镇', '填表说明', '隐藏']);
  });

  it('keeps real row numbers and converts cells by type', async () => {
    const [town] = await allSheets(readXlsx(inMemoryPath));
    const rows = town!.rows;
    expect(rows.map((r) => r.rowNo)).toEqual([1, 2, 3, 5, 9]);
    const r3 = rows[2]!;
    expect(r3.cells).toEqual([1, '张三', 410102199001011260, 2019.1, new Date('2019-01-05T00:00:00.000Z')]);
    expect(typeof r3.cells[2]).toBe('number');
    expect(r3.text).toEqual([undefined, undefined, undefined, '2019.10']);
    const r5 = rows[3]!;
    expect(r5.cells).toEqual([
      2,
      '李四',
      '410102199001011235',
      4038.2,
      new Date('2019-01-06T00:00:00.000Z'),
      '链接',
      null,
      true,
      123,
    ]);
    expect(r5.text?.[3]).toBe('4,038.20');
    expect(r5.text?.[8]).toBeUndefined();
    expect(rows[4]!.cells).toEqual(['合计']);
  });

  it('follows the tab order when the zip stores sheets differently, and names sheets when workbook.xml comes last', async () => {
    const sheets = await allSheets(readXlsx(reorderedPath));
    expect(sheets.map((s) => s.name)).toEqual(['填表说明', '城关镇', '城南镇', '隐藏']);
    expect(sheets[0]!.rows[0]!.cells).toEqual(['请按身份证号填写']);
    const town = sheets[1]!.rows;
    expect(town[2]!.cells[4]).toEqual(new Date('2019-01-05T00:00:00.000Z'));
    expect(town[2]!.text?.[3]).toBe('2019.10');
  });

  it('does not lose the small parts at the end of the zip (exceljs/unzipper early-end race)', async () => {
    // Plain exceljs streaming drops xl/sharedStrings.xml here (text cells come out as {sharedString: n}).
    for (let i = 0; i < 3; i++) {
      const sheets = await allSheets(readXlsx(excelOrderPath));
      expect(sheets.map((s) => [s.name, s.rows.length])).toEqual([
        ['城关镇', 5],
        ['城南镇', 1],
        ['填表说明', 1],
        ['隐藏', 1],
      ]);
      expect(sheets[0]!.rows[1]!.cells[1]).toBe('姓名');
    }
  });

  it('treats the Chinese built-in date formats as dates', async () => {
    const [town] = await allSheets(readXlsx(cjkFmtPath));
    expect(town!.rows[3]!.cells[4]).toEqual(new Date('2019-01-06T00:00:00.000Z'));
  });

  it('reads a workbook whose sheets come before the shared strings in the zip, and allows leaving a sheet early', async () => {
    const seen: { name: string; first: unknown[] }[] = [];
    for await (const s of readXlsx(streamedPath)) {
      for await (const r of s.rows()) {
        seen.push({ name: s.name, first: r.cells });
        break;
      }
    }
    expect(seen).toEqual([
      { name: '填表说明', first: ['说明'] },
      { name: '城关镇', first: [1, '姓名1', ID + 1] },
      { name: '城南镇', first: ['序号'] },
    ]);
    const all = await allSheets(readXlsx(streamedPath));
    expect(all[1]!.rows.map((r) => r.rowNo)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('allows leaving a sheet streamed straight from the zip early, or skipping it', async () => {
    const names: string[] = [];
    let firstOfSecond: unknown;
    for await (const s of readXlsx(inMemoryPath)) {
      names.push(s.name);
      if (s.name === '城关镇') {
        for await (const r of s.rows()) {
          expect(r.rowNo).toBe(1);
          break;
        }
      } else if (s.name === '城南镇') {
        for await (const r of s.rows()) firstOfSecond ??= r.cells;
      }
    }
    expect(names).toEqual(['城关镇', '城南镇', '填表说明', '隐藏']);
    expect(firstOfSecond).toEqual(['序号', '姓名']);
  });
});
