// 汇总.xlsx across several counties in one database (domain.md §10): the figures of each county side by side, county ×
// rule, the money estimates, the cross-county findings (跨县), the trend per county, answer progress and the sources.
// Each county's own files (its township lists, 县级汇总, dashboard) are in its folder; this is the city's overview.
import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { ESTIMATE_LABEL } from '../findings/money.js';
import { cents, countyName, estimateSum, findingTotals, isCurrent, isOpen, type FindingTotals } from '../model/index.js';
import type { TrendRow } from '../store/findings.js';
import type { ImportSource } from '../store/imports.js';
import { answerColumns, findingColumns, moneySheet, progressRows, sourceColumns, totalsColumns, type ProgressRow } from './county-workbook.js';
import { isCrossCounty, MONEY_FORMAT, moneyText, ruleName, text, ymd, type FindingFacts, type ReportContext, type ReportFinding } from './model.js';
import { keyValues, paragraph, tableSheet, title, writeTable, type Column } from './sheet-kit.js';
import { closeBook, frozenAt, openBook, writeSheet } from './stream-book.js';
import type { CountyPart } from './write-report.js';

export const POOLED_FILE = '汇总.xlsx';

export const POOLED_SHEETS = {
  guide: '说明', rules: '县×规则', money: '涉及金额', cross: '跨县疑点', trend: '月度趋势', progress: '答复进度', sources: '数据来源',
} as const;

/** What the files across counties keep of each finding while the counties are written one by one (not its texts). */
export interface PooledFact extends FindingFacts {
  /** One county's side of a finding split across counties (isCrossCounty). */
  cross: boolean;
}

export function pooledFact(f: ReportFinding): PooledFact {
  return {
    finding_id: f.finding_id, county: f.county, township: f.township, rule: f.rule, severity: f.severity, lifecycle: f.lifecycle, status: f.status,
    amount_estimate: f.amount_estimate, cross: isCrossCounty(f),
  };
}

export interface PooledInput {
  ctx: ReportContext;
  /** Every finding of the period across the counties, 已消除 included, in county order (as in findings.csv). */
  findings: readonly PooledFact[];
  /** The cross-county findings whole (已消除 included), in the same order: the only ones listed across counties. */
  cross: readonly ReportFinding[];
  parts: CountyPart[];
  sources: ImportSource[];
  /** The trend of all counties together. */
  trend: TrendRow[];
  periodAnswers: ReadonlyMap<string, { result: string | null; imported_at: string; source_sha256: string }>;
}

/** The figures of one county (or of all: 合计); `open`: current and to be verified (不含已核实). */
interface CountyLine extends FindingTotals {
  county: string;
  open: number;
  cross: number;
  estimate: number | null;
  answered: number;
  byRule: Map<string, number>;
}

/** Answer progress by county (ProgressRow's place is the county). */
const progressByCounty = (input: PooledInput) => progressRows(input.findings, input.periodAnswers, (f) => f.county);

function countyLines(input: PooledInput): { lines: CountyLine[]; total: CountyLine } {
  const answered = new Map(progressByCounty(input).map((p) => [p.township, p.answered]));
  const byCounty = new Map<string | null, PooledFact[]>(input.parts.map((p) => [p.county, []]));
  for (const f of input.findings) byCounty.get(f.county)?.push(f);
  const line = (county: string, fs: readonly PooledFact[], nAnswered: number): CountyLine => {
    const open = fs.filter(isOpen);
    const byRule = new Map<string, number>();
    for (const f of open) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    return {
      ...findingTotals(fs), county, open: open.length, cross: open.filter((f) => f.cross).length, estimate: estimateSum(open), answered: nAnswered, byRule,
    };
  };
  const lines = input.parts.map((p) => line(countyName(p.county), byCounty.get(p.county)!, answered.get(p.county) ?? 0));
  return { lines, total: line('合计', input.findings, [...answered.values()].reduce((n, a) => n + a, 0)) };
}


