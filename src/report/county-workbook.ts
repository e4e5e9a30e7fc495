// The county workbook for the 局 and auditors (domain.md §8): 汇总 by township × rule, every finding traceable to file,
// sheet and row with the townships' answers, 整改未见效 and 已核实 lists, data quality and sources, trend, answer progress.
import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { cents, countyName, estimateSum, findingTotals, isCurrent, isOpen, KIND_NAMES, LIFECYCLE, STATUS, townshipName, type FindingTotals } from '../model/index.js';
import { ESTIMATE_LABEL } from '../findings/money.js';
import type { TrendRow } from '../store/findings.js';
import type { ImportSource } from '../store/imports.js';
import { ID_TYPO_RULE } from '../rules/id-typo-suspect.js';
import {
  compareForList, ESTIMATE_METHOD, explanationText, idText, kindsText, MONEY_FORMAT, moneyText, ruleName, sourcesText, text, ymd, type FindingFacts,
  type ReportContext, type ReportFinding, zhCompareNullLast,
} from './model.js';
import { keyValues, paragraph, tableSheet, title, writeTable, type Column } from './sheet-kit.js';
import { closeBook, frozenAt, openBook, writeSheet } from './stream-book.js';

export interface ProgressRow {
  /** The place: the township (the county in progressRows(…, (f) => f.county)). */
  township: string | null;
  /** Findings on the township's 疑点清单 this period. */
  listed: number;
  answered: number;
  confirmed: number; // 属实
  rejected: number; // 不属实
  partly: number; // 部分属实
  ineffective: number;
  verified: number;
  lastImport: string | null;
  files: number;
}

export interface CountyInput {
  ctx: ReportContext;
  /** Every finding of the period, 已消除 included, with the latest answer, in `countyOrder`. */
  findings: ReportFinding[];
  sources: ImportSource[];
  trend: TrendRow[];
  progress: ProgressRow[];
}

export const COUNTY_SHEETS = {
  guide: '说明', summary: '汇总', money: '涉及金额', all: '全部疑点', ineffective: '整改未见效', verified: '已核实', quality: '数据质量', sources: '数据来源',
  trend: '月度趋势', progress: '答复进度',
} as const;

const STATE_NAMES: Record<string, string> = { ran: '已运行', skipped: '未运行', disabled: '已停用', unknown: '—' };

/**
 * Columns shared by 全部疑点, 整改未见效 and 已核实, and by findings.csv; `withCounty`: a 县 column (outputs across
 * several counties).
 */
export function findingColumns(ctx: ReportContext, withCounty = false): Column<ReportFinding>[] {
  return [
    { header: '序号', width: 7, value: (_f, i) => i + 1, align: 'center' },
    { header: '疑点编号', width: 16, value: (f) => f.finding_id, text: true },
    ...(withCounty ? [{ header: '县', width: 12, value: (f: ReportFinding) => text(countyName(f.county), ctx.mask) }] : []),
    { header: '乡镇', width: 12, value: (f) => text(townshipName(f.township), ctx.mask) },
    { header: '村(社区)', width: 12, value: (f) => text(f.village, ctx.mask) },
    { header: '姓名', width: 10, value: (f) => text(f.name, ctx.mask) },
    { header: '身份证号', width: 21, value: (f) => idText(f, ctx.mask), text: true },
    { header: '性别', width: 6, value: (f) => f.sex, align: 'center' },
    { header: '年龄', width: 6, value: (f) => f.age, align: 'right' },
    { header: '规则代码', width: 20, value: (f) => f.rule },
    { header: '规则', width: 20, value: (f) => ruleName(ctx, f.rule), wrap: true },
    { header: '严重程度', width: 9, value: (f) => f.severity, align: 'center' },
    { header: '所属名单', width: 14, value: (f) => kindsText(f.kinds), wrap: true },
    { header: '疑点说明', width: 50, value: (f) => explanationText(f, ctx.mask), wrap: true },
    { header: '来源(文件/工作表/行)', width: 38, value: (f) => text(sourcesText(f), ctx.mask), wrap: true },
    { header: '月发放金额', width: 10, value: (f) => f.amount_monthly, numFmt: MONEY_FORMAT, align: 'right' },
    { header: '疑似多发金额（估算）', width: 12, value: (f) => f.amount_estimate, numFmt: MONEY_FORMAT, wrap: true, align: 'right' },
    { header: '经疑似录错号码关联', width: 10, value: (f) => (f.via_link ? '是' : null), wrap: true, align: 'center' },
    { header: '变化', width: 8, value: (f) => f.lifecycle, align: 'center' },
    { header: '状态', width: 11, value: (f) => f.status, align: 'center' },
    { header: '首次发现', width: 10, value: (f) => f.first_seen, text: true, align: 'center' },
    { header: '持续月数', width: 8, value: (f) => f.months_open, align: 'right' },
    { header: '答复月份', width: 10, value: (f) => f.answer?.period ?? null, text: true, align: 'center' },
    { header: '核查结果', width: 10, value: (f) => f.answer?.result ?? null, align: 'center' },
    { header: '整改措施', width: 12, value: (f) => f.answer?.measure ?? null, align: 'center' },
    { header: '核查说明', width: 32, value: (f) => text(f.answer?.explanation, ctx.mask), wrap: true },
    { header: '整改完成日期', width: 12, value: (f) => f.answer?.done_date ?? null, text: true, align: 'center' },
    { header: '核查人', width: 10, value: (f) => text(f.answer?.checker, ctx.mask) },
    { header: '联系电话', width: 14, value: (f) => f.answer?.phone ?? null, text: true },
  ];
}

