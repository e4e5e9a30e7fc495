// Every fixture through the real CLI and a real database: counts, statuses and clear errors (issue 2), and the layouts
// of issue 11 (merged cells, totals anywhere, stacked blocks, hidden sheets, township sources, proxy columns, numeric
// 18-digit IDs, other separators, other writers): every stored person's fields, the skipped counts by cause, and what
// the report says about each sheet.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, FIXTURES, tempDir } from '../helpers/cli.js';

interface Expected {
  kind: string;
  format: string;
  persons: number;
  skipped: { blank: number; subtotal: number; footer: number; header: number; title: number };
  idStatus: Record<string, number>;
  sheet: string | null;
  headerRow: number;
  args?: string[];
  delimiter?: string;
  sheets?: { name: string; used: boolean; hidden?: string; township?: { source: string; name: string | null } | null }[];
  rows?: ({ sheet?: string; row: number; name: string; member?: number; id_status: string; id_number: string | null } & Record<string, unknown>)[];
}

/** Keys of an expected row that are not stored columns (or are compared on their own). */
const NOT_COLUMNS = new Set(['sheet', 'row', 'name', 'member', 'id_status', 'id_number', 'id_derived_from_cert', 'id_column_holds_cert', 'grade_disagrees_with_cert', 'warning', 'extra']);

const SCENARIOS = fs
  .readdirSync(FIXTURES)
  .filter((d) => !['broken', 'demo', 'pooled'].includes(d) && fs.existsSync(path.join(FIXTURES, d, 'expected.json')));

const PERIOD = '2024-11';
let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bidui load on every fixture', () => {
  for (const scenario of SCENARIOS) {
    const expected = JSON.parse(fs.readFileSync(fixture(scenario, 'expected.json'), 'utf8')) as { files: Record<string, Expected> };
    for (const [file, e] of Object.entries(expected.files)) {
      it(`${scenario}/${file}`, async () => {
        const db = path.join(dir, `${scenario}-${file}.db`);
        const args = ['--db', db, '--json', 'load', e.kind, fixture(scenario, file), '--period', PERIOD, ...(e.args ?? [])];
        if (scenario === 'handmade-xls') args.push('--area', '农村');
        const r = await cli(args);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const [outcome] = JSON.parse(r.stdout);
        const rep = outcome.report;
        expect(rep.file.format).toBe(e.format);
        expect(rep.persons).toBe(e.persons);
        expect(rep.skipped).toEqual(e.skipped);
        const ids = Object.fromEntries(Object.entries(rep.idStatus as Record<string, number>).filter(([, n]) => n > 0));
        expect(ids).toEqual(e.idStatus);
        const used = rep.sheets.filter((s: { used: boolean }) => s.used);
        if (e.sheet) expect(used.map((s: { name: string }) => s.name)).toEqual([e.sheet]);
        expect(used[0].headerRows.at(-1)).toBe(e.headerRow);
        if (e.delimiter) expect(rep.file.delimiter).toBe(e.delimiter);
        for (const x of e.sheets ?? []) {
          const s = rep.sheets.find((r: { name: string }) => r.name === x.name);
          expect(s, `sheet ${x.name} in the report`).toBeDefined();
          expect([s.used, s.hidden]).toEqual([x.used, x.hidden]);
          if (x.township !== undefined) expect(s.township === null ? null : { source: s.township.source, name: s.township.name }, `township of ${x.name}`).toEqual(x.township);
        }

        // What is stored: one row per person with provenance, the normalised ID and every field the fixture says.
        const sql = new Database(db, { readonly: true });
        const stored = sql.prepare(`SELECT *, row_no AS row FROM roster_rows ORDER BY id`).all() as ({
          sheet: string;
          row: number;
          member_no: number;
          name: string;
          id_status: string;
          id_number: string | null;
          extra: string | null;
          warnings: string;
        } & Record<string, unknown>)[];
        const imp = sql.prepare(`SELECT file_name, sha256, rows_loaded, rows_skipped FROM imports`).get() as { file_name: string; sha256: string; rows_loaded: number; rows_skipped: number };
        sql.close();
        expect(stored).toHaveLength(e.persons);
        expect(imp.file_name).toBe(file);
        expect(imp.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(imp.rows_skipped).toBe(Object.values(e.skipped).reduce((a, b) => a + b, 0));
        for (const x of e.rows ?? []) {
          const hit = stored.find((s) => s.row === x.row && s.name === x.name && (x.sheet === undefined || s.sheet === x.sheet));
          expect(hit, `${x.name} on row ${x.row}`).toBeDefined();
          expect([hit!.id_status, hit!.id_number]).toEqual([x.id_status, x.id_number]);
          if (x.member !== undefined) expect(hit!.member_no).toBe(x.member);
          if (x.id_derived_from_cert) {
            expect(hit!.warnings, `${x.name}: ID from the certificate`).toContain('身份证号取自残疾人证号前18位');
            expect(hit!.id_raw).toBeNull();
          }
          if (x.id_column_holds_cert) expect([hit!.id_raw, hit!.id_number], `${x.name}: certificate in the ID column`).toEqual([x.cert_number, String(x.cert_number).slice(0, 18)]);
          if (x.grade_disagrees_with_cert) expect(hit!.warnings, `${x.name}: grade against the certificate`).toMatch(/残疾等级列为.*证号显示为/);
          for (const [key, want] of Object.entries(x)) {
            if (NOT_COLUMNS.has(key)) continue;
            expect(key in hit!, `${x.name} row ${x.row}: expected.json names ${key}, which is not a stored column`).toBe(true);
            const got = hit![key];
            expect(got === null ? null : String(got), `${x.name} row ${x.row}: ${key}`).toBe(want === null ? null : String(want));
          }
          if (typeof x.warning === 'string') expect(hit!.warnings, `${x.name}: warning`).toContain(x.warning);
          if (x.extra) expect(JSON.parse(hit!.extra ?? '{}'), `${x.name}: extra`).toMatchObject(x.extra as object);
        }
      });
    }
  }
});