async function guide(ws: ExcelJS.Worksheet, input: PooledInput, lines: CountyLine[], total: CountyLine): Promise<void> {
  const { ctx } = input;
  [12, 9, 8, 8, 8, 8, 8, 8, 10, 9, 14, 8, 9].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  title(ws, 1, `${ctx.period} 名单比对汇总（${lines.length} 个县）`, 13, 16);
  let r = keyValues(ws, 3, [
    ['比对月份', ctx.period],
    ['对照月份', ctx.comparedWith ?? '（首次比对）'],
    ['生成日期', ymd(ctx.now)],
    ['县（区）', lines.map((l) => l.county).join('、')],
    ['本月疑点', `${total.findings} 条（疑点级 ${total.suspects}，提示级 ${total.notices}）`],
    ['跨县疑点', `${total.cross} 条（同一人在两个以上县享受待遇，各县一条，各自核查本县的记录）`],
  ], 5);
  if (total.estimate !== null) r = keyValues(ws, r, [['涉及金额（估算）', `${moneyText(total.estimate)} 元（${ESTIMATE_LABEL}）`]], 5);
  if (ctx.mask) r = keyValues(ws, r, [['身份证号', '已脱敏显示（只显示前6位和后4位）']], 5);
  r++;
  r = paragraph(ws, r, '各县的乡镇核查表、县级汇总和看板在以县命名的文件夹中；比对结果只是疑点，需经乡镇核实后才能认定。', 13);
  r++;
  const cols: Column<CountyLine>[] = [
    { header: '县', width: 12, value: (l) => text(l.county, ctx.mask) },
    { header: '待核查', width: 9, value: (l) => l.open, align: 'right' },
    ...totalsColumns<CountyLine>(),
    { header: '跨县疑点', width: 9, value: (l) => l.cross, align: 'right' },
    { header: '涉及金额（估算）', width: 14, value: (l) => cents(l.estimate), numFmt: MONEY_FORMAT, wrap: true, align: 'right' },
    { header: '已答复', width: 8, value: (l) => l.answered, align: 'right' },
    { header: '答复率', width: 9, value: (l) => (l.open ? l.answered / l.open : null), numFmt: '0.0%', align: 'right' },
  ];
  await writeTable(ws, r, cols, [...lines, total], { boldLast: true });
  ws.pageSetup.printTitlesRow = `${r}:${r}`;
}

/** Rules with a current finding somewhere, in catalogue order. */
function rulesUsed(ctx: ReportContext, lines: readonly CountyLine[]): string[] {
  const used = new Set(lines.flatMap((l) => [...l.byRule.keys()]));
  return [...ctx.rules.map((x) => x.code).filter((c) => used.has(c)), ...[...used].filter((c) => !ctx.rules.some((x) => x.code === c))];
}

async function byRule(ws: ExcelJS.Worksheet, ctx: ReportContext, lines: CountyLine[], total: CountyLine): Promise<void> {
  const codes = rulesUsed(ctx, lines);
  title(ws, 1, `${ctx.period} 各县疑点（按规则；不含已核实和已消除）`, Math.min(codes.length + 2, 12));
  const cols: Column<CountyLine>[] = [
    { header: '县', width: 12, value: (l) => text(l.county, ctx.mask) },
    ...codes.map((c): Column<CountyLine> => ({ header: ruleName(ctx, c), width: 12, value: (l) => l.byRule.get(c) ?? 0, wrap: true, align: 'right' })),
    { header: '待核查合计', width: 11, value: (l) => l.open, align: 'right' },
  ];
  await writeTable(ws, 3, cols, [...lines, total], { boldLast: true });
  ws.pageSetup.printTitlesRow = '3:3';
}

