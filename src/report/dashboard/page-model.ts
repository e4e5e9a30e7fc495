// The dashboard's content from what the county workbook is given: headline figures, every chart's data, the table rows.
// Pure: no I/O, no HTML; every text from the data is masked here exactly as in the workbooks (idText, text).
import { ESTIMATE_LABEL } from '../../findings/money.js';
import { countyName, estimateSum, findingTotals, isCurrent, isOpen, KIND_SHORT_NAMES, STATUS, townshipName, type IdStatus } from '../../model/index.js';
import type { TrendRow } from '../../store/findings.js';
import type { ImportSource } from '../../store/imports.js';
import { progressRows, type ProgressRow } from '../county-workbook.js';
import {
  compareForList, explanationText, idText, ruleName, STATUS_RANK, text, zhCompare, zhCompareNullLast, type FindingFacts, type ReportContext,
  type ReportFinding,
} from '../model.js';

export interface DashboardInput {
  /** Whose figures these are: the county, or the counties of a page across several. */
  county: string;
  /** What the places of the charts and the table are: a county's townships, or the counties (a page across several). */
  places?: '乡镇' | '县';
  ctx: ReportContext;
  /** Every finding of the period, 已消除 included: what the figures and charts count. */
  findings: readonly FindingFacts[];
  periodAnswers: ReadonlyMap<string, { result: string | null; imported_at: string; source_sha256: string }>;
  sources: readonly ImportSource[];
  trend: readonly TrendRow[];
  /** The findings the table lists, each with its latest answer: a county's every finding, or across counties the cross-county ones. */
  listed: readonly ReportFinding[];
}

/** One headline number. A later figure (the money estimate) is one more entry of the list. */
export interface Figure {
  key: string;
  label: string;
  value: number;
  /** For "value of total" figures: answers received of those due. */
  of?: number;
  unit: string;
  note: string;
  tone: 'main' | 'alert' | 'plain';
}

export interface ChartSeries {
  key: string;
  name: string;
  type: 'bar' | 'line';
  /** One per category; null draws nothing (a stacked bar's empty segment), 0 draws a bar of no length. */
  values: (number | null)[];
}

export interface Chart {
  key: string;
  title: string;
  note: string;
  layout: 'full' | 'half';
  /** Categories down the side (long names, top first) or along the bottom (months). */
  horizontal: boolean;
  categories: string[];
  series: ChartSeries[];
  /** The bar series of a category are stacked; this text stands at the end of the stack. */
  totals: string[];
  /** What the page says instead of a chart without categories. */
  empty: string;
}

/** The table's columns, in order; `ref` columns hold an index into the list of that name (smaller page). */
export const TABLE_COLUMNS = [
  { key: 'id', header: '疑点编号' },
  { key: 'township', header: '乡镇', ref: 'townships' },
  { key: 'village', header: '村(社区)' },
  { key: 'name', header: '姓名' },
  { key: 'idNumber', header: '身份证号' },
  { key: 'rule', header: '规则', ref: 'rules' },
  { key: 'severity', header: '级别' },
  { key: 'lifecycle', header: '变化' },
  { key: 'status', header: '状态' },
  { key: 'firstSeen', header: '首次发现' },
  { key: 'months', header: '持续月数', numeric: true },
  { key: 'result', header: '核查结果' },
  { key: 'explanation', header: '疑点说明' },
] as const;

export type TableRow = [string, number, string, string, string, number, string, string, string, string, number, string, string];

export interface Table {
  townships: string[];
  rules: string[];
  /** Every finding of the period (已消除 included), the most important first: 整改未见效, 待核查, 已核实, 已消除. */
  rows: TableRow[];
}

export interface PageModel {
  county: string;
  /** 乡镇, or 县 on a page across several counties. */
  placeLabel: '乡镇' | '县';
  /** The workbook beside the page with every finding. */
  summaryFile: string;
  period: string;
  comparedWith: string | null;
  made: Date;
  deadline: string;
  masked: boolean;
  figures: Figure[];
  charts: Chart[];
  table: Table;
  /** The table's heading, and what it lists when that is not every finding. */
  tableTitle: string;
  tableScope: string | null;
}

