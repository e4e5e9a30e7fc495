// Fixture scenarios for where values come from (domain.md §9, issue 11): the township from a decorated sheet name, a
// title row or the file name; columns about other people (代领人, 监护人, 开户人); 18-digit IDs in numeric cells as
// programs write them; text delimited by ; or |.

import { expectation, RosterSheet, S, V } from './fixture-oracle.js';
import type { Fixtures, Person } from './fixture-set.js';
import { biff8Buffer, csvText, encodeText, xlsxBuffer, type Sheet } from './write-workbooks.js';
import { sheetBody, SharedStrings, STYLE, xlsxPackage } from './xlsx-package.js';

const FIXED_DATE = new Date(Date.UTC(2024, 11, 2, 0, 0, 0));
const xlsx = (sheets: Sheet[]): Promise<Buffer> => xlsxBuffer(sheets, { creator: '某县民政局', date: FIXED_DATE });

// ════════════════════════════ township-sources ════════════════════════════

export async function townshipSources(fx: Fixtures): Promise<void> {
  const { P } = fx;
  const folder = 'township-sources';
  const sc = fx.scenario(folder, '没有乡镇列的名单：乡镇取自带修饰的工作表名（城关镇（11月）、东岗镇低保、西营乡 花名册）、表头上方的标题行或文件名；乡镇列有空格的用文件名补上；都没有时报告中写明。');
  const header = ['序号', '村(社区)', '姓名', '身份证号', '状态'];
  const mk = (name: string): RosterSheet => {
    const s = new RosterSheet(name);
    s.textCols = new Set([3]);
    return s;
  };

  // 1. One sheet per township, names decorated.
  const bySheet: [string, string, [string, Person][]][] = [
    ['城关镇（11月）', '城关镇', [['东关村', P('冀长海', '男', '19600717')], ['东关村', P('冀美玲', '女', '19640205')]]],
    ['东岗镇低保', '东岗镇', [['东岗村', P('厍德胜', '男', '19551019')]]],
    ['西营乡 花名册', '西营乡', [['西营村', P('璩秀芝', '女', '19470722')], ['河湾村', P('夔建国', '男', '19690303')]]],
  ];
  const sheets = bySheet.map(([name, town, rows]) => {
    const s = mk(name);
    s.header(header);
    rows.forEach(([v, p], i) => s.data([i + 1, v, p.name, p.id, '在保'], [V(p, { township: town, village: v, roster_status: '在保' })]));
    return s;
  });
  const f1 = '低保_分乡镇工作表.xlsx';
  fx.put(folder, f1, await xlsx(sheets));
  sc.files[f1] = expectation(sheets, {
    file: f1, kind: 'dibao', format: 'xlsx', sheet: null, args: ['--area', '农村'],
    sheets: bySheet.map(([name, town]) => ({ name, used: true, township: { source: 'sheet' as const, name: town } })),
    notes: 'Sheet names carry the township with decoration: 城关镇（11月）, 东岗镇低保, 西营乡 花名册. Before issue 11 only a name ending in 镇/乡/街道/办事处 counted, so none of these gave a township.',
  });

  // 2. The township in the title row above the header (a township's own file).
  const t = mk('Sheet1');
  t.title(['河口乡2024年11月农村低保对象花名册']);
  t.merges.push('A1:E1');
  t.title(['填报单位：河口乡民政所']);
  t.header(header);
  for (const [v, p] of [['河口村', P('养春花', '女', '19520614')], ['柳林村', P('佴国庆', '男', '19491001')]] as [string, Person][]) {
    t.data([t.rows.length - 2, v, p.name, p.id, '在保'], [V(p, { township: '河口乡', village: v, roster_status: '在保' })]);
  }
  const f2 = '低保花名册.xlsx';
  fx.put(folder, f2, await xlsx([t]));
  sc.files[f2] = expectation([t], {
    file: f2, kind: 'dibao', format: 'xlsx', args: ['--area', '农村'],
    sheets: [{ name: 'Sheet1', used: true, township: { source: 'title', name: '河口乡' } }],
    notes: 'No 乡镇 column, sheet Sheet1, file name without a township: the township comes from title row 1 (河口乡2024年11月农村低保对象花名册).',
  });

  // 3. The township only in the file name.
  const f = mk('特困');
  f.header(['姓名', '身份证号', '村', '供养方式']);
  for (const [v, p] of [['李庄村', P('郗长福', '男', '19410808')], ['王营村', P('盖秀兰', '女', '19440115')]] as [string, Person][]) {
    f.data([p.name, p.id, v, '分散供养'], [V(p, { township: '城南镇', village: v })]);
  }
  const f3 = '城南镇_特困人员_2024年11月.csv';
  fx.put(folder, f3, encodeText(csvText(f), 'utf-8'));
  sc.files[f3] = expectation([f], {
    file: f3, kind: 'tekun', format: 'csv', encoding: 'utf-8', text: true,
    sheets: [{ name: '城南镇_特困人员_2024年11月', used: true, township: { source: 'file', name: '城南镇' } }],
    notes: 'No 乡镇 column, no title, the sheet is the file: the township comes from the file name 城南镇_特困人员_2024年11月.csv.',
  });

  // 4. A 乡镇 column with empty cells: filled from the file name, and counted.
  const g = mk('Sheet1');
  g.header(['乡镇', '村', '姓名', '身份证号', '状态']);
  const gp: [string | null, string, Person][] = [
    ['东岗镇', '东岗村', P('眭桂英', '女', '19580220')],
    [null, '东岗村', P('眭长林', '男', '19570509')],
    ['东岗镇', '后沟村', P('宓文斌', '男', '19831112')],
    [null, '后沟村', P('宓小燕', '女', '20100927')],
  ];
  for (const [town, v, p] of gp) g.data([town, v, p.name, p.id, '在保'], [V(p, { township: '东岗镇', village: v, roster_status: '在保' })]);
  const f4 = '东岗镇低保名单.xlsx';
  fx.put(folder, f4, await xlsx([g]));
  sc.files[f4] = expectation([g], {
    file: f4, kind: 'dibao', format: 'xlsx', args: ['--area', '农村'],
    sheets: [{ name: 'Sheet1', used: true, township: { source: 'column', name: null } }],
    notes: 'A 乡镇 column whose cells are empty on rows 3 and 5: those rows take 东岗镇 from the file name, and the report counts them.',
  });

  // 5. No source at all: the report says so (the persons belong to 未知乡镇).
  const h = mk('名单');
  h.header(['姓名', '身份证号', '村']);
  const hp = P('禚明远', '男', '19660606');
  h.data([hp.name, hp.id, '不详村'], [V(hp, { township: null, village: '不详村' })]);
  const f5 = '低保名单.csv';
  fx.put(folder, f5, encodeText(csvText(h), 'utf-8'));
  sc.files[f5] = expectation([h], {
    file: f5, kind: 'dibao', format: 'csv', encoding: 'utf-8', text: true,
    sheets: [{ name: '低保名单', used: true, township: null }],
    notes: 'Nothing names a township (no column, no title, no township in the file name): township stays empty and the report says so.',
  });
}

