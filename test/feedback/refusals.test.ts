// Every refusal of `bidui feedback`: row-level (changed id, changed locked cell, a row of another township or period,
// values outside the lists, bad dates, conflicting duplicates) with sheet, row and reason; all-or-nothing unless
// --partial; and file-level (no manifest, forged manifest, another database, not a workbook, missing locked column).
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFeedback, type FileResult } from '../../src/jobs/feedback.js';
import { County } from '../helpers/county.js';
import {
  appendRow, check, fillWithSheetJs, findingIdOf, ID, loadMonth1, loadMonth2, locate, P1, P2, report, rowValues, setCell, townshipFile, month1Reported,
} from '../report/scenario.js';

let c: County;
let out: string;
let src: string;
let zhang: string;
let li: string;
let formula: string;
beforeEach(async () => {
  ({ c, out } = await month1Reported('bidui-ref-'));
  src = townshipFile(out, P1, '城关镇');
  zhang = findingIdOf(c, P1, ID.zhang);
  li = findingIdOf(c, P1, ID.li);
  formula = findingIdOf(c, P1, ID.formula);
});
afterEach(() => {
  c.close();
  fs.rmSync(out, { recursive: true, force: true });
});

const count = () => (c.db.prepare(`SELECT count(*) AS n FROM answers`).get() as { n: number }).n;

/** Fills 张三 validly, applies `edit`, imports; returns the file result. */
async function importEdited(edit: (wb: XLSX.WorkBook) => void, partial = false): Promise<FileResult> {
  const file = path.join(out, `edited-${Math.random().toString(36).slice(2)}.xlsx`);
  fillWithSheetJs(src, file, { [zhang]: { 核查结果: '不属实' } }, edit);
  return (await importFeedback(c.db, [file], { partial })).files[0]!;
}

function rowNo(wb: XLSX.WorkBook, id: string): number {
  return locate(wb, id, '疑点编号').r + 1;
}

