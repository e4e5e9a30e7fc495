// With LibreOffice installed: a workbook re-saved by LibreOffice (before or after filling in) imports cleanly, and every
// workbook of a month renders to PDF. Skipped when `soffice` is not on the PATH.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeedback } from '../../src/jobs/feedback.js';
import type { County } from '../helpers/county.js';
import { tempDir } from '../helpers/cli.js';
import { fillWithSheetJs, findingIdOf, ID, locate, P1, townshipFile, month1Reported } from '../report/scenario.js';

const soffice = ['soffice', 'libreoffice'].find((b) => spawnSync(b, ['--version'], { encoding: 'utf8' }).status === 0);

/** LibreOffice headless conversion into `dir`; its own profile dir so parallel runs do not collide. */
function convert(file: string, to: string, dir: string): string {
  const profile = tempDir('bidui-lo-profile-');
  const r = spawnSync(soffice!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', to, '--outdir', dir, file], { encoding: 'utf8', timeout: 180_000 });
  fs.rmSync(profile, { recursive: true, force: true });
  const ext = to.split(':')[0]!;
  const outFile = path.join(dir, `${path.basename(file, path.extname(file))}.${ext}`);
  if (r.status !== 0 || !fs.existsSync(outFile)) throw new Error(`soffice failed: ${r.stderr}`);
  return outFile;
}

describe.skipIf(!soffice)('LibreOffice', () => {
  let c: County;
  let out: string;
  beforeAll(async () => {
    ({ c, out } = await month1Reported('bidui-lo-'));
  });
  afterAll(() => {
    c.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('imports a workbook filled in and then re-saved by LibreOffice', async () => {
    const zhang = findingIdOf(c, P1, ID.zhang);
    const formula = findingIdOf(c, P1, ID.formula);
    const filled = path.join(out, 'filled', '城关镇.xlsx');
    fs.mkdirSync(path.dirname(filled));
    fillWithSheetJs(townshipFile(out, P1, '城关镇'), filled, {
      [zhang]: { 核查结果: '不属实', 核查说明: '入户核实\n已退出特困' },
      [formula]: { 核查结果: '属实', 整改措施: '已停发', 整改完成日期: new Date(Date.UTC(2024, 10, 20)) },
    });
    const resaved = convert(filled, 'xlsx:Calc MS Excel 2007 XML', path.join(out, 'resaved'));
    const r = (await importFeedback(c.db, [resaved], { partial: false })).files[0]!;
    expect(r.refusals).toEqual([]);
    expect(r).toMatchObject({ imported: true, accepted: 2, refused: 0 });
    const a = c.db.prepare(`SELECT finding_id, result, measure, done_date, explanation FROM answers ORDER BY finding_id`).all();
    expect(a).toEqual(
      expect.arrayContaining([
        { finding_id: zhang, result: '不属实', measure: null, done_date: null, explanation: '入户核实\n已退出特困' },
        { finding_id: formula, result: '属实', measure: '已停发', done_date: '2024-11-20', explanation: null },
      ]),
    );
  });

  it('imports a workbook re-saved by LibreOffice before it was filled in', async () => {
    const li = findingIdOf(c, P1, ID.li);
    const resaved = convert(townshipFile(out, P1, '城关镇'), 'xlsx:Calc MS Excel 2007 XML', path.join(out, 'resaved-first'));
    const filled = path.join(out, 'resaved-first', 'filled.xlsx');
    fillWithSheetJs(resaved, filled, { [li]: { 核查结果: '部分属实', 整改措施: '其他' } });
    const r = (await importFeedback(c.db, [filled], { partial: false })).files[0]!;
    expect(r.refusals).toEqual([]);
    expect(r).toMatchObject({ imported: true, accepted: 1 });
  });

  it('imports a workbook a clerk saved as .xls (Excel 97-2003) or .ods', async () => {
    const zhao = findingIdOf(c, P1, ID.zhao);
    const filled = path.join(out, 'filled-hekou', '河口乡.xlsx');
    fs.mkdirSync(path.dirname(filled));
    fillWithSheetJs(townshipFile(out, P1, '河口乡'), filled, { [zhao]: { 核查结果: '不属实', 核查说明: '已核实' } });
    for (const to of ['xls:MS Excel 97', 'ods']) {
      const saved = convert(filled, to, path.join(out, `saved-${to.slice(0, 3)}`));
      const r = (await importFeedback(c.db, [saved], { partial: false })).files[0]!;
      expect(r.error).toBeNull();
      expect(r.refusals).toEqual([]);
      expect(r.imported).toBe(true);
    }
    const n = c.db.prepare(`SELECT count(*) AS n FROM answers WHERE finding_id = ?`).get(zhao) as { n: number };
    expect(n.n).toBe(1); // the second format carried the same answer: unchanged
  });

  it('refuses an answer written as a formula in a workbook saved as .xls', async () => {
    const zhao = findingIdOf(c, P1, ID.zhao);
    const filled = path.join(out, 'formula-hekou', '河口乡.xlsx');
    fs.mkdirSync(path.dirname(filled));
    fillWithSheetJs(townshipFile(out, P1, '河口乡'), filled, {}, (wb) => {
      const at = locate(wb, zhao, '核查结果');
      wb.Sheets['疑点清单']![XLSX.utils.encode_cell(at)] = { t: 's', v: '属实', f: 'IF(1=1,"属实","不属实")' };
    });
    const saved = convert(filled, 'xls:MS Excel 97', path.join(out, 'formula-xls'));
    const r = (await importFeedback(c.db, [saved], { partial: false })).files[0]!;
    expect(r.imported).toBe(false);
    expect(r.refusals).toEqual([expect.objectContaining({ finding_id: zhao, reason: expect.stringContaining('单元格「核查结果」是公式') })]);
  });

  it('renders every workbook of the month to PDF', async () => {
    const dir = path.join(out, P1);
    const pdfs = path.join(out, 'pdf');
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.xlsx'))) {
      const pdf = convert(path.join(dir, f), 'pdf', pdfs);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
});
