// Round trip: a workbook written by exceljs, filled in with SheetJS (another library, as a clerk's program would),
// imported back; idempotent; a later answer supersedes an earlier one with the history kept; statuses flow into the
// next month's check and its workbooks.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFeedback } from '../../src/jobs/feedback.js';
import { EXIT } from '../../src/errors.js';
import { interrupted } from '../../src/interrupt.js';
import type { County } from '../helpers/county.js';
import { check, fillWithSheetJs, findingIdOf, ID, loadMonth2, P1, P2, report, townshipFile, month1Reported } from '../report/scenario.js';

let c: County;
let out: string;
beforeEach(async () => {
  ({ c, out } = await month1Reported('bidui-fb-'));
});
afterEach(() => {
  c.close();
  fs.rmSync(out, { recursive: true, force: true });
});

function answers() {
  return c.db.prepare(`SELECT id, finding_id, period, township, result, explanation, measure, done_date, checker, phone, source_sheet, source_row, superseded_by FROM answers ORDER BY id`).all() as Record<string, unknown>[];
}

describe('feedback round trip', () => {
  it('imports answers filled in with SheetJS, matched by 疑点编号; the same file twice changes nothing', async () => {
    const zhang = findingIdOf(c, P1, ID.zhang);
    const li = findingIdOf(c, P1, ID.li);
    const filled = path.join(out, 'filled.xlsx');
    fillWithSheetJs(townshipFile(out, P1, '城关镇'), filled, {
      [zhang]: { 核查结果: '不属实', 核查说明: '入户核实，特困已于9月终止', 核查人: '刘一', 联系电话: 13800000001 },
      [li]: { 核查结果: '属实', 整改措施: '已停发', 整改完成日期: new Date(Date.UTC(2024, 10, 20)), 核查人: '刘一', 联系电话: '0371-12345678' },
    });
    const first = await importFeedback(c.db, [filled], { partial: false });
    expect(first.files[0]).toMatchObject({ imported: true, error: null, accepted: 2, refused: 0, unchanged: 0, blank: 2, period: P1, township: '城关镇' });
    expect(first.townships).toEqual([{ period: P1, township: '城关镇', accepted: 2, refused: 0, unchanged: 0, pending: 0, blank: 2 }]);
    const stored = answers();
    expect(stored).toHaveLength(2);
    expect(stored.find((a) => a.finding_id === zhang)).toMatchObject({ period: P1, township: '城关镇', result: '不属实', measure: null, explanation: '入户核实，特困已于9月终止', checker: '刘一', phone: '13800000001', source_sheet: '疑点清单' });
    expect(stored.find((a) => a.finding_id === li)).toMatchObject({ result: '属实', measure: '已停发', done_date: '2024-11-20', phone: '0371-12345678' });

    const again = await importFeedback(c.db, [filled], { partial: false });
    expect(again.files[0]).toMatchObject({ imported: true, accepted: 0, unchanged: 2, refused: 0 });
    expect(answers()).toEqual(stored);
  });

  it('a township’s 未填写 is its workbook’s, not the sum over the files given (a refused file, then the corrected one)', async () => {
    const zhang = findingIdOf(c, P1, ID.zhang);
    const li = findingIdOf(c, P1, ID.li);
    const bad = path.join(out, 'bad.xlsx');
    const good = path.join(out, 'good.xlsx');
    fillWithSheetJs(townshipFile(out, P1, '城关镇'), bad, { [zhang]: { 核查结果: '属实。' } });
    fillWithSheetJs(townshipFile(out, P1, '城关镇'), good, { [zhang]: { 核查结果: '属实' }, [li]: { 核查结果: '不属实' } });
    const s = await importFeedback(c.db, [bad, good, good], { partial: false });
    expect(s.files.map((f) => [f.imported, f.blank])).toEqual([[false, 3], [true, 2], [true, 2]]);
    expect(s.townships).toEqual([{ period: P1, township: '城关镇', accepted: 2, refused: 1, unchanged: 2, pending: 0, blank: 2 }]);
  });

  it('another township’s workbook under this township’s file name is registered for the township it holds, with a note', async () => {
    const zhang = findingIdOf(c, P1, ID.zhang);
    const renamed = path.join(out, '河口乡_疑点核查表.xlsx');
    fillWithSheetJs(townshipFile(out, P1, '城关镇'), renamed, { [zhang]: { 核查结果: '属实' } });
    const r = (await importFeedback(c.db, [renamed], { partial: false })).files[0]!;
    expect(r).toMatchObject({ imported: true, accepted: 1, township: '城关镇' });
    expect(r.notes).toContain('文件名写的是「河口乡」，表中却是「城关镇」的疑点；已按「城关镇」登记。请确认乡镇没有报错文件（或改用本乡镇的表）');
    const own = path.join(out, '城关镇-回收.xlsx');
    fs.copyFileSync(renamed, own);
    expect((await importFeedback(c.db, [own], { partial: false })).files[0]!.notes).toEqual([]);
  });

  it('Ctrl-C: the import stops before the answers are written (exit 130), nothing is stored; run again, it imports', async () => {
    const filled = path.join(out, 'filled.xlsx');
    fillWithSheetJs(townshipFile(out, P1, '城关镇'), filled, { [findingIdOf(c, P1, ID.zhang)]: { 核查结果: '不属实', 核查说明: '入户核实' } });
    const stop = new AbortController();
    stop.abort(interrupted());
    const err = await importFeedback(c.db, [filled], { partial: false, signal: stop.signal }).catch((e: unknown) => e);
    expect(err).toMatchObject({ exitCode: EXIT.interrupted });
    expect(answers()).toEqual([]);
    const again = await importFeedback(c.db, [filled], { partial: false });
    expect(again.files[0]).toMatchObject({ imported: true, accepted: 1 });
  });

  it('a later, different answer supersedes the earlier one and both are kept; re-importing the older file changes nothing', async () => {
    const zhang = findingIdOf(c, P1, ID.zhang);
    const src = townshipFile(out, P1, '城关镇');
    const v1 = path.join(out, 'v1.xlsx');
    const v2 = path.join(out, 'v2.xlsx');
    fillWithSheetJs(src, v1, { [zhang]: { 核查结果: '属实', 整改措施: '已停发' } });
    fillWithSheetJs(src, v2, { [zhang]: { 核查结果: '不属实', 核查说明: '复核后确认不属实' } });
    await importFeedback(c.db, [v1], { partial: false });
    const r2 = await importFeedback(c.db, [v2], { partial: false });
    expect(r2.files[0]).toMatchObject({ accepted: 1, unchanged: 0 });
    const [a1, a2] = answers();
    expect(a1).toMatchObject({ result: '属实', superseded_by: a2!.id });
    expect(a2).toMatchObject({ result: '不属实', superseded_by: null });
    const r3 = await importFeedback(c.db, [v1], { partial: false });
    expect(r3.files[0]).toMatchObject({ accepted: 0, unchanged: 1 });
    expect(answers()).toHaveLength(2);
  });

  it('copes with a re-saved workbook: renamed sheet, title rows added above, rows sorted and filtered', async () => {
    const zhang = findingIdOf(c, P1, ID.zhang);
    const li = findingIdOf(c, P1, ID.li);
    const filled = path.join(out, 'moved.xlsx');
    fillWithSheetJs(townshipFile(out, P1, '城关镇'), filled, { [zhang]: { 核查结果: '不属实' }, [li]: { 核查结果: '部分属实', 整改措施: '其他' } }, (wb) => {
      // Rename the sheet, reverse the data rows (a sort), hide one (a filter) and add two title rows on top.
      const i = wb.SheetNames.indexOf('疑点清单');
      const ws = wb.Sheets['疑点清单']!;
      const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null, raw: true });
      const [caption, header, ...data] = rows;
      const moved = XLSX.utils.aoa_to_sheet([['城关镇民政办 疑点核查反馈'], ['填报日期：2024年11月18日'], caption!, header!, ...data.reverse()]);
      moved['!rows'] = [{}, {}, {}, {}, { hidden: true }];
      delete wb.Sheets['疑点清单'];
      wb.SheetNames[i] = '城关镇反馈';
      wb.Sheets['城关镇反馈'] = moved;
    });
    const r = await importFeedback(c.db, [filled], { partial: false });
    expect(r.files[0]).toMatchObject({ imported: true, accepted: 2, refused: 0 });
    const stored = answers();
    expect(stored.map((a) => [a.finding_id, a.result, a.source_sheet])).toEqual(
      expect.arrayContaining([[zhang, '不属实', '城关镇反馈'], [li, '部分属实', '城关镇反馈']]),
    );
    // Row numbers are those of the file as it came back (two title rows added, data reversed).
    const rowOf = (id: string) => stored.find((a) => a.finding_id === id)!.source_row as number;
    expect(rowOf(zhang)).toBeGreaterThanOrEqual(5);
  });

  it('statuses flow into the next check: 不属实 → 已核实, 属实 + 已停发 → 整改未见效, gone → 已消除; shown in the workbooks', async () => {
    const zhang = findingIdOf(c, P1, ID.zhang);
    const li = findingIdOf(c, P1, ID.li);
    const formula = findingIdOf(c, P1, ID.formula);
    const filled = path.join(out, 'filled.xlsx');
    fillWithSheetJs(townshipFile(out, P1, '城关镇'), filled, {
      [zhang]: { 核查结果: '不属实', 核查说明: '已退出特困' },
      [li]: { 核查结果: '属实', 整改措施: '已停发' },
      [formula]: { 核查结果: '属实', 整改措施: '已停发', 整改完成日期: '2024-11-10' },
    });
    expect((await importFeedback(c.db, [filled], { partial: false })).files[0]!.accepted).toBe(3);
    await loadMonth2(c);
    const r = await check(c, P2);
    const status = (fid: string) => r.findings.find((f) => f.finding_id === fid);
    expect(status(zhang)).toMatchObject({ lifecycle: '持续', status: '已核实' });
    expect(status(li)).toMatchObject({ lifecycle: '已消除', status: '已消除' });
    expect(status(formula)).toMatchObject({ lifecycle: '持续', status: '整改未见效' });

    await report(c, P2, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(townshipFile(out, P2, '城关镇'));
    const idsIn = (sheet: string) => {
      const ids: string[] = [];
      wb.getWorksheet(sheet)!.eachRow((row) => row.eachCell((cell) => {
        if (typeof cell.value === 'string' && [zhang, li, formula].includes(cell.value)) ids.push(cell.value);
      }));
      return ids;
    };
    expect(idsIn('疑点清单')).toEqual([formula]); // 整改未见效 first and only; 张三 is 已核实; 李四 resolved
    expect(idsIn('已核实')).toEqual([zhang]);
    const list = wb.getWorksheet('疑点清单')!;
    expect(list.getRow(3).getCell(14).value).toBe('整改未见效');
    expect(String(list.getRow(3).getCell(10).value)).toContain('整改措施“已停发”');

    const county = new ExcelJS.Workbook();
    await county.xlsx.readFile(path.join(out, P2, '县级汇总.xlsx'));
    const ineffective = county.getWorksheet('整改未见效')!;
    expect(ineffective.getRow(4).getCell(2).value).toBe(formula);
    expect(county.getWorksheet('已核实')!.getRow(4).getCell(2).value).toBe(zhang);
  });

  it('answers that arrive after the next month was checked update that month’s statuses', async () => {
    const zhang = findingIdOf(c, P1, ID.zhang);
    await loadMonth2(c);
    await check(c, P2);
    const filled = path.join(out, 'late.xlsx');
    fillWithSheetJs(townshipFile(out, P1, '城关镇'), filled, { [zhang]: { 核查结果: '不属实' } });
    const r = await importFeedback(c.db, [filled], { partial: false });
    expect(r.files[0]!.notes.join()).toContain(`已更新 ${P2} 比对结果中 1 条疑点的状态`);
    const row = c.db.prepare(`SELECT status FROM findings WHERE period = ? AND finding_id = ?`).get(P2, zhang) as { status: string };
    expect(row.status).toBe('已核实');
  });
});
