// Fixture scenarios for the sheet layouts of domain.md §9 (issue 11): merged cells in the data (every format), totals
// wherever their label sits, several blocks pasted into one sheet, and hidden sheets.

import { expectation, RosterSheet, V } from './fixture-oracle.js';
import type { Fixtures, Person } from './fixture-set.js';
import { htmlTable, spreadsheetMl } from './render-tables.js';
import { biff8Buffer, csvText, encodeText, xlsxBuffer, type Sheet } from './write-workbooks.js';
import { esc, sheetBody, SharedStrings, xlsxPackage } from './xlsx-package.js';

const FIXED_DATE = new Date(Date.UTC(2024, 11, 2, 0, 0, 0));
const xlsx = (sheets: Sheet[]): Promise<Buffer> => xlsxBuffer(sheets, { creator: '某县民政局', date: FIXED_DATE });

// ════════════════════════════ merged-cells ════════════════════════════

interface Household {
  village: string;
  members: [Person, string, string][]; // person, 与户主关系, 状态
  amount: number;
  covered?: number;
}

/**
 * A 低保 roster as a township clerk lays it out: 乡镇 merged down all its rows, 村 down its households, 户主姓名,
 * 家庭人口, 保障人数 and 月保障金额 down each household's rows; a two-row merged header; 小计 and 合计 labels merged
 * across; a blank row inside a 乡镇 merge; a merged footer.
 */
function mergedRoster(fx: Fixtures): RosterSheet {
  const { P } = fx;
  const sh = new RosterSheet('低保花名册');
  const W = 10;
  sh.title(['某县2024年11月农村低保对象花名册']);
  sh.merges.push('A1:J1');
  sh.header(['乡镇', '村(社区)', '户主姓名', '家庭人口', '保障人数', '家庭成员情况', null, null, '月保障金额（元）', '状态']);
  sh.header([null, null, null, null, null, '姓名', '身份证号', '与户主关系', null, null]);
  for (const c of ['A', 'B', 'C', 'D', 'E', 'I', 'J']) sh.merges.push(`${c}2:${c}3`);
  sh.merges.push('F2:H2');
  sh.textCols = new Set([6]);
  sh.widths = [8, 10, 8, 6, 6, 8, 21, 8, 10, 6];

  const zjg = P('祝建国', '男', '19560311');
  const lxl = P('柳秀兰', '女', '19590726');
  const towns: [string, Household[]][] = [
    [
      '城关镇',
      [
        { village: '东关村', amount: 1200, members: [[zjg, '户主', '在保'], [lxl, '配偶', '在保'], [P('祝小雨', '女', '20110305'), '孙女', '在保']] },
        { village: '南关村', amount: 760, members: [[P('秦长贵', '男', '19470819'), '户主', '在保'], [P('秦王氏', '女', '19500102'), '配偶', '停保']] },
        { village: '南关村', amount: 420, members: [[P('卜德顺', '男', '19620614'), '户主', '在保']] },
      ],
    ],
    [
      '城南镇',
      [
        { village: '李庄村', amount: 860, members: [[P('聂春生', '男', '19700121'), '户主', '在保'], [P('聂晓东', '男', '19990907'), '儿子', '在保']] },
        { village: '王营村', amount: 900, covered: 1, members: [[P('蒲桂花', '女', '19640418'), '户主', '在保'], [P('蒲小军', '男', '19880530'), '儿子', '在保']] },
      ],
    ],
  ];
  let total = 0;
  for (const [town, households] of towns) {
    const townStart = sh.rows.length + 1;
    let villageStart = townStart;
    let townAmount = 0;
    households.forEach((h, hi) => {
      const first = sh.rows.length + 1;
      h.members.forEach(([p, rel, status], k) => {
        const row = k === 0 ? [town, h.village, h.members[0]![0].name, h.members.length, h.covered ?? h.members.length] : [null, null, null, null, null];
        sh.data([...row, p.name, p.id, rel, k === 0 ? h.amount : null, status], [
          V(p, {
            township: town,
            village: h.village,
            relation: rel,
            family_size: h.members.length,
            covered_count: h.covered ?? h.members.length,
            amount: h.amount,
            roster_status: status,
          }),
        ]);
      });
      const last = sh.rows.length;
      if (last > first) for (const c of ['C', 'D', 'E', 'I']) sh.merges.push(`${c}${first}:${c}${last}`);
      townAmount += h.amount;
      const next = households[hi + 1];
      if (!next || next.village !== h.village) {
        if (last > villageStart) sh.merges.push(`B${villageStart}:B${last}`);
        villageStart = last + 1;
        // A blank separator row inside the township's merge, between its villages.
        if (town === '城南镇' && next) {
          sh.blank();
          villageStart++;
        }
      }
    });
    sh.merges.push(`A${townStart}:A${sh.rows.length}`);
    const r = sh.subtotal(['小计', null, null, null, null, null, null, null, townAmount, null]);
    sh.merges.push(`A${r}:H${r}`);
    total += townAmount;
  }
  const r = sh.subtotal(['合计', null, null, null, null, null, null, null, total, null]);
  sh.merges.push(`A${r}:H${r}`);
  const f = sh.footer(['填报人：赵某    审核人：钱某    （盖章）']);
  sh.merges.push(`A${f}:J${f}`);
  void W;
  return sh;
}

