// Writes the synthetic roster files under fixtures/<scenario>/ (the loader's real-world cases) and their expected.json oracles.
//
// Run: npx tsx scripts/make-fixtures.ts      (deterministic: same bytes on every run, no clock, no randomness)
// Every person is invented; every ID comes from scripts/lib/fixture-ids.ts with a valid GB 11643 check char.
// Each data row is written together with what a correct loader must make of it (scripts/lib/fixture-oracle.ts), so
// expected.json is computed from the same tables that produce the file (persons, skipped rows, ID statuses, row-level ids).
// test/fixtures/regenerate.test.ts checks that the committed fixtures/ are exactly what this writes.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { excelNumber, fullWidth, masked, spaced, typo } from './lib/fixture-ids.js';
import { Fixtures, type Person } from './lib/fixture-set.js';
import { hiddenSheets, mergedCells, stackedBlocks, totalsAnywhere } from './lib/layout-fixtures.js';
import { numeric18Digits, proxyColumns, semicolonPipe, townshipSources } from './lib/source-fixtures.js';
import { libreofficeSaved, xlsxSecondOpinion } from './lib/writer-fixtures.js';
import { RosterSheet, S, V, expectation, type IdStatus } from './lib/fixture-oracle.js';
import { isMain } from './lib/is-main.js';
import { biff8Buffer, csvText, encodeText, xlsxBuffer, type Cell, type Sheet } from './lib/write-workbooks.js';

const FIXED_DATE = new Date(Date.UTC(2024, 11, 2, 0, 0, 0)); // 2024-12-02, the "date made" of every workbook
const xlsx = (sheets: Sheet[]): Promise<Buffer> => xlsxBuffer(sheets, { creator: '某县民政局', date: FIXED_DATE });