/** Short names for the ID problems (legend entries). */
const ID_PROBLEMS: [IdStatus, string][] = [
  ['missing', '缺失'],
  ['masked', '含*号'],
  ['truncated', '被截断'],
  ['bad_format', '格式错误'],
  ['bad_date', '出生日期无效'],
  ['bad_checksum', '校验位错误'],
];

const int = (n: number) => n.toLocaleString('zh-CN');

export function percent(n: number, of: number): string {
  return of ? `${((100 * n) / of).toFixed(1)}%` : '—';
}

/** Drawn marks (bars, points) per series: one per non-null value. */
export function marks(chart: Chart): number[] {
  return chart.series.map((s) => s.values.filter((v) => v !== null).length);
}

/** 0 as "no segment" in a stacked bar. */
const segment = (n: number): number | null => (n === 0 ? null : n);

function figures(input: DashboardInput, progress: readonly ProgressRow[]): Figure[] {
  const { ctx } = input;
  const t = findingTotals(input.findings);
  const prev = input.trend.filter((r) => r.period < ctx.period).at(-1);
  const delta = prev ? t.findings - prev.findings : null;
  const due = progress.reduce((n, p) => n + p.listed, 0);
  const answered = progress.reduce((n, p) => n + p.answered, 0);
  const estimate = estimateSum(input.findings.filter(isOpen));
  return [
    {
      key: 'findings', label: '本月疑点', value: t.findings, unit: '条', tone: 'main',
      note: delta === null ? '首次比对' : `较 ${prev!.period} ${delta > 0 ? '增加' : delta < 0 ? '减少' : '持平'}${delta ? ` ${int(Math.abs(delta))} 条` : ''}`,
    },
    { key: 'suspects', label: '疑点级', value: t.suspects, unit: '条', tone: 'plain', note: '需入户核查' },
    { key: 'notices', label: '提示级', value: t.notices, unit: '条', tone: 'plain', note: '数据需同步或确认' },
    { key: 'new', label: '新增', value: t.new, unit: '条', tone: 'plain', note: ctx.comparedWith ? `较 ${ctx.comparedWith} 新出现` : '首次比对全部为新增' },
    { key: 'persisting', label: '持续', value: t.persisting, unit: '条', tone: 'plain', note: '上次已有，本月仍在' },
    { key: 'resolved', label: '已消除', value: t.resolved, unit: '条', tone: 'plain', note: '上次有，本月没有' },
    { key: 'verified', label: '已核实', value: t.verified, unit: '条', tone: 'plain', note: '核查不属实，不计入待核查' },
    { key: 'ineffective', label: '整改未见效', value: t.ineffective, unit: '条', tone: 'alert', note: '核查属实并已整改，本月仍比对出' },
    { key: 'answers', label: '乡镇已答复', value: answered, of: due, unit: '条', tone: 'plain', note: `答复率 ${percent(answered, due)}，截止 ${ctx.deadline}` },
    ...(estimate === null ? [] : [{ key: 'estimate', label: '涉及金额（估算）', value: estimate, unit: '元', tone: 'plain' as const, note: `${ESTIMATE_LABEL}；待核查疑点合计` }]),
  ];
}

function trendChart(input: DashboardInput): Chart {
  const rows = input.trend;
  return {
    key: 'trend',
    title: '月度趋势',
    note: '柱：每月疑点（疑点级、提示级）；线：新增、已消除',
    layout: 'full',
    horizontal: false,
    categories: rows.map((r) => r.period),
    series: [
      { key: 'suspects', name: '疑点级', type: 'bar', values: rows.map((r) => segment(r.suspects)) },
      { key: 'notices', name: '提示级', type: 'bar', values: rows.map((r) => segment(r.notices)) },
      { key: 'new', name: '新增', type: 'line', values: rows.map((r) => r.new) },
      { key: 'resolved', name: '已消除', type: 'line', values: rows.map((r) => r.resolved) },
    ],
    totals: rows.map((r) => int(r.findings)),
    empty: '尚无比对记录',
  };
}

