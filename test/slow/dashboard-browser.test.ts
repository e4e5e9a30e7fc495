// 县级看板.html in a real browser (Debian's chromium, headless, driven by playwright-core): no console error and no
// request beyond the file itself; the headline numbers equal `bidui findings`' counts; every chart is an SVG with the
// expected bars and points; the search box, filters and sorting work; scripts off still shows charts and the first rows;
// hostile names stay text; it prints on A4 landscape. Skipped when /usr/bin/chromium is not installed.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeedback } from '../../src/jobs/feedback.js';
import { County, makeId } from '../helpers/county.js';
import { cli, tempDir } from '../helpers/cli.js';
import { check, countyWithKey, fillWithSheetJs, findingIdOf, ID, loadMonth1, loadMonth2, NOW, P1, P2, report, townshipFile } from '../report/scenario.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`跳过浏览器测试：没有 ${CHROMIUM}（Debian: apt-get install chromium；.ci/run 会安装它）`);

/** Debian's chromium, headless, nothing downloaded, nothing phoning home, a fresh profile each time. */
async function launch(profile: string, javaScriptEnabled = true): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    javaScriptEnabled,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

interface Finding {
  rule: string;
  severity: string;
  township: string | null;
  name: string;
  lifecycle: string;
  status: string;
}

/** Opens a page and records every console error, page error, dialog and request that is not the file itself. */
async function open(ctx: BrowserContext, file: string): Promise<{ page: Page; problems: string[] }> {
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems };
}

const rowsShown = (page: Page) => page.locator('#bd-rows tr').count();
const column = (page: Page, key: string) => page.locator(`#bd-rows td.c-${key}`).allTextContents();