describe('row refusals (nothing imported without --partial)', () => {
  it('a changed 疑点编号 is refused, naming the original id', async () => {
    let at = 0;
    const r = await importEdited((wb) => {
      at = rowNo(wb, li);
      setCell(wb, li, '疑点编号', 'XXXX-YYYY-ZZZZ');
      setCell(wb, 'XXXX-YYYY-ZZZZ', '核查结果', '属实');
    });
    expect(r.imported).toBe(false);
    expect(r.refusals).toEqual([{ sheet: '疑点清单', row: at, finding_id: 'XXXX-YYYY-ZZZZ', reason: `疑点编号被改动（原为 ${li}）` }]);
    expect(r.pending).toBe(1); // 张三's valid answer waits
    expect(r.missing).toBe(0); // the changed row speaks for 李四
    expect(count()).toBe(0);
  });

  it('an answer or a locked cell holding a formula is refused, naming the cells (a formula is not what the clerk wrote)', async () => {
    let at = 0;
    const r = await importEdited((wb) => {
      const ws = wb.Sheets['疑点清单']!;
      at = rowNo(wb, li);
      const res = locate(wb, li, '核查结果');
      ws[XLSX.utils.encode_cell(res)] = { t: 's', v: '属实', f: 'IF(1=1,"属实","不属实")' };
      const name = locate(wb, li, '姓名');
      ws[XLSX.utils.encode_cell(name)] = { t: 's', v: String(ws[XLSX.utils.encode_cell(name)]!.v), f: `"${String(ws[XLSX.utils.encode_cell(name)]!.v)}"` };
    });
    expect(r.imported).toBe(false);
    expect(r.refusals).toEqual([
      { sheet: '疑点清单', row: at, finding_id: li, reason: '单元格「姓名」「核查结果」是公式，不是填写的内容。请直接填写文字或日期（不要用公式），或用原表重新填写' },
    ]);
    expect(count()).toBe(0);
  });

  it('a changed locked cell is refused with the column names', async () => {
    let at = 0;
    const r = await importEdited((wb) => {
      at = rowNo(wb, li);
      setCell(wb, li, '姓名', '李四四');
      setCell(wb, li, '身份证号', ID.zhao);
    });
    expect(r.refusals).toEqual([{ sheet: '疑点清单', row: at, finding_id: li, reason: '灰色（锁定）列被改动：姓名、身份证号。这些列由系统生成，请改回原样或用原表重新填写' }]);
    expect(count()).toBe(0);
  });

  it('a row of another township is refused', async () => {
    const zhao = findingIdOf(c, P1, ID.zhao);
    const heKou = rowValues(townshipFile(out, P1, '河口乡'), zhao);
    let at = 0;
    const r = await importEdited((wb) => {
      const row = [...heKou];
      row[locate(wb, null, '核查结果').c] = '属实';
      at = appendRow(wb, row);
    });
    expect(r.refusals).toEqual([{ sheet: '疑点清单', row: at, finding_id: zhao, reason: '这条疑点属于「河口乡」，不属于本表（城关镇），不能在本表中答复' }]);
  });

  it('a row of another period is refused', async () => {
    await loadMonth2(c);
    await check(c, P2);
    await report(c, P2, out);
    const liRow = rowValues(src, li); // 李四 is resolved in 2024-11: only the 2024-10 list has him
    let at = 0;
    const file = path.join(out, 'nov.xlsx');
    fillWithSheetJs(townshipFile(out, P2, '城关镇'), file, {}, (wb) => {
      const row = [...liRow];
      row[locate(wb, null, '核查结果').c] = '属实';
      at = appendRow(wb, row);
    });
    const r = (await importFeedback(c.db, [file], { partial: false })).files[0]!;
    expect(r.period).toBe(P2);
    expect(r.refusals).toEqual([{ sheet: '疑点清单', row: at, finding_id: li, reason: `这条疑点属于 ${P1} 的比对结果，不属于本表（${P2}）` }]);
  });

  it('values outside the drop-down lists, a bad date and a measure without a result are refused', async () => {
    const rows: Record<string, number> = {};
    const r = await importEdited((wb) => {
      rows.li = rowNo(wb, li);
      rows.formula = rowNo(wb, formula);
      setCell(wb, li, '核查结果', '是');
      setCell(wb, li, '整改措施', '已处理');
      setCell(wb, formula, '整改措施', '已停发');
      setCell(wb, formula, '整改完成日期', '下周');
    });
    expect(r.refusals).toEqual([
      { sheet: '疑点清单', row: rows.li, finding_id: li, reason: '核查结果「是」不在下拉列表中（应为 属实、不属实、部分属实 之一）；整改措施「已处理」不在下拉列表中（应为 已停发、已追回、已纳入、已更正数据、无需整改、其他 之一）' },
      { sheet: '疑点清单', row: rows.formula, finding_id: formula, reason: '整改完成日期「下周」不是有效日期（应写成 2024-11-20 这样的日期）；填写了整改措施或完成日期，但没有选择核查结果' },
    ].sort((a, b) => a.row - b.row));
    expect(count()).toBe(0);
  });

  it('the same finding twice with different answers is refused; an identical copy is harmless', async () => {
    let at = 0;
    const r = await importEdited((wb) => {
      const row = rowValues(src, zhang);
      row[locate(wb, null, '核查结果').c] = '属实';
      at = appendRow(wb, row);
    });
    expect(r.refusals).toHaveLength(1);
    expect(r.refusals[0]).toMatchObject({ row: at, finding_id: zhang });
    expect(r.refusals[0]!.reason).toMatch(/^同一疑点在表中出现两次且填写不同（另见「疑点清单」第 \d+ 行）$/);

    const ok = await importEdited((wb) => {
      const row = rowValues(src, zhang);
      row[locate(wb, null, '核查结果').c] = '不属实';
      appendRow(wb, row);
    });
    expect(ok).toMatchObject({ imported: true, accepted: 1, refused: 0 });
  });

  it('an answer typed into a row whose 疑点编号 was cleared is refused', async () => {
    let at = 0;
    const r = await importEdited((wb) => {
      at = rowNo(wb, li);
      setCell(wb, li, '核查结果', '属实');
      const { r: row, c: col } = locate(wb, li, '疑点编号');
      delete wb.Sheets['疑点清单']![XLSX.utils.encode_cell({ r: row, c: col })];
    });
    expect(r.refusals).toEqual([{ sheet: '疑点清单', row: at, finding_id: null, reason: `疑点编号被删除（原为 ${li}）` }]);
  });

  it('a person the clerk added in a row of their own is refused, saying what to do with the row', async () => {
    let at = 0;
    const r = await importEdited((wb) => {
      const hdr = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['疑点清单']!, { header: 1, defval: null })[locate(wb, null, '疑点编号').r] as string[];
      at = appendRow(wb, hdr.map((h) => ({ 姓名: '王新增', 身份证号: '410102199001011234', 核查结果: '属实', 核查说明: '村里反映也应核查' })[h] ?? null));
    });
    expect(r.refusals).toEqual([
      { sheet: '疑点清单', row: at, finding_id: null, reason: '疑点编号为空，无法对应到疑点。本表只能答复下发的疑点：自己添加的行请删除（新发现的情况请另行报告）；误删的疑点编号请从原表复制回来' },
    ]);
    expect(count()).toBe(0);
  });

  it('with --partial the valid rows are imported and the refused ones reported', async () => {
    const r = await importEdited((wb) => setCell(wb, li, '核查结果', '对'), true);
    expect(r).toMatchObject({ imported: true, accepted: 1, refused: 1, pending: 0 });
    expect(count()).toBe(1);
  });

  it('a deleted row is not a refusal: it is counted as missing', async () => {
    const r = await importEdited((wb) => {
      const { r: row } = locate(wb, li, '疑点编号');
      const ws = wb.Sheets['疑点清单']!;
      for (let col = 0; col < 18; col++) delete ws[XLSX.utils.encode_cell({ r: row, c: col })];
    });
    expect(r).toMatchObject({ imported: true, accepted: 1, refused: 0, missing: 1 });
  });
});

