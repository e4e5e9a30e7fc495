// Money in the workbooks (domain.md §6 "Money, for auditors"): 张三 is paid 低保 450 and 特困 780 a month, so his
// dibao-tekun-overlap finding shows 月发放金额 1,230 and 疑似多发金额（估算） 450 (the smaller one, one month); findings
// without amounts leave both cells empty, never 0. The county summary adds 涉及金额 by township × rule with the total,
// labelled 估算，以核查为准.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { County } from '../helpers/county.js';
import { findingIdOf, ID, P1, townshipFile, month1Reported } from './scenario.js';

let c: County;
let out: string;
beforeAll(async () => {
  ({ c, out } = await month1Reported('bidui-money-'));
});
afterAll(() => {
  c.close();
  fs.rmSync(out, { recursive: true, force: true });
});

async function sheet(file: string, name: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.getWorksheet(name)!;
}

/** The row of 疑点清单 (header in row 2) holding this finding id, as header → value. */
function listRow(ws: ExcelJS.Worksheet, id: string): Record<string, unknown> {
  const header = Array.from(ws.getRow(2).values as unknown[], (h) => String(h));
  for (let r = 3; r <= ws.rowCount; r++) {
    const v = ws.getRow(r).values as unknown[];
    if (v[2] === id) return Object.fromEntries(header.map((h, i) => [h, v[i] ?? null]));
  }
  throw new Error(`no row for ${id}`);
}

describe('money in the workbooks', () => {
  it('township list: 月发放金额 and 疑似多发金额（估算） in the locked block; empty where the rosters have no amount', async () => {
    const ws = await sheet(townshipFile(out, P1, '城关镇'), '疑点清单');
    const zhang = listRow(ws, findingIdOf(c, P1, ID.zhang));
    expect([zhang['月发放金额'], zhang['疑似多发金额（估算）']]).toEqual([1230, 450]);
    const li = listRow(ws, findingIdOf(c, P1, ID.li));
    expect([li['月发放金额'], li['疑似多发金额（估算）']]).toEqual([null, null]);
    const col = (ws.getRow(2).values as unknown[]).indexOf('疑似多发金额（估算）');
    expect(ws.getRow(3).getCell(col).numFmt).toBe('#,##0.00');
    expect(ws.getRow(3).getCell(col).protection?.locked).not.toBe(false);
    const guide = await sheet(townshipFile(out, P1, '城关镇'), '说明');
    const lines = Array.from({ length: guide.rowCount }, (_, i) => `${guide.getRow(i + 1).getCell(1).value}｜${guide.getRow(i + 1).getCell(2).value ?? ''}`);
    expect(lines).toContain('涉及金额（估算）｜450.00 元（估算，以核查为准）');
  });

  it('county summary: 涉及金额 by township × rule with the total and how it is estimated', async () => {
    const ws = await sheet(path.join(out, P1, '县级汇总.xlsx'), '涉及金额');
    expect(String(ws.getCell('A1').value)).toContain('估算，以核查为准');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['乡镇', '低保特困重复享受', '合计（估算）']);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(['城关镇', 450, 450]);
    expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual(['合计', 450, 450]);
    expect(String(ws.getCell('A7').value)).toMatch(/^估算方法：.*最多 36 个月/);
    const summary = await sheet(path.join(out, P1, '县级汇总.xlsx'), '汇总');
    const header = (summary.getRow(3).values as unknown[]).map(String);
    const total = summary.getRow(summary.rowCount).values as unknown[];
    expect(total[1]).toBe('合计');
    expect(total[header.indexOf('涉及金额（估算）')]).toBe(450);
  });

  it('findings.csv carries both amounts and the link flag', () => {
    const csv = fs.readFileSync(path.join(out, P1, 'findings.csv'), 'utf8');
    const [head, ...rows] = csv.replace(/^\uFEFF/, '').split('\r\n');
    const cols = head!.split(',');
    expect(cols).toEqual(expect.arrayContaining(['月发放金额', '疑似多发金额（估算）', '经疑似录错号码关联']));
    const zhang = rows.find((r) => r.includes(ID.zhang))!.split(',');
    expect(zhang[cols.indexOf('月发放金额')]).toBe('1230');
    expect(zhang[cols.indexOf('疑似多发金额（估算）')]).toBe('450');
  });
});