async function guide(ws: ExcelJS.Worksheet, input: CountyInput): Promise<void> {
  const { ctx } = input;
  const t = findingTotals(input.findings);
  const perRule = new Map<string, number>();
  for (const f of input.findings) if (isCurrent(f)) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
  [22, 22, 9, 10, 24, 9, 60, 26].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  title(ws, 1, `${ctx.county} ${ctx.period} 名单比对县级汇总`, 8, 16);
  let r = keyValues(ws, 3, [
    ['比对月份', ctx.period],
    ['对照月份', ctx.comparedWith ?? '（首次比对）'],
    ['生成日期', ymd(ctx.now)],
    ['乡镇反馈截止日期', ctx.deadline],
    ['本月疑点', `${t.findings} 条（疑点级 ${t.suspects}，提示级 ${t.notices}）`],
    ['其中新增 / 持续', `${t.new} / ${t.persisting}`],
    ['整改未见效', `${t.ineffective} 条`],
    ['已核实(不计入待核查)', `${t.verified} 条`],
    ['上月疑点本月已消除', `${t.resolved} 条`],
  ], 4);
  const open = input.findings.filter(isOpen);
  const estimate = estimateSum(open);
  if (estimate !== null) r = keyValues(ws, r, [['涉及金额（估算）', `${moneyText(estimate)} 元（${ESTIMATE_LABEL}；按规则和乡镇见“涉及金额”表）`]], 4);
  const viaLink = open.filter((f) => f.via_link).length;
  if (viaLink) r = keyValues(ws, r, [['经疑似录错号码关联', `${viaLink} 条疑点是按疑似录错的身份证号关联后才出现的，请先核对身份`]], 4);
  if (ctx.mask) r = keyValues(ws, r, [['身份证号', '已脱敏显示（只显示前6位和后4位）']], 4);
  r++;
  r = paragraph(ws, r, '比对结果只是疑点，需经乡镇核实后才能认定；“整改未见效”是上次核查属实并已整改、本月仍然比对出的疑点，请重点关注。', 8);
  r++;
  r = paragraph(ws, r, '规则运行情况', 8, { bold: true });
  await writeTable(ws, r, [
    { header: '规则代码', width: 22, value: (x) => x.code },
    { header: '规则', width: 22, value: (x) => x.name, wrap: true },
    { header: '严重程度', width: 9, value: (x) => x.severity, align: 'center' },
    { header: '运行情况', width: 10, value: (x) => STATE_NAMES[x.state] ?? x.state, align: 'center' },
    { header: '未运行原因', width: 24, value: (x) => x.reason, wrap: true },
    { header: '本月条数', width: 9, value: (x) => perRule.get(x.code) ?? 0, align: 'right' },
    { header: '说明', width: 60, value: (x) => x.description, wrap: true },
    { header: '参数', width: 26, value: (x) => x.params, wrap: true },
  ], ctx.rules);
  ws.pageSetup.printTitlesRow = `${r}:${r}`;
}

