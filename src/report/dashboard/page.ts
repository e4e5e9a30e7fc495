// The dashboard as one self-contained HTML document: inline CSS (A4 landscape print), inline SVG charts, the table's
// rows as JSON and the script that searches them. Nothing is fetched: a content security policy forbids it.
import crypto from 'node:crypto';
import { STATUS } from '../../model/index.js';
import { moneyText, ymd } from '../model.js';
import type { PooledInput } from '../pooled-workbook.js';
import { FONT_STACK, renderChart } from './charts.js';
import { escapeHtml, jsonForScript } from './html.js';
import { pageModel, TABLE_COLUMNS, type DashboardInput, type Figure, type PageModel, type TableRow } from './page-model.js';
import { PAGE_ROWS, TABLE_SCRIPT, VALUE_CLASSES } from './table-script.js';

export const DASHBOARD_FILE = '县级看板.html';

const CSS = `
:root { --font: ${FONT_STACK}; --line: #dee2e6; --muted: #6c757d; --alert: #e03131; --blue: #4c6ef5; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #f1f3f5; color: #212529; font: 14px/1.5 var(--font); }
main { width: 1112px; max-width: 100%; margin: 0 auto; padding: 20px; }
header.top { border-bottom: 3px solid #c92a2a; padding-bottom: 8px; margin-bottom: 14px; }
h1 { font-size: 26px; margin: 0; letter-spacing: 1px; }
h1 .period { color: #c92a2a; margin-left: 8px; }
h2 { font-size: 17px; margin: 0; }
.meta { color: var(--muted); margin: 4px 0 0; }
.caveat { margin: 4px 0 0; color: #495057; font-size: 13px; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px; margin-bottom: 16px; }
.fig { background: #fff; border: 1px solid var(--line); border-top: 4px solid #868e96; border-radius: 6px; padding: 8px 12px 10px; }
.fig .label { color: #495057; font-size: 13px; }
.fig .value { font-size: 28px; font-weight: 700; line-height: 1.25; font-variant-numeric: tabular-nums; white-space: nowrap; }
.fig .value small { font-size: 13px; font-weight: 400; color: var(--muted); margin-left: 3px; }
.fig .note { color: var(--muted); font-size: 12px; }
.fig.tone-main { border-top-color: var(--blue); }
.fig.tone-main .value { color: #364fc7; }
.fig.tone-alert { border-top-color: var(--alert); background: #fff5f5; }
.fig.tone-alert .value { color: var(--alert); }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-bottom: 16px; }
.chart { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px; margin: 0; break-inside: avoid; page-break-inside: avoid; }
.chart.full { grid-column: 1 / -1; }
.chart figcaption { padding: 2px 4px 6px; }
.chart figcaption p { margin: 0; color: var(--muted); font-size: 12px; }
.chart svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.chart .empty { color: var(--muted); padding: 24px 4px; margin: 0; }
section.list { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px; }
.list-head { display: flex; align-items: baseline; gap: 12px; margin-bottom: 8px; }
.list-head p { margin: 0; color: var(--muted); font-size: 12px; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
.controls input, .controls select, .controls button, .pager button { font: inherit; font-size: 13px; padding: 3px 6px; border: 1px solid #adb5bd; border-radius: 4px; background: #fff; }
.controls input { width: 260px; }
.controls select { max-width: 220px; }
.needs-js { display: none; }
html.js .needs-js { display: flex; }
html.js .nojs-only { display: none; }
.nojs { background: #fff9db; border: 1px solid #ffe066; padding: 6px 8px; margin: 0 0 8px; font-size: 13px; }
table { width: 100%; border-collapse: collapse; font-size: 12px; }
th, td { border: 1px solid var(--line); padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #e9ecef; position: sticky; top: 0; white-space: nowrap; }
th[data-col] { cursor: pointer; }
th[aria-sort="ascending"]::after { content: "▲"; }
th[aria-sort="descending"]::after { content: "▼"; }
td.n, td.c-id, td.c-idNumber, td.c-name, td.c-severity, td.c-lifecycle, td.c-status, td.c-firstSeen, td.c-result { white-space: nowrap; }
td.c-explanation { min-width: 240px; }
td.c-village, td.c-township { min-width: 56px; }
td.c-rule { min-width: 84px; }
.scroll { overflow-x: auto; }
td.n, td.c-months { text-align: right; font-variant-numeric: tabular-nums; }
td.c-id, td.c-idNumber { font-family: Consolas, Menlo, monospace; font-size: 11px; }
.v-alert { color: var(--alert); font-weight: 700; }
.v-sus { color: #d9480f; }
.v-new { color: #c92a2a; }
.v-done, .v-gone { color: var(--muted); }
.pager { display: flex; gap: 8px; align-items: center; margin-top: 8px; font-size: 13px; }
footer { color: var(--muted); font-size: 12px; margin-top: 12px; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { background: #fff; font-size: 12px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { width: auto; padding: 0; }
  .controls, .pager, .nojs { display: none !important; }
  .figures { grid-template-columns: repeat(5, 1fr); gap: 6px; }
  .fig .value { font-size: 22px; }
  .charts { gap: 8px; }
  .chart, .fig { border-color: #ced4da; }
  section.list { border: none; padding: 0; break-before: page; page-break-before: always; }
  th { position: static; }
  .scroll { overflow: visible; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
`;

