// A small synthetic county over two months for the report and feedback tests (invented names, generated IDs).
// The finding key is fixed, so finding ids, manifests and golden files are stable.
import * as XLSX from '@e965/xlsx';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { County, makeId } from '../helpers/county.js';
import { reportPeriod, type ReportSummary } from '../../src/jobs/report.js';

export const P1 = '2024-10';
export const P2 = '2024-11';
/** Report time: mid-day UTC, so the local date is the same in every time zone a test machine uses. */
export const NOW = new Date('2024-11-05T04:00:00Z');
export const FIXED_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

export const ID = {
  zhang: makeId('19500101', 11),
  li: makeId('19520202', 13),
  formula: makeId('19540303', 15),
  zhao: makeId('19560404', 17),
  nowhere: makeId('19580505', 19),
  stopped: makeId('19600606', 21),
  kaifa: makeId('19620707', 23),
};

/** A 身份证号 with a wrong check character (id-invalid, 校验位错误). */
export const BAD_CHECKSUM = (() => {
  const good = makeId('19640808', 25);
  return good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
})();

export const UNSAFE_TOWN = '开发区/新城:街道';

/** The rules these tests are about (other rules are added by others as the catalogue grows). */
export const RULES_UNDER_TEST = ['id-invalid', 'dibao-tekun-overlap'];

export function check(c: County, period: string) {
  return c.check(period, RULES_UNDER_TEST);
}

export async function countyWithKey(): Promise<County> {
  const c = new County();
  c.db.prepare(`UPDATE meta SET value = ? WHERE key = 'finding_key'`).run(FIXED_KEY);
  c.cfg = { ...c.cfg, county: '示例县', deadlineDays: 15 };
  return c;
}

/** 2024-10: five people on both 低保 and 特困, one formula-looking name, two unusable IDs, one 停保. */
export async function loadMonth1(c: County): Promise<void> {
  await c.load('dibao', P1, [
    { 乡镇: '城关镇', 村: '东关村', 姓名: '张三', 身份证号: ID.zhang, 状态: '在保', 月保障金额: 450 },
    { 乡镇: '城关镇', 村: '西关村', 姓名: '李四', 身份证号: ID.li, 状态: '在保' },
    { 乡镇: '城关镇', 村: '东关村', 姓名: '王五', 身份证号: BAD_CHECKSUM, 状态: '在保' },
    { 乡镇: '城关镇', 村: '=HYPERLINK("http://example.invalid","南街")', 姓名: '=1+2', 身份证号: ID.formula, 状态: '在保' },
    { 乡镇: '城关镇', 村: '西关村', 姓名: '吴九', 身份证号: ID.stopped, 状态: '在保' },
    { 乡镇: '河口乡', 村: '河东村', 姓名: '赵六', 身份证号: ID.zhao, 状态: '在保' },
    { 乡镇: '河口乡', 村: '河西村', 姓名: '孙七', 身份证号: '4.10522E+17', 状态: '在保' },
    { 乡镇: '', 村: '', 姓名: '周八', 身份证号: ID.nowhere, 状态: '在保' },
    { 乡镇: UNSAFE_TOWN, 村: '一社区', 姓名: '郑十', 身份证号: ID.kaifa, 状态: '在保' },
  ], 'dibao_2024-10.csv');
  await c.load('tekun', P1, [
    { 乡镇: '城关镇', 村: '东关村', 姓名: '张三', 身份证号: ID.zhang, 状态: '在保', 供养金额: 780 },
    { 乡镇: '城关镇', 村: '西关村', 姓名: '李四', 身份证号: ID.li, 状态: '在保' },
    { 乡镇: '城关镇', 村: '南街', 姓名: '=1+2', 身份证号: ID.formula, 状态: '在保' },
    { 乡镇: '城关镇', 村: '西关村', 姓名: '吴九', 身份证号: ID.stopped, 状态: '停保' },
    { 乡镇: '河口乡', 村: '河东村', 姓名: '赵六', 身份证号: ID.zhao, 状态: '在保' },
    { 乡镇: '', 村: '', 姓名: '周八', 身份证号: ID.nowhere, 状态: '在保' },
    { 乡镇: UNSAFE_TOWN, 村: '一社区', 姓名: '郑十', 身份证号: ID.kaifa, 状态: '在保' },
  ], 'tekun_2024-10.csv');
}

/** 2024-11: 李四 left 特困 (resolved); everyone else still on both lists. */
export async function loadMonth2(c: County): Promise<void> {
  await c.load('dibao', P2, [
    { 乡镇: '城关镇', 村: '东关村', 姓名: '张三', 身份证号: ID.zhang, 状态: '在保', 月保障金额: 450 },
    { 乡镇: '城关镇', 村: '西关村', 姓名: '李四', 身份证号: ID.li, 状态: '在保' },
    { 乡镇: '城关镇', 村: '=HYPERLINK("http://example.invalid","南街")', 姓名: '=1+2', 身份证号: ID.formula, 状态: '在保' },
    { 乡镇: '河口乡', 村: '河东村', 姓名: '赵六', 身份证号: ID.zhao, 状态: '在保' },
    { 乡镇: UNSAFE_TOWN, 村: '一社区', 姓名: '郑十', 身份证号: ID.kaifa, 状态: '在保' },
  ], 'dibao_2024-11.csv');
  await c.load('tekun', P2, [
    { 乡镇: '城关镇', 村: '东关村', 姓名: '张三', 身份证号: ID.zhang, 状态: '在保', 供养金额: 780 },
    { 乡镇: '城关镇', 村: '南街', 姓名: '=1+2', 身份证号: ID.formula, 状态: '在保' },
    { 乡镇: '河口乡', 村: '河东村', 姓名: '赵六', 身份证号: ID.zhao, 状态: '在保' },
    { 乡镇: UNSAFE_TOWN, 村: '一社区', 姓名: '郑十', 身份证号: ID.kaifa, 状态: '在保' },
  ], 'tekun_2024-11.csv');
}