// ════════════════════════════ proxy-columns ════════════════════════════

export async function proxyColumns(fx: Fixtures): Promise<void> {
  const { P } = fx;
  const folder = 'proxy-columns';
  const sc = fx.scenario(folder, '名单中有代领人、监护人、开户人（户名）及其身份证号、银行账号等列：这些是别人的信息，作为附加信息保存，不得拆成低保家庭成员。');

  const sh = new RosterSheet('低保');
  sh.header(['乡镇', '村', '姓名', '身份证号', '与户主关系', '代领人姓名', '代领人身份证号', '监护人', '监护人身份证号码', '开户人', '开户人身份证号', '银行账号', '状态']);
  sh.textCols = new Set([3, 6, 8, 10, 11]);
  const rows: [Person, string, Person | null, Person | null, Person][] = [];
  const a = P('桓老栓', '男', '19360912');
  const aProxy = P('桓建设', '男', '19680330');
  rows.push([a, '户主', aProxy, null, aProxy]);
  const b = P('逯小宝', '男', '20120418');
  const bGuard = P('逯德旺', '男', '19550721');
  rows.push([b, '户主', null, bGuard, bGuard]);
  const c = P('楚秀兰', '女', '19500606');
  rows.push([c, '户主', null, null, c]);
  rows.forEach(([p, rel, proxy, guard, holder], i) => {
    const account = `62170000${String(1234560001 + i)}`;
    sh.data(
      ['城关镇', '东关村', p.name, p.id, rel, proxy?.name ?? null, proxy?.id ?? null, guard?.name ?? null, guard?.id ?? null, holder.name, holder.id, account, '在保'],
      [
        V(p, {
          township: '城关镇',
          village: '东关村',
          relation: rel,
          extra: {
            ...(proxy ? { 代领人身份证号: proxy.id } : {}),
            ...(guard ? { 监护人身份证号码: guard.id } : {}),
            开户人身份证号: holder.id,
            银行账号: account,
          },
        }),
      ],
    );
  });
  const f1 = '低保_含代领人.xlsx';
  fx.put(folder, f1, await xlsx([sh]));
  sc.files[f1] = expectation([sh], {
    file: f1, kind: 'dibao', format: 'xlsx', args: ['--area', '农村'],
    notes:
      'One person per row; 代领人/监护人/开户人 have their own 姓名 and 身份证号 columns. Before issue 11 every 身份证号-like column made the row a wide household: ' +
      'the proxy collector 桓建设, the guardian 逯德旺 and each account holder were stored as active 低保 members. They are detail (extra) only.',
  });

  // A wide household row (姓名/身份证号 pairs) with a two-row header, and a 代理人信息 block under its own parent title.
  const w = new RosterSheet('Sheet1');
  w.header(['村', '家庭成员', null, null, null, '代理人信息', null, '保障人数']);
  w.header([null, '姓名', '身份证号', '姓名', '身份证号', '姓名', '身份证号', null]);
  w.merges.push('A1:A2', 'B1:E1', 'F1:G1', 'H1:H2');
  const fam: [Person, Person | null, Person][] = [
    [P('靳大山', '男', '19620210'), P('靳王氏', '女', '19630808'), P('靳小川', '男', '19900915')],
    [P('麴春梅', '女', '19781224'), null, P('麴建华', '男', '19750313')],
  ];
  for (const [head, spouse, agent] of fam) {
    const members = spouse ? [head, spouse] : [head];
    w.data(
      ['南关村', head.name, head.id, spouse?.name ?? null, spouse?.id ?? null, agent.name, agent.id, members.length],
      members.map((m, k) => V(m, { village: '南关村', member: members.length > 1 ? k + 1 : 0, extra: { '代理人信息/身份证号': agent.id } })),
    );
  }
  const f2 = '低保_一户一行_含代理人.xls';
  fx.put(folder, f2, biff8Buffer([w]));
  sc.files[f2] = expectation([w], {
    file: f2, kind: 'dibao', format: 'xls', args: ['--area', '农村'],
    notes: 'Two-row header: 家庭成员 over 姓名/身份证号 ×2 (the household, unpivoted) and 代理人信息 over 姓名/身份证号 (the agent: kept as detail, never a member).',
  });
}