async function summary(ws: ExcelJS.Worksheet, input: CountyInput): Promise<void> {
  const { ctx } = input;
  const current = input.findings.filter(isCurrent);
  const codes = ctx.rules.map((x) => x.code).filter((c) => current.some((f) => f.rule === c));
  for (const f of current) if (!codes.includes(f.rule)) codes.push(f.rule);
  const towns = [...new Set(input.findings.map((f) => f.township))].sort(zhCompareNullLast);
  type Line = {
    town: string; by: Map<string, number>; open: number; new: number; persisting: number; ineffective: number; verified: number; resolved: number;
    estimate: number | null; links: number;
  };
  const mk = (town: string): Line => ({ town, by: new Map(), open: 0, new: 0, persisting: 0, ineffective: 0, verified: 0, resolved: 0, estimate: null, links: 0 });
  const lines = towns.map((t) => mk(townshipName(t)));
  const lineOf = new Map(towns.map((t, i) => [t, lines[i]!]));
  const total = mk('合计');
  for (const f of input.findings) {
    for (const l of [lineOf.get(f.township)!, total]) {
      if (!isCurrent(f)) l.resolved++;
      else if (f.status === STATUS.verified) l.verified++;
      else {
        l.by.set(f.rule, (l.by.get(f.rule) ?? 0) + 1);
        l.open++;
        if (f.lifecycle === LIFECYCLE.new) l.new++;
        else l.persisting++;
        if (f.status === STATUS.ineffective) l.ineffective++;
        if (f.amount_estimate !== null) l.estimate = (l.estimate ?? 0) + f.amount_estimate;
        if (isLink(f)) l.links++;
      }
    }
  }
  title(ws, 1, `${ctx.county} ${ctx.period} 疑点汇总（按乡镇、规则；不含已核实和已消除）`, Math.min(codes.length + 7, 12));
  const cols: Column<Line>[] = [
    { header: '乡镇', width: 14, value: (l) => text(l.town, ctx.mask) },
    ...codes.map((c): Column<Line> => ({ header: ruleName(ctx, c), width: 12, value: (l) => l.by.get(c) ?? 0, wrap: true, align: 'right' })),
    { header: '待核查合计', width: 11, value: (l) => l.open, align: 'right' },
    { header: '其中新增', width: 10, value: (l) => l.new, align: 'right' },
    { header: '其中持续', width: 10, value: (l) => l.persisting, align: 'right' },
    { header: '其中整改未见效', width: 12, value: (l) => l.ineffective, wrap: true, align: 'right' },
    { header: '已核实', width: 9, value: (l) => l.verified, align: 'right' },
    { header: '已消除', width: 9, value: (l) => l.resolved, align: 'right' },
    { header: '涉及金额（估算）', width: 13, value: (l) => cents(l.estimate), numFmt: MONEY_FORMAT, wrap: true, align: 'right' },
    { header: '按疑似录错号码关联的行', width: 12, value: (l) => l.links, wrap: true, align: 'right' },
  ];
  await writeTable(ws, 3, cols, [...lines, total], { boldLast: true });
  ws.pageSetup.printTitlesRow = '3:3';
}

/** An id-typo-suspect finding whose row was linked to its one candidate (links.ts): counted per township. */
const isLink = (f: ReportFinding): boolean => f.rule === ID_TYPO_RULE && f.detail.linked === true;

/** One place's 疑似多发金额（估算） by rule. */
interface MoneyLine {
  place: string;
  byRule: Map<string, number>;
  total: number;
}

/**
 * 涉及金额（估算） by place × rule, with the total and how it is estimated: what an auditor measures findings in (domain.md
 * §6). Places are a county's townships, or the counties of a pooled database (pooled-workbook.ts).
 */