export async function report(c: County, period: string, out: string, opts: { mask?: boolean; township?: string; signal?: AbortSignal } = {}): Promise<ReportSummary> {
  return reportPeriod(c.db, c.cfg, { period, out, mask: opts.mask ?? false, township: opts.township, now: NOW, signal: opts.signal });
}

/** The common start of the report tests: a county whose month 1 was loaded, checked and reported into a new folder. */
export async function month1Reported(outPrefix: string): Promise<{ c: County; out: string }> {
  const c = await countyWithKey();
  const out = tempDir(outPrefix);
  await loadMonth1(c);
  await check(c, P1);
  await report(c, P1, out);
  return { c, out };
}

export function townshipFile(out: string, period: string, town: string): string {
  return path.join(out, period, `${town}_疑点核查表.xlsx`);
}

/** The finding id of a rule hit on a person, from the database. */
export function findingIdOf(c: County, period: string, idNumber: string, rule = 'dibao-tekun-overlap'): string {
  const r = c.db.prepare(`SELECT finding_id FROM findings WHERE period = ? AND id_number = ? AND rule = ?`).get(period, idNumber, rule) as { finding_id: string } | undefined;
  if (!r) throw new Error(`no finding for ${idNumber} in ${period}`);
  return r.finding_id;
}

export type Fill = Partial<Record<'核查结果' | '核查说明' | '整改措施' | '整改完成日期' | '核查人' | '联系电话', string | number | Date>>;

/**
 * Fills answers into a workbook with SheetJS (a different library from the one that wrote it), as a clerk's
 * spreadsheet program would: rows found by 疑点编号 in the 疑点清单 sheet. `edit` may change anything else first.
 */
export function fillWithSheetJs(src: string, dest: string, answers: Record<string, Fill>, edit?: (wb: XLSX.WorkBook) => void): void {
  const wb = XLSX.read(fs.readFileSync(src), { type: 'buffer', cellStyles: true, cellNF: true });
  const ws = wb.Sheets['疑点清单']!;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null, raw: true });
  const headerAt = rows.findIndex((r) => r.includes('疑点编号') && r.includes('核查结果'));
  const header = rows[headerAt] as string[];
  const idCol = header.indexOf('疑点编号');
  for (let r = headerAt + 1; r < rows.length; r++) {
    const id = rows[r]![idCol] as string | null;
    const fill = id ? answers[id] : undefined;
    if (!fill) continue;
    for (const [h, v] of Object.entries(fill)) {
      const addr = XLSX.utils.encode_cell({ r, c: header.indexOf(h) });
      ws[addr] = v instanceof Date ? { t: 'd', v } : typeof v === 'number' ? { t: 'n', v } : { t: 's', v };
    }
  }
  edit?.(wb);
  fs.writeFileSync(dest, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', cellDates: true }));
}

/** In a SheetJS workbook's 疑点清单: the 0-based row of a finding id and the 0-based column of a header. */
export function locate(wb: XLSX.WorkBook, findingId: string | null, header: string, sheet = '疑点清单'): { r: number; c: number } {
  const ws = wb.Sheets[sheet]!;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null, raw: true });
  const headerAt = rows.findIndex((r) => r.includes('疑点编号'));
  const hdr = rows[headerAt] as string[];
  const r = findingId === null ? headerAt : rows.findIndex((row, i) => i > headerAt && row[hdr.indexOf('疑点编号')] === findingId);
  if (r < 0) throw new Error(`no row for ${findingId}`);
  return { r, c: hdr.indexOf(header) };
}

export function setCell(wb: XLSX.WorkBook, findingId: string, header: string, v: string | number, sheet = '疑点清单'): void {
  const { r, c } = locate(wb, findingId, header, sheet);
  wb.Sheets[sheet]![XLSX.utils.encode_cell({ r, c })] = typeof v === 'number' ? { t: 'n', v } : { t: 's', v };
}

/** Copies a row (all cells) to below the last row of the sheet; returns its 1-based row number. */
export function appendRow(wb: XLSX.WorkBook, values: unknown[], sheet = '疑点清单'): number {
  const ws = wb.Sheets[sheet]!;
  const range = XLSX.utils.decode_range(ws['!ref']!);
  XLSX.utils.sheet_add_aoa(ws, [values], { origin: range.e.r + 1 });
  return range.e.r + 2;
}

export function rowValues(file: string, findingId: string, sheet = '疑点清单'): unknown[] {
  const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
  const { r } = locate(wb, findingId, '疑点编号', sheet);
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet]!, { header: 1, defval: null, raw: true })[r]!;
}