// ════════════════════════════ numeric-18-digits ════════════════════════════

export async function numeric18Digits(fx: Fixtures): Promise<void> {
  const { P } = fx;
  const folder = 'numeric-18-digits';
  const sc = fx.scenario(folder, '身份证号存成数值单元格：程序（pandas、POI 等）写入的完整 18 位且校验位正确的按有效号码导入并提示；Excel 自己保存的（只有 15 位有效数字）仍是截断。');
  const sh = new RosterSheet('Sheet1');
  sh.header(['姓名', '身份证号', '乡镇', '状态']);
  const exact = P('琴家和', '男', '19850716', { check: 'digit' });
  const exact2 = P('商月娥', '女', '19621130', { check: 'digit' });
  const excelE = P('邴长河', '男', '19700404', { check: 'digit' });
  const excelZeros = P('滑春燕', '女', '19880808', { check: 'digit' });
  const typoed = P('伍德寿', '男', '19591215', { check: 'digit' });
  const legacy = P('窦桂珍', '女', '19430325', { legacy15: true });
  const text = P('富小兵', '男', '19930101');
  // The wrong check digit of a typed-in number (another digit than the right one).
  const wrongCheck = typoed.id.slice(0, 17) + String((Number(typoed.id[17]) + 3) % 10);
  const cells: [Person, string, 'valid' | 'truncated' | 'upgraded', string][] = [
    [exact, `<v>${exact.id}</v>`, 'valid', 'all 18 digits, right check: valid, with a warning'],
    [exact2, `<v>${exact2.id}</v>`, 'valid', 'all 18 digits in a cell formatted 0'],
    [excelE, `<v>${Number(excelE.id.slice(0, 15) + '000').toExponential(14).replace('e+', 'E+')}</v>`, 'truncated', 'E+17 notation (what Excel writes)'],
    [excelZeros, `<v>${excelZeros.id.slice(0, 15)}000</v>`, 'truncated', '15 significant digits and 000'],
    [typoed, `<v>${wrongCheck}</v>`, 'truncated', 'all 18 digits, wrong check character'],
    [legacy, `<v>${legacy.id15}</v>`, 'upgraded', '15-digit legacy number (exact)'],
  ];
  for (const p of [exact, exact2]) {
    // A double prints some IDs exactly (their last digits zeros): such a number cannot show it was written in full.
    if (String(Number(p.id)) === p.id) throw new Error(`${p.name}: ${p.id} prints the same as its double`);
  }
  const overrides: Record<string, { attrs?: string; inner: string }> = {};
  cells.forEach(([p, v, status], i) => {
    const r = i + 2;
    overrides[`B${r}`] = { attrs: i === 1 ? ` s="${STYLE.integer}"` : '', inner: `>${v}</c>` };
    sh.data([p.name, null, '城关镇', '在保'], [
      S(p, status, { township: '城关镇', roster_status: '在保', ...(status === 'valid' ? { warning: '数值单元格' } : {}) }),
    ]);
  });
  sh.data([text.name, text.id, '城关镇', '在保'], [V(text, { township: '城关镇', roster_status: '在保' })]);
  const sst = new SharedStrings();
  const body = sheetBody(sh, { strings: 'shared', sst, refs: true, overrides });
  const file = '低保_程序导出.xlsx';
  fx.put(folder, file, xlsxPackage({ sheets: [{ name: sh.name, body }], sst }));
  sc.files[file] = expectation([sh], {
    file, kind: 'dibao', format: 'xlsx', args: ['--area', '农村'],
    notes:
      'Hand-built like a pandas/openpyxl export: IDs in numeric cells. ' + cells.map(([p, , st, why]) => `${p.name}: ${why} → ${st}`).join('; ') +
      '. Before issue 11 every numeric cell of 16+ digits was truncated, even with all 18 digits stored.',
  });
}