const colLetter = (c: number): string => {
  let s = '';
  for (c = c + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};
/** What the loader stores for a 补贴类型 cell. */
const subsidyOf = (cell: string): string => (cell.includes('护理') ? '护理补贴' : '生活补贴');
const htmlEsc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ════════════════════════════ 1. system-export-xlsx ════════════════════════════

interface DibaoHousehold {
  t: string;
  v: string;
  area: string;
  head: Person;
  members: [Person, string][];
  covered: number;
  size: number;
  mode: string;
  cat: string;
  amount: Cell;
  start: Cell;
  startM: string;
  taper?: string;
  taperM?: string;
  status?: string;
}

async function systemExportXlsx(fx: Fixtures) {
  const { P, put } = fx;
  const sc = fx.scenario('system-export-xlsx', '低保信息系统导出的标准 xlsx：表头在第 1 行，一人一行，身份证号为文本，含停保、渐退户，月份和金额写法混杂。');
  const sh = new RosterSheet('低保对象');
  sh.header([
    '序号', '乡镇(街道)', '村(社区)', '户主姓名', '户主身份证号', '成员姓名', '成员身份证号', '与户主关系', '城乡类别',
    '保障人数', '家庭人口数', '施保方式', '保障类别', '月保障金额(元)', '最初享受月份', '渐退开始月份', '在保状态',
  ]);
  sh.textCols = new Set([4, 6]);
  sh.widths = [6, 12, 12, 10, 21, 10, 21, 10, 8, 8, 10, 8, 8, 14, 12, 12, 8];

  // household: township, village, area, head (listed or not), members [[person, relation]], covered, size, mode,
  //   category, amount cell, start cell, start month, taper cell, taper month, status
  const H: DibaoHousehold[] = [];
  const zjg = P('张建国', '男', '19580312');
  H.push({
    t: '城关镇', v: '东关村', area: '农村', head: zjg,
    members: [[zjg, '户主'], [P('王秀兰', '女', '19600821', { region: '410523' }), '配偶'], [P('张浩然', '男', '20120605'), '孙子']],
    covered: 3, size: 3, mode: '整户保', cat: '一类', amount: '1,200.00元', start: '2023.05', startM: '2023-05',
  });
  const lgf = P('李桂芳', '女', '19520117');
  H.push({
    t: '城关镇', v: '东关村', area: '农村', head: lgf,
    members: [[lgf, '户主'], [P('陈思雨', '女', '20090930'), '孙女']],
    covered: 2, size: 2, mode: '整户保', cat: '二类', amount: 860, start: '2023年5月', startM: '2023-05',
  });
  const lzq = P('刘志强', '男', '19750402');
  H.push({
    t: '城关镇', v: '西街社区', area: '城市', head: lzq,
    members: [[lzq, '户主'], [P('陈丽', '女', '19780715'), '配偶'], [P('刘子轩', '男', '20050118'), '儿子'], [P('刘欣怡', '女', '20100226'), '女儿']],
    covered: 4, size: 4, mode: '整户保', cat: '二类', amount: '1,560.00元', start: 202305, startM: '2023-05',
  });
  const zdm = P('赵德明', '男', '19680910'); // 户主, not covered himself: his son is a 单人保 case
  const zl = P('赵磊', '男', '19950503');
  H.push({
    t: '城关镇', v: '南关村', area: '农村', head: zdm,
    members: [[zl, '儿子']],
    covered: 1, size: 3, mode: '单人保', cat: '一类', amount: 420, start: { date: '2021-07-01', fmt: 'yyyy-mm-dd' }, startM: '2021-07',
  });
  const wjj = P('王建军', '男', '19630828');
  H.push({
    t: '城南镇', v: '李庄村', area: '农村', head: wjj,
    members: [[wjj, '户主'], [P('孙玉梅', '女', '19651103', { region: '410523' }), '配偶']],
    covered: 2, size: 2, mode: '整户保', cat: '三类', amount: '¥780.00', start: '2019-08', startM: '2019-08',
    taper: '2024年3月', taperM: '2024-03', status: '渐退',
  });
  const zgq = P('周国庆', '男', '19491001');
  H.push({
    t: '城南镇', v: '李庄村', area: '农村', head: zgq,
    members: [[zgq, '户主']],
    covered: 1, size: 1, mode: '整户保', cat: '一类', amount: 380, start: '2018/3/1', startM: '2018-03', status: '停保',
  });
  const wht = P('吴海涛', '男', '19820514');
  H.push({
    t: '城南镇', v: '王营村', area: '农村', head: wht,
    members: [[wht, '户主'], [P('郑淑珍', '女', '19550309'), '母亲'], [P('吴宇航', '男', '20080720'), '儿子'], [P('吴雨桐', '女', '20141111'), '女儿']],
    covered: 4, size: 5, mode: '整户保', cat: '二类', amount: 1480, start: '202107', startM: '2021-07',
  });
  const slj = P('孙丽娟', '女', '19700622');
  H.push({
    t: '城南镇', v: '王营村', area: '农村', head: slj,
    members: [[slj, '户主'], [P('马俊杰', '男', '19980204'), '儿子'], [P('马晓雪', '女', '20011208'), '女儿']],
    covered: 3, size: 3, mode: '整户保', cat: '三类', amount: '1,050元', start: { num: 2022.1, fmt: '0.00' }, startM: '2022-10',
  });

  let n = 0;
  for (const h of H) {
    for (const [p, rel] of h.members) {
      n++;
      sh.data(
        [n, h.t, h.v, h.head.name, h.head.id, p.name, p.id, rel, h.area, h.covered, h.size, h.mode, h.cat, h.amount, h.start, h.taper ?? null, h.status ?? '在保'],
        [V(p, {
          township: h.t, village: h.v, head_id_number: h.head.id, relation: rel,
          start_month: h.startM, taper_start: h.taperM ?? null, roster_status: h.status ?? '在保',
        })],
      );
    }
  }
  const file = 'dibao_2024-11.xlsx';
  put('system-export-xlsx', file, await xlsx([sh]));
  sc.files[file] = expectation([sh], {
    file, kind: 'dibao', format: 'xlsx',
    notes:
      '一人一行的系统导出。户主身份证号列 ≠ 成员身份证号列：人员 ID 取“成员身份证号”（成员身份证号 is an id_number alias; 户主身份证号 is head_id_number）。' +
      '南关村赵德明户为单人保：户主本人不在册，只有儿子赵磊一行（保障人数1/家庭人口数3）。王营村吴海涛户保障人数4<家庭人口数5（部分成员纳入）。' +
      '李庄村周国庆“停保”（stored, inactive）；王建军户“渐退”，渐退开始月份 2024年3月（P=2024-11, N=6 → 渐退期满）。' +
      '最初享受月份 forms by household: "2023.05" text, "2023年5月" text, 202305 number, Excel date cell 2021-07-01, "2019-08", "2018/3/1", "202107" text, ' +
      'and a number 2022.1 formatted 0.00 (displays "2022.10" → 2022-10). 月保障金额: "1,200.00元", 860, "1,560.00元", 420, "¥780.00", 380, 1480, "1,050元" (household amount repeated on each member row).',
  });
  return { zl, zgq, wjj, zsz: H[6]!.members[1]![0], mjj: H[7]!.members[1]![0], lzq };
}

// ════════════════════════════ 2. handmade-xls ════════════════════════════

function handmadeXls(fx: Fixtures) {
  const { P, put } = fx;
  const sc = fx.scenario('handmade-xls', '乡镇手工制作的 .xls（BIFF8）花名册：标题行、填报单位行、两行合并表头、一户一行的“姓名/身份证号”成对列、小计/合计、空行、落款，身份证号被弄坏多种样子。');
  const sh = new RosterSheet('Sheet1');
  const W = 14;
  sh.title(['某县2024年11月农村低保对象花名册']);
  sh.title(['填报单位：城关镇民政所    日期：2024年12月2日']);
  sh.header(['序号', '乡镇', '村', '户主姓名', '户主身份证号', '家庭人口', '保障人数', '家庭成员情况', null, null, null, null, null, '月保障金额']);
  sh.header([null, null, null, null, null, null, null, '姓名', '身份证号', '姓名', '身份证号', '姓名', '身份证号', null]);
  sh.merges.push('A1:N1', 'A2:N2', 'H3:M3');
  for (const c of [0, 1, 2, 3, 4, 5, 6, 13]) sh.merges.push(`${colLetter(c)}3:${colLetter(c)}4`);
  sh.widths = [5, 8, 8, 9, 21, 6, 6, 8, 21, 8, 21, 8, 21, 9];

  const T = '城关镇';
  // Each family: village, members [[person, raw cell, status]], amount. First member is the 户主.
  const gyf = P('高永福', '男', '19560419', { check: 'X' });
  const lqy = P('林巧云', '女', '19720908', { check: 'digit' });
  const lyl = P('罗玉兰', '女', '19480915', { legacy15: true });
  const sgx = P('宋桂香', '女', '19680512');
  const tj = P('唐俊', '男', '20070402', { check: 'X' });
  const fams: { v: string; amount: number; m: [Person, Cell?, IdStatus?][] }[] = [
    { v: '南关村', amount: 760, m: [[gyf, gyf.id.toLowerCase(), 'valid'], [P('何翠英', '女', '19581030')]] },
    { v: '南关村', amount: 420, m: [[P('马春生', '男', '19610725')]] },
    { v: '南关村', amount: 1080, m: [[P('郭长青', '男', '19700316')], [lqy, excelNumber(lqy.id), 'truncated'], [P('郭文博', '男', '20010611')]] },
    { v: '南关村', amount: 420, m: [[lyl, lyl.id15, 'upgraded']] },
    { v: '北关村', amount: 1050, m: [[P('梁国栋', '男', '19660227')], [sgx, spaced(sgx.id), 'valid'], [P('梁晓燕', '女', '19950819')]] },
    { v: '北关村', amount: 700, m: [[P('韩秀英', '女', '19400613')], [tj, fullWidth(tj.id), 'valid']] },
    { v: '北关村', amount: 380, m: [[P('谢明亮', '男', '19790930')]] },
  ];
  let seq = 0;
  const total = { size: 0, amount: 0 };
  let vil = { size: 0, amount: 0 };
  fams.forEach((f, i) => {
    seq++;
    const head = f.m[0]!;
    const headRaw = head[1] ?? head[0].id;
    const row: Cell[] = [seq, T, f.v, head[0].name, headRaw, f.m.length, f.m.length];
    f.m.forEach(([p, raw]) => row.push(p.name, raw ?? p.id));
    while (row.length < W - 1) row.push(null);
    row.push(f.amount);
    sh.data(row, f.m.map(([p, , st], k) => S(p, st ?? 'valid', { member: f.m.length > 1 ? k + 1 : 0, township: T, village: f.v })));
    vil.size += f.m.length;
    vil.amount += f.amount;
    const next = fams[i + 1];
    if (!next || next.v !== f.v) {
      const r = sh.subtotal(['小计', null, null, null, null, vil.size, vil.size, null, null, null, null, null, null, vil.amount]);
      sh.merges.push(`A${r}:E${r}`);
      total.size += vil.size;
      total.amount += vil.amount;
      vil = { size: 0, amount: 0 };
      if (next) sh.blank();
    }
  });
  let r = sh.subtotal(['合计', null, null, null, null, total.size, total.size, null, null, null, null, null, null, total.amount]);
  sh.merges.push(`A${r}:E${r}`);
  r = sh.footer(['填报人：张某某    审核人：李某某    （盖章）']);
  sh.merges.push(`A${r}:N${r}`);
  r = sh.footer(['填报日期：2024年12月2日']);
  sh.merges.push(`A${r}:N${r}`);

  const file = '某县2024年11月农村低保花名册.xls';
  put('handmade-xls', file, biff8Buffer([sh]));
  sc.files[file] = expectation([sh], {
    file, kind: 'dibao', format: 'xls',
    notes:
      'Rows 1–2 are titles (not counted). Two-row header: row 3 holds 序号…保障人数 and 月保障金额 (each merged A3:A4 … G3:G4, N3:N4) and 家庭成员情况 merged H3:M3; ' +
      'row 4 holds 姓名/身份证号 ×3 under it. Wide household rows: unpivot the pairs, member 1 is the 户主 (also in 户主身份证号, not a second person). ' +
      'No 城乡类别 column: area comes from the file (title says 农村; --area 农村). 小计 rows 9 and 14, 合计 row 15 (text in A, merged A:E), blank row 10, footers rows 16–17. ' +
      'IDs: 高永福 lowercase x (head: both columns), 林巧云 a numeric cell (Excel kept 15 digits: ' + excelNumber(lqy.id) + ' → truncated), ' +
      '罗玉兰 15-digit legacy text ' + lyl.id15 + ' (head: both columns) → upgraded ' + lyl.id + ', 宋桂香 with spaces, 唐俊 full-width digits ending in Ｘ.',
  });
  return { gyf };
}

// ════════════════════════════ 3. wps-et ════════════════════════════

function wpsEt(fx: Fixtures) {
  const { P, put } = fx;
  const sc = fx.scenario('wps-et', 'WPS 表格保存的 .et 特困人员名单（与 .xls 相同的 OLE2/BIFF8 容器），标题行在表头上方。');
  const sh = new RosterSheet('特困人员');
  sh.title(['某县特困供养人员名单（2024年11月）']);
  sh.merges.push('A1:J1');
  sh.header(['乡镇', '村(社区)', '姓名', '公民身份号码', '户籍类型', '供养方式', '生活自理能力', '在校状况', '最初享受月份', '状态']);
  sh.widths = [8, 10, 8, 21, 8, 10, 12, 10, 12, 6];
  const jds = P('蒋德胜', '男', '19550619');
  const sxz = P('沈秀芝', '女', '19470214');
  // person, township, village, area, mode, care, school, start cell, status, start month, ID cell override, ID status
  type Row = [Person, string, string, string, string, string, string, Cell, string, string, string?, IdStatus?];
  const rows: Row[] = [
    [P('冯长顺', '男', '19440326'), '城南镇', '李庄村', '农村', '分散供养', '具备生活自理能力', '非在校生', '2015.06', '在保', '2015-06'],
    [P('曹玉珍', '女', '19500907'), '城南镇', '李庄村', '农村', '集中供养', '部分丧失生活自理能力', '非在校生', '2016年1月', '在保', '2016-01'],
    [P('彭小军', '男', '20060315'), '城南镇', '王营村', '农村', '分散供养', '具备生活自理能力', '非在校生', '201609', '在保', '2016-09'],
    [P('董国华', '男', '19751120'), '城南镇', '王营村', '农村', '分散供养', '具备生活自理能力', '非在校生', '2020-04', '在保', '2020-04'],
    [P('袁桂兰', '女', '19380129'), '河口乡', '河口村', '农村', '集中供养', '完全丧失生活自理能力', '非在校生', { date: '2012-03-01', fmt: 'yyyy"年"m"月"' }, '在保', '2012-03'],
    [P('潘思远', '男', '20080817'), '河口乡', '河口村', '农村', '分散供养', '具备生活自理能力', '义务教育', '2019.11', '在保', '2019-11'],
    [jds, '河口乡', '柳林村', '农村', '分散供养', '具备生活自理能力', '非在校生', '2017.3', '退出', '2017-03', typo(jds.id), 'bad_checksum'],
    [sxz, '河口乡', '柳林村', '城市', '分散供养', '部分丧失生活自理能力', '非在校生', '2014年12月', '在保', '2014-12'],
  ];
  for (const [p, t, v, area, mode, care, school, start, status, startM, raw, st] of rows) {
    sh.data([t, v, p.name, raw ?? p.id, area, mode, care, school, start, status], [S(p, st ?? 'valid', { township: t, village: v, start_month: startM, roster_status: status })]);
  }
  const file = '特困人员名单.et';
  put('wps-et', file, biff8Buffer([sh]));
  sc.files[file] = expectation([sh], {
    file, kind: 'tekun', format: 'et',
    notes:
      'OLE2 (D0 CF 11 E0) BIFF8 bytes under a .et name: sniff, do not trust the extension. Title row 1 (merged A1:J1). ' +
      '蒋德胜 ID has two sequence digits swapped (' + typo(jds.id) + ') → bad_checksum; his 状态 is 退出 (inactive). ' +
      '彭小军 born 2006-03-15, started 2016-09, 非在校生 (特困未成年人年满18周岁 case). 袁桂兰 最初享受月份 is a date cell formatted yyyy"年"m"月". ' +
      '"2017.3" is March (text). 沈秀芝 also appears in csv-utf8-bom (died 2024-10-05).',
  });
  return { sxz };
}

// ════════════════════════════ 4. html-as-xls, tab-as-xls ════════════════════════════

function htmlAndTab(fx: Fixtures, shared: { zl: Person }) {
  const { P, put } = fx;
  const sc = fx.scenario('html-as-xls', '网页系统导出的“.xls”实为 GBK 编码的 HTML 表格（残疾人名单），须嗅探文件头而非相信扩展名。');
  const sh = new RosterSheet('导出数据');
  sh.header(['姓名', '身份证号', '残疾人证号', '残疾类别', '残疾等级', '乡镇', '村']);
  const xlp = P('许丽萍', '女', '19850117');
  // person, category, grade, certificate digits, township, village, ID cell as the HTML has it
  const people: [Person, string, string, string, string, string, string?][] = [
    [shared.zl, '肢体', '一级', '41', '城关镇', '南关村'],
    [P('邓志明', '男', '19720814'), '视力', '二级', '12', '城关镇', '东关村'],
    [xlp, '听力', '三级', '23', '城南镇', '李庄村', `${xlp.id}&nbsp;`],
    [P('朱大海', '男', '19601205'), '精神', '二级', '62', '城南镇', '王营村'],
    [P('严桂珍', '女', '19530321'), '多重', '一级', '71', '河口乡', '河口村'],
    [P('程晨', '男', '20100708'), '智力', '三级', '53', '河口乡', '柳林村'],
  ];
  const html: string[][] = [];
  for (const [p, cat, grade, digits, t, v, rawHtml] of people) {
    const cert = p.id + digits + (p.name === '严桂珍' ? 'B1' : '');
    sh.data([p.name, rawHtml ?? p.id, cert, cat, grade, t, v], [V(p, { township: t, village: v, cert_number: cert })]);
    html.push([p.name, rawHtml ?? p.id, cert, cat, grade, t, v]);
  }
  const td = (s: string, i: number): string => (i === 1 || i === 2 ? `<td style="vnd.ms-excel.numberformat:@">${s}</td>` : `<td>${htmlEsc(s)}</td>`);
  const doc =
    '<html xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n<head>\r\n' +
    '<meta http-equiv="Content-Type" content="text/html; charset=gbk">\r\n<title>导出数据</title>\r\n</head>\r\n<body>\r\n' +
    '<table border="1" cellspacing="0" cellpadding="2">\r\n' +
    '<tr>' + sh.rows[0].map((h) => `<th>${h}</th>`).join('') + '</tr>\r\n' +
    html.map((r) => '<tr>' + r.map(td).join('') + '</tr>').join('\r\n') +
    '\r\n</table>\r\n</body>\r\n</html>\r\n';
  const file = '导出数据.xls';
  put('html-as-xls', file, encodeText(doc, 'gbk'));
  sc.files[file] = expectation([sh], {
    file, kind: 'canji', format: 'html', encoding: 'gb18030', sheet: null, text: true,
    notes:
      'Starts with "<html": an HTML table, not BIFF. GBK bytes, declared by <meta … charset=gbk> (decode as GB18030, a superset). ' +
      'Row numbers = <tr> order (header = 1). 许丽萍 ID cell ends with &nbsp; (entity → U+00A0, strip it) → valid. ' +
      '严桂珍 残疾人证号 has a B1 suffix (22 chars). 赵磊 is the 单人保 member of system-export-xlsx.',
  });

  const sc2 = fx.scenario('tab-as-xls', '“.xls”实为 GBK 编码的制表符分隔文本（两项补贴发放名单）。');
  const t = new RosterSheet('名单');
  t.header(['乡镇', '姓名', '身份证号码', '残疾人证号', '补贴类型', '发放金额']);
  const byName = Object.fromEntries(people.map((x) => [x[0].name, x]));
  const L = [
    ['赵磊', '重度残疾人护理补贴', '90.00'],
    ['朱大海', '重度残疾人护理补贴', '90.00'],
    ['严桂珍', '重度残疾人护理补贴', '90.00'],
    ['许丽萍', '困难残疾人生活补贴', '80.00'],
    ['程晨', '困难残疾人生活补贴', '80.00'],
    ['邓志明', '困难残疾人生活补贴', '80.00'],
  ];
  for (const [nm, type, amt] of L) {
    const [p, , , digits, tw] = byName[nm]!;
    const cert = p.id + digits;
    t.data([tw, p.name, p.id, cert, type, amt], [V(p, { township: tw, subsidy_type: subsidyOf(type) })]);
  }
  const file2 = '名单.xls';
  const text = csvText(t, '\t');
  put('tab-as-xls', file2, encodeText(text, 'gbk'));
  sc2.files[file2] = expectation([t], {
    file: file2, kind: 'liangbu', format: 'tsv', encoding: 'gb18030', sheet: null, text: true,
    notes: 'Plain text, tab-separated, GBK (not valid UTF-8), CRLF line ends, header on line 1, no quoting. The people are those of html-as-xls.',
  });
}

// ════════════════════════════ 5. CSVs ════════════════════════════

function csvs(fx: Fixtures, shared: { sxz: Person; zgq: Person; zsz: Person }) {
  const { P, put } = fx;
  // 5a. GBK dibao list
  const sc = fx.scenario('csv-gbk', 'GBK 编码的低保名单 CSV（Excel“另存为 CSV”），身份证号有 ="…" 包裹、前导单引号、科学计数法、脱敏等写法。');
  const sh = new RosterSheet('低保名单_gbk');
  sh.header(['序号', '乡镇', '村', '户主姓名', '姓名', '身份证号码', '与户主关系', '城乡类别', '保障人数', '家庭人口', '施保方式', '月保障金额', '享受日期', '状态']);
  const tsr = P('田守仁', '男', '19570211');
  const hlx = P('韩立新', '男', '19760605');
  const mcj = P('苗长江', '男', '19660808');
  const hym = P('贺玉梅', '女', '19480505');
  const sciMcj = `${(+mcj.id.slice(0, 6) / 1e5).toFixed(5)}E+17`;
  // township, village, 户主, members [[person, relation, ID cell override, ID status]], amount, start
  const H: [string, string, Person, [Person, string, Cell?, IdStatus?][], string, string][] = [
    ['河口乡', '河口村', tsr, [[tsr, '户主', { raw: `="${tsr.id}"` }, 'valid'], [P('罗秀英', '女', '19590918'), '配偶']], '1,200.00', '2020.03'],
    ['河口乡', '河口村', hlx, [[hlx, '户主', `'${hlx.id}`, 'valid'], [P('周小燕', '女', '19790421'), '配偶'], [P('韩佳怡', '女', '20060115'), '女儿']], '1,560.00', '2021年9月'],
    ['河口乡', '柳林村', mcj, [[mcj, '户主', sciMcj, 'truncated'], [P('苗雨涵', '女', '20120930'), '女儿']], '860.00', '202207'],
    ['河口乡', '柳林村', hym, [[hym, '户主', masked(hym.id), 'masked']], '420.00', '2016-05'],
  ];
  const dzp = P('戴国平', '男', '19830719');
  H.push(['河口乡', '柳林村', dzp, [[dzp, '户主'], [P('戴子墨', '男', '20150301'), '儿子']], '780.00', '2023/6/1']);
  let n = 0;
  for (const [t, v, head, members, amount, start] of H) {
    for (const [p, rel, raw, st] of members) {
      n++;
      sh.data(
        [n, t, v, head.name, p.name, raw ?? p.id, rel, '农村', members.length, members.length, '整户保', amount, start, '正常'],
        [S(p, st ?? 'valid', { township: t, village: v })],
      );
    }
  }
  const file = '低保名单_gbk.csv';
  const text = csvText(sh);
  put('csv-gbk', file, encodeText(text, 'gbk'));
  sc.files[file] = expectation([sh], {
    file, kind: 'dibao', format: 'csv', encoding: 'gb18030', sheet: null, text: true,
    notes:
      'GBK, no BOM, not valid UTF-8 → GB18030. CRLF. 月保障金额 with thousands separators is CSV-quoted ("1,200.00"). ' +
      `田守仁's ID is written bare as ="${tsr.id}" (unquoted field containing quotes: parse with relaxed quotes, then unwrap). ` +
      `韩立新 has a leading apostrophe. 苗长江 is "${sciMcj}" → truncated. 贺玉梅 is "${masked(hym.id)}" → masked. ` +
      '状态 "正常" means active. No 户主身份证号 column (case from 户主姓名 only).',
  });

  // 5b. GB18030 tekun list with a name outside GBK
  const sc2 = fx.scenario('csv-gb18030-rare', 'GB18030 编码的特困名单 CSV，含 GBK 以外的生僻字姓名（王𠀀），须按 GB18030 解码。');
  const t = new RosterSheet('特困_gb18030');
  t.header(['乡镇', '村', '姓名', '身份证号', '供养方式', '生活自理能力', '最初享受月份']);
  const mfr = P('孟繁荣', '男', '19460618');
  const rare: [Person, string, string, string, string, string, string?][] = [
    [P('王𠀀', '男', '19520303'), '河口乡', '河口村', '分散供养', '全自理', '2016.04'],
    [mfr, '河口乡', '河口村', '集中供养', '半护理', '2013年7月', `'${mfr.id}`],
    [P('秦月娥', '女', '19410909'), '河口乡', '柳林村', '集中供养', '全护理', '2011-12'],
    [P('柴小宝', '男', '20090412'), '城南镇', '李庄村', '分散供养', '全自理', '201805'],
    [P('温德厚', '男', '19680125'), '城南镇', '王营村', '分散供养', '全自理', '2021/1/1'],
  ];
  for (const [p, tw, v, mode, care, start, raw] of rare) {
    t.data([tw, v, p.name, raw ?? p.id, mode, care, start], [V(p, { township: tw, village: v })]);
  }
  const file2 = '特困_gb18030.csv';
  const text2 = csvText(t);
  const bytes2 = encodeText(text2, 'gb18030');
  if (iconv.decode(iconv.encode('𠀀', 'gbk'), 'gbk') === '𠀀') throw new Error('𠀀 should be outside GBK');
  put('csv-gb18030-rare', file2, bytes2);
  sc2.files[file2] = expectation([t], {
    file: file2, kind: 'tekun', format: 'csv', encoding: 'gb18030', sheet: null, text: true,
    notes: 'GB18030, no BOM, CRLF. 王𠀀 (U+20000) is the 4-byte sequence 95 32 82 36: a GBK-only decoder loses it. 孟繁荣 ID has a leading apostrophe. No 户籍类型 column.',
  });

  // 5c. UTF-8 BOM death list
  const sc3 = fx.scenario('csv-utf8-bom', 'UTF-8（带 BOM）的死亡人员名单 CSV，死亡日期写法混杂，有一行无日期。');
  const d = new RosterSheet('死亡人员_utf8bom');
  d.header(['姓名', '身份证号', '死亡日期', '数据来源']);
  const lfh = P('龙福海', '男', '19370707');
  const sgl = P('石桂兰', '女', '19420220');
  // person, 死亡日期 as written, source, the date a loader must read (ISO), ID cell override
  const deaths: [Person, string, string, string | null, Cell?][] = [
    [shared.sxz, '2024-10-05', '殡葬', '2024-10-05'],
    [shared.zgq, '2024/9/18', '公安', '2024-09-18'],
    [shared.zsz, '', '卫健', null],
    [lfh, '2024年8月3日', '医保', '2024-08-03', { raw: `="${lfh.id}"` }],
    [sgl, '20240712', '殡葬', '2024-07-12', `'${sgl.id}`],
    [P('葛长有', '男', '19501111'), '2024.06.30', '公安', '2024-06-30'],
  ];
  for (const [p, date, src, iso, raw] of deaths) {
    d.data([p.name, raw ?? p.id, date, src], [V(p, { death_date: iso, source: src })]);
  }
  const file3 = '死亡人员_utf8bom.csv';
  put('csv-utf8-bom', file3, encodeText(csvText(d), 'utf-8-bom'));
  sc3.files[file3] = expectation([d], {
    file: file3, kind: 'death', format: 'csv', encoding: 'utf-8-bom', sheet: null, text: true,
    notes:
      'EF BB BF then UTF-8, CRLF. 死亡日期: "2024-10-05", "2024/9/18", empty (郑淑珍: no date, still counts for 死亡人员仍在册), "2024年8月3日", "20240712", "2024.06.30". ' +
      '龙福海 ID is a bare ="…"; 石桂兰 has a leading apostrophe. Overlaps: 沈秀芝 (wps-et, 在保), 周国庆 (system-export-xlsx, 停保), 郑淑珍 (system-export-xlsx, 在保).',
  });
}

// ════════════════════════════ 6. canji-instructions-sheet ════════════════════════════

async function canjiInstructions(fx: Fixtures, shared: { zl: Person }) {
  const { P, put } = fx;
  const sc = fx.scenario('canji-instructions-sheet', '残联名单：第一个工作表是“填表说明”，数据在第二个工作表；一人两证、身份证号为空靠残疾人证号推出、身份证号列填了20位残疾人证号、等级与证号不符。');
  const info = new RosterSheet('填表说明');
  for (const line of [
    '填表说明',
    '1. 本表由各乡镇（街道）残联专职委员填写，村（社区）残协专职委员协助核实。',
    '2. 身份证号、残疾人证号请设置为文本格式，不得使用科学计数法。',
    '3. 残疾类别：视力、听力、言语、肢体、智力、精神、多重；残疾等级：一级至四级。',
    '4. 一人持有多个残疾人证的，每证填写一行。',
    '5. 请于每月5日前将本表报送县残联康复部，联系电话：0372-0000000。',
  ]) info.title([line]);
  info.widths = [80];

  const sh = new RosterSheet('残疾人信息');
  sh.title(['某县持证残疾人信息表（2024年11月）']);
  sh.merges.push('A1:I1');
  sh.header(['序号', '乡镇(街道)', '村（社区）', '姓名', '身份证号', '残疾人证号', '残疾类别', '残疾等级', '联系电话']);
  sh.textCols = new Set([4, 5, 8]);
  sh.widths = [6, 10, 10, 8, 21, 24, 8, 8, 13];
  const dhb = P('段海波', '男', '19880315');
  // person, township, village, cert digits, category cell, grade cell, id cell override, note fields
  const R: [Person, string, string, string, string, string, (string | null)?, Record<string, unknown>?][] = [
    [P('袁志刚', '男', '19700202'), '城关镇', '东关村', '41', '肢体', '一级'],
    [P('方淑华', '女', '19660918'), '城关镇', '东关村', '52', '智力', '二级', '', { id_derived_from_cert: true }],
    [shared.zl, '城关镇', '南关村', '41', '肢体', '一级', 'CERT', { id_column_holds_cert: true }],
    [dhb, '城关镇', '南关村', '42', '肢体', '二级'],
    [dhb, '城关镇', '南关村', '13', '视力', '三级'],
    [P('雷春花', '女', '19730605'), '城南镇', '李庄村', '23', '听力', '二级', null, { grade_disagrees_with_cert: true }],
    [P('贾永军', '男', '19591021'), '城南镇', '李庄村', '62B1', '精神', '2级'],
    [P('夏红梅', '女', '19910414'), '城南镇', '王营村', '34', '言语', '4'],
    [P('付宝成', '男', '19450830'), '河口乡', '河口村', '71', '多重', '1级'],
    [P('邹晓东', '男', '20030109'), '河口乡', '柳林村', '53', '5', '三级'],
    [P('吕凤英', '女', '19570726'), '河口乡', '柳林村', '63', '精神', '三级'],
  ];
  R.forEach(([p, t, v, digits, cat, grade, idCell, extra], i) => {
    const cert = p.id + digits;
    const idRaw = idCell === 'CERT' ? cert : idCell === '' ? null : p.id;
    sh.data(
      [i + 1, t, v, p.name, idRaw, cert, cat, grade, `1380000${String(10001 + i).slice(1)}`],
      [V(p, { township: t, village: v, cert_number: cert, ...(extra ?? {}) })],
    );
  });
  const file = '残疾人名单.xlsx';
  put('canji-instructions-sheet', file, await xlsx([info, sh]));
  const e = expectation([sh], {
    file, kind: 'canji', format: 'xlsx', sheet: '残疾人信息', distinctIds: 10,
    notes:
      'Sheet 1 填表说明 is text only (no table): skip it. Data on sheet 残疾人信息: title row 1 (merged A1:I1), header row 2. ' +
      '11 rows, 10 people: 段海波 has two rows (certs …42 肢体二级 and …13 视力三级; most severe grade = 2). ' +
      '方淑华 ID cell empty → id from the first 18 chars of 残疾人证号 (valid). 赵磊 ID column holds his 20-char 残疾人证号 (valid, id = first 18). ' +
      '雷春花 残疾等级 column says 二级 but her cert ends 23 (听力三级): flag the disagreement. 贾永军 cert has a B1 suffix (22 chars). ' +
      'Grades written 一级/二级/三级/2级/4/1级; 邹晓东 残疾类别 is the digit "5" (智力).',
  });
  sc.files[file] = e;
}

// ════════════════════════════ 7. township-sheets ════════════════════════════

async function townshipSheets(fx: Fixtures) {
  const { P, put } = fx;
  const sc = fx.scenario('township-sheets', '防返贫监测对象：一个乡镇一个工作表（工作表名即乡镇，无乡镇列）；河口乡表的身份证号被存成数字。');
  const header = ['户编号', '人编号', '姓名', '证件号码', '与户主关系', '户类型', '监测对象类别', '劳动技能', '健康状况', '在校生状况', '风险是否消除', '风险识别时间', '风险消除时间', '是否享受低保', '是否特困供养人员', '村'];
  const mk = (name: string): RosterSheet => {
    const s = new RosterSheet(name);
    s.header(header);
    s.textCols = new Set([0, 1, 3]);
    s.widths = [18, 20, 8, 21, 8, 8, 14, 16, 8, 10, 8, 10, 10, 8, 10, 10];
    return s;
  };
  const add = (
    s: RosterSheet, hh: string, no: number, p: Person, rel: string, htype: string, mtype: string, labor: string, health: string, school: string,
    cleared: string, idt: Cell, cdt: string, fd: string, ft: string, village: string, idCell?: Cell, st?: IdStatus,
  ): void => {
    const pno = `${hh}${String(no).padStart(2, '0')}`;
    s.data([hh, pno, p.name, idCell ?? p.id, rel, htype, mtype, labor, health, school, cleared, idt, cdt, fd, ft, village], [S(p, st ?? 'valid', { township: s.name, village, household_id: hh })]);
  };

  const cg = mk('城关镇');
  const HA = '4105221010010001', HB = '4105221010020007';
  add(cg, HA, 1, P('石永刚', '男', '19650317'), '户主', '监测户', '突发严重困难户', '丧失劳动力', '长期慢性病', '非在校生', '是', '2022-03', '2023-09', '否', '否', '东关村');
  add(cg, HA, 2, P('林秋菊', '女', '19670822'), '配偶', '监测户', '突发严重困难户', '丧失劳动力', '残疾', '非在校生', '是', '2022-03', '2023-09', '否', '否', '东关村');
  add(cg, HA, 3, P('石明', '男', '19900110'), '之子', '监测户', '突发严重困难户', '无劳动力', '患有大病', '非在校生', '是', '2022-03', '2023-09', '否', '否', '东关村');
  add(cg, HB, 1, P('胡春来', '男', '19720909'), '户主', '脱贫户', '', '普通劳动力', '健康', '非在校生', '', '', '', '否', '否', '西街社区');

  const cn = mk('城南镇');
  const HC = '4105221020010012', HD = '4105221020030004';
  add(cn, HC, 1, P('杜长海', '男', '19580505'), '户主', '监测户', '边缘易致贫户', '弱劳动力或半劳动力', '长期慢性病', '非在校生', '是', { date: '2024-06-01', fmt: 'yyyy-mm' }, '202409', '否', '否', '李庄村');
  add(cn, HC, 2, P('江美华', '女', '19600707'), '配偶', '监测户', '边缘易致贫户', '弱劳动力或半劳动力', '健康', '非在校生', '是', { date: '2024-06-01', fmt: 'yyyy-mm' }, '202409', '否', '否', '李庄村');
  add(cn, HD, 1, P('马红旗', '男', '19790101'), '户主', '脱贫户', '脱贫不稳定户', '普通劳动力', '健康', '非在校生', '否', '2023.08', '', '否', '否', '王营村');
  add(cn, HD, 2, P('马欣然', '女', '20050505'), '之女', '脱贫户', '脱贫不稳定户', '无劳动力', '健康', '普通高中', '否', '2023.08', '', '否', '否', '王营村');

  const hk = mk('河口乡');
  const HE = '4105221030010021';
  const jdy = P('金大勇', '男', '19850715', { check: 'digit' });
  const bxy = P('白秀云', '女', '19870322', { check: 'digit' });
  const tgz = P('田桂芝', '女', '19500214', { legacy15: true });
  add(hk, HE, 1, jdy, '户主', '脱贫户', '', '普通劳动力', '健康', '非在校生', '', '', '', '是', '否', '河口村', excelNumber(jdy.id), 'truncated');
  add(hk, HE, 2, bxy, '配偶', '脱贫户', '', '普通劳动力', '健康', '非在校生', '', '', '', '是', '否', '河口村', Number(bxy.id), 'truncated');
  add(hk, HE, 3, tgz, '之母', '脱贫户', '', '丧失劳动力', '长期慢性病', '非在校生', '', '', '', '是', '否', '河口村', Number(tgz.id15), 'upgraded');
  add(hk, HE, 4, P('金小龙', '男', '20030818'), '之子', '脱贫户', '', '技能劳动力', '健康', '非在校生', '', '', '', '是', '否', '河口村');

  const file = '防返贫监测对象.xlsx';
  put('township-sheets', file, await xlsx([cg, cn, hk]));
  sc.files[file] = expectation([cg, cn, hk], {
    file, kind: 'fangpin', format: 'xlsx', sheet: null, townshipFromSheetName: true,
    notes:
      'Three sheets 城关镇/城南镇/河口乡 with the same header on row 1 and no 乡镇 column: the township of every row is its sheet name. ' +
      `河口乡 IDs are numeric cells: 金大勇 ${excelNumber(jdy.id)} (what Excel keeps) and 白秀云 ${Number(bxy.id)} (the double of the full ID, as a program writes it) → both truncated; ` +
      `田桂芝 ${tgz.id15} is a 15-digit number (exact) → upgraded ${tgz.id}; 金小龙 is text. 金大勇's full ID (${jdy.id}) is in kinds/dibao.xlsx (repair candidate: same first 15 digits and name). ` +
      '户编号/人编号 are long digit strings stored as text: they are not IDs. 城关镇 household ' + HA + ': all members 丧失劳动力/无劳动力 and 风险是否消除=是. ' +
      '城南镇 household ' + HC + ': identified 2024-06 (date cell, yyyy-mm), cleared "202409" (3 months).',
  });
  return { jdy };
}

// ════════════════════════════ 8. member-cell ════════════════════════════

async function memberCell(fx: Fixtures) {
  const { P, put } = fx;
  const sc = fx.scenario('member-cell', '低保家庭名单：一户一行，全部家庭成员姓名和身份证号各写在一个单元格里（顿号、逗号或换行分隔）。');
  const sh = new RosterSheet('低保家庭');
  sh.header(['乡镇', '村', '户主姓名', '户主身份证号', '家庭成员姓名', '家庭成员身份证号', '保障人数']);
  sh.textCols = new Set([3, 5]);
  sh.widths = [8, 8, 8, 21, 24, 42, 8];
  const ldc = P('鲁德才', '男', '19600405');
  const jhy = P('姜海燕', '女', '19800228');
  const cyf = P('崔永福', '男', '19550512');
  const kst = P('康守田', '男', '19440801');
  const HH: [string, string, Person, Person[], string, string][] = [
    ['城关镇', '东关村', ldc, [ldc, P('余秀珍', '女', '19620613'), P('鲁小五', '男', '20100909')], '、', '、'],
    ['城关镇', '南关村', jhy, [jhy, P('施雨萱', '女', '20081014')], '、', ','],
    ['河口乡', '河口村', cyf, [cyf, P('崔建华', '男', '19800620'), P('潘桂英', '女', '19820311'), P('崔梦瑶', '女', '20090506')], '\n', '\n'],
    ['河口乡', '柳林村', kst, [kst], '、', '、'],
  ];
  for (const [t, v, head, ms, nameSep, idSep] of HH) {
    sh.data(
      [t, v, head.name, head.id, ms.map((m) => m.name).join(nameSep), ms.map((m) => m.id).join(idSep), ms.length],
      ms.map((m, k) => V(m, { member: ms.length > 1 ? k + 1 : 0, township: t, village: v, head_id_number: head.id })),
    );
  }
  const file = '低保家庭.xlsx';
  put('member-cell', file, await xlsx([sh]));
  sc.files[file] = expectation([sh], {
    file, kind: 'dibao', format: 'xlsx',
    notes:
      'One row per household; 家庭成员姓名 / 家庭成员身份证号 hold all members (户主 listed first, so the 户主 columns are not an extra person). ' +
      'Separators: 鲁德才户 "、" in both cells; 姜海燕户 names "、" but IDs ","; 崔永福户 line breaks in both (wrapped cells); 康守田户 a single member. ' +
      'Pair names and IDs by position. No 城乡类别 column.',
  });
}

// ════════════════════════════ 9. kinds ════════════════════════════

async function kinds(fx: Fixtures, shared: { jdy: Person }) {
  const { P, put } = fx;
  const sc = fx.scenario('kinds', '每类名单各一个干净的小文件（低保、特困、防返贫、残疾人、两项补贴、死亡、外部核对名单），人员有意交叉，供规则测试使用。');
  const K = {
    chen: P('陈守义', '男', '19500612'),
    yang: P('杨淑芬', '女', '19620909'),
    he: P('何建业', '男', '19800321'),
    huang: P('黄美玲', '女', '19830516', { region: '410523' }),
    hezh: P('何子豪', '男', '20100927'),
    wei: P('韦国强', '男', '19581212'),
    su: P('苏晓梅', '女', '19900430'),
    fan: P('范德福', '男', '19700808'),
    hou: P('侯佳琪', '女', '20060523'),
    deng: P('邓玉珍', '女', '19420118'),
    qian: P('钱永年', '男', '19450304'),
    kong: P('孔令辉', '男', '20090610'),
    gong: P('龚建平', '男', '19750808'),
    ding: P('丁桂英', '女', '19680606'),
    qiu: P('邱少华', '男', '19850202'),
    cao: P('曹丽华', '女', '19780919'),
    mao: P('毛福生', '男', '19390415'),
    xiao: P('萧长林', '男', '19400101'),
    wang: P('汪翠兰', '女', '19361225'),
    yan: P('阎宝山', '男', '19600214'),
    lu: P('卢秀琴', '女', '19620318'),
    xiong: P('熊志勇', '男', '19881030'),
    shao: P('邵文斌', '男', '19870512'),
    ren: P('任雪', '女', '19920817'),
    tan: P('谭国栋', '男', '19780327'),
    hao: P('郝丽', '女', '19850630'),
  };
  const jdy = shared.jdy;

  // dibao.xlsx
  const db = new RosterSheet('低保');
  db.header(['乡镇', '村', '户主姓名', '户主身份证号', '姓名', '身份证号', '与户主关系', '城乡类别', '保障人数', '家庭人口数', '施保方式', '月保障金额', '最初享受月份', '渐退开始月份', '在保状态']);
  db.textCols = new Set([3, 5]);
  db.widths = [8, 8, 8, 21, 8, 21, 8, 8, 8, 10, 8, 10, 12, 12, 8];
  const dRows: [string, string, Person, Person, string, number, number, string, number, string, string | null, string][] = [
    ['城关镇', '东关村', K.chen, K.chen, '户主', 1, 1, '整户保', 520, '2019-04', null, '在保'],
    ['城关镇', '南关村', K.yang, K.yang, '户主', 1, 1, '整户保', 520, '2020-01', null, '在保'],
    ['城南镇', '李庄村', K.he, K.he, '户主', 3, 3, '整户保', 1350, '2022-06', null, '在保'],
    ['城南镇', '李庄村', K.he, K.huang, '配偶', 3, 3, '整户保', 1350, '2022-06', null, '在保'],
    ['城南镇', '李庄村', K.he, K.hezh, '儿子', 3, 3, '整户保', 1350, '2022-06', null, '在保'],
    ['河口乡', '河口村', K.wei, K.wei, '户主', 1, 2, '单人保', 450, '2021-10', null, '在保'],
    ['河口乡', '柳林村', K.su, K.su, '户主', 1, 2, '整户保', 450, '2023-02', '2024-08', '渐退'],
    ['河口乡', '河口村', jdy, jdy, '户主', 1, 4, '单人保', 450, '2024-01', null, '在保'],
  ];
  for (const [t, v, head, p, rel, cov, size, mode, amt, start, taper, st] of dRows) {
    db.data([t, v, head.name, head.id, p.name, p.id, rel, '农村', cov, size, mode, amt, start, taper, st], [V(p, { township: t, village: v })]);
  }

  // tekun.xlsx
  const tk = new RosterSheet('特困');
  tk.header(['乡镇', '村', '姓名', '身份证号', '户籍类型', '供养方式', '生活自理能力', '在校状况', '最初享受月份', '状态']);
  tk.textCols = new Set([3]);
  tk.widths = [8, 8, 8, 21, 8, 10, 10, 10, 12, 6];
  const tRows: [string, string, Person, string, string, string, string, string][] = [
    ['城关镇', '南关村', K.yang, '农村', '分散供养', '全自理', '非在校', '2021-05'],
    ['城关镇', '西街社区', K.fan, '城市', '分散供养', '全自理', '非在校', '2018-09'],
    ['城南镇', '王营村', K.hou, '农村', '分散供养', '全自理', '非在校', '2015-03'],
    ['河口乡', '河口村', K.deng, '农村', '集中供养', '全护理', '非在校', '2012-06'],
    ['城南镇', '李庄村', K.qian, '农村', '集中供养', '半护理', '非在校', '2014-08'],
    ['河口乡', '柳林村', K.kong, '农村', '分散供养', '全自理', '义务教育', '2019-09'],
  ];
  for (const [t, v, p, area, mode, care, school, start] of tRows) {
    tk.data([t, v, p.name, p.id, area, mode, care, school, start, '在保'], [V(p, { township: t, village: v })]);
  }

  // canji.xlsx
  const cj = new RosterSheet('残疾人');
  cj.header(['乡镇', '村', '姓名', '身份证号', '残疾人证号', '残疾类别', '残疾等级']);
  cj.textCols = new Set([3, 4]);
  cj.widths = [8, 8, 8, 21, 23, 8, 8];
  const cRows: [string, string, Person, string, string, string][] = [
    ['城南镇', '李庄村', K.hezh, '52', '智力', '二级'],
    ['城南镇', '李庄村', K.qian, '41', '肢体', '一级'],
    ['城关镇', '东关村', K.gong, '11', '视力', '一级'],
    ['城南镇', '王营村', K.ding, '24', '听力', '四级'],
    ['城南镇', '李庄村', K.huang, '63', '精神', '三级'],
    ['河口乡', '柳林村', K.qiu, '42', '肢体', '二级'],
  ];
  for (const [t, v, p, dg, cat, grade] of cRows) cj.data([t, v, p.name, p.id, p.id + dg, cat, grade], [V(p, { township: t, village: v })]);

  // liangbu.xlsx
  const lb = new RosterSheet('两项补贴');
  lb.header(['乡镇', '村', '姓名', '身份证号', '残疾人证号', '残疾类别', '残疾等级', '补贴类型', '发放金额', '享受起始月份']);
  lb.textCols = new Set([3, 4]);
  lb.widths = [8, 8, 8, 21, 23, 8, 8, 20, 10, 12];
  const LIFE = '困难残疾人生活补贴', CARE = '重度残疾人护理补贴';
  const lRows: [string, string, Person, string, string, string, string, number, string][] = [
    ['城南镇', '李庄村', K.hezh, '52', '智力', '二级', LIFE, 80, '2022-07'],
    ['城南镇', '李庄村', K.hezh, '52', '智力', '二级', CARE, 90, '2022-07'],
    ['城南镇', '李庄村', K.qian, '41', '肢体', '一级', CARE, 90, '2016-01'],
    ['城关镇', '东关村', K.gong, '11', '视力', '一级', CARE, 90, '2018-03'],
    ['城南镇', '王营村', K.ding, '24', '听力', '四级', LIFE, 80, '2020-05'],
    ['城关镇', '西街社区', K.cao, '43', '肢体', '三级', CARE, 90, '2023-01'],
  ];
  for (const [t, v, p, dg, cat, grade, type, amt, start] of lRows) {
    lb.data([t, v, p.name, p.id, p.id + dg, cat, grade, type, amt, start], [V(p, { township: t, village: v, subsidy_type: subsidyOf(type) })]);
  }

  // death.xlsx
  const dt = new RosterSheet('死亡人员');
  dt.header(['姓名', '身份证号', '死亡日期', '数据来源']);
  dt.textCols = new Set([1]);
  dt.widths = [8, 21, 12, 8];
  const deRows: [Person, string, string][] = [
    [K.chen, '2024-09-20', '殡葬'],
    [K.deng, '2024-11-15', '医保'],
    [K.mao, '2024-10-03', '公安'],
    [K.xiao, '2024-10-28', '卫健'],
    [K.wang, '2023-12-01', '公安'],
  ];
  for (const [p, date, src] of deRows) dt.data([p.name, p.id, { date, fmt: 'yyyy-mm-dd' }, src], [V(p, { death_date: date, source: src })]);

  // fangpin.csv
  const fp = new RosterSheet('fangpin');
  fp.header(['户编号', '人编号', '乡镇', '村', '姓名', '身份证号', '与户主关系', '户类型', '监测对象类别', '劳动技能', '健康状况', '在校生状况', '风险是否消除', '风险识别时间', '风险消除时间', '是否享受低保', '是否特困供养人员']);
  const HF = '4105221020010031', HG = '4105221030010044', HX = '4105221010010019';
  const fRows: [string, number, string, string, Person, ...string[]][] = [
    [HF, 1, '城南镇', '李庄村', K.he, '户主', '脱贫户', '', '普通劳动力', '健康', '非在校生', '否', '', '', '是', '否'],
    [HF, 2, '城南镇', '李庄村', K.huang, '配偶', '脱贫户', '', '弱劳动力或半劳动力', '残疾', '非在校生', '否', '', '', '是', '否'],
    [HF, 3, '城南镇', '李庄村', K.hezh, '之子', '脱贫户', '', '无劳动力', '残疾', '义务教育', '否', '', '', '是', '否'],
    [HG, 1, '河口乡', '河口村', K.yan, '户主', '监测户', '突发严重困难户', '丧失劳动力', '长期慢性病', '非在校生', '是', '2024-05', '2024-08', '是', '否'],
    [HG, 2, '河口乡', '河口村', K.lu, '配偶', '监测户', '突发严重困难户', '无劳动力', '患有大病', '非在校生', '是', '2024-05', '2024-08', '是', '否'],
    [HX, 1, '城关镇', '东关村', K.xiong, '户主', '脱贫户', '', '普通劳动力', '健康', '非在校生', '否', '', '', '否', '否'],
  ];
  for (const [hh, no, t, v, p, ...rest] of fRows) {
    fp.data([hh, `${hh}${String(no).padStart(2, '0')}`, t, v, p.name, p.id, ...rest], [V(p, { township: t, village: v, household_id: hh })]);
  }

  // ext_财政供养人员.csv
  const ex = new RosterSheet('ext');
  ex.header(['单位', '姓名', '身份证号', '职务']);
  const eRows: [string, Person, string][] = [
    ['县城市管理局', K.he, '协管员'],
    ['县财政局', K.shao, '科员'],
    ['城关镇人民政府', K.ren, '科员'],
    ['县第一高级中学', K.tan, '教师'],
    ['县人民医院', K.hao, '护士'],
  ];
  for (const [unit, p, job] of eRows) ex.data([unit, p.name, p.id, job], [V(p)]);

  const files: [string, RosterSheet[], string, Buffer][] = [
    ['dibao.xlsx', [db], 'dibao', await xlsx([db])],
    ['tekun.xlsx', [tk], 'tekun', await xlsx([tk])],
    ['canji.xlsx', [cj], 'canji', await xlsx([cj])],
    ['liangbu.xlsx', [lb], 'liangbu', await xlsx([lb])],
    ['death.xlsx', [dt], 'death', await xlsx([dt])],
    ['fangpin.csv', [fp], 'fangpin', encodeText(csvText(fp), 'utf-8')],
    ['ext_财政供养人员.csv', [ex], 'ext', encodeText(csvText(ex, ',', '\n'), 'utf-8')],
  ];
  const notes: Record<string, string> = {
    'dibao.xlsx': 'Clean. 苏晓梅 渐退 since 2024-08 (not yet due at 2024-11 with N=6; 保障人数1<家庭人口数2, 整户保). 韦国强 and 金大勇 are 单人保 with no canji row. 金大勇 is the full ID of the truncated numeric cell in township-sheets.',
    'tekun.xlsx': 'Clean. 杨淑芬 is also in dibao. 侯佳琪 born 2006-05-23, started 2015-03, 非在校. 邓玉珍 dies 2024-11-15 (death.xlsx).',
    'canji.xlsx': 'Clean; 残疾人证号 = ID + category + grade digits, matching the columns.',
    'liangbu.xlsx': '6 rows, 5 people: 何子豪 gets both subsidies (two rows, not a duplicate: key is ID + 补贴类型). 曹丽华 has 护理补贴 with 残疾等级 三级 and no canji row.',
    'death.xlsx': '死亡日期 are Excel date cells (yyyy-mm-dd).',
    'fangpin.csv': 'UTF-8 without BOM, CRLF. Household ' + HG + ' (阎宝山, 卢秀琴): all members 丧失劳动力/无劳动力, 风险是否消除=是 after 3 months, 是否享受低保=是 but not in dibao.',
    'ext_财政供养人员.csv': 'UTF-8 without BOM, LF. No 名单类别 column: label from --label or the file name (财政供养人员).',
  };
  for (const [file, sheets, kind, bytes] of files) {
    put('kinds', file, bytes);
    const isText = file.endsWith('.csv');
    sc.files[file] = expectation(sheets, {
      file, kind, format: isText ? 'csv' : 'xlsx', encoding: isText ? 'utf-8' : null, text: isText, notes: notes[file],
    });
  }
  sc.planted = {
    period: '2024-11',
    note: 'Cases deliberately built into kinds/ (loading all seven files for 2024-11 with default parameters). Intended hits, not an exhaustive list of every finding (e.g. not-monitored hits most rural dibao/tekun people).',
    findings: [
      { rule: 'deceased-active', name: '陈守义', why: 'dibao 在保, died 2024-09-20 (殡葬)' },
      { rule: 'dibao-tekun-overlap', name: '杨淑芬', why: 'in dibao and tekun' },
      { rule: 'tekun-age-out', name: '侯佳琪', why: 'born 2006-05-23, 18 at 2024-11-30, 8 at start 2015-03, 非在校' },
      { rule: 'tekun-labor-check', name: '范德福', why: 'age 54, no canji' },
      { rule: 'tekun-labor-check', name: '侯佳琪', why: 'age 18, 非在校, no canji' },
      { rule: 'danrenbao-basis', name: '韦国强', why: '单人保, no canji row' },
      { rule: 'danrenbao-basis', name: '金大勇', why: '单人保, no canji row' },
      { rule: 'partial-coverage', name: '苏晓梅', why: '保障人数1 < 家庭人口数2, 整户保' },
      { rule: 'subsidy-not-eligible', name: '丁桂英', why: '困难残疾人生活补贴, not in dibao' },
      { rule: 'subsidy-omission', name: '黄美玲', why: '(a) dibao ∩ canji (精神三级) without 生活补贴' },
      { rule: 'subsidy-omission', name: '邱少华', why: '(b) canji 肢体二级, not tekun, without 护理补贴' },
      { rule: 'nursing-grade', name: '曹丽华', why: '护理补贴 with grade 三级 (liangbu column; no canji row)' },
      { rule: 'tekun-subsidy-overlap', name: '钱永年', why: 'tekun and liangbu 护理补贴' },
      { rule: 'doudi-omission', name: '阎宝山', why: 'fangpin 丧失劳动力, not in dibao/tekun' },
      { rule: 'fangpin-flag-mismatch', name: '阎宝山', why: '是否享受低保=是, not in dibao' },
      { rule: 'fangpin-flag-mismatch', name: '卢秀琴', why: '是否享受低保=是, not in dibao' },
      { rule: 'risk-cleared-no-labor', name: '阎宝山', why: `household ${HG}: 丧失劳动力 + 无劳动力, cleared` },
      { rule: 'risk-cleared-early', name: '阎宝山', why: '2024-05 → 2024-08 (3 < 6)' },
      { rule: 'risk-cleared-early', name: '卢秀琴', why: '2024-05 → 2024-08 (3 < 6)' },
      { rule: 'ext-match', name: '何建业', why: 'dibao 在保 and ext 财政供养人员' },
    ],
    negatives: [
      { rule: 'deceased-active', name: '邓玉珍', why: 'died 2024-11-15: not before 2024-11-01' },
      { rule: 'taper-overdue', name: '苏晓梅', why: 'taper 2024-08 + 6 = 2025-02 > 2024-11' },
      { rule: 'duplicate-in-roster', name: '何子豪', why: 'two liangbu rows with different 补贴类型' },
      { rule: 'subsidy-omission', name: '钱永年', why: 'grade 1 but active in tekun' },
      { rule: 'subsidy-omission', name: '龚建平', why: 'grade 1 and has 护理补贴' },
      { rule: 'tekun-labor-check', name: '孔令辉', why: 'age 15' },
    ],
  };
}

// ════════════════════════════ 10. broken ════════════════════════════

async function broken(fx: Fixtures) {
  const { P, put } = fx;
  const sc = fx.scenario('broken', '坏文件：空文件、截断的 xlsx、只有表头、没有身份证号列、二进制垃圾、不是名单的公文。');
  const e = (error: string) => ({ error });

  put('broken', 'empty.xlsx', Buffer.alloc(0));
  sc.files['empty.xlsx'] = e('0 bytes: empty file, nothing to read');

  const ok = new RosterSheet('低保');
  ok.header(['乡镇', '村', '姓名', '身份证号', '保障人数', '月保障金额']);
  for (const p of [P('测试甲', '男', '19800101'), P('测试乙', '女', '19800102')]) ok.data(['城关镇', '东关村', p.name, p.id, 1, 500], []);
  const whole = await xlsx([ok]);
  put('broken', 'truncated.xlsx', whole.subarray(0, Math.floor(whole.length / 2)));
  sc.files['truncated.xlsx'] = e(`zip (50 4B 03 04) cut after ${Math.floor(whole.length / 2)} of ${whole.length} bytes: no central directory, cannot be opened`);

  const ho = new RosterSheet('低保');
  ho.header(['序号', '乡镇(街道)', '村(社区)', '户主姓名', '户主身份证号', '成员姓名', '成员身份证号', '与户主关系', '城乡类别', '保障人数', '家庭人口数', '月保障金额(元)', '在保状态']);
  put('broken', 'header-only.xlsx', await xlsx([ho]));
  sc.files['header-only.xlsx'] = e('valid dibao header on row 1 and no data rows: 0 persons (a load would replace the snapshot with nothing; refuse or warn)');

  const ni = new RosterSheet('名单');
  ni.header(['姓名', '乡镇', '村', '金额']);
  ni.data(['周某某', '城关镇', '东关村', 520], []);
  ni.data(['吴某某', '城关镇', '南关村', 450], []);
  ni.data(['郑某某', '城南镇', '李庄村', 780], []);
  ni.data(['王某某', '河口乡', '河口村', 380], []);
  put('broken', 'no-id-column.xlsx', await xlsx([ni]));
  sc.files['no-id-column.xlsx'] = e('4 data rows (姓名, 乡镇, 村, 金额) but no ID column and no 残疾人证号 column: no header row is found / id_number cannot be mapped');

  const junk = Buffer.alloc(512);
  let x = 0x2545f491;
  for (let i = 0; i < junk.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    junk[i] = i % 16 === 0 ? 0 : x & 0xff;
  }
  put('broken', 'junk.csv', junk);
  sc.files['junk.csv'] = e('512 bytes of binary junk (xorshift32, every 16th byte NUL): not text in any encoding, not a spreadsheet');

  const memo = new RosterSheet('Sheet1');
  for (const line of [
    '关于做好2024年度低保对象年度复核工作的通知',
    '',
    '各乡镇（街道）民政所：',
    '    根据上级要求，现就做好2024年度最低生活保障对象年度复核工作通知如下：',
    '    一、复核范围为全县在保的城乡低保家庭，重点核查家庭收入、财产变化情况。',
    '    二、各乡镇于12月20日前完成入户核查，并将复核结果报县民政局社会救助股。',
    '    三、复核中发现不再符合条件的，按规定办理停保或渐退手续。',
    '',
    '某县民政局',
    '2024年12月2日',
  ]) memo.title(line ? [line] : []);
  memo.widths = [90];
  put('broken', 'not-a-roster.xlsx', await xlsx([memo]));
  sc.files['not-a-roster.xlsx'] = e('a valid workbook whose only sheet is a notice (text lines in column A): no header row with an ID-like column');
}

// ════════════════════════════ main ════════════════════════════

/** Writes every scenario under outRoot/<scenario>/ (files, README.md, expected.json); returns the scenario folders. */
export async function makeFixtures(outRoot: string): Promise<string[]> {
  const fx = new Fixtures(outRoot);
  fs.mkdirSync(outRoot, { recursive: true });
  const s1 = await systemExportXlsx(fx);
  handmadeXls(fx);
  const s3 = wpsEt(fx);
  htmlAndTab(fx, s1);
  csvs(fx, { ...s1, ...s3 });
  await canjiInstructions(fx, s1);
  const s7 = await townshipSheets(fx);
  await memberCell(fx);
  await kinds(fx, s7);
  await broken(fx);
  // The layouts of domain.md §9 added by issue 11.
  await mergedCells(fx);
  await totalsAnywhere(fx);
  await stackedBlocks(fx);
  await hiddenSheets(fx);
  await townshipSources(fx);
  await proxyColumns(fx);
  await numeric18Digits(fx);
  await semicolonPipe(fx);
  await xlsxSecondOpinion(fx);
  await libreofficeSaved(fx);

  for (const [folder, sc] of fx.scenarios) {
    fs.writeFileSync(path.join(outRoot, folder, 'README.md'), sc.readme + '\n');
    const doc = { files: sc.files, ...(sc.planted ? { planted: sc.planted } : {}), ...(sc.external ? { external: sc.external } : {}) };
    fs.writeFileSync(path.join(outRoot, folder, 'expected.json'), JSON.stringify(doc, null, 2) + '\n');
  }
  return [...fx.scenarios.keys()];
}

if (isMain(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const folders = await makeFixtures(path.join(root, 'fixtures'));
  console.log(`fixtures written: ${folders.join(', ')}`);
}
