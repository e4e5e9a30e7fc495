// Every CSV bidui writes parses back with a standard parser as one record per finding, with every field a spreadsheet
// could run neutralised; and --mask-ids / mask_ids masks every ID-like value in every output, however it was written.
import { parse } from 'csv-parse/sync';
import * as XLSX from '@e965/xlsx';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { County, makeId } from '../helpers/county.js';
import { report } from './scenario.js';

const P = '2024-11';
const A = makeId('19500101', 11);
const B = makeId('19520202', 13);
const C = makeId('19540303', 15);
/** A valid ID with a wrong check character: shown raw in the id-invalid finding. */
const BAD = (() => {
  const good = makeId('19640808', 25);
  return good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
})();
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const spaced = (s: string) => `${s.slice(0, 6)} ${s.slice(6, 14)} ${s.slice(14)}`;
const dashed = (s: string) => `${s.slice(0, 6)}-${s.slice(6, 14)}-${s.slice(14)}`;

/** Names that break naive CSV writers or run as formulas. */
const NAMES = {
  lf: '张\n三',
  crFormula: '李\r+cmd|" /C calc"!A0',
  quotes: '王"五",六',
  formula: '=HYPERLINK("http://example.invalid","x")',
};

let c: County;
let out: string;
let masked: string;
beforeAll(async () => {
  c = new County();
  c.cfg = { ...c.cfg, county: '示例县' };
  out = tempDir('bidui-csv-');
  masked = tempDir('bidui-csv-masked-');
  const rows = [
    { 乡镇: '城关镇', 村: '东村', 姓名: NAMES.lf, 身份证号: spaced(A), 状态: '在保' },
    { 乡镇: '城关镇', 村: '东村', 姓名: NAMES.crFormula, 身份证号: fullWidth(B), 状态: '在保' },
    { 乡镇: '城关镇', 村: '西村', 姓名: NAMES.quotes, 身份证号: dashed(C), 状态: '在保' },
    { 乡镇: '城关镇', 村: '西村', 姓名: NAMES.formula, 身份证号: spaced(BAD), 状态: '在保' },
    { 乡镇: '城关镇', 村: '西村', 姓名: '赵七', 身份证号: fullWidth(BAD.slice(0, 16)), 状态: '在保' },
  ];
  await c.load('dibao', P, rows);
  await c.load('tekun', P, rows.slice(0, 3));
  await c.check(P, ['id-invalid', 'dibao-tekun-overlap']);
  await report(c, P, out);
  await report(c, P, masked, { mask: true });
});
afterAll(() => {
  c.close();
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(masked, { recursive: true, force: true });
});

const findingCount = () => (c.db.prepare(`SELECT count(*) AS n FROM findings WHERE period = ?`).get(P) as { n: number }).n;

function records(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}

function expectSafe(recs: string[][]): void {
  for (const r of recs) for (const f of r) expect(f, JSON.stringify(f)).not.toMatch(/^[=+\-@\t\r\n]/);
}

describe('CSV output', () => {
  it('findings.csv: one record per finding through csv-parse, formula starts neutralised, names intact', () => {
    const recs = records(fs.readFileSync(path.join(out, P, 'findings.csv'), 'utf8'));
    expect(recs).toHaveLength(findingCount() + 1);
    expectSafe(recs);
    const names = recs.slice(1).map((r) => r[recs[0]!.indexOf('姓名')]);
    expect(names).toEqual(expect.arrayContaining([NAMES.lf, NAMES.quotes, `'${NAMES.formula}`]));
    // A CR that starts no field is kept inside its field; the text after it is not a record of its own.
    expect(names).toContain(NAMES.crFormula);
  });

  it('bidui findings --format csv: the same, parsed by csv-parse and by Python’s csv module', async () => {
    const r = await cli(['--db', path.join(c.dir, 'test.db'), 'findings', '--period', P, '--format', 'csv']);
    expect(r.code).toBe(0);
    const recs = records(r.stdout);
    expect(recs).toHaveLength(findingCount() + 1);
    expectSafe(recs);
    const py = spawnSync('python3', ['-c', 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))))', path.join(out, P, 'findings.csv')], { encoding: 'utf8' });
    if (py.status === 0) expect(Number(py.stdout.trim())).toBe(findingCount() + 1);
  });
});

describe('--mask-ids', () => {
  /** Every full ID of the county, however it was written, in digits only. */
  const FULL = [A, B, C, BAD];

  function textsOf(file: string): string[] {
    if (!file.endsWith('.xlsx')) return [fs.readFileSync(file, 'utf8')];
    const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
    return wb.SheetNames.flatMap((n) => Object.entries(wb.Sheets[n]!).filter(([k]) => !k.startsWith('!')).map(([, v]) => String((v as XLSX.CellObject).v)));
  }

  it('leaves no full ID, written with spaces, dashes or full-width digits, valid or not, in any file', () => {
    const dir = path.join(masked, P);
    for (const f of fs.readdirSync(dir)) {
      for (const t of textsOf(path.join(dir, f))) {
        const digits = t.normalize('NFKC').replace(/[\s\-]/g, '');
        for (const id of FULL) expect(digits, `${f}: ${t.slice(0, 80)}`).not.toContain(id.slice(6, 14));
      }
    }
  });

  it('masks the findings export too when asked (or when mask_ids is set)', async () => {
    const r = await cli(['--db', path.join(c.dir, 'test.db'), 'findings', '--period', P, '--format', 'json', '--mask-ids']);
    const digits = r.stdout.normalize('NFKC').replace(/[\s\-]/g, '');
    for (const id of FULL) expect(digits).not.toContain(id.slice(6, 14));
    expect(JSON.parse(r.stdout).some((f: { id_number: string }) => /^\d{6}\*{8}\d{3}[\dX]$/.test(f.id_number))).toBe(true);
  });
});
