// Three counties pooled in one database (fixtures/pooled, domain.md §10), run month by month from the config as a city
// would: every planted finding appears once per county side, in its (county, township); status/findings show the
// county; the outputs go per county (<P>/<县>/…) with 汇总.xlsx across them; feedback from one county answers only its
// own side and leaves the other county's untouched.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { loadConfig } from '../../src/config/config.js';
import { reportPeriod } from '../../src/jobs/report.js';
import { openDb } from '../../src/store/db.js';
import { cli, fixture, tempDir, type CliResult } from '../helpers/cli.js';
import { fillWithSheetJs, locate, rowValues, appendRow } from '../report/scenario.js';

interface Want {
  rule: string;
  id_number: string;
  name: string;
  sides: { county: string; township: string }[];
  periods: string[];
}
interface Exported {
  finding_id: string;
  rule: string;
  id_number: string | null;
  county: string | null;
  township: string;
  lifecycle: string;
  status: string;
  explanation: string;
  amount_estimate: number | null;
}

const expected = JSON.parse(fs.readFileSync(fixture('pooled', 'expected.json'), 'utf8')) as { counties: string[]; findings: Want[] };
const PERIODS = ['2024-10', '2024-11'];
let dir: string;
let db: string;
let config: string;
const runs: Record<string, CliResult> = {};
const findings: Record<string, Exported[]> = {};