export async function moneySheet(
  ws: ExcelJS.Worksheet, ctx: ReportContext, caption: string, placeHeader: string, findings: readonly FindingFacts[],
  placeOf: (f: FindingFacts) => string | null, placeName: (p: string | null) => string,
): Promise<void> {
  const open = findings.filter((f) => isOpen(f) && f.amount_estimate !== null);
  const codes = ctx.rules.map((x) => x.code).filter((c) => open.some((f) => f.rule === c));
  const places = [...new Set(open.map(placeOf))].sort(zhCompareNullLast);
  const lines = places.map((p): MoneyLine => ({ place: placeName(p), byRule: new Map(), total: 0 }));
  const lineOf = new Map(places.map((p, i) => [p, lines[i]!]));
  const total: MoneyLine = { place: '合计', byRule: new Map(), total: 0 };
  for (const f of open) {
    for (const l of [lineOf.get(placeOf(f))!, total]) {
      l.byRule.set(f.rule, (l.byRule.get(f.rule) ?? 0) + f.amount_estimate!);
      l.total += f.amount_estimate!;
    }
  }
  title(ws, 1, `${caption}（${ESTIMATE_LABEL}；单位：元）`, Math.min(codes.length + 2, 12));
  const cols: Column<MoneyLine>[] = [
    { header: placeHeader, width: 14, value: (l) => text(l.place, ctx.mask) },
    ...codes.map((c): Column<MoneyLine> => ({ header: ruleName(ctx, c), width: 13, value: (l) => cents(l.byRule.get(c)), numFmt: MONEY_FORMAT, wrap: true, align: 'right' })),
    { header: '合计（估算）', width: 14, value: (l) => cents(l.total), numFmt: MONEY_FORMAT, align: 'right' },
  ];
  const last = await writeTable(ws, 3, cols, lines.length ? [...lines, total] : [], { boldLast: true, empty: '（本月待核查疑点的名单没有金额，无法估算）' });
  paragraph(ws, last + 2, ESTIMATE_METHOD, Math.max(cols.length, 6));
  ws.pageSetup.printTitlesRow = '3:3';
}

function findingSheet(ws: ExcelJS.Worksheet, ctx: ReportContext, caption: string, rows: ReportFinding[], empty: string): Promise<void> {
  return tableSheet(ws, caption, 12, findingColumns(ctx), rows, empty);
}

/** The columns that describe a loaded file, shared by the 数据质量 and 数据来源 sheets here and in the pooled workbook. */
export function sourceColumns(ctx: ReportContext) {
  return {
    kind: { header: '名单', width: 14, value: (s) => KIND_NAMES[s.kind] ?? s.kind },
    period: { header: '月份', width: 9, value: (s) => s.period ?? '（参考名单）', text: true, align: 'center' },
    file: { header: '文件', width: 30, value: (s) => text(s.file_name, ctx.mask), wrap: true },
    sha256: { header: 'SHA-256', width: 66, value: (s) => s.sha256, text: true },
    read: { header: '读取行数', width: 9, value: (s) => s.rows_read, align: 'right' },
    loaded: { header: '导入人数', width: 9, value: (s) => s.rows_loaded, align: 'right' },
    loadedAt: { header: '导入时间', width: 20, value: (s) => s.loaded_at.replace('T', ' ').slice(0, 19), text: true },
  } satisfies Record<string, Column<ImportSource>>;
}

function quality(ws: ExcelJS.Worksheet, input: CountyInput): Promise<void> {
  const { ctx } = input;
  const problems = ['missing', 'masked', 'truncated', 'bad_format', 'bad_date', 'bad_checksum'] as const;
  const labels: Record<(typeof problems)[number], string> = {
    missing: '缺失', masked: '含*号', truncated: '被截断', bad_format: '格式错误', bad_date: '出生日期无效', bad_checksum: '校验位错误',
  };
  const caption = `${ctx.period} 名单数据质量（按文件）`;
  const col = sourceColumns(ctx);
  const cols: Column<ImportSource>[] = [
    col.kind, col.file, col.read, col.loaded,
    { header: '跳过行(空行/小计/落款)', width: 14, value: (s) => s.rows_skipped, wrap: true, align: 'right' },
    { header: '拒收行', width: 8, value: (s) => s.rows_rejected, align: 'right' },
    { header: '身份证号问题合计', width: 10, value: (s) => s.id_problems, wrap: true, align: 'right' },
    ...problems.map((p): Column<ImportSource> => ({ header: labels[p], width: 9, value: (s) => s.id_status[p] ?? 0, wrap: true, align: 'right' })),
    { header: '15位已升18位', width: 9, value: (s) => s.id_status.upgraded ?? 0, wrap: true, align: 'right' },
    { header: '身份证号可用率', width: 10, value: (s) => (s.rows_loaded ? (s.rows_loaded - s.id_problems) / s.rows_loaded : null), numFmt: '0.0%', align: 'right' },
    { header: '行级提示', width: 9, value: (s) => s.warning_count, align: 'right' },
  ];
  return tableSheet(ws, caption, 10, cols, input.sources, '（本月没有导入名单）');
}

