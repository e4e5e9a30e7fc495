// The feedback reader sees which answer cells are formulas (the importer refuses those rows): .xlsx written by exceljs
// and .xls saved by LibreOffice.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeedbackWorkbook } from '../../src/ingest/feedback.js';
import { fixture, tempDir } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('bidui-fbf-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('formula cells in feedback workbooks', () => {
  it('.xlsx: an answer written as a formula is marked, a typed one is not', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('疑点清单');
    ws.addRow(['疑点编号', '核查结果', '核查说明']);
    ws.addRow(['F1', '属实', '已入户']);
    ws.addRow(['F2', { formula: 'IF(1=1,"不属实","属实")', result: '不属实' }, '同上']);
    const p = path.join(dir, 'answers.xlsx');
    fs.writeFileSync(p, Buffer.from(await wb.xlsx.writeBuffer()));
    const fb = await readFeedbackWorkbook(p, { required: ['疑点编号', '核查结果'], manifestMark: '#m' });
    const [t] = fb.tables;
    expect(t!.rows.map((r) => [r.cells, r.formulas?.[1] ?? false])).toEqual([
      [['F1', '属实', '已入户'], false],
      [['F2', '不属实', '同上'], true],
    ]);
  });

  it('.xls (LibreOffice): the SUM cells of the 合计 row are marked', async () => {
    const fb = await readFeedbackWorkbook(fixture('libreoffice-saved', '低保_LibreOffice.xls'), { required: ['乡镇', '姓名'], manifestMark: '#m' });
    const total = fb.tables[0]!.rows.find((r) => r.cells[0] === '合计')!;
    expect(total.formulas?.slice(4, 6)).toEqual([true, true]);
    expect(fb.tables[0]!.rows.filter((r) => r.formulas?.some(Boolean)).length).toBe(2);
  });
});
