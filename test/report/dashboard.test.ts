// The dashboard page's model on the two-month scenario (headline figures, every chart's numbers, the table's order),
// the SVG each chart draws (bars and points per series), and where report writes the page.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeedback } from '../../src/jobs/feedback.js';
import { periodReportData } from '../../src/jobs/report.js';
import { renderChart } from '../../src/report/dashboard/charts.js';
import { marks, pageModel, type Chart, type PageModel } from '../../src/report/dashboard/page-model.js';
import type { County } from '../helpers/county.js';
import { tempDir } from '../helpers/cli.js';
import { check, fillWithSheetJs, findingIdOf, ID, loadMonth2, NOW, P1, P2, report, townshipFile, month1Reported } from './scenario.js';

let c: County;
let out: string;
let m1: PageModel;
let m2: PageModel;

function model(period: string, mask = false): PageModel {
  const d = periodReportData(c.db, c.cfg, { period, mask, now: NOW });
  const findings = d.readFindings();
  return pageModel({ county: d.ctx.county, ctx: d.ctx, findings, listed: findings, periodAnswers: d.periodAnswers, sources: d.sources, trend: d.trend });
}

const chart = (m: PageModel, key: string): Chart => m.charts.find((x) => x.key === key)!;
const values = (ch: Chart) => Object.fromEntries(ch.series.map((s) => [s.key, s.values]));
const figures = (m: PageModel) => Object.fromEntries(m.figures.map((f) => [f.key, f.of === undefined ? f.value : [f.value, f.of]]));

beforeAll(async () => {
  ({ c, out } = await month1Reported('bidui-dashboard-'));
  // 城关镇 answers three of its four findings: 张三 不属实 (→ 已核实), 李四 属实 已停发 (gone next month), =1+2 属实 已停发 (still there: 整改未见效).
  const filled = path.join(out, 'filled.xlsx');
  fillWithSheetJs(townshipFile(out, P1, '城关镇'), filled, {
    [findingIdOf(c, P1, ID.zhang)]: { 核查结果: '不属实', 核查说明: '入户核实：特困已于9月终止' },
    [findingIdOf(c, P1, ID.li)]: { 核查结果: '属实', 整改措施: '已停发' },
    [findingIdOf(c, P1, ID.formula)]: { 核查结果: '属实', 整改措施: '已停发' },
  });
  await importFeedback(c.db, [filled], { partial: false, now: NOW });
  await loadMonth2(c);
  await check(c, P2);
  m1 = model(P1);
  m2 = model(P2);
});
afterAll(() => {
  c.close();
  fs.rmSync(out, { recursive: true, force: true });
});