function sources(ws: ExcelJS.Worksheet, input: CountyInput): Promise<void> {
  const { ctx } = input;
  const caption = `${ctx.period} 比对所用数据来源`;
  const col = sourceColumns(ctx);
  const cols: Column<ImportSource>[] = [
    col.kind, col.period, col.file,
    { header: '工作表', width: 16, value: (s) => text(s.sheets_used.join('、'), ctx.mask), wrap: true },
    { header: '格式', width: 8, value: (s) => s.format },
    { header: '编码', width: 9, value: (s) => s.encoding },
    col.sha256, col.read, col.loaded,
    { header: '拒收行', width: 8, value: (s) => s.rows_rejected, align: 'right' },
    col.loadedAt,
  ];
  return tableSheet(ws, caption, 10, cols, input.sources, '（本月没有导入名单）');
}

function trend(ws: ExcelJS.Worksheet, input: CountyInput): Promise<void> {
  const caption = '月度趋势（每个已比对月份）';
  const cols: Column<TrendRow>[] = [
    { header: '比对月份', width: 10, value: (t) => t.period, text: true, align: 'center' },
    { header: '疑点总数', width: 9, value: (t) => t.findings, align: 'right' },
    ...totalsColumns<TrendRow>(),
    { header: '已答复', width: 8, value: (t) => t.answered, align: 'right' },
    { header: '较上月增减', width: 10, value: (t, i) => (i === 0 ? null : t.findings - input.trend[i - 1]!.findings), numFmt: '+0;-0;0', align: 'right' },
  ];
  return tableSheet(ws, caption, 11, cols, input.trend, '（尚无比对记录）');
}

/** The counts of a place or a month (FindingTotals) after its name: by severity, lifecycle and status. */
export function totalsColumns<T extends FindingTotals>(): Column<T>[] {
  return [
    { header: '疑点级', width: 8, value: (t) => t.suspects, align: 'right' },
    { header: '提示级', width: 8, value: (t) => t.notices, align: 'right' },
    { header: '新增', width: 8, value: (t) => t.new, align: 'right' },
    { header: '持续', width: 8, value: (t) => t.persisting, align: 'right' },
    { header: '已消除', width: 8, value: (t) => t.resolved, align: 'right' },
    { header: '已核实', width: 8, value: (t) => t.verified, align: 'right' },
    { header: '整改未见效', width: 10, value: (t) => t.ineffective, align: 'right' },
  ];
}

/** The answer counts of a place (township, or county across several): what was listed and how it was answered. */
export type AnswerCounts = Pick<ProgressRow, 'listed' | 'answered' | 'confirmed' | 'rejected' | 'partly' | 'ineffective' | 'verified'>;

/** The columns of answer progress after the place's name. */
export function answerColumns<T extends AnswerCounts>(): Column<T>[] {
  return [
    { header: '待核查', width: 9, value: (p) => p.listed, align: 'right' },
    { header: '已答复', width: 9, value: (p) => p.answered, align: 'right' },
    { header: '未答复', width: 9, value: (p) => p.listed - p.answered, align: 'right' },
    { header: '答复率', width: 9, value: (p) => (p.listed ? p.answered / p.listed : null), numFmt: '0.0%', align: 'right' },
    { header: '属实', width: 8, value: (p) => p.confirmed, align: 'right' },
    { header: '不属实', width: 8, value: (p) => p.rejected, align: 'right' },
    { header: '部分属实', width: 9, value: (p) => p.partly, align: 'right' },
    { header: '其中整改未见效', width: 12, value: (p) => p.ineffective, wrap: true, align: 'right' },
    { header: '已核实(无需答复)', width: 12, value: (p) => p.verified, wrap: true, align: 'right' },
  ];
}

function progress(ws: ExcelJS.Worksheet, input: CountyInput): Promise<void> {
  const { ctx } = input;
  const caption = `${ctx.period} 乡镇答复进度（截止 ${ctx.deadline}）`;
  const cols: Column<ProgressRow>[] = [
    { header: '乡镇', width: 14, value: (p) => text(townshipName(p.township), ctx.mask) },
    ...answerColumns<ProgressRow>(),
    { header: '回收文件数', width: 10, value: (p) => p.files, align: 'right' },
    { header: '最近导入时间', width: 20, value: (p) => p.lastImport?.replace('T', ' ').slice(0, 19) ?? null, text: true },
  ];
  return tableSheet(ws, caption, 11, cols, input.progress, '（本月没有需要答复的疑点）');
}