export async function mergedCells(fx: Fixtures): Promise<void> {
  const folder = 'merged-cells';
  const sc = fx.scenario(folder, '乡镇、村合并单元格纵贯各行，户主姓名/家庭人口/保障人数/金额按户合并，两行合并表头，小计/合计横向合并；同一张表存成 .xlsx、.xls、网页表格（rowspan）和 Excel 2003 XML（MergeDown）四种格式。');
  const sh = mergedRoster(fx);
  const notes =
    'Every person must get the township and village of the merged cells above them (xlsx <mergeCells>, .xls MERGEDCELLS, HTML rowspan/colspan, ' +
    'SpreadsheetML ss:MergeDown/ss:MergeAcross), and their household\'s 家庭人口/保障人数/月保障金额. Row 11 is blank (inside the 城南镇 merge): ' +
    'only a merged copy, so it counts as a blank row. 小计/合计 merged A:H; footer merged A:J. Before issue 11 the .xlsx stored every row but the first of a merge with an empty township, village and count.';
  const files: [string, Buffer, string, boolean][] = [
    ['低保_合并单元格.xlsx', await xlsx([sh]), 'xlsx', false],
    ['低保_合并单元格.xls', biff8Buffer([sh]), 'xls', false],
    ['低保_合并单元格_网页.xls', encodeText(htmlTable(sh, '低保花名册'), 'utf-8'), 'html', true],
    ['低保_合并单元格_XML.xls', encodeText(spreadsheetMl([sh]), 'utf-8'), 'html', false],
  ];
  for (const [file, bytes, format, text] of files) {
    fx.put(folder, file, bytes);
    sc.files[file] = expectation([sh], { file, kind: 'dibao', format, text, sheet: text ? null : sh.name, args: ['--area', '农村'], notes });
  }
}

// ════════════════════════════ totals-anywhere ════════════════════════════

