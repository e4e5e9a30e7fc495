// The workbook a township fills in (domain.md §8): 说明, 汇总, 疑点清单 (locked left block, editable right block with
// drop-down lists), 身份证号异常, 已核实, and the very hidden manifest that lets `bidui feedback` check what comes back.
import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import {
  ANSWER_COLUMNS, estimateSum, isOpen, LIFECYCLE, MEASURES, RESULTS, STATUS, townshipName, type FindingRecord,
} from '../model/index.js';
import { ESTIMATE_LABEL } from '../findings/money.js';
import { buildManifest, columnHash, MANIFEST_PASSWORD, MANIFEST_SHEET, manifestSheetRows, type Manifest } from './manifest.js';
import {
  ESTIMATE_METHOD, explanationText, ID_INVALID_RULE, idProblem, idText, kindsText, MONEY_FORMAT, moneyText, ruleName, sourcesText, text, ymd,
  zhCompareNullLast, type ReportContext,
} from './model.js';
import {
  colLetter, FILL_EDIT_HEADER, FILL_LOCKED_HEADER, filterTable, keyValues, paragraph, title, writeTable, type Column,
} from './sheet-kit.js';
import { RowXml } from './row-xml.js';
import { closeBook, frozenAt, openBook, writeSheet } from './stream-book.js';

export const SHEETS = { guide: '说明', summary: '汇总', list: '疑点清单', ids: '身份证号异常', verified: '已核实' } as const;
/** The 疑点清单 header row (row 1 holds the two block captions). */
export const LIST_HEADER_ROW = 2;
export const LIST_ID_HEADER = '疑点编号';

type ListRow = { f: FindingRecord; ctx: ReportContext };

/** The locked left block of 疑点清单. `hashed` columns are sealed in the manifest (序号 may be renumbered, the id is the key). */
export const LIST_LOCKED: readonly (Column<ListRow> & { hashed: boolean })[] = [
  { header: '序号', width: 5, value: (_r, i) => i + 1, align: 'center', hashed: false },
  { header: LIST_ID_HEADER, width: 15, value: (r) => r.f.finding_id, text: true, hashed: false },
  { header: '规则', width: 14, value: (r) => ruleName(r.ctx, r.f.rule), wrap: true, hashed: true },
  { header: '严重程度', width: 6, value: (r) => r.f.severity, align: 'center', hashed: true },
  { header: '村(社区)', width: 10, value: (r) => text(r.f.village, r.ctx.mask), wrap: true, hashed: true },
  { header: '姓名', width: 8, value: (r) => text(r.f.name, r.ctx.mask), wrap: true, hashed: true },
  { header: '身份证号', width: 20, value: (r) => idText(r.f, r.ctx.mask), text: true, hashed: true },
  { header: '所属名单', width: 10, value: (r) => kindsText(r.f.kinds), wrap: true, hashed: true },
  { header: '比对详情', width: 32, value: (r) => text(sourcesText(r.f), r.ctx.mask), wrap: true, hashed: true },
  { header: '疑点说明', width: 40, value: (r) => explanationText(r.f, r.ctx.mask), wrap: true, hashed: true },
  { header: '月发放金额', width: 10, value: (r) => r.f.amount_monthly, numFmt: MONEY_FORMAT, align: 'right', hashed: true },
  { header: '疑似多发金额（估算）', width: 12, value: (r) => r.f.amount_estimate, numFmt: MONEY_FORMAT, wrap: true, align: 'right', hashed: true },
  { header: '首次发现', width: 9, value: (r) => r.f.first_seen, text: true, align: 'center', hashed: true },
  { header: '状态', width: 11, value: (r) => r.f.status, align: 'center', hashed: true },
];

const ANSWER_WIDTHS: Record<string, number> = { 核查结果: 9, 核查说明: 26, 整改措施: 11, 整改完成日期: 11, 核查人: 8, 联系电话: 13 };

/** The editable right block: empty cells, unlocked, shaded. */
const LIST_EDITABLE: readonly Column<ListRow>[] = ANSWER_COLUMNS.map((c) => ({
  header: c.header,
  width: ANSWER_WIDTHS[c.header] ?? 12,
  value: () => null,
  editable: true,
  wrap: c.field === 'explanation',
  text: c.field === 'checker' || c.field === 'phone',
  numFmt: c.field === 'done_date' ? 'yyyy-mm-dd' : undefined,
  align: c.field === 'result' || c.field === 'measure' || c.field === 'done_date' ? 'center' : undefined,
}));