beforeAll(async () => {
  dir = tempDir('bidui-pooled-');
  fs.cpSync(fixture('pooled'), path.join(dir, 'pooled'), { recursive: true });
  config = path.join(dir, 'pooled', 'bidui.config.yaml');
  fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^out: .*$/m, 'out: ../out'));
  db = path.join(dir, 'pooled.db');
  for (const p of PERIODS) {
    runs[p] = await cli(['--config', config, '--db', db, 'run', '--period', p]);
    findings[p] = JSON.parse((await cli(['--db', db, 'findings', '--period', p, '--all', '--format', 'json'])).stdout) as Exported[];
  }
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('several counties in one database', () => {
  it('each month runs to exit 0 and the check summary lists places as (county, township)', () => {
    for (const p of PERIODS) expect(runs[p]!.code, runs[p]!.stderr).toBe(0);
    expect(runs['2024-11']!.stdout).toMatch(/县\s+乡镇\s+条数/);
    expect(runs['2024-11']!.stdout).toMatch(/甲县\s+城关镇\s+3/);
    expect(runs['2024-11']!.stdout).toMatch(/乙县\s+城关镇\s+2/);
    expect(runs['2024-11']!.stdout).toContain('其中 4 条是跨县疑点');
    // The run's log line names the page across counties, not the first county's page.
    expect(runs['2024-11']!.stdout + runs['2024-11']!.stderr).toMatch(/（5 个乡镇），汇总看板：汇总看板\.html/);
  });

  it('every planted finding appears once per county side, in that county and township, and only in its months', () => {
    for (const w of expected.findings) {
      for (const p of PERIODS) {
        const got = findings[p]!.filter((f) => f.rule === w.rule && f.id_number === w.id_number && f.lifecycle !== '已消除');
        const want = w.periods.includes(p) ? w.sides : [];
        expect(got.map((f) => ({ county: f.county, township: f.township })).sort(byPlace), `${w.rule} ${w.name} ${p}`).toEqual([...want].sort(byPlace));
        expect(new Set(got.map((f) => f.finding_id)).size).toBe(got.length);
        for (const f of got) {
          if (w.sides.length > 1) expect(f.explanation).toMatch(/（跨县：本人另在(甲|乙|丙)县：/);
          else expect(f.explanation).not.toContain('跨县');
        }
      }
    }
  });

  it('nothing else is found: the ordinary persons of each county give no finding', () => {
    const planted = new Set(expected.findings.map((w) => `${w.rule}|${w.id_number}`));
    const extra = findings['2024-11']!.filter((f) => f.lifecycle !== '已消除' && !planted.has(`${f.rule}|${f.id_number}`));
    expect(extra).toEqual([]);
  });

  it('an overlap across counties is counted once in money: the county paying less carries the estimate', () => {
    const chen = expected.findings.find((w) => w.rule === 'dibao-tekun-overlap' && w.sides.length === 2)!;
    const sides = findings['2024-11']!.filter((f) => f.rule === chen.rule && f.id_number === chen.id_number);
    expect(Object.fromEntries(sides.map((f) => [f.county, f.amount_estimate !== null]))).toEqual({ 乙县: true, 丙县: false });
  });

  it('each file’s counties are recorded when it is loaded: the counties of its rows (none for the cremation list)', () => {
    const store = new Database(db, { readonly: true });
    const recorded = store.prepare(`SELECT import_id, county FROM import_counties ORDER BY import_id, county`).all();
    expect(recorded).toEqual(store.prepare(`SELECT DISTINCT import_id, county FROM roster_rows ORDER BY import_id, county`).all());
    const of = (file: string) =>
      (store.prepare(`SELECT c.county FROM import_counties c JOIN imports i ON i.id = c.import_id WHERE i.file_name = ? AND i.period IS ? ORDER BY c.county`)
        .all(file, file.includes('2024-11') ? '2024-11' : null) as { county: string | null }[]).map((r) => r.county);
    expect(of('特困_全市_2024-11.xlsx').length).toBeGreaterThan(1);
    expect(of('低保_乙县_2024-11.csv')).toEqual(['乙县']);
    expect(of('火化数据.csv')).toEqual([null]);
    store.close();
  });

  it('status shows each county: its findings, how many are cross-county, the estimate', async () => {
    const r = await cli(['--db', db, 'status']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/县\s+疑点\s+其中跨县\s+涉及金额（估算）/);
    expect(r.stdout).toMatch(/甲县\s+4\s+1\s/);
    const j = JSON.parse((await cli(['--db', db, '--json', 'status'])).stdout) as { periods: { period: string; counties: { county: string; open: number; crossCounty: number }[] }[] };
    const nov = j.periods.find((p) => p.period === '2024-11')!;
    expect(nov.counties.map((c) => [c.county, c.open, c.crossCounty])).toEqual([
      ['丙县', 1, 1],
      ['乙县', 3, 2],
      ['甲县', 4, 1],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  });
});

describe('outputs of several counties', () => {
  const P = '2024-11';
  const month = () => path.join(dir, 'out', P);
  const liu = () => expected.findings.find((w) => w.name === '刘一')!;
  const sideOf = (county: string) => findings[P]!.find((f) => f.id_number === liu().id_number && f.county === county)!;

  it('each county gets its folder with its township lists, 县级汇总, findings.csv and dashboard; 汇总.xlsx, findings.csv and 汇总看板.html across them', () => {
    const files = (sub: string) => fs.readdirSync(path.join(month(), sub)).filter((f) => !f.startsWith('.')).sort();
    expect(files('')).toEqual(['bidui-report.json', 'findings.csv', '丙县', '乙县', '汇总.xlsx', '汇总看板.html', '甲县'].sort());
    expect(files('甲县')).toEqual(['findings.csv', '县级汇总.xlsx', '县级看板.html', '城关镇_疑点核查表.xlsx', '河口乡_疑点核查表.xlsx'].sort());
    expect(files('乙县')).toEqual(['findings.csv', '县级汇总.xlsx', '县级看板.html', '城关镇_疑点核查表.xlsx', '石桥镇_疑点核查表.xlsx'].sort());
    expect(files('丙县')).toEqual(['findings.csv', '县级汇总.xlsx', '县级看板.html', '城关镇_疑点核查表.xlsx'].sort());
    const index = JSON.parse(fs.readFileSync(path.join(month(), 'bidui-report.json'), 'utf8')) as { files: { file: string }[] };
    expect(index.files.map((f) => f.file)).toContain('甲县/城关镇_疑点核查表.xlsx');
    const csv = fs.readFileSync(path.join(month(), 'findings.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]!.split(',').slice(0, 4)).toEqual(['序号', '疑点编号', '县', '乡镇']);
    expect(csv.filter((l) => l.trim()).length - 1).toBe(findings[P]!.length);
    const html = fs.readFileSync(path.join(month(), '汇总看板.html'), 'utf8');
    expect(html).toContain('3 个县 名单比对看板');
    expect(html).toContain('按县');
    // Its table lists the cross-county findings only (each county's page lists all of its own), and says so.
    expect(html).toContain('<h2>跨县疑点清单</h2>');
    const data = JSON.parse(html.match(/<script type="application\/json" id="bd-data">([\s\S]*?)<\/script>/)![1]!) as { rows: unknown[][] };
    const cross = findings[P]!.filter((f) => f.explanation.includes('（跨县：')).map((f) => f.finding_id).sort();
    expect(cross.length).toBeGreaterThan(0);
    expect(data.rows.map((r) => r[0]).sort()).toEqual(cross);
    const own = fs.readFileSync(path.join(month(), '甲县', '县级看板.html'), 'utf8');
    expect(own).toContain('<h2>疑点清单</h2>');
  });

  it('findings.csv across counties: the counties in turn, each with its findings in the order of its own findings.csv', () => {
    const rows = (file: string) =>
      fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l.trim()).slice(1).map((l) => l.split(','));
    const pooled = rows(path.join(month(), 'findings.csv'));
    expect(pooled.map((r) => r[0])).toEqual(pooled.map((_r, i) => String(i + 1)));
    const counties = [...new Set(pooled.map((r) => r[2]!))];
    expect(counties).toEqual(['丙县', '甲县', '乙县']);
    expect(pooled.map((r) => r[2])).toEqual(counties.flatMap((c) => pooled.filter((r) => r[2] === c).map(() => c)));
    for (const c of counties) {
      const own = rows(path.join(month(), c, 'findings.csv'));
      expect(pooled.filter((r) => r[2] === c).map((r) => [r[1], ...r.slice(3)])).toEqual(own.map((r) => r.slice(1)));
    }
  });

  it('a report reads one snapshot: findings changed by another connection while it writes are in none of its files', async () => {
    const copy = path.join(dir, 'snapshot.db');
    fs.copyFileSync(db, copy);
    const store = openDb(copy);
    const out = path.join(dir, 'snapshot-out');
    try {
      // The county folders are read one after the other while files are written; the first read takes the snapshot.
      const writing = reportPeriod(store, loadConfig(config), { period: P, out, mask: false });
      const other = new Database(copy);
      expect(other.prepare(`UPDATE findings SET explanation = explanation || '（已改）' WHERE period = ?`).run(P).changes).toBeGreaterThan(0);
      other.close();
      await writing;
    } finally {
      store.close();
    }
    const csvs = ['findings.csv', '甲县/findings.csv', '乙县/findings.csv', '丙县/findings.csv'].map((f) => fs.readFileSync(path.join(out, P, f), 'utf8'));
    for (const text of csvs) expect(text).not.toContain('（已改）');
    expect(csvs[0]).toBe(fs.readFileSync(path.join(month(), 'findings.csv'), 'utf8'));
  });

  it('a county’s own workbooks name that county and hold only its findings', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(month(), '乙县', '城关镇_疑点核查表.xlsx'));
    expect(String(wb.getWorksheet('说明')!.getCell('A1').value)).toBe(`乙县 ${P} 比对疑点核查表（城关镇）`);
    const list = wb.getWorksheet('疑点清单')!;
    const ids = Array.from({ length: list.rowCount - 2 }, (_, i) => list.getRow(i + 3).getCell(2).value);
    expect(ids.sort()).toEqual(findings[P]!.filter((f) => f.county === '乙县' && f.township === '城关镇' && f.lifecycle !== '已消除').map((f) => f.finding_id).sort());
    const county = new ExcelJS.Workbook();
    await county.xlsx.readFile(path.join(month(), '乙县', '县级汇总.xlsx'));
    expect(String(county.getWorksheet('说明')!.getCell('A1').value)).toBe(`乙县 ${P} 名单比对县级汇总`);
    const sources = county.getWorksheet('数据来源')!;
    const files = Array.from({ length: sources.rowCount - 3 }, (_, i) => String(sources.getRow(i + 4).getCell(3).value));
    expect(files.sort()).toEqual(['低保_乙县_2024-11.csv', '火化数据.csv', '特困_全市_2024-11.xlsx'].sort());
  });

  it('汇总.xlsx: counties side by side, county × rule, money, the cross-county findings, trend per county, progress, sources', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(month(), '汇总.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '县×规则', '涉及金额', '跨县疑点', '月度趋势', '答复进度', '数据来源']);
    const rules = wb.getWorksheet('县×规则')!;
    const header = Array.from(rules.getRow(3).values as unknown[], (v) => String(v));
    const row = (county: string) => Array.from({ length: rules.rowCount }, (_, i) => rules.getRow(i + 1)).find((r) => r.getCell(1).value === county)!;
    expect(row('甲县').getCell(header.indexOf('同一名单内重复')).value).toBe(2);
    expect(row('合计').getCell(header.indexOf('待核查合计')).value).toBe(findings[P]!.filter((f) => f.lifecycle !== '已消除').length);
    const cross = wb.getWorksheet('跨县疑点')!;
    expect(cross.rowCount - 3).toBe(4);
    const trend = wb.getWorksheet('月度趋势')!;
    expect(Array.from(trend.getRow(3).values as unknown[]).slice(-3)).toEqual(['丙县', '甲县', '乙县']);
    // Money: each county's estimate and the total, equal to the findings' own estimates (an overlap counted once).
    const money = wb.getWorksheet('涉及金额')!;
    const moneyRow = (c: string) => Array.from({ length: money.rowCount }, (_, i) => money.getRow(i + 1)).find((r) => r.getCell(1).value === c);
    const last = (r: ExcelJS.Row | undefined) => (r ? r.getCell(r.cellCount).value : null);
    const estimate = (c?: string) =>
      Math.round(findings[P]!.filter((f) => f.lifecycle !== '已消除' && (!c || f.county === c)).reduce((n, f) => n + (f.amount_estimate ?? 0), 0) * 100) / 100;
    expect(last(moneyRow('合计'))).toBe(estimate());
    for (const c of ['甲县', '乙县']) expect(last(moneyRow(c))).toBe(estimate(c));
    // Progress: one row per county, what each county's lists hold.
    const progress = wb.getWorksheet('答复进度')!;
    const listed = Array.from({ length: progress.rowCount - 3 }, (_, i) => progress.getRow(i + 4)).map((r) => [r.getCell(1).value, r.getCell(2).value]);
    expect(listed).toEqual(['丙县', '甲县', '乙县'].map((c) => [c, findings[P]!.filter((f) => f.county === c && f.lifecycle !== '已消除' && f.status !== '已核实').length]));
  });

  it('report --township 城关镇 asks which county; with --county it writes only that county’s list and keeps the rest', async () => {
    const r = await cli(['--config', config, '--db', db, 'report', '--period', P, '--township', '城关镇']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('「城关镇」在 丙县、甲县、乙县 都有，请用 --county 指明是哪个县的');
    const before = fs.readFileSync(path.join(month(), '乙县', '城关镇_疑点核查表.xlsx'));
    const ok = await cli(['--config', config, '--db', db, 'report', '--period', P, '--county', '甲县', '--township', '城关镇']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/甲县\s+城关镇/);
    expect(fs.readFileSync(path.join(month(), '乙县', '城关镇_疑点核查表.xlsx')).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(month(), '汇总.xlsx'))).toBe(true);
    const bad = await cli(['--config', config, '--db', db, 'report', '--period', P, '--county', '丁县']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('没有「丁县」的疑点。有疑点的县：丙县、甲县、乙县');
  });

  it('feedback from 甲县 answers only 甲县’s side of a cross-county finding; 乙县’s stays 待核查 and cannot be answered in 甲县’s list', async () => {
    const jia = sideOf('甲县');
    const yi = sideOf('乙县');
    const src = path.join(month(), '甲县', '城关镇_疑点核查表.xlsx');
    const filled = path.join(dir, '甲县城关镇_已填.xlsx');
    fillWithSheetJs(src, filled, { [jia.finding_id]: { 核查结果: '属实', 整改措施: '已停发', 核查说明: '已在乙县享受，本县停发' } });
    const r = await cli(['--db', db, 'feedback', filled]);
    expect(r.code, r.stderr).toBe(0);
    const store = new Database(db, { readonly: true });
    const answers = store.prepare(`SELECT finding_id, result, township FROM answers`).all();
    store.close();
    expect(answers).toEqual([{ finding_id: jia.finding_id, result: '属实', township: '城关镇' }]);

    // 乙县's row of the same person pasted into 甲县's list is refused, naming both places.
    const yiRow = rowValues(path.join(month(), '乙县', '城关镇_疑点核查表.xlsx'), yi.finding_id);
    const pasted = path.join(dir, '甲县城关镇_粘贴.xlsx');
    fillWithSheetJs(src, pasted, {}, (wb) => {
      const row = [...yiRow];
      row[locate(wb, null, '核查结果').c] = '不属实';
      appendRow(wb, row);
    });
    const refused = await cli(['--db', db, 'feedback', pasted]);
    expect(refused.stdout + refused.stderr).toContain('这条疑点属于「乙县 城关镇」，不属于本表（甲县 城关镇），不能在本表中答复');
    const after = new Database(db, { readonly: true });
    expect(after.prepare(`SELECT finding_id FROM answers`).all()).toEqual([{ finding_id: jia.finding_id }]);
    expect(after.prepare(`SELECT status FROM findings WHERE finding_id = ? AND period = ?`).get(yi.finding_id, P)).toEqual({ status: '待核查' });
    after.close();
  });
});

function byPlace(a: { county: string | null; township: string }, b: { county: string | null; township: string }): number {
  return `${a.county}|${a.township}`.localeCompare(`${b.county}|${b.township}`);
}