describe('file refusals', () => {
  it('a workbook without the manifest is refused as a whole', async () => {
    const r = await importEdited((wb) => {
      wb.SheetNames = wb.SheetNames.filter((n) => n !== 'bidui_manifest');
      delete wb.Sheets.bidui_manifest;
    });
    expect(r).toMatchObject({ imported: false, error: '找不到隐藏的校验页，不是 bidui report 生成的核查表，或校验页已被删除。请用下发的原表填写' });
  });

  it('a forged manifest (a hash edited to accept a changed cell) is refused', async () => {
    const r = await importEdited((wb) => {
      const ws = wb.Sheets.bidui_manifest!;
      ws.B12 = { t: 's', v: '00000000,' + String(ws.B12!.v).split(',').slice(1).join(',') };
    });
    expect(r.error).toBe('隐藏的校验页与本数据库不符或已被改动（这份表是用别的数据库生成的吗？）');
    expect(count()).toBe(0);
  });

  it('a workbook made by another database is refused', async () => {
    const other = new County();
    try {
      const file = path.join(out, 'filled.xlsx');
      fillWithSheetJs(src, file, { [zhang]: { 核查结果: '不属实' } });
      await loadMonth1(other);
      await check(other, P1);
      const r = (await importFeedback(other.db, [file], { partial: true })).files[0]!;
      expect(r.error).toBe('隐藏的校验页与本数据库不符或已被改动（这份表是用别的数据库生成的吗？）');
    } finally {
      other.close();
    }
  });

  it('a deleted locked column is refused as a whole', async () => {
    const r = await importEdited((wb) => {
      const ws = wb.Sheets['疑点清单']!;
      const { r: hr, c: col } = locate(wb, null, '比对详情');
      ws[XLSX.utils.encode_cell({ r: hr, c: col })] = { t: 's', v: '备注' };
    });
    expect(r.error).toBe('工作表「疑点清单」缺少灰色列「比对详情」（被删除或改名）。请用原表重新填写');
  });

  it('a renamed or deleted answer column is refused as a whole, not read as empty (what the clerk wrote there is not lost silently)', async () => {
    const renamed = await importEdited((wb) => {
      setCell(wb, zhang, '核查说明', '已入户核实');
      const { r: hr, c: col } = locate(wb, null, '核查说明');
      wb.Sheets['疑点清单']![XLSX.utils.encode_cell({ r: hr, c: col })] = { t: 's', v: '核查情况说明' };
    });
    expect(renamed.imported).toBe(false);
    expect(renamed.error).toBe('工作表「疑点清单」第 2 行的表头缺少填写列「核查说明」（被删除或改名）。请把表头改回「核查说明」，或用原表重新填写，否则这一列填写的内容无法登记');
    const deleted = await importEdited((wb) => {
      const ws = wb.Sheets['疑点清单']!;
      const { r: hr } = locate(wb, null, '整改措施');
      for (const h of ['整改措施', '整改完成日期']) delete ws[XLSX.utils.encode_cell({ r: hr, c: locate(wb, null, h).c })];
    });
    expect(deleted.error).toBe('工作表「疑点清单」第 2 行的表头缺少填写列「整改措施」「整改完成日期」（被删除或改名）。请把表头改回「整改措施」「整改完成日期」，或用原表重新填写，否则这一列填写的内容无法登记');
    expect(count()).toBe(0);
  });

  it('a file that is not a workbook, and one that does not exist, are refused with the file name', async () => {
    const txt = path.join(out, '城关镇.xlsx');
    fs.writeFileSync(txt, 'not a workbook');
    const [a, b] = (await importFeedback(c.db, [txt, path.join(out, 'missing.xlsx')], { partial: false })).files;
    expect(a!.error).toMatch(/^文件「城关镇\.xlsx」：/);
    expect(b!.error).toMatch(/^文件「.*missing\.xlsx」：找不到文件。请检查路径/);
  });

  it('a workbook without the 疑点清单 table is refused', async () => {
    const r = await importEdited((wb) => {
      const { r: hr, c: col } = locate(wb, null, '核查结果');
      wb.Sheets['疑点清单']![XLSX.utils.encode_cell({ r: hr, c: col })] = { t: 's', v: '结果' };
    });
    expect(r.error).toBe('找不到“疑点清单”表格：没有一个工作表的表头同时含有“疑点编号”和“核查结果”。请不要修改表头');
  });
});