function periodText(p: string): string {
  const [y, m] = p.split('-');
  return `${y}年${Number(m)}月`;
}

function figureHtml(f: Figure): string {
  const num = (n: number) => (f.unit === '元' ? moneyText(n) : n.toLocaleString('zh-CN'));
  const value = f.of === undefined ? num(f.value) : `${num(f.value)} / ${num(f.of)}`;
  const of = f.of === undefined ? '' : ` data-of="${f.of}"`;
  return `<div class="fig tone-${f.tone}" data-key="${escapeHtml(f.key)}" data-value="${f.value}"${of}>`
    + `<div class="label">${escapeHtml(f.label)}</div><div class="value">${escapeHtml(value)}<small>${escapeHtml(f.unit)}</small></div>`
    + `<div class="note">${escapeHtml(f.note)}</div></div>`;
}

function chartsHtml(m: PageModel): string {
  return m.charts
    .map((c) => {
      const body = c.categories.length ? renderChart(c) : `<p class="empty">${escapeHtml(c.empty)}</p>`;
      return `<figure class="chart ${c.layout}" data-chart="${escapeHtml(c.key)}">`
        + `<figcaption><h2>${escapeHtml(c.title)}</h2><p>${escapeHtml(c.note)}</p></figcaption>\n${body}\n</figure>`;
    })
    .join('\n');
}

const STATUS_AT = TABLE_COLUMNS.findIndex((c) => c.key === 'status');
const isCurrentRow = (r: TableRow) => r[STATUS_AT] !== STATUS.resolved;

function cellText(m: PageModel, r: TableRow, i: number): string | number {
  const c = TABLE_COLUMNS[i]!;
  if ('ref' in c) return m.table[c.ref][r[i] as number] ?? '';
  return r[i]!;
}

/**
 * The table's first page as HTML, so that a reader with scripts off (or a script blocked by a browser's policy) still
 * sees the most important findings (整改未见效 first). Only the first page: writing all rows a second time as HTML would
 * double the page for the bench county (past 5 MB), and every finding is in 县级汇总.xlsx next to it.
 */
function firstRows(m: PageModel): string {
  return m.table.rows
    .filter((r) => isCurrentRow(r))
    .slice(0, PAGE_ROWS)
    .map((r, k) => {
      const cells = TABLE_COLUMNS.map((c, i) => {
        const v = cellText(m, r, i);
        const cls = typeof v === 'string' && Object.hasOwn(VALUE_CLASSES, v) ? ` ${VALUE_CLASSES[v]}` : '';
        return `<td class="c-${c.key}${cls}">${escapeHtml(v)}</td>`;
      });
      return `<tr><td class="n">${k + 1}</td>${cells.join('')}</tr>`;
    })
    .join('\n');
}

/** The table's columns as this page names them: 乡镇, or 县 across several counties. */
function columnsOf(m: PageModel) {
  return TABLE_COLUMNS.map((c) => (c.key === 'township' ? { ...c, header: m.placeLabel } : c));
}