describe('dashboard page model', () => {
  it('headline figures: the first month, with the townships’ answers to it', () => {
    expect(m1).toMatchObject({ county: '示例县', period: P1, comparedWith: null, deadline: '2024-11-20', masked: false });
    expect(figures(m1)).toEqual({
      findings: 8, suspects: 6, notices: 2, new: 8, persisting: 0, resolved: 0, verified: 0, ineffective: 0, answers: [3, 8], estimate: 450,
    });
    expect(m1.figures.find((f) => f.key === 'findings')!.note).toBe('首次比对');
    expect(m1.figures.find((f) => f.key === 'answers')!.note).toBe('答复率 37.5%，截止 2024-11-20');
  });

  it('headline figures: the second month (已核实, 整改未见效, 已消除)', () => {
    expect(figures(m2)).toEqual({
      findings: 4, suspects: 4, notices: 0, new: 0, persisting: 4, resolved: 4, verified: 1, ineffective: 1, answers: [0, 3],
    });
    expect(m2.figures.find((f) => f.key === 'findings')!.note).toBe('较 2024-10 减少 4 条');
    expect(m2.figures.filter((f) => f.tone === 'alert').map((f) => f.key)).toEqual(['ineffective']);
  });

  it('trend: findings by severity per checked month, 新增 and 已消除 as lines', () => {
    const t = chart(m2, 'trend');
    expect(t.categories).toEqual([P1, P2]);
    expect(values(t)).toEqual({ suspects: [6, 4], notices: [2, null], new: [8, 0], resolved: [0, 4] });
    expect(t.series.map((s) => s.type)).toEqual(['bar', 'bar', 'line', 'line']);
    expect(t.totals).toEqual(['8', '4']);
    expect(marks(t)).toEqual([2, 1, 2, 2]);
  });

  it('findings by rule: most first, coloured by severity', () => {
    expect(chart(m1, 'rules').categories).toEqual(['低保特困重复享受', '身份证号码无效']);
    expect(values(chart(m1, 'rules'))).toEqual({ suspects: [6, null], notices: [null, 2] });
    expect(chart(m2, 'rules').categories).toEqual(['低保特困重复享受']);
    expect(marks(chart(m2, 'rules'))).toEqual([1, 0]);
  });

  it('findings by township: by status, most first, the township without a name as 未知乡镇', () => {
    const t1 = chart(m1, 'townships');
    expect(t1.categories).toEqual(['城关镇', '河口乡', '开发区/新城:街道', '未知乡镇']);
    expect(values(t1)).toEqual({ pending: [4, 2, 1, 1], ineffective: [null, null, null, null], verified: [null, null, null, null] });
    const t2 = chart(m2, 'townships');
    expect(t2.categories).toEqual(['城关镇', '河口乡', '开发区/新城:街道']);
    expect(values(t2)).toEqual({ pending: [null, 1, 1], ineffective: [1, null, null], verified: [1, null, null] });
    expect(t2.totals).toEqual(['2', '1', '1']);
  });

  it('answer progress by township: answered of due (已核实 not due)', () => {
    const p1 = chart(m1, 'progress');
    expect(p1.categories).toEqual(['城关镇', '河口乡', '开发区/新城:街道', '未知乡镇']);
    expect(values(p1)).toEqual({ answered: [3, null, null, null], unanswered: [1, 2, 1, 1] });
    expect(p1.totals).toEqual(['3/4（75.0%）', '0/2（0.0%）', '0/1（0.0%）', '0/1（0.0%）']);
    expect(values(chart(m2, 'progress'))).toEqual({ answered: [null, null, null], unanswered: [1, 1, 1] });
  });

  it('ID problems by source file: per problem; a clean file keeps its row with a 0', () => {
    const i1 = chart(m1, 'idProblems');
    expect(i1.categories).toEqual(['低保：dibao_2024-10.csv', '特困：tekun_2024-10.csv']);
    expect(values(i1)).toMatchObject({ missing: [null, 0], truncated: [1, null], bad_checksum: [1, null], masked: [null, null] });
    expect(i1.totals).toEqual(['2（22.2%）', '0（0.0%）']);
    expect(marks(i1)).toEqual([1, 0, 1, 0, 0, 1]);
  });

  it('table: every finding of the month, 整改未见效 first and 已消除 last, answers shown', () => {
    const { rows, townships, rules } = m2.table;
    expect(rows.map((r) => [townships[r[1]], r[3], rules[r[5]], r[8], r[11]])).toEqual([
      ['城关镇', '=1+2', '低保特困重复享受', '整改未见效', '属实'],
      ['河口乡', '赵六', '低保特困重复享受', '待核查', ''],
      ['开发区/新城:街道', '郑十', '低保特困重复享受', '待核查', ''],
      ['城关镇', '张三', '低保特困重复享受', '已核实', '不属实'],
      ['城关镇', '李四', '低保特困重复享受', '已消除', '属实'],
      ['未知乡镇', '周八', '低保特困重复享受', '已消除', ''],
      ['城关镇', '王五', '身份证号码无效', '已消除', ''],
      ['河口乡', '孙七', '身份证号码无效', '已消除', ''],
    ]);
    expect(rows[0]![4]).toBe(ID.formula);
    expect(rows[0]![12]).toContain('〔核查记录〕2024-10 核查属实');
  });

  it('with --mask-ids, the model holds no full ID', () => {
    const m = model(P1, true);
    const all = JSON.stringify(m);
    for (const id of Object.values(ID)) expect(all).not.toContain(id);
    expect(m.table.rows.find((r) => r[3] === '张三')![4]).toBe('410522********0118');
  });
});

describe('dashboard charts (ECharts SVG)', () => {
  /** Drawn data marks of one series: ECharts tags each bar and each line point with its series and data index. */
  const drawn = (svg: string, series: number) => svg.match(new RegExp(`ecmeta_series_index="${series}" ecmeta_data_index="\\d+" ecmeta_ssr_type="chart"`, 'g'))?.length ?? 0;

  it('every chart is one SVG with one bar or point per value, and the totals written at the bars', () => {
    for (const m of [m1, m2]) {
      for (const ch of m.charts) {
        const svg = renderChart(ch);
        expect(svg.startsWith('<svg'), ch.key).toBe(true);
        expect(svg.match(/<svg/g)).toHaveLength(1);
        expect(ch.series.map((_, i) => drawn(svg, i)), `${m.period} ${ch.key}`).toEqual(marks(ch));
        for (const total of ch.totals) expect(svg, `${ch.key} ${total}`).toContain(`>${total}</text>`);
        for (const cat of ch.categories) expect(svg).toContain(`>${cat}</text>`);
      }
    }
  });
});

describe('report writes 县级看板.html', () => {
  it('next to the workbooks, private to the owner, listed as an html file', async () => {
    const dir = tempDir('bidui-dash-out-');
    const s = await report(c, P2, dir);
    const page = s.files.find((f) => f.type === 'html')!;
    expect(page.file).toBe(path.join(dir, P2, '县级看板.html'));
    const html = fs.readFileSync(page.file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<title>示例县 2024年11月 名单比对看板</title>');
    if (process.platform !== 'win32') expect(fs.statSync(page.file).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('not with html: false (--no-html), nor for one township', async () => {
    const dir = tempDir('bidui-dash-none-');
    const { reportPeriod } = await import('../../src/jobs/report.js');
    const s = await reportPeriod(c.db, c.cfg, { period: P2, out: dir, mask: false, html: false, now: NOW });
    expect(s.files.map((f) => f.type)).not.toContain('html');
    await report(c, P2, path.join(dir, 'one'), { township: '城关镇' });
    expect(fs.readdirSync(path.join(dir, P2)).filter((f) => f.endsWith('.html'))).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'one', P2)).sort()).toEqual(['bidui-report.json', '城关镇_疑点核查表.xlsx']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