function trend(ws: ExcelJS.Worksheet, input: PooledInput): Promise<void> {
  const per = input.parts.map((p) => ({ name: countyName(p.county), by: new Map(p.trend.map((t) => [t.period, t.findings])) }));
  const cols: Column<TrendRow>[] = [
    { header: '比对月份', width: 10, value: (t) => t.period, text: true, align: 'center' },
    { header: '疑点总数', width: 9, value: (t) => t.findings, align: 'right' },
    { header: '新增', width: 8, value: (t) => t.new, align: 'right' },
    { header: '已消除', width: 8, value: (t) => t.resolved, align: 'right' },
    ...per.map((c): Column<TrendRow> => ({ header: text(c.name, input.ctx.mask), width: 10, value: (t) => c.by.get(t.period) ?? 0, wrap: true, align: 'right' })),
  ];
  return tableSheet(ws, '月度趋势（每个已比对月份；右侧为各县疑点数）', Math.min(cols.length, 12), cols, input.trend, '（尚无比对记录）');
}

function progress(ws: ExcelJS.Worksheet, input: PooledInput): Promise<void> {
  const { ctx } = input;
  const byCounty = new Map(progressByCounty(input).map((p) => [p.township, p]));
  const none = (county: string | null): ProgressRow => ({
    township: county, listed: 0, answered: 0, confirmed: 0, rejected: 0, partly: 0, ineffective: 0, verified: 0, lastImport: null, files: 0,
  });
  const rows = input.parts.map((part) => byCounty.get(part.county) ?? none(part.county));
  const cols: Column<ProgressRow>[] = [
    { header: '县', width: 12, value: (p) => text(countyName(p.township), ctx.mask) },
    ...answerColumns<ProgressRow>(),
  ];
  return tableSheet(ws, `${ctx.period} 各县答复进度（截止 ${ctx.deadline}）`, 10, cols, rows, '（本月没有需要答复的疑点）');
}

function sources(ws: ExcelJS.Worksheet, input: PooledInput): Promise<void> {
  const { ctx } = input;
  const col = sourceColumns(ctx);
  const cols: Column<ImportSource>[] = [
    col.kind, col.period, col.file,
    // A file of no county (the cremation list) serves every county.
    { header: '包含的县', width: 20, value: (s) => text((s.counties ?? []).filter((c) => c !== null).join('、'), ctx.mask) || '（不分县）', wrap: true },
    col.sha256, col.loaded,
    { header: '身份证号问题', width: 10, value: (s) => s.id_problems, align: 'right' },
    col.loadedAt,
  ];
  return tableSheet(ws, `${ctx.period} 比对所用数据来源`, 8, cols, input.sources, '（本月没有导入名单）');
}

/** Writes 汇总.xlsx to `out`, sheet by sheet and row by row. */
export async function buildPooledWorkbook(input: PooledInput, out: Writable): Promise<void> {
  const { ctx } = input;
  const { lines, total } = countyLines(input);
  const wb = openBook(out, ctx.now);
  const page = { landscape: true };
  const table = { landscape: true, views: frozenAt(3) };
  await writeSheet(wb, POOLED_SHEETS.guide, page, (ws) => guide(ws, input, lines, total));
  await writeSheet(wb, POOLED_SHEETS.rules, { ...page, views: frozenAt(3, 1) }, (ws) => byRule(ws, ctx, lines, total));
  await writeSheet(wb, POOLED_SHEETS.money, { ...page, views: frozenAt(3, 1) }, (ws) =>
    moneySheet(ws, ctx, `${ctx.period} 各县涉及金额`, '县', input.findings, (f) => f.county, countyName));
  const cross = input.cross.filter(isCurrent);
  await writeSheet(wb, POOLED_SHEETS.cross, table, (ws) =>
    tableSheet(ws, `${ctx.period} 跨县疑点：同一人在两个以上县享受待遇（各县一条，各自核查本县的记录）`, 12, findingColumns(ctx, true), cross, '（本月没有跨县疑点）'));
  await writeSheet(wb, POOLED_SHEETS.trend, table, (ws) => trend(ws, input));
  await writeSheet(wb, POOLED_SHEETS.progress, table, (ws) => progress(ws, input));
  await writeSheet(wb, POOLED_SHEETS.sources, table, (ws) => sources(ws, input));
  await closeBook(wb);
}