function tableHtml(m: PageModel): string {
  const current = m.table.rows.filter((r) => isCurrentRow(r)).length;
  const heads = columnsOf(m).map((c, i) => `<th data-col="${i}" tabindex="0" aria-sort="none">${escapeHtml(c.header)}</th>`).join('');
  const statuses = [STATUS.pending, STATUS.ineffective, STATUS.verified, STATUS.resolved].map((s) => `<option value="${s}">${s}</option>`).join('');
  return `<section class="list">
<div class="list-head"><h2>${m.tableTitle}</h2><p>${m.tableScope ? `${escapeHtml(m.tableScope)}。` : ''}整改未见效在前，其次待核查、已核实、已消除；点击表头排序</p></div>
<div class="controls needs-js">
<input id="bd-q" type="search" placeholder="搜索姓名、身份证号、村、说明……" aria-label="搜索">
<select id="bd-township" aria-label="${m.placeLabel}"><option value="">全部${m.placeLabel}</option></select>
<select id="bd-rule" aria-label="规则"><option value="">全部规则</option></select>
<select id="bd-status" aria-label="状态"><option value="current" selected>当前疑点（不含已消除）</option>${statuses}<option value="">全部（含已消除）</option></select>
<button id="bd-reset" type="button">清除条件</button>
</div>
<p class="nojs nojs-only">浏览器没有运行脚本：下表只列出最重要的前 ${Math.min(PAGE_ROWS, current)} 条（本月${m.tableTitle}共 ${current} 条）。搜索、筛选、排序需要允许本页运行脚本；全部疑点见同一目录的 ${m.summaryFile}。</p>
<div class="scroll"><table id="bd-table"><thead><tr><th>序号</th>${heads}</tr></thead>
<tbody id="bd-rows">
${firstRows(m)}
</tbody></table></div>
<div class="pager needs-js"><button id="bd-prev" type="button">上一页</button><button id="bd-next" type="button">下一页</button><span id="bd-info"></span></div>
</section>`;
}

function dataJson(m: PageModel): string {
  return jsonForScript({
    columns: columnsOf(m),
    townships: m.table.townships,
    rules: m.table.rules,
    rows: m.table.rows,
  });
}

/** The page for a model: the charts are drawn here, everything from the data is escaped. */
export function renderPage(m: PageModel): string {
  const scriptHash = crypto.createHash('sha256').update(TABLE_SCRIPT, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  const title = `${m.county} ${periodText(m.period)} 名单比对看板`.trim();
  const meta = [
    `比对月份 ${m.period}`,
    m.comparedWith ? `对照月份 ${m.comparedWith}` : '首次比对',
    `生成日期 ${ymd(m.made)}`,
    `乡镇反馈截止 ${m.deadline}`,
    ...(m.masked ? ['身份证号已脱敏（只显示前6位和后4位）'] : []),
  ].join(' · ');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="bidui">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
</head>
<body>
<main>
<header class="top">
<h1>${escapeHtml(`${m.county} 名单比对看板`.trim())}<span class="period">${escapeHtml(periodText(m.period))}</span></h1>
<p class="meta">${escapeHtml(meta)}</p>
<p class="caveat">比对结果只是疑点，需经乡镇入户核实后才能认定；“整改未见效”是上次核查属实并已整改、本月仍然比对出的疑点，请重点关注。</p>
</header>
<section class="figures">
${m.figures.map(figureHtml).join('\n')}
</section>
<section class="charts">
${chartsHtml(m)}
</section>
${tableHtml(m)}
<footer>由 bidui 生成。本页不联网，可直接双击打开或打印（A4 横向）；${m.placeLabel === '县' ? '各县的核查表、县级汇总和看板在以县命名的文件夹中，跨县汇总见同一目录的 汇总.xlsx' : '各乡镇核查表和全部明细见同一目录的 县级汇总.xlsx'}。</footer>
</main>
<script type="application/json" id="bd-data">${dataJson(m)}</script>
<script>${TABLE_SCRIPT}</script>
</body>
</html>
`;
}

/** The county dashboard page for a report's input. */
export function dashboardHtml(input: DashboardInput): string {
  return renderPage(pageModel(input));
}

export const POOLED_DASHBOARD_FILE = '汇总看板.html';

/**
 * The page across several counties: figures and charts by county; its table lists the cross-county findings only (a
 * province's every finding would make a page of ~90 MB; each county's page lists its own).
 */
export function pooledDashboardHtml(input: PooledInput): string {
  const { ctx, findings, cross, periodAnswers, sources, trend, parts } = input;
  return renderPage(pageModel({ county: `${parts.length} 个县`, places: '县', ctx, findings, listed: cross, periodAnswers, sources, trend }));
}