describe('bidui load on broken files', () => {
  const cases: [string, RegExp][] = [
    ['empty.xlsx', /空的|0 字节/],
    ['truncated.xlsx', /损坏|不是.*工作簿/],
    ['header-only.xlsx', /只有表头/],
    ['no-id-column.xlsx', /找不到身份证号列/],
    ['junk.csv', /不是.*(表格|文本)/],
    ['not-a-roster.xlsx', /没有找到|找不到身份证号/],
  ];
  for (const [file, message] of cases) {
    it(`${file}: exit 2, a clear message naming the file, database unchanged`, async () => {
      const db = path.join(dir, `broken-${file}.db`);
      const ok = await cli(['--db', db, 'load', 'dibao', fixture('kinds', 'dibao.xlsx'), '--period', PERIOD]);
      expect(ok.code).toBe(0);
      const before = fs.readFileSync(db).length;
      const count = () => {
        const sql = new Database(db, { readonly: true });
        const n = sql.prepare(`SELECT (SELECT count(*) FROM imports) || '/' || (SELECT count(*) FROM roster_rows) AS n`).get() as { n: string };
        sql.close();
        return n.n;
      };
      const was = count();
      const r = await cli(['--db', db, 'load', 'dibao', fixture('broken', file), '--period', PERIOD]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/内部错误|at .*\.js/);
      expect(count()).toBe(was);
      expect(before).toBeGreaterThan(0);
    });
  }

  it('a failing file among good ones loads nothing at all', async () => {
    const db = path.join(dir, 'mixed.db');
    const r = await cli(['--db', db, 'load', 'dibao', fixture('kinds', 'dibao.xlsx'), fixture('broken', 'junk.csv'), '--period', PERIOD]);
    expect(r.code).toBe(2);
    const sql = new Database(db, { readonly: true });
    expect(sql.prepare(`SELECT count(*) AS n FROM roster_rows`).get()).toEqual({ n: 0 });
    sql.close();
  });

  it('no ID column: lists the headers seen and the aliases tried, and suggests --map', async () => {
    const r = await cli(['--db', path.join(dir, 'noid.db'), 'load', 'dibao', fixture('broken', 'no-id-column.xlsx'), '--period', PERIOD]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/看到的表头：.*姓名/);
    expect(r.stderr).toMatch(/尝试过的表头：.*公民身份号码/);
    expect(r.stderr).toContain('--map id_number=');
  });
});

describe('loading again', () => {
  it('the same file twice changes nothing; a changed file of the same name replaces the old load', async () => {
    const db = path.join(dir, 'again.db');
    const src = fixture('kinds', 'dibao.xlsx');
    const first = await cli(['--db', db, 'load', 'dibao', src, '--period', PERIOD]);
    expect(first.code).toBe(0);
    const second = await cli(['--db', db, 'load', 'dibao', src, '--period', PERIOD]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('未作更改');
    const copyDir = tempDir();
    const changed = path.join(copyDir, 'dibao.xlsx');
    fs.copyFileSync(fixture('system-export-xlsx', 'dibao_2024-11.xlsx'), changed);
    const third = await cli(['--db', db, 'load', 'dibao', changed, '--period', PERIOD]);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('已替换');
    const sql = new Database(db, { readonly: true });
    expect(sql.prepare(`SELECT count(*) AS n FROM imports`).get()).toEqual({ n: 1 });
    expect(sql.prepare(`SELECT count(*) AS n FROM roster_rows`).get()).toEqual({ n: 20 });
    sql.close();
  });
});

describe('bidui inspect', () => {
  it('reports format, encoding, header rows and the guessed kind, and writes nothing', async () => {
    const cwd = tempDir();
    const r = await cli(['inspect', fixture('csv-gbk', '低保名单_gbk.csv')], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('GB18030');
    expect(r.stdout).toMatch(/名单类型：低保/);
    expect(r.stdout).toContain('身份证号：');
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('shows the two-row merged header and the wide household layout of the hand-made .xls', async () => {
    const r = await cli(['inspect', fixture('handmade-xls', '某县2024年11月农村低保花名册.xls'), '--kind', 'dibao']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('第 3–4 行（两行合并表头）');
    expect(r.stdout).toContain('多组姓名/身份证号');
    expect(r.stdout).toMatch(/小计\/合计 3/);
  });
});