/** By township (unknown last), current before 已消除, then as in the township lists. */
export function countyOrder(ctx: ReportContext) {
  const order = compareForList(ctx);
  return (a: ReportFinding, b: ReportFinding): number =>
    zhCompareNullLast(a.township, b.township) ||
    (isCurrent(a) ? 0 : 1) - (isCurrent(b) ? 0 : 1) || order(a, b);
}

/** Writes the county workbook to `out`, sheet by sheet and row by row. */
export async function buildCountyWorkbook(input: CountyInput, out: Writable): Promise<void> {
  const { ctx } = input;
  const wb = openBook(out, ctx.now);
  const page = { landscape: true };
  const table = { landscape: true, views: frozenAt(3) };
  await writeSheet(wb, COUNTY_SHEETS.guide, page, (ws) => guide(ws, input));
  await writeSheet(wb, COUNTY_SHEETS.summary, { ...page, views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }] }, (ws) => summary(ws, input));
  await writeSheet(wb, COUNTY_SHEETS.money, { ...page, views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }] }, (ws) =>
    moneySheet(ws, ctx, `${ctx.county} ${ctx.period} 涉及金额`, '乡镇', input.findings, (f) => f.township, townshipName));
  await writeSheet(wb, COUNTY_SHEETS.all, table, (ws) => findingSheet(ws, ctx, `${ctx.county} ${ctx.period} 全部疑点（含本月已消除）`, input.findings, '（本月没有疑点）'));
  await writeSheet(wb, COUNTY_SHEETS.ineffective, table, (ws) => findingSheet(
    ws, ctx, `${ctx.period} 整改未见效：上次核查属实并已整改，本月仍然比对出`,
    input.findings.filter((f) => isCurrent(f) && f.status === STATUS.ineffective), '（没有整改未见效的疑点）',
  ));
  await writeSheet(wb, COUNTY_SHEETS.verified, table, (ws) => findingSheet(
    ws, ctx, `${ctx.period} 已核实：此前核查为不属实、本月仍出现（不计入待核查）`,
    input.findings.filter((f) => isCurrent(f) && f.status === STATUS.verified), '（没有已核实的疑点）',
  ));
  await writeSheet(wb, COUNTY_SHEETS.quality, table, (ws) => quality(ws, input));
  await writeSheet(wb, COUNTY_SHEETS.sources, table, (ws) => sources(ws, input));
  await writeSheet(wb, COUNTY_SHEETS.trend, table, (ws) => trend(ws, input));
  await writeSheet(wb, COUNTY_SHEETS.progress, table, (ws) => progress(ws, input));
  await closeBook(wb);
}

/** Answer progress per township from the findings on the lists and this period's answers. */
export function progressRows(
  findings: readonly FindingFacts[],
  periodAnswers: ReadonlyMap<string, { result: string | null; imported_at: string; source_sha256: string }>,
  placeOf: (f: FindingFacts) => string | null = (f) => f.township,
): ProgressRow[] {
  const by = new Map<string | null, ProgressRow & { shas: Set<string> }>();
  for (const f of findings) {
    if (!isCurrent(f)) continue;
    const place = placeOf(f);
    let p = by.get(place);
    if (!p) {
      p = { township: place, listed: 0, answered: 0, confirmed: 0, rejected: 0, partly: 0, ineffective: 0, verified: 0, lastImport: null, files: 0, shas: new Set() };
      by.set(place, p);
    }
    if (!isOpen(f)) {
      p.verified++;
      continue;
    }
    p.listed++;
    if (f.status === STATUS.ineffective) p.ineffective++;
    const a = periodAnswers.get(f.finding_id);
    if (!a) continue;
    p.shas.add(a.source_sha256);
    if (!p.lastImport || a.imported_at > p.lastImport) p.lastImport = a.imported_at;
    if (a.result === null) continue;
    p.answered++;
    if (a.result === '属实') p.confirmed++;
    else if (a.result === '不属实') p.rejected++;
    else if (a.result === '部分属实') p.partly++;
  }
  return [...by.values()]
    .map(({ shas, ...p }) => ({ ...p, files: shas.size }))
    .sort((a, b) => zhCompareNullLast(a.township, b.township));
}
