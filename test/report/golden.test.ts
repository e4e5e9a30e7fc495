// Golden tests: each workbook of a two-month scenario rendered to stable JSON (sheets, headers, cell values with their
// types and formats, validations, protection, frozen panes, filters) and compared with reviewed files in test/golden/.
// After an intended change: UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts, then review the diff.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeedback } from '../../src/jobs/feedback.js';
import type { County } from '../helpers/county.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { expectGolden, renderWorkbook } from './render.js';
import { check, fillWithSheetJs, findingIdOf, ID, loadMonth2, NOW, P1, P2, report, townshipFile, month1Reported } from './scenario.js';

const GOLDEN = path.join(ROOT, 'test/golden');
/** Load times are the only volatile values (data sources sheet). */
const VOLATILE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

let c: County;
let out: string;
let masked: string;
beforeAll(async () => {
  ({ c, out } = await month1Reported('bidui-golden-'));
  masked = tempDir('bidui-golden-masked-');
  await report(c, P1, masked, { mask: true, township: '城关镇' });
  const filled = path.join(out, 'filled.xlsx');
  fillWithSheetJs(townshipFile(out, P1, '城关镇'), filled, {
    [findingIdOf(c, P1, ID.zhang)]: { 核查结果: '不属实', 核查说明: '入户核实：特困已于9月终止', 核查人: '刘一', 联系电话: '13800000001' },
    [findingIdOf(c, P1, ID.li)]: { 核查结果: '属实', 整改措施: '已停发', 整改完成日期: '2024-11-20', 核查人: '刘一' },
    [findingIdOf(c, P1, ID.formula)]: { 核查结果: '属实', 整改措施: '已停发', 核查说明: '=已停发特困', 核查人: '刘一' },
  });
  await importFeedback(c.db, [filled], { partial: false, now: NOW });
  await loadMonth2(c);
  await check(c, P2);
  await report(c, P2, out);
});
afterAll(() => {
  c.close();
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(masked, { recursive: true, force: true });
});

describe('golden workbooks', () => {
  it('城关镇 2024-10 (first month, nothing answered yet)', async () => {
    expectGolden(await renderWorkbook(townshipFile(out, P1, '城关镇')), path.join(GOLDEN, '城关镇_2024-10.json'));
  });

  it('城关镇 2024-10 with --mask-ids', async () => {
    expectGolden(await renderWorkbook(townshipFile(masked, P1, '城关镇')), path.join(GOLDEN, '城关镇_2024-10_masked.json'));
  });

  it('城关镇 2024-11 (已核实, 整改未见效 after the answers)', async () => {
    expectGolden(await renderWorkbook(townshipFile(out, P2, '城关镇')), path.join(GOLDEN, '城关镇_2024-11.json'));
  });

  it('县级汇总 2024-11', async () => {
    expectGolden(await renderWorkbook(path.join(out, P2, '县级汇总.xlsx'), { volatile: VOLATILE }), path.join(GOLDEN, '县级汇总_2024-11.json'));
  });

  it('findings.csv 2024-11 (UTF-8 with BOM)', () => {
    const csv = fs.readFileSync(path.join(out, P2, 'findings.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const file = path.join(GOLDEN, 'findings_2024-11.csv');
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, csv);
    expect(csv.toString('utf8')).toBe(fs.readFileSync(file, 'utf8'));
  });

  it('the month’s files are exactly these, with safe names', () => {
    expect(fs.readdirSync(path.join(out, P2)).sort()).toEqual(
      ['bidui-report.json', 'findings.csv', '县级汇总.xlsx', '县级看板.html', '城关镇_疑点核查表.xlsx', '开发区_新城_街道_疑点核查表.xlsx', '河口乡_疑点核查表.xlsx'].sort(),
    );
  });
});
