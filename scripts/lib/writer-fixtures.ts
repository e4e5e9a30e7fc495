// Fixture scenarios for .xlsx files written by other programs than exceljs (issue 11): hand-built packages with what
// other writers produce (inline strings, rich text with phonetic runs, no r attributes, shared formulas, a 1904
// workbook, Strict OOXML, data descriptors, ZIP64), and the source of the LibreOffice-saved files (converted by
// scripts/make-libreoffice-fixtures.ts, which is not part of this deterministic run).

import { expectation, RosterSheet, V } from './fixture-oracle.js';
import type { Fixtures, Person } from './fixture-set.js';
import { xlsxBuffer, type Sheet } from './write-workbooks.js';
import { esc, sheetBody, SharedStrings, xlsxPackage, type PackageOptions, type SheetXmlOptions } from './xlsx-package.js';

const FIXED_DATE = new Date(Date.UTC(2024, 11, 2, 0, 0, 0));
const xlsx = (sheets: Sheet[]): Promise<Buffer> => xlsxBuffer(sheets, { creator: '某县民政局', date: FIXED_DATE });

/** The LibreOffice-saved files of libreoffice-saved/ and the command that made each from source.xlsx. */
export const LIBREOFFICE_OUTPUTS: readonly { file: string; format: 'xlsx' | 'xls' | 'ods'; filter: string }[] = [
  { file: '低保_LibreOffice.xlsx', format: 'xlsx', filter: 'xlsx:Calc MS Excel 2007 XML' },
  { file: '低保_LibreOffice.xls', format: 'xls', filter: 'xls:MS Excel 97' },
  { file: '低保_LibreOffice.ods', format: 'ods', filter: 'ods:calc8' },
];

// ════════════════════════════ xlsx-second-opinion ════════════════════════════

interface Variant {
  file: string;
  what: string;
  sheet: Partial<SheetXmlOptions>;
  pkg?: Partial<PackageOptions>;
  /** Name cells written as rich text with phonetic runs. */
  rich?: boolean;
  /** 乡镇 as a formula string and 保障人数 as a shared formula, both with cached values. */
  formulas?: boolean;
}

export async function xlsxSecondOpinion(fx: Fixtures): Promise<void> {
  const { P } = fx;
  const folder = 'xlsx-second-opinion';
  const sc = fx.scenario(folder, '不是由 exceljs 写的 .xlsx（手工构造的包）：内联字符串、带注音的富文本、行和单元格没有 r 属性、共享公式及其缓存值、1904 日期系统、Strict OOXML 命名空间、带数据描述符和 ZIP64 的压缩包；bidui 的读取器与 SheetJS 的结果逐格比对。');
  const people: [string, string, Person, string, string][] = [
    ['城关镇', '东关村', P('荆长春', '男', '19610405'), '2019-04-01', '在保'],
    ['城关镇', '南关村', P('兰秀梅', '女', '19670920'), '2021-07-01', '在保'],
    ['城南镇', '李庄村', P('蓬福生', '男', '19481230'), '2016-01-01', '停保'],
    ['河口乡', '河口村', P('鞠文娟', '女', '19900218'), '2023-11-01', '在保'],
  ];
  const build = (): RosterSheet => {
    const sh = new RosterSheet('低保');
    sh.header(['乡镇', '村(社区)', '姓名', '身份证号', '保障人数', '最初享受月份', '状态']);
    sh.textCols = new Set([3]);
    for (const [t, v, p, start, status] of people) {
      sh.data([t, v, p.name, p.id, 1, { date: start }, status], [
        V(p, { township: t, village: v, covered_count: 1, start_month: start.slice(0, 7), roster_status: status }),
      ]);
    }
    return sh;
  };
  const variants: Variant[] = [
    { file: 'inline-strings.xlsx', what: 'every text cell an inline string (t="inlineStr"), no shared string table', sheet: { strings: 'inline' } },
    { file: 'rich-text-phonetic.xlsx', what: 'names as rich-text runs with phonetic <rPh> runs (the phonetic text is not part of the value)', sheet: { strings: 'shared' }, rich: true },
    { file: 'no-r-attributes.xlsx', what: 'rows and cells without r attributes (positions implied, gaps as empty <c/>)', sheet: { strings: 'shared', refs: false } },
    { file: 'shared-formulas.xlsx', what: '乡镇 as a formula string (t="str") and 保障人数 as one shared formula, with cached values', sheet: { strings: 'shared' }, formulas: true },
    { file: 'date-1904.xlsx', what: 'the 1904 date system (workbookPr date1904="1"): serial days 1,462 fewer', sheet: { strings: 'shared', date1904: true }, pkg: { date1904: true } },
    { file: 'strict.xlsx', what: 'Strict OOXML: purl.oclc.org namespaces and relationship types, conformance="strict"', sheet: { strings: 'shared' }, pkg: { strict: true } },
    { file: 'data-descriptor.xlsx', what: 'a streaming writer\'s zip: sizes and CRC in data descriptors, worksheets before workbook.xml', sheet: { strings: 'shared' }, pkg: { zip: { dataDescriptor: true }, sheetsFirst: true } },
    { file: 'zip64.xlsx', what: 'ZIP64 extra fields and end-of-central-directory records', sheet: { strings: 'inline' }, pkg: { zip: { zip64: true } } },
  ];
  for (const v of variants) {
    const sh = build();
    const sst = v.sheet.strings === 'shared' ? new SharedStrings() : undefined;
    const overrides: NonNullable<SheetXmlOptions['overrides']> = {};
    const refs = v.sheet.refs ?? true;
    if (v.rich) {
      people.forEach(([, , p], i) => {
        const [family, given] = [p.name.slice(0, 1), p.name.slice(1)];
        const si =
          `<r><rPr><b/><sz val="11"/><rFont val="宋体"/></rPr><t>${esc(family)}</t></r><r><rPr><sz val="11"/><rFont val="宋体"/></rPr><t>${esc(given)}</t></r>` +
          `<rPh sb="0" eb="1"><t>ピン</t></rPh><rPh sb="1" eb="${p.name.length}"><t>イン</t></rPh><phoneticPr fontId="1" type="noConversion"/>`;
        overrides[`C${i + 2}`] = { attrs: ' t="s"', inner: `><v>${sst!.addRich(p.name, si)}</v></c>` };
      });
    }
    if (v.formulas) {
      const last = people.length + 1;
      people.forEach(([t], i) => {
        const r = i + 2;
        overrides[`A${r}`] = { attrs: ' t="str"', inner: `><f>IF(1=1,"${esc(t)}","")</f><v>${esc(t)}</v></c>` };
        overrides[`E${r}`] = { inner: i === 0 ? `><f t="shared" ref="E2:E${last}" si="0">ROWS(E${r}:E${r})</f><v>1</v></c>` : '><f t="shared" si="0"/><v>1</v></c>' };
      });
    }
    const body = sheetBody(sh, { strings: 'shared', ...v.sheet, sst, refs, overrides });
    fx.put(folder, v.file, xlsxPackage({ sheets: [{ name: sh.name, body }], ...(sst ? { sst } : {}), ...v.pkg }));
    sc.files[v.file] = expectation([sh], { file: v.file, kind: 'dibao', format: 'xlsx', args: ['--area', '农村'], notes: `Hand-built package: ${v.what}.` });
  }
}