function ruleChart(input: DashboardInput, current: readonly FindingFacts[]): Chart {
  const { ctx } = input;
  const by = new Map<string, { n: number; severity: string }>();
  for (const f of current) {
    const x = by.get(f.rule) ?? { n: 0, severity: f.severity };
    x.n++;
    by.set(f.rule, x);
  }
  const rules = [...by.entries()].sort((a, b) => b[1].n - a[1].n || zhCompare(ruleName(ctx, a[0]), ruleName(ctx, b[0])));
  return {
    key: 'rules',
    title: '按规则',
    note: '本月疑点条数（不含已消除）',
    layout: 'half',
    horizontal: true,
    categories: rules.map(([code]) => ruleName(ctx, code)),
    series: (['疑点', '提示'] as const).map((sev) => ({
      key: sev === '疑点' ? 'suspects' : 'notices',
      name: `${sev}级`,
      type: 'bar' as const,
      values: rules.map(([, x]) => (x.severity === sev ? x.n : null)),
    })),
    totals: rules.map(([, x]) => int(x.n)),
    empty: '本月没有疑点',
  };
}

/** Townships by their number of current findings, most first (the progress chart uses the same order). */
function townshipOrder(current: readonly FindingFacts[]): (string | null)[] {
  const n = new Map<string | null, number>();
  for (const f of current) n.set(f.township, (n.get(f.township) ?? 0) + 1);
  return [...n.keys()].sort((a, b) => n.get(b)! - n.get(a)! || zhCompareNullLast(a, b));
}

function townshipChart(input: DashboardInput, current: readonly FindingFacts[], towns: readonly (string | null)[]): Chart {
  const mask = input.ctx.mask;
  const statuses = [
    { key: 'pending', name: '待核查', p: (f: FindingFacts) => isOpen(f) && f.status !== STATUS.ineffective },
    { key: 'ineffective', name: '整改未见效', p: (f: FindingFacts) => f.status === STATUS.ineffective },
    { key: 'verified', name: '已核实', p: (f: FindingFacts) => f.status === STATUS.verified },
  ];
  const counts = new Map(towns.map((t) => [t, statuses.map(() => 0)]));
  for (const f of current) {
    const c = counts.get(f.township)!;
    statuses.forEach((s, i) => {
      if (s.p(f)) c[i]!++;
    });
  }
  return {
    key: 'townships',
    title: `按${input.places ?? '乡镇'}`,
    note: '本月疑点条数，按核查状态',
    layout: 'half',
    horizontal: true,
    categories: towns.map((t) => text(townshipName(t), mask)),
    series: statuses.map((s, i) => ({ key: s.key, name: s.name, type: 'bar' as const, values: towns.map((t) => segment(counts.get(t)![i]!)) })),
    totals: towns.map((t) => int(counts.get(t)!.reduce((a, b) => a + b, 0))),
    empty: '本月没有疑点',
  };
}

function progressChart(input: DashboardInput, progress: readonly ProgressRow[], towns: readonly (string | null)[]): Chart {
  const { ctx } = input;
  const rows = towns.map((t) => progress.find((p) => p.township === t)).filter((p): p is ProgressRow => p !== undefined && p.listed > 0);
  return {
    key: 'progress',
    title: input.places === '县' ? '各县答复进度' : '乡镇答复进度',
    note: `应答复：本月待核查的疑点（含整改未见效，不含已核实）；截止 ${ctx.deadline}`,
    layout: 'half',
    horizontal: true,
    categories: rows.map((p) => text(townshipName(p.township), ctx.mask)),
    series: [
      { key: 'answered', name: '已答复', type: 'bar', values: rows.map((p) => segment(p.answered)) },
      { key: 'unanswered', name: '未答复', type: 'bar', values: rows.map((p) => segment(p.listed - p.answered)) },
    ],
    totals: rows.map((p) => `${int(p.answered)}/${int(p.listed)}（${percent(p.answered, p.listed)}）`),
    empty: '本月没有需要答复的疑点',
  };
}