export async function totalsAnywhere(fx: Fixtures): Promise<void> {
  const { P } = fx;
  const folder = 'totals-anywhere';
  const sc = fx.scenario(folder, '小计/合计/总计/汇总出现在任意列：村列的“东街社区小计”、本页小计、身份证号列填了人数的合计、“总计：7人”、Excel 表格的汇总行，都应跳过并计为小计行。');

  const sh = new RosterSheet('低保');
  sh.header(['序号', '乡镇', '村(社区)', '姓名', '身份证号', '保障人数', '月保障金额', '状态']);
  sh.textCols = new Set([4]);
  sh.widths = [6, 8, 12, 8, 21, 8, 10, 6];
  let n = 0;
  const person = (t: string, v: string, p: Person, amount: number, status = '在保'): void => {
    n++;
    sh.data([n, t, v, p.name, p.id, 1, amount, status], [V(p, { township: t, village: v, amount, roster_status: status })]);
  };
  person('城关镇', '东街社区', P('甘志远', '男', '19611102'), 520);
  person('城关镇', '东街社区', P('甘秀珍', '女', '19630815'), 520, '停保');
  person('城关镇', '东街社区', P('晏福来', '男', '19540228'), 480);
  sh.subtotal([null, '城关镇', '东街社区小计', null, null, 3, 1520, null]);
  person('城关镇', '西街社区', P('全国安', '男', '19720610'), 600);
  person('城关镇', '西街社区', P('全小梅', '女', '19990412'), 600);
  sh.subtotal(['本页小计', null, null, null, null, 5, 2720, null]);
  person('城关镇', '南关村', P('伏玉兰', '女', '19480930'), 450);
  person('城关镇', '南关村', P('伏长江', '男', '19770707'), 450);
  sh.subtotal([null, null, null, '合计', 7, 7, 3620, null]);
  sh.subtotal(['汇总', null, null, null, null, 7, 3620, null]);
  sh.subtotal([null, null, null, '总计：7人', null, null, 3620, null]);
  sh.footer(['制表人：孙某', null, null, null, null, null, '审核人：李某']);
  const file = '低保_各种合计行.xlsx';
  fx.put(folder, file, await xlsx([sh]));
  sc.files[file] = expectation([sh], {
    file, kind: 'dibao', format: 'xlsx',
    notes:
      'Totals rows: 东街社区小计 in the 村 column (row 5), 本页小计 in 序号 (row 8), 合计 in the name column with the count 7 in the ID column (row 11), ' +
      '汇总 (row 12), 总计：7人 in the name column (row 13). Before issue 11, rows 5 and 13 were rejected (no name/ID) or stored as a person named 总计：7人, ' +
      'and row 11 was stored as a person 合计 with a bad_format ID (a false id-invalid finding).',
  });

  // The same in CSV (an export without formats): totals text only.
  const csvFile = '低保_各种合计行.csv';
  fx.put(folder, csvFile, encodeText(csvText(sh), 'utf-8-bom'));
  sc.files[csvFile] = expectation([sh], { file: csvFile, kind: 'dibao', format: 'csv', encoding: 'utf-8', text: true, notes: 'The xlsx of this folder saved as CSV (UTF-8 with BOM).' });

  // An Excel table (ListObject) with its totals row: 汇总 label, SUBTOTAL formulas with cached results.
  const tk = new RosterSheet('特困');
  tk.header(['序号', '乡镇', '姓名', '身份证号', '供养方式', '月供养标准']);
  tk.textCols = new Set([3]);
  const people: [Person, string, string, number][] = [
    [P('习长庚', '男', '19430616'), '河口乡', '集中供养', 980],
    [P('应桂英', '女', '19450203'), '河口乡', '分散供养', 760],
    [P('冉德富', '男', '19520925'), '城南镇', '分散供养', 760],
    [P('桑春兰', '女', '19381111'), '城南镇', '集中供养', 980],
  ];
  people.forEach(([p, t, mode, amt], i) => tk.data([i + 1, t, p.name, p.id, mode, amt], [V(p, { township: t, support_mode: mode, amount: amt })]));
  const totalsRow = tk.subtotal([null, null, null, null, null, null]);
  const sst = new SharedStrings();
  const tableRef = `A1:F${totalsRow}`;
  const body = sheetBody(tk, {
    strings: 'shared',
    sst,
    refs: true,
    overrides: {
      [`A${totalsRow}`]: { attrs: ' t="s"', inner: `><v>${sst.add('汇总')}</v></c>` },
      [`D${totalsRow}`]: { inner: `><f>SUBTOTAL(103,表1[身份证号])</f><v>${people.length}</v></c>` },
      [`F${totalsRow}`]: { inner: `><f>SUBTOTAL(109,表1[月供养标准])</f><v>${people.reduce((a, x) => a + x[3], 0)}</v></c>` },
    },
    after: '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>',
  });
  const cols = ['序号', '乡镇', '姓名', '身份证号', '供养方式', '月供养标准'];
  const table =
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="表1" displayName="表1" ref="${tableRef}" totalsRowCount="1">` +
    `<autoFilter ref="A1:F${totalsRow - 1}"/><tableColumns count="6">` +
    cols.map((c, i) => `<tableColumn id="${i + 1}" name="${esc(c)}"${i === 0 ? ' totalsRowLabel="汇总"' : i === 3 ? ' totalsRowFunction="count"' : i === 5 ? ' totalsRowFunction="sum"' : ''}/>`).join('') +
    '</tableColumns><tableStyleInfo name="TableStyleMedium2" showRowStripes="1"/></table>';
  const tFile = '特困_表格汇总行.xlsx';
  fx.put(folder, tFile, xlsxPackage({ sheets: [{ name: tk.name, body, tables: [table] }], sst }));
  sc.files[tFile] = expectation([tk], {
    file: tFile, kind: 'tekun', format: 'xlsx',
    notes:
      `An Excel table (表1, ref ${tableRef}, totalsRowCount="1"): its totals row ${totalsRow} holds the label 汇总 and SUBTOTAL formulas with cached results ` +
      '(the count in the ID column). The reader marks the row as a table totals row; it is skipped as a subtotal. Hand-built package.',
  });
}

// ════════════════════════════ stacked-blocks ════════════════════════════

export async function stackedBlocks(fx: Fixtures): Promise<void> {
  const { P } = fx;
  const folder = 'stacked-blocks';
  const sc = fx.scenario(folder, '三个乡镇的名单粘贴在同一张工作表中：每段有自己的标题、填报单位行、重复的表头和小计；第三段的列顺序不同；没有乡镇列，乡镇取自各段标题。');
  const sh = new RosterSheet('Sheet1');
  sh.textCols = new Set([3]);
  sh.widths = [6, 10, 8, 21, 8, 6];
  const headerA = ['序号', '村(社区)', '姓名', '身份证号', '保障人数', '状态'];
  const block = (town: string, rows: [string, Person, string][], moved: boolean): void => {
    const t = sh.title([`${town}2024年11月农村低保对象花名册`]);
    sh.merges.push(`A${t}:F${t}`);
    const u = sh.title([`填报单位：${town}民政所    日期：2024年12月2日`]);
    sh.merges.push(`A${u}:F${u}`);
    sh.header(moved ? ['序号', '姓名', '身份证号', '村(社区)', '状态', '保障人数'] : headerA);
    rows.forEach(([village, p, status], i) => {
      const cells = moved ? [i + 1, p.name, p.id, village, status, 1] : [i + 1, village, p.name, p.id, 1, status];
      sh.data(cells, [V(p, { township: town, village, roster_status: status })]);
    });
    const s = sh.subtotal(moved ? ['合计', null, null, null, null, rows.length] : ['小计', null, null, null, rows.length, null]);
    sh.merges.push(`A${s}:D${s}`);
  };
  block('东岗镇', [['东岗村', P('井长山', '男', '19580804'), '在保'], ['东岗村', P('井玉芝', '女', '19600201'), '在保'], ['后沟村', P('都德明', '男', '19690923'), '在保']], false);
  sh.blank();
  block('西营乡', [['西营村', P('敖桂兰', '女', '19510317'), '在保'], ['西营村', P('敖志刚', '男', '19821126'), '停保'], ['河湾村', P('阙春和', '男', '19730515'), '在保']], false);
  sh.blank();
  block('城关镇', [['北关村', P('鄂秀英', '女', '19490809'), '在保'], ['北关村', P('鄂小虎', '男', '20090614'), '在保'], ['西街社区', P('亓建业', '男', '19650101'), '在保']], true);
  sh.footer(['制表人：周某    审核人：吴某']);
  const notes =
    'Each block: title (…花名册, merged A:F), 填报单位 line, header, 3 persons, 小计 (merged A:D). No 乡镇 column: each block\'s township comes from its title. ' +
    'Block 3 (城关镇) has its columns in another order (姓名/身份证号 moved left, 村 after them) and is re-mapped. ' +
    'Before issue 11 the repeated headers were stored as persons named 姓名 with ID 身份证号, the titles between blocks were rejected, and no row had a township.';
  const file = '低保_三乡镇合表.xlsx';
  fx.put(folder, file, await xlsx([sh]));
  sc.files[file] = expectation([sh], { file, kind: 'dibao', format: 'xlsx', args: ['--area', '农村'], sheets: [{ name: 'Sheet1', used: true, township: { source: 'title', name: '东岗镇' } }], notes });
  const csvFile = '低保_三乡镇合表.csv';
  fx.put(folder, csvFile, encodeText(csvText(sh), 'gbk'));
  sc.files[csvFile] = expectation([sh], { file: csvFile, kind: 'dibao', format: 'csv', encoding: 'gb18030', text: true, args: ['--area', '农村'], notes: 'The same sheet saved as GBK CSV (the titles are single cells, no merges).' });
}

// ════════════════════════════ hidden-sheets ════════════════════════════

export async function hiddenSheets(fx: Fixtures): Promise<void> {
  const { P } = fx;
  const folder = 'hidden-sheets';
  const sc = fx.scenario(folder, '工作簿里藏着上个月的名单（隐藏工作表）和下拉选项/示例表（深度隐藏）：默认只导入可见的名单，并在报告中写明跳过的隐藏表。');
  const header = ['乡镇', '村', '姓名', '身份证号', '状态'];
  const nov = new RosterSheet('11月');
  nov.header(header);
  nov.textCols = new Set([3]);
  const oct = new RosterSheet('10月');
  oct.header(header);
  oct.textCols = new Set([3]);
  oct.state = 'hidden';
  const people: [string, string, Person][] = [
    ['河口乡', '河口村', P('粟长兴', '男', '19570712')],
    ['河口乡', '河口村', P('粟桂芬', '女', '19600304')],
    ['河口乡', '柳林村', P('佘文华', '男', '19761008')],
    ['城南镇', '李庄村', P('隗秀云', '女', '19531227')],
  ];
  for (const [t, v, p] of people) nov.data([t, v, p.name, p.id, '在保'], [V(p, { township: t, village: v, roster_status: '在保' })]);
  // Last month: the same persons (one has left since), plus one who has since died.
  for (const [t, v, p] of [...people.slice(0, 3), ['城南镇', '王营村', P('查老四', '男', '19380205')] as [string, string, Person]]) {
    oct.data([t, v, p.name, p.id, '在保'], [V(p, { township: t, village: v, roster_status: '在保' })]);
  }
  const opts = new RosterSheet('下拉选项');
  opts.header(['乡镇', '村', '姓名', '身份证号', '状态']);
  const sample = P('示例人', '男', '19800101');
  opts.data(['城关镇', '东关村', sample.name, sample.id, '在保'], [V(sample, { township: '城关镇', village: '东关村' })]);
  opts.data(['城南镇', '李庄村', null, null, '停保'], []);
  opts.state = 'veryHidden';
  const info = new RosterSheet('填表说明');
  info.title(['1. 每月5日前报送。2. 身份证号请设为文本格式。']);
  const sheets = [info, nov, oct, opts];
  const expectSheets = [
    { name: '填表说明', used: false },
    { name: '11月', used: true },
    { name: '10月', used: false, hidden: 'hidden' as const },
    { name: '下拉选项', used: false, hidden: 'veryHidden' as const },
  ];
  const notes =
    'Sheets: 填表说明 (visible, no table), 11月 (visible, 4 persons), 10月 (hidden: last month, 4 persons of whom 3 continue), 下拉选项 (very hidden: a sample row and lookup values). ' +
    'Only 11月 is loaded; the report names 10月 and 下拉选项 as hidden sheets not loaded. Before issue 11 all three tables were loaded: every continuing person twice ' +
    '(false 同一名单内重复 findings) and a sample person in the roster. `--sheet 10月` still loads the hidden sheet.';
  const file = '低保_含隐藏表.xlsx';
  fx.put(folder, file, await xlsx(sheets));
  sc.files[file] = expectation(sheets, { file, kind: 'dibao', format: 'xlsx', sheet: '11月', args: ['--area', '农村'], sheets: expectSheets, notes });
  const xlsFile = '低保_含隐藏表.xls';
  fx.put(folder, xlsFile, biff8Buffer(sheets));
  sc.files[xlsFile] = expectation(sheets, { file: xlsFile, kind: 'dibao', format: 'xls', sheet: '11月', args: ['--area', '农村'], sheets: expectSheets, notes: 'The same workbook as BIFF8 .xls (BOUNDSHEET hidden state 1 and 2).' });
}