// ════════════════════════════ libreoffice-saved ════════════════════════════

export async function libreofficeSaved(fx: Fixtures): Promise<void> {
  const { P } = fx;
  const folder = 'libreoffice-saved';
  const sc = fx.scenario(
    folder,
    'LibreOffice 另存的名单（.xlsx、.xls、.ods）：由本目录的 source.xlsx 经 scripts/make-libreoffice-fixtures.ts 调用 soffice --headless --convert-to 生成（已提交，不随 make-fixtures 重新生成）；含合并的乡镇单元格、隐藏的上月表和公式。',
  );
  const sh = new RosterSheet('11月');
  sh.title(['城关镇2024年11月低保对象名单']);
  sh.merges.push('A1:G1');
  sh.header(['乡镇', '村', '姓名', '身份证号', '保障人数', '月保障金额', '状态']);
  sh.textCols = new Set([3]);
  const people: [string, Person, number, string][] = [
    ['东关村', P('殷长根', '男', '19580823'), 620, '在保'],
    ['东关村', P('殷秀华', '女', '19611212'), 620, '在保'],
    ['南关村', P('党建民', '男', '19740330'), 480, '在保'],
    ['南关村', P('党小红', '女', '20080716'), 480, '停保'],
  ];
  const first = sh.rows.length + 1;
  people.forEach(([v, p, amt, status], i) => {
    // 保障人数 of the first row as a formula (LibreOffice keeps it as one, with its value). Not a text result: LibreOffice
    // saves a text formula it has not recalculated into .xls as the number 0.
    const covered = i === 0 ? { formula: 'ROWS(A1:A1)', result: 1 } : 1;
    sh.data([i === 0 ? '城关镇' : null, v, p.name, p.id, covered, amt, status], [V(p, { township: '城关镇', village: v, amount: amt, roster_status: status })]);
  });
  const last = sh.rows.length;
  sh.merges.push(`A${first}:A${last}`);
  const total = people.reduce((a, x) => a + x[2], 0);
  sh.subtotal(['合计', null, null, null, { formula: `SUM(E${first}:E${last})`, result: people.length }, { formula: `SUM(F${first}:F${last})`, result: total }, null]);
  const prev = new RosterSheet('10月');
  prev.header(['乡镇', '村', '姓名', '身份证号', '保障人数', '月保障金额', '状态']);
  prev.textCols = new Set([3]);
  for (const [v, p, amt] of people.slice(0, 3)) prev.data(['城关镇', v, p.name, p.id, 1, amt, '在保'], [V(p, {})]);
  prev.state = 'hidden';
  const sheets = [sh, prev];
  fx.put(folder, 'source.xlsx', await xlsx(sheets));
  const notes =
    'Title merged A1:G1; 乡镇 merged down the four rows (A3:A6); 保障人数 of row 3 is a formula; the 合计 row sums with formulas; ' +
    'sheet 10月 (last month) is hidden and not loaded.';
  sc.files['source.xlsx'] = expectation(sheets, { file: 'source.xlsx', kind: 'dibao', format: 'xlsx', sheet: '11月', args: ['--area', '农村'], notes: `Written by exceljs (the converter's input). ${notes}` });
  sc.external = {};
  for (const out of LIBREOFFICE_OUTPUTS) {
    sc.files[out.file] = expectation(sheets, {
      file: out.file, kind: 'dibao', format: out.format, sheet: '11月', args: ['--area', '农村'],
      sheets: [{ name: '11月', used: true }, { name: '10月', used: false, hidden: 'hidden' }],
      notes: `Saved by LibreOffice: soffice --headless --convert-to "${out.filter}" source.xlsx. ${notes}`,
    });
    sc.external[out.file] = `soffice --headless --convert-to "${out.filter}" source.xlsx (scripts/make-libreoffice-fixtures.ts)`;
  }
}