function idProblemChart(input: DashboardInput): Chart {
  const { ctx } = input;
  const files = input.sources;
  const problems = (s: ImportSource) => ID_PROBLEMS.reduce((n, [k]) => n + (s.id_status[k] ?? 0), 0);
  return {
    key: 'idProblems',
    title: '身份证号问题（按文件）',
    note: '无法参与比对的身份证号人数；括号内为占该文件人数的比例',
    layout: 'half',
    horizontal: true,
    categories: files.map((s) => text(`${KIND_SHORT_NAMES[s.kind] ?? s.kind}：${s.file_name}`, ctx.mask)),
    series: ID_PROBLEMS.map(([k, name], i) => ({
      key: k,
      name,
      type: 'bar' as const,
      // A file without problems still gets its row: a bar of no length in the first series carries its "0".
      values: files.map((s) => (i === 0 && problems(s) === 0 ? 0 : segment(s.id_status[k] ?? 0))),
    })),
    totals: files.map((s) => `${int(problems(s))}（${percent(problems(s), s.rows_loaded)}）`),
    empty: '本月没有导入名单',
  };
}

/** 整改未见效 first, then 待核查, 已核实, 已消除; 疑点 before 提示; by township; then as in the township lists. */
function dashboardOrder(ctx: ReportContext) {
  const order = compareForList(ctx);
  return (a: ReportFinding, b: ReportFinding): number =>
    (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9) ||
    (a.severity === b.severity ? 0 : a.severity === '疑点' ? -1 : 1) ||
    zhCompareNullLast(a.township, b.township) ||
    order(a, b);
}

function table(input: DashboardInput): Table {
  const { ctx } = input;
  const mask = ctx.mask;
  const sorted = [...input.listed].sort(dashboardOrder(ctx));
  const townships: string[] = [];
  const rules: string[] = [];
  const indexOf = (list: string[], s: string) => {
    const i = list.indexOf(s);
    return i >= 0 ? i : list.push(s) - 1;
  };
  const rows = sorted.map((f): TableRow => [
    f.finding_id,
    indexOf(townships, text(townshipName(f.township), mask)),
    text(f.village, mask),
    text(f.name, mask),
    idText(f, mask),
    indexOf(rules, ruleName(ctx, f.rule)),
    f.severity,
    f.lifecycle,
    f.status,
    f.first_seen,
    f.months_open,
    text(f.answer?.result, mask),
    explanationText(f, mask),
  ]);
  return { townships, rules, rows };
}

/**
 * A page across several counties shows counties where a county's page shows townships: each finding's place is its
 * county, and its township goes before the village.
 */
function byCounty(input: DashboardInput): DashboardInput {
  const asCounty = (f: ReportFinding): ReportFinding => ({ ...f, township: countyName(f.county), village: [townshipName(f.township), f.village].filter(Boolean).join(' ') });
  return { ...input, findings: input.findings.map((f) => ({ ...f, township: countyName(f.county) })), listed: input.listed.map(asCounty) };
}

export function pageModel(given: DashboardInput): PageModel {
  const input = given.places === '县' ? byCounty(given) : given;
  const { ctx } = input;
  const current = input.findings.filter(isCurrent);
  const progress = progressRows(input.findings, input.periodAnswers);
  const towns = townshipOrder(current);
  return {
    county: input.county,
    placeLabel: input.places ?? '乡镇',
    summaryFile: input.places === '县' ? '汇总.xlsx' : '县级汇总.xlsx',
    period: ctx.period,
    comparedWith: ctx.comparedWith,
    made: ctx.now,
    deadline: ctx.deadline,
    masked: ctx.mask,
    figures: figures(input, progress),
    charts: [
      trendChart(input),
      ruleChart(input, current),
      townshipChart(input, current, towns),
      progressChart(input, progress, towns),
      idProblemChart(input),
    ],
    table: table(input),
    tableTitle: input.places === '县' ? '跨县疑点清单' : '疑点清单',
    tableScope: input.places === '县'
      ? '只列同一人在两个以上县享受待遇的疑点（每县一条）；各县的全部疑点见各县文件夹中的县级看板.html'
      : null,
  };
}