describe.skipIf(!HAVE_CHROMIUM)('县级看板.html in headless chromium', () => {
  let c: County;
  let work: string;
  let out: string;
  let ctx: BrowserContext;
  const findings: Record<string, Finding[]> = {};

  beforeAll(async () => {
    work = tempDir('bidui-dashboard-browser-');
    out = path.join(work, 'out');
    c = await countyWithKey();
    await loadMonth1(c);
    await check(c, P1);
    await report(c, P1, out);
    const filled = path.join(work, 'filled.xlsx');
    fillWithSheetJs(townshipFile(out, P1, '城关镇'), filled, {
      [findingIdOf(c, P1, ID.zhang)]: { 核查结果: '不属实', 核查说明: '入户核实' },
      [findingIdOf(c, P1, ID.li)]: { 核查结果: '属实', 整改措施: '已停发' },
      [findingIdOf(c, P1, ID.formula)]: { 核查结果: '属实', 整改措施: '已停发' },
    });
    await importFeedback(c.db, [filled], { partial: false, now: NOW });
    await report(c, P1, out); // again, now with the answers received
    await loadMonth2(c);
    await check(c, P2);
    await report(c, P2, out);
    for (const p of [P1, P2]) {
      const r = await cli(['--db', path.join(c.dir, 'test.db'), 'findings', '--period', p, '--all', '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      findings[p] = JSON.parse(r.stdout) as Finding[];
    }
    ctx = await launch(path.join(work, 'profile'));
  });
  afterAll(async () => {
    await ctx?.close();
    c?.close();
    // The screenshots and the PDF stay in `work` for a person to look at; the profile and outputs go.
    for (const d of ['profile', 'profile-nojs', 'profile-hostile', 'out']) fs.rmSync(path.join(work, d), { recursive: true, force: true });
  });

  function expectedFigures(period: string, answered: number) {
    const all = findings[period]!;
    const current = all.filter((f) => f.lifecycle !== '已消除');
    const n = (p: (f: Finding) => boolean) => current.filter(p).length;
    return {
      findings: current.length,
      suspects: n((f) => f.severity === '疑点'),
      notices: n((f) => f.severity === '提示'),
      new: n((f) => f.lifecycle === '新增'),
      persisting: n((f) => f.lifecycle === '持续'),
      resolved: all.length - current.length,
      verified: n((f) => f.status === '已核实'),
      ineffective: n((f) => f.status === '整改未见效'),
      answers: [answered, n((f) => f.status !== '已核实')],
    };
  }

  async function shownFigures(page: Page) {
    return page.$$eval('.fig', (els) =>
      Object.fromEntries(els.map((e) => {
        const d = (e as HTMLElement).dataset;
        const shown = Number(e.querySelector('.value')!.firstChild!.textContent!.split('/')[0]!.replace(/,/g, '').trim());
        return [d.key!, d.of === undefined ? [Number(d.value), shown] : [Number(d.value), Number(d.of), shown]];
      })),
    );
  }

  /** Drawn bars/points per series of one chart, as the browser sees the SVG. */
  async function drawn(page: Page, chart: string): Promise<{ svgs: number; width: number; marks: number[] }> {
    return page.$eval(`figure[data-chart="${chart}"]`, (fig) => {
      const svgs = fig.querySelectorAll('svg');
      const marks: number[] = [];
      for (let i = 0; ; i++) {
        const n = fig.querySelectorAll(`svg [ecmeta_ssr_type="chart"][ecmeta_series_index="${i}"]`).length;
        if (n === 0 && fig.querySelectorAll(`svg [ecmeta_series_index="${i}"]`).length === 0) break;
        marks.push(n);
      }
      return { svgs: svgs.length, width: svgs[0]?.getBoundingClientRect().width ?? 0, marks };
    });
  }

  it('the second month: no console error, no request, headline numbers as `bidui findings` counts them', async () => {
    const { page, problems } = await open(ctx, path.join(out, P2, '县级看板.html'));
    expect(await page.title()).toBe('示例县 2024年11月 名单比对看板');
    const shown = await shownFigures(page);
    const want = expectedFigures(P2, 0);
    for (const [key, v] of Object.entries(want)) {
      const [value, ...rest] = Array.isArray(v) ? v : [v];
      expect(shown[key], key).toEqual([value, ...rest, value]);
    }
    await page.screenshot({ path: path.join(work, `县级看板_${P2}.png`), fullPage: true });
    expect(fs.statSync(path.join(work, `县级看板_${P2}.png`)).size).toBeGreaterThan(50_000);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the first month, re-reported after the answers came back: answers received of due', async () => {
    const { page, problems } = await open(ctx, path.join(out, P1, '县级看板.html'));
    const shown = await shownFigures(page);
    const want = expectedFigures(P1, 3);
    expect(shown.answers).toEqual([3, want.answers[1], 3]);
    expect(want.answers[1]).toBe(8);
    expect(shown.findings).toEqual([want.findings, want.findings]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('every chart is an SVG with the expected number of bars and points', async () => {
    const { page, problems } = await open(ctx, path.join(out, P2, '县级看板.html'));
    const cur = (p: string) => findings[p]!.filter((f) => f.lifecycle !== '已消除');
    const distinct = (xs: unknown[]) => new Set(xs.map((x) => JSON.stringify(x))).size;
    const months = [P1, P2];
    const group = (f: Finding) => (f.status === '整改未见效' || f.status === '已核实' ? f.status : '待核查');
    const open2 = cur(P2).filter((f) => f.status !== '已核实');
    const want: Record<string, number[]> = {
      trend: [
        months.filter((p) => cur(p).some((f) => f.severity === '疑点')).length,
        months.filter((p) => cur(p).some((f) => f.severity === '提示')).length,
        months.length,
        months.length,
      ],
      rules: [distinct(cur(P2).filter((f) => f.severity === '疑点').map((f) => f.rule)), distinct(cur(P2).filter((f) => f.severity === '提示').map((f) => f.rule))],
      townships: ['待核查', '整改未见效', '已核实'].map((g) => distinct(cur(P2).filter((f) => group(f) === g).map((f) => f.township))),
      progress: [0, distinct(open2.map((f) => f.township))], // nothing answered yet this month
      idProblems: [2, 0, 0, 0, 0, 0], // two clean files (scenario.ts): each keeps its row with a bar of no length
    };
    for (const [chart, marks] of Object.entries(want)) {
      const d = await drawn(page, chart);
      expect(d.svgs, chart).toBe(1);
      expect(d.width, chart).toBeGreaterThan(300);
      expect(d.marks, chart).toEqual(marks);
    }
    expect(want.townships).toEqual([2, 1, 1]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the search box, the filters and a click on a header change the table', async () => {
    const { page, problems } = await open(ctx, path.join(out, P2, '县级看板.html'));
    const current = findings[P2]!.filter((f) => f.lifecycle !== '已消除');
    expect(await rowsShown(page)).toBe(current.length);
    await page.fill('#bd-q', '赵六');
    await expect.poll(() => rowsShown(page)).toBe(1);
    expect(await column(page, 'name')).toEqual(['赵六']);
    expect(await page.textContent('#bd-info')).toContain('共 1 条');
    await page.fill('#bd-q', '南街');
    await expect.poll(() => column(page, 'village')).toEqual(['=HYPERLINK("http://example.invalid","南街")']);
    await page.fill('#bd-q', '没有这个人');
    await expect.poll(() => rowsShown(page)).toBe(0);
    await page.click('#bd-reset');
    await page.selectOption('#bd-township', { label: '城关镇' });
    expect((await column(page, 'township')).sort()).toEqual(current.filter((f) => f.township === '城关镇').map(() => '城关镇'));
    await page.selectOption('#bd-status', { label: '全部（含已消除）' });
    expect(await rowsShown(page)).toBe(findings[P2]!.filter((f) => f.township === '城关镇').length);
    await page.selectOption('#bd-status', '整改未见效');
    expect(await column(page, 'status')).toEqual(['整改未见效']);
    await page.click('#bd-reset');
    await page.selectOption('#bd-status', { label: '全部（含已消除）' });
    await page.click('th:has-text("姓名")');
    const names = await column(page, 'name');
    const sorted = await page.evaluate((xs) => [...xs].sort(new Intl.Collator('zh-CN', { numeric: true }).compare), names);
    expect(names).toEqual(sorted);
    expect(names).toHaveLength(findings[P2]!.length);
    await page.click('th:has-text("姓名")');
    expect(await column(page, 'name')).toEqual([...sorted].reverse());
    expect(problems).toEqual([]);
    await page.close();
  });

  it('with scripts off: the charts and the first rows are there, and the page says what needs scripts', async () => {
    const nojs = await launch(path.join(work, 'profile-nojs'), false);
    try {
      const { page, problems } = await open(nojs, path.join(out, P2, '县级看板.html'));
      expect(await page.locator('figure[data-chart] svg').count()).toBe(5);
      expect(await rowsShown(page)).toBe(findings[P2]!.filter((f) => f.lifecycle !== '已消除').length);
      expect(await page.isVisible('.nojs')).toBe(true);
      expect(await page.isVisible('#bd-q')).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await nojs.close();
    }
  });

  it('prints on A4 landscape', async () => {
    const { page } = await open(ctx, path.join(out, P2, '县级看板.html'));
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    fs.writeFileSync(path.join(work, `县级看板_${P2}.pdf`), pdf);
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'))!;
    expect(Math.round(Number(box[1]))).toBe(842); // 297 mm
    expect(Math.round(Number(box[2]))).toBe(595); // 210 mm
    await page.close();
  });

  it('hostile names from a roster stay text: no dialog, no extra script, the exact name in the cell', async () => {
    const evil = new County();
    try {
      evil.cfg = { ...evil.cfg, county: '示例县' };
      const person = { 乡镇: '<img src=x onerror=alert(1)>镇', 村: '=HYPERLINK("http://example.invalid","点我")', 姓名: '</script><script>alert(2)</script>', 身份证号: makeId('19700101', 31), 状态: '在保' };
      await evil.load('dibao', P1, [person]);
      await evil.load('tekun', P1, [person]);
      await check(evil, P1);
      const dir = path.join(work, 'out', 'hostile');
      await report(evil, P1, dir);
      const hostile = await launch(path.join(work, 'profile-hostile'));
      try {
        const { page, problems } = await open(hostile, path.join(dir, P1, '县级看板.html'));
        expect(await page.evaluate(() => document.scripts.length)).toBe(2);
        expect(await page.locator('img').count()).toBe(0);
        expect(await column(page, 'name')).toEqual([person.姓名]);
        expect(await column(page, 'township')).toEqual([person.乡镇]);
        expect(await column(page, 'village')).toEqual([person.村]);
        await page.screenshot({ path: path.join(work, '县级看板_hostile.png'), fullPage: true });
        expect(problems).toEqual([]);
      } finally {
        await hostile.close();
      }
    } finally {
      evil.close();
    }
    console.log(`县级看板 screenshots and PDF: ${work}`);
  });
});
