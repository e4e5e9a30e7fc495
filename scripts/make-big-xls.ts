// Writes a big BIFF8 .xls roster for the memory measurement of docs/performance.md (issue 11: a 100,000-row .xls must
// load in ≤ 400 MB). BIFF8 holds 65,536 rows per sheet, so the rows go into one sheet per township (≤ 50,000 each), as a
// county's workbook would. exceljs streams an .xlsx (SheetJS's own .xls writer needs gigabytes for this size), and
// LibreOffice saves it as .xls.
//
//   npx tsx scripts/make-big-xls.ts [rows=100000] [out=/tmp/bidui-big/dibao-100k.xls]
//   /usr/bin/time -v node bin/bidui.js --db /tmp/big.db load dibao /tmp/bidui-big/dibao-100k.xls --period 2024-11

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { isMain } from './lib/is-main.js';
import { makeId } from './lib/fixture-ids.js';

const TOWNSHIPS = ['城关镇', '城南镇', '河口乡', '东岗镇', '西营乡'];
const PER_SHEET = 50_000;
const HEADER = ['序号', '乡镇', '村', '户主姓名', '户主身份证号', '姓名', '身份证号', '与户主关系', '城乡类别', '保障人数', '家庭人口数', '施保方式', '月保障金额', '最初享受月份', '在保状态'];

/** Person i: a valid ID (birth dates and sequence numbers cycle, so IDs are distinct up to 3.6 million). */
function idOf(i: number): string {
  const day = new Date(Date.UTC(1940, 0, 1) + (i % 24_000) * 86_400_000);
  const ymd = day.toISOString().slice(0, 10).replace(/-/g, '');
  return makeId('410522', ymd, String(Math.floor(i / 24_000) % 1000).padStart(3, '0'));
}

export async function makeBigXls(rows: number, out: string): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bidui-bigxls-'));
  try {
    const xlsx = path.join(tmp, `${path.basename(out, '.xls')}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true });
    for (let s = 0; s * PER_SHEET < rows; s++) {
      const town = TOWNSHIPS[s % TOWNSHIPS.length]!;
      const ws = wb.addWorksheet(s < TOWNSHIPS.length ? town : `${town}${s}`);
      ws.addRow([`${town}2024年11月农村低保对象花名册`]).commit();
      ws.addRow(HEADER).commit();
      for (let i = s * PER_SHEET; i < Math.min(rows, (s + 1) * PER_SHEET); i++) {
        const head = i - (i % 3);
        ws.addRow([
          i + 1, town, `第${(i % 97) + 1}村`, `户主${head}`, idOf(head), `成员${i}`, idOf(i), i === head ? '户主' : '家庭成员', '农村', 3, 3, '整户保', 300 + (i % 50) * 10, '2023-05', '在保',
        ]).commit();
      }
      ws.commit();
    }
    await wb.commit();
    const profile = pathToFileURL(path.join(tmp, 'profile')).href;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'xls:MS Excel 97', '--outdir', tmp, xlsx], { stdio: 'pipe', timeout: 600_000 });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.copyFileSync(path.join(tmp, `${path.basename(out, '.xls')}.xls`), out);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const rows = Number(process.argv[2] ?? 100_000);
  const out = path.resolve(process.argv[3] ?? path.join(os.tmpdir(), 'bidui-big', `dibao-${Math.round(rows / 1000)}k.xls`));
  await makeBigXls(rows, out);
  console.log(`${out}: ${rows} rows, ${(fs.statSync(out).size / 1024 / 1024).toFixed(1)} MB`);
}