export interface TownshipInput {
  ctx: ReportContext;
  township: string | null;
  /** Current findings of the township (已消除 excluded), in the list's order (`compareForList`). */
  findings: FindingRecord[];
  /** The database's finding key: seals the manifest. */
  key: string;
}

export interface TownshipResult {
  manifest: Manifest;
  counts: { list: number; verified: number; idProblems: number; ineffective: number };
}

async function guide(ws: ExcelJS.Worksheet, input: TownshipInput, counts: TownshipResult['counts']): Promise<void> {
  const { ctx } = input;
  // Same widths as the rule table at the bottom, so the paragraphs above wrap where they will be shown.
  [20, 9, 70, 26, 9].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  title(ws, 1, `${ctx.county} ${ctx.period} 比对疑点核查表（${townshipName(input.township)}）`, 5, 16);
  let r = keyValues(ws, 3, [
    ['乡镇(街道)', townshipName(input.township)],
    ['比对月份', ctx.period],
    ['对照月份', ctx.comparedWith ?? '（首次比对）'],
    ['生成日期', ymd(ctx.now)],
    ['反馈截止日期', ctx.deadline],
    ['待核查疑点', `${counts.list} 条（其中整改未见效 ${counts.ineffective} 条）`],
    ['已核实（无需填写）', `${counts.verified} 条`],
    ['身份证号异常', `${counts.idProblems} 条`],
  ], 3);
  const estimate = estimateSum(input.findings.filter(isOpen));
  if (estimate !== null) r = keyValues(ws, r, [['涉及金额（估算）', `${moneyText(estimate)} 元（${ESTIMATE_LABEL}）`]], 3);
  if (ctx.mask) r = keyValues(ws, r, [['身份证号', '已脱敏显示（只显示前6位和后4位）']], 3);
  r++;
  r = paragraph(ws, r, '重要提示', 5, { bold: true });
  r = paragraph(
    ws, r,
    '比对结果只是疑点，不能据此直接认定违规或取消待遇。请逐条入户或调查核实，按实际情况填写核查结果；“提示”级别的条目多为数据需要同步或更正。',
    5,
  );
  r++;
  r = paragraph(ws, r, '填写方法', 5, { bold: true });
  const steps = [
    '1. 打开“疑点清单”工作表。左侧灰色列（序号至状态）由系统生成，已锁定，请勿修改；右侧黄色列请填写。',
    `2. 核查结果：从下拉列表选择 ${RESULTS.join(' / ')}。`,
    '3. 核查说明：写明核查方式和情况，例如“入户核实，本人已于2024年9月起不再享受特困供养”。',
    `4. 整改措施：属实或部分属实的，从下拉列表选择 ${MEASURES.join(' / ')}；不属实的可不填。`,
    '5. 整改完成日期写成 2024-11-20 这样的日期；核查人、联系电话填写实际核查人。',
    '6. 可以筛选、排序，也可以在表格上方插入标题行；请不要修改“疑点编号”等灰色列，不要删除隐藏的校验页。',
    `7. 填好后直接保存（Excel、WPS 均可，保持 .xlsx 格式），于 ${ctx.deadline} 前报回。`,
    '8. “状态”为“整改未见效”的，是上次核查属实并已整改、本月仍然比对出的疑点，请重点核实。',
    '9. “已核实”工作表列出此前已核实为不属实、本月仍出现的疑点，无需再填；情况有变化的会重新列入疑点清单。',
    '10. “身份证号异常”工作表列出本乡镇名单中无法参与比对的身份证号，请到源头系统更正。',
    `11. “月发放金额”取自名单中的金额，“疑似多发金额（估算）”由它推算。${ESTIMATE_METHOD}`,
  ];
  for (const s of steps) r = paragraph(ws, r, s, 5);
  r++;
  r = paragraph(ws, r, '规则说明（严重程度：疑点 = 需入户核实；提示 = 数据需同步或确认）', 5, { bold: true });
  const used = new Map<string, number>();
  for (const f of input.findings) used.set(f.rule, (used.get(f.rule) ?? 0) + 1);
  const rules = ctx.rules.filter((x) => used.has(x.code));
  for (const code of used.keys()) {
    if (!rules.some((x) => x.code === code)) rules.push({ code, name: code, severity: '提示', description: '', params: '—', state: 'unknown', reason: null });
  }
  await writeTable(ws, r, [
    { header: '规则', width: 20, value: (x) => x.name, wrap: true },
    { header: '严重程度', width: 9, value: (x) => x.severity, align: 'center' },
    { header: '说明', width: 70, value: (x) => x.description, wrap: true },
    { header: '参数', width: 26, value: (x) => x.params, wrap: true },
    { header: '本表条数', width: 9, value: (x) => used.get(x.code) ?? 0, align: 'right' },
  ], rules);
  ws.pageSetup.printTitlesRow = `${r}:${r}`;
}