// ════════════════════════════ semicolon-pipe ════════════════════════════

export async function semicolonPipe(fx: Fixtures): Promise<void> {
  const { P } = fx;
  const folder = 'semicolon-pipe';
  const sc = fx.scenario(folder, '用分号（;）或竖线（|）分隔的文本名单：按内容识别分隔符，不再要求用 --map 指定整行表头。');
  const sh = new RosterSheet('低保_分号');
  sh.title(['某县低保对象名单（系统导出）']);
  sh.header(['序号', '乡镇', '村', '姓名', '身份证号', '月保障金额', '状态']);
  const ps: [string, string, Person, string, number][] = [
    ['城关镇', '东关村', P('卓长根', '男', '19590413'), '1,200.00', 1200],
    ['城关镇', '北关村', P('卓秀英', '女', '19611018'), '860.00', 860],
    ['河口乡', '河口村', P('訾建平', '男', '19770626'), '1,050.00', 1050],
  ];
  ps.forEach(([t, v, p, amt, n], i) => sh.data([i + 1, t, v, p.name, p.id, amt, '在保'], [V(p, { township: t, village: v, amount: n, roster_status: '在保' })]));
  // Semicolons, amounts with unquoted thousands commas (as European-locale Excel saves "CSV").
  const semi = sh.rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))).join(';')).join('\r\n') + '\r\n';
  const f1 = '低保_分号.csv';
  fx.put(folder, f1, encodeText(semi, 'utf-8-bom'));
  sc.files[f1] = expectation([sh], {
    file: f1, kind: 'dibao', format: 'csv', encoding: 'utf-8', delimiter: ';', text: true, args: ['--area', '农村'],
    notes: 'Semicolon-separated, UTF-8 with BOM, a title line, amounts written 1,200.00 without quotes. Before issue 11: 找不到身份证号列 and a hint to --map the whole header line.',
  });

  const tk = new RosterSheet('特困_竖线');
  tk.header(['乡镇', '村', '姓名', '身份证号', '供养方式']);
  const ts: [string, string, Person, string][] = [
    ['城南镇', '李庄村', P('郜老五', '男', '19420202'), '集中供养'],
    ['城南镇', '王营村', P('甄桂兰', '女', '19460909'), '分散供养'],
    ['东岗镇', '东岗村', P('邰德发', '男', '19500523'), '分散供养'],
  ];
  for (const [t, v, p, mode] of ts) tk.data([t, v, p.name, p.id, mode], [V(p, { township: t, village: v, support_mode: mode })]);
  // Pipes, a trailing pipe on every line (old system exports), GBK.
  const pipe = tk.rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))).join('|') + '|').join('\r\n') + '\r\n';
  const f2 = '特困_竖线.txt';
  fx.put(folder, f2, encodeText(pipe, 'gbk'));
  sc.files[f2] = expectation([tk], {
    file: f2, kind: 'tekun', format: 'csv', encoding: 'gb18030', delimiter: '|', text: true,
    notes: '|-separated with a trailing | on every line, GBK (a GBK character\'s second byte can be 0x7C, the | byte: the separator is judged on decoded text).',
  });
}