async function summary(ws: ExcelJS.Worksheet, input: TownshipInput): Promise<void> {
  const { ctx } = input;
  const codes = ctx.rules.map((x) => x.code).filter((c) => input.findings.some((f) => f.rule === c));
  for (const f of input.findings) if (!codes.includes(f.rule)) codes.push(f.rule);
  const villages = [...new Set(input.findings.map((f) => f.village ?? ''))].sort((a, b) => zhCompareNullLast(a || null, b || null));
  type Line = { village: string; by: Map<string, number>; open: number; new: number; persisting: number; ineffective: number; verified: number };
  const lines: Line[] = villages.map((v) => ({ village: v, by: new Map(), open: 0, new: 0, persisting: 0, ineffective: 0, verified: 0 }));
  const total: Line = { village: '合计', by: new Map(), open: 0, new: 0, persisting: 0, ineffective: 0, verified: 0 };
  const lineOf = new Map(lines.map((l) => [l.village, l]));
  for (const f of input.findings) {
    for (const l of [lineOf.get(f.village ?? '')!, total]) {
      if (f.status === STATUS.verified) {
        l.verified++;
        continue;
      }
      l.by.set(f.rule, (l.by.get(f.rule) ?? 0) + 1);
      l.open++;
      if (f.lifecycle === LIFECYCLE.new) l.new++;
      else l.persisting++;
      if (f.status === STATUS.ineffective) l.ineffective++;
    }
  }
  title(ws, 1, `${townshipName(input.township)} ${ctx.period} 疑点汇总（按村、规则）`, Math.min(codes.length + 6, 12));
  const cols: Column<Line>[] = [
    { header: '村(社区)', width: 14, value: (l) => (l.village === '' ? '（未填村）' : text(l.village, ctx.mask)) },
    ...codes.map((c): Column<Line> => ({ header: ruleName(ctx, c), width: 12, value: (l) => l.by.get(c) ?? 0, wrap: true, align: 'right' })),
    { header: '待核查合计', width: 11, value: (l) => l.open, align: 'right' },
    { header: '其中新增', width: 10, value: (l) => l.new, align: 'right' },
    { header: '其中持续', width: 10, value: (l) => l.persisting, align: 'right' },
    { header: '其中整改未见效', width: 12, value: (l) => l.ineffective, wrap: true, align: 'right' },
    { header: '已核实(不计入合计)', width: 12, value: (l) => l.verified, wrap: true, align: 'right' },
  ];
  await writeTable(ws, 3, cols, [...lines, total], { boldLast: true });
  ws.pageSetup.printTitlesRow = '3:3';
}

/** exceljs has range data validations (`worksheet.dataValidations.add('M3:M99', …)`) but leaves them out of its typings. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

async function list(ws: ExcelJS.Worksheet, input: TownshipInput, rows: FindingRecord[]): Promise<void> {
  const { ctx } = input;
  const cols: Column<ListRow>[] = [...LIST_LOCKED, ...LIST_EDITABLE];
  const nLocked = LIST_LOCKED.length;
  // Row 1: captions over the two blocks.
  const cap = ws.getRow(1);
  cap.height = 22;
  const left = cap.getCell(1);
  left.value = '比对信息（系统生成，已锁定，请勿修改）';
  left.fill = FILL_LOCKED_HEADER;
  const right = cap.getCell(nLocked + 1);
  right.value = '核查反馈（请填写；核查结果、整改措施从下拉列表选择）';
  right.fill = FILL_EDIT_HEADER;
  for (const c of [left, right]) {
    c.font = { name: '宋体', size: 11, bold: true };
    c.alignment = { vertical: 'middle', horizontal: 'center' };
  }
  ws.mergeCells(1, 1, 1, nLocked);
  ws.mergeCells(1, nLocked + 1, 1, cols.length);
  const last = await writeTable(ws, LIST_HEADER_ROW, cols, rows.map((f) => ({ f, ctx })), { empty: '（本月没有需要核查的疑点）' });
  filterTable(ws, LIST_HEADER_ROW, cols.length, last);
  if (rows.length > 0) {
    const first = LIST_HEADER_ROW + 1;
    const at = (field: string) => colLetter(nLocked + 1 + ANSWER_COLUMNS.findIndex((c) => c.field === field));
    const range = (field: string) => `${at(field)}${first}:${at(field)}${last}`;
    validations(ws).add(range('result'), {
      type: 'list', allowBlank: true, formulae: [`"${RESULTS.join(',')}"`],
      showErrorMessage: true, errorStyle: 'stop', errorTitle: '核查结果', error: `请从下拉列表选择：${RESULTS.join('、')}`,
      showInputMessage: true, promptTitle: '核查结果', prompt: `请选择：${RESULTS.join('、')}`,
    });
    validations(ws).add(range('measure'), {
      type: 'list', allowBlank: true, formulae: [`"${MEASURES.join(',')}"`],
      showErrorMessage: true, errorStyle: 'stop', errorTitle: '整改措施', error: `请从下拉列表选择：${MEASURES.join('、')}`,
      showInputMessage: true, promptTitle: '整改措施', prompt: '属实或部分属实时请选择',
    });
    validations(ws).add(range('done_date'), {
      type: 'date', operator: 'between', allowBlank: true, formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2099, 11, 31))],
      showErrorMessage: true, errorStyle: 'stop', errorTitle: '整改完成日期', error: '请输入日期，例如 2024-11-20',
    });
  }
  ws.pageSetup.printTitlesRow = `1:${LIST_HEADER_ROW}`;
}

async function idSheet(ws: ExcelJS.Worksheet, input: TownshipInput, rows: FindingRecord[]): Promise<void> {
  const { ctx } = input;
  type R = { f: FindingRecord; p: ReturnType<typeof idProblem> };
  const data: R[] = rows.map((f) => ({ f, p: idProblem(f, ctx.mask) }));
  title(ws, 1, `${townshipName(input.township)} 身份证号异常（无法参与比对，请到源头系统更正）`, 11);
  const cols: Column<R>[] = [
    { header: '序号', width: 6, value: (_r, i) => i + 1, align: 'center' },
    { header: '疑点编号', width: 16, value: (r) => r.f.finding_id, text: true },
    { header: '村(社区)', width: 12, value: (r) => text(r.f.village, ctx.mask) },
    { header: '姓名', width: 10, value: (r) => text(r.f.name, ctx.mask) },
    { header: '名单', width: 12, value: (r) => kindsText(r.f.sources.length ? [r.f.sources[0]!.kind] : r.f.kinds) },
    { header: '文件', width: 24, value: (r) => text(r.f.sources[0]?.file, ctx.mask), wrap: true },
    { header: '工作表', width: 12, value: (r) => text(r.f.sources[0]?.sheet, ctx.mask) },
    { header: '行号', width: 7, value: (r) => r.f.sources[0]?.row ?? null, align: 'right' },
    { header: '原始身份证号', width: 22, value: (r) => r.p.raw, text: true },
    { header: '问题', width: 24, value: (r) => r.p.status, wrap: true },
    { header: '可能的正确号码', width: 22, value: (r) => r.p.candidates, text: true, wrap: true },
  ];
  const last = await writeTable(ws, 3, cols, data, { empty: '（本月没有身份证号异常的记录）' });
  filterTable(ws, 3, cols.length, last);
  ws.pageSetup.printTitlesRow = '3:3';
}

async function verifiedSheet(ws: ExcelJS.Worksheet, input: TownshipInput, rows: FindingRecord[]): Promise<void> {
  const { ctx } = input;
  title(ws, 1, `${townshipName(input.township)} 已核实的疑点（此前核查为不属实、本月仍出现，无需再填）`, 9);
  const cols: Column<FindingRecord>[] = [
    { header: '序号', width: 6, value: (_f, i) => i + 1, align: 'center' },
    { header: '疑点编号', width: 16, value: (f) => f.finding_id, text: true },
    { header: '规则', width: 20, value: (f) => ruleName(ctx, f.rule), wrap: true },
    { header: '村(社区)', width: 12, value: (f) => text(f.village, ctx.mask) },
    { header: '姓名', width: 10, value: (f) => text(f.name, ctx.mask) },
    { header: '身份证号', width: 21, value: (f) => idText(f, ctx.mask), text: true },
    { header: '疑点说明', width: 40, value: (f) => text(f.explanation, ctx.mask), wrap: true },
    { header: '核查情况', width: 40, value: (f) => text(f.status_note, ctx.mask), wrap: true },
    { header: '首次发现', width: 9, value: (f) => f.first_seen, text: true, align: 'center' },
  ];
  const last = await writeTable(ws, 3, cols, rows, { empty: '（没有已核实的疑点）' });
  filterTable(ws, 3, cols.length, last);
  ws.pageSetup.printTitlesRow = '3:3';
}

/** Writes the township's workbook to `out`, sheet by sheet and row by row. */
export async function buildTownshipWorkbook(input: TownshipInput, out: Writable): Promise<TownshipResult> {
  const { ctx } = input;
  const listRows = input.findings.filter(isOpen);
  const verified = input.findings.filter((f) => f.status === STATUS.verified);
  const idRows = input.findings.filter((f) => f.rule === ID_INVALID_RULE);
  const counts = {
    list: listRows.length,
    verified: verified.length,
    idProblems: idRows.length,
    ineffective: listRows.filter((f) => f.status === STATUS.ineffective).length,
  };
  const hashedCols = LIST_LOCKED.filter((c) => c.hashed);
  const manifest = buildManifest(input.key, {
    period: ctx.period,
    township: input.township,
    county: ctx.county,
    generatedAt: ctx.now.toISOString(),
    masked: ctx.mask,
    columns: hashedCols.map((c) => c.header),
    rows: listRows.map((f, i) => ({ finding_id: f.finding_id, hashes: hashedCols.map((c) => columnHash(c.value({ f, ctx }, i))) })),
  });

  const wb = openBook(out, ctx.now);
  const page = { landscape: true, readOnly: true };
  await writeSheet(wb, SHEETS.guide, page, (ws) => guide(ws, input, counts));
  await writeSheet(wb, SHEETS.summary, { ...page, views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }] }, (ws) => summary(ws, input));
  await writeSheet(wb, SHEETS.list, { ...page, views: frozenAt(LIST_HEADER_ROW) }, (ws) => list(ws, input, listRows));
  await writeSheet(wb, SHEETS.ids, { ...page, views: frozenAt(3) }, (ws) => idSheet(ws, input, idRows));
  await writeSheet(wb, SHEETS.verified, { ...page, views: frozenAt(3) }, (ws) => verifiedSheet(ws, input, verified));

  await writeSheet(wb, MANIFEST_SHEET, { state: 'veryHidden' }, async (ws) => {
    ws.getColumn(1).numFmt = '@';
    ws.getColumn(2).numFmt = '@';
    const rows = manifestSheetRows(manifest);
    const head = rows.length - manifest.rows.length;
    for (const row of rows.slice(0, head)) ws.addRow(row).commit();
    // The finding rows as XML (row-xml.ts), styled as exceljs styles a cell of these text columns.
    const out = new RowXml(ws);
    const text = [ws.getColumn(1).style, ws.getColumn(2).style];
    for (let i = head; i < rows.length; i++) if (out.row(i + 1, rows[i]!, text)) await out.pause();
    out.end(rows.length);
    await ws.protect(MANIFEST_PASSWORD, { spinCount: 1000 });
  });
  await closeBook(wb);
  return { manifest, counts };
}
