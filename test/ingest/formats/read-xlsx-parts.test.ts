// The zip/XML reader under readXlsx: hand-written parts (entities, escapes, whitespace, inline strings, cells and
// rows without positions, prefixes), every chunk boundary, stored/deflated/ZIP64 zips and damaged files.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { NotAWorkbookError, readXlsx, type XlsxSheet } from '../../../src/ingest/formats/xlsx/read.js';
import { XmlScanner, type XmlHandler } from '../../../src/ingest/formats/xlsx/xml.js';
import type { RawRow } from '../../../src/ingest/formats/types.js';
import { makeTempDir, unzipEntries, zipOf, zipStored } from './helpers.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

type Entry = [string, Buffer | string];

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface BookSpec {
  sheets: { name: string; xml: string; state?: string }[];
  /** <si> contents, or undefined for no sharedStrings.xml. */
  si?: string[];
  /** <numFmts> and <cellXfs> numFmtIds; default: xf 0 only. */
  numFmts?: Record<number, string>;
  xfs?: number[];
  workbookPr?: string;
}

function bookEntries(spec: BookSpec): Entry[] {
  const sheetTags = spec.sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
    .join('');
  const rels = spec.sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('');
  const fmts = Object.entries(spec.numFmts ?? {})
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code}"/>`)
    .join('');
  const xfs = (spec.xfs ?? [0]).map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`).join('');
  const out: Entry[] = [
    ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
    ['_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} ${RNS}>${spec.workbookPr ?? ''}<sheets>${sheetTags}</sheets></workbook>`],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/>${spec.si ? `<Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
    ],
    ['xl/styles.xml', `<?xml version="1.0"?><styleSheet ${NS}>${fmts ? `<numFmts count="1">${fmts}</numFmts>` : ''}<cellStyleXfs count="1"><xf numFmtId="22"/></cellStyleXfs><cellXfs count="9">${xfs}</cellXfs><dxfs><dxf><numFmt numFmtId="14" formatCode="0.000"/></dxf></dxfs></styleSheet>`],
  ];
  spec.sheets.forEach((s, i) => out.push([`xl/worksheets/sheet${i + 1}.xml`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS} ${RNS}>${s.xml}</worksheet>`]));
  if (spec.si) {
    out.push(['xl/sharedStrings.xml', `<?xml version="1.0"?><sst ${NS} count="${spec.si.length}">${spec.si.map((x) => `<si>${x}</si>`).join('')}</sst>`]);
  }
  return out;
}

let fileNo = 0;
function write(data: Buffer): string {
  return tmp.file(`t${++fileNo}.xlsx`, data);
}

async function read(path: string, highWaterMark?: number): Promise<{ name: string; state?: string; rows: RawRow[] }[]> {
  const out: { name: string; state?: string; rows: RawRow[] }[] = [];
  for await (const s of readXlsx(path, { highWaterMark })) {
    const rows: RawRow[] = [];
    for await (const r of s.rows()) rows.push(r);
    out.push({ name: s.name, ...(s.state ? { state: s.state } : {}), rows });
  }
  return out;
}

/** Reads with the default chunk size and with tiny ones; all must agree. */
async function readEverySplit(path: string, sizes = [1, 2, 3, 5, 7, 13, 64, 1000]): Promise<Awaited<ReturnType<typeof read>>> {
  const whole = await read(path);
  for (const n of sizes) expect(await read(path, n), `highWaterMark ${n}`).toEqual(whole);
  return whole;
}

const cells = (rows: RawRow[]) => rows.map((r) => r.cells);

describe('readXlsx (zip and XML by hand): text', () => {
  it('decodes entities, CDATA, Excel _xHHHH_ escapes and line ends in shared strings, inline strings and names', async () => {
    const si = [
      '<t>A&amp;B &lt;x&gt; &quot;q&quot; &apos;a&apos; &#38;&#x4E2D;&#20013;</t>',
      '<t>第一行_x000D_\n第二行</t>',
      '<t>_x005F_x0041_ stays literal; _x0041_ is A</t>',
      '<t><![CDATA[<不是标签> & 不是实体]]></t>',
      '<t>CR\r\nLF</t>',
      '<t>&unknown; &#0; stay</t>',
    ];
    const xml =
      '<sheetData><!-- a comment <c> --><?pi stuff?>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
      '<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>李&amp;四_x000D_</t></is></c><c r="B2" t="str"><f>A2&amp;""</f><v>x&lt;y</v></c></row>' +
      '</sheetData>';
    const p = write(zipOf(bookEntries({ sheets: [{ name: '城关镇&amp;城南镇 &lt;1&gt;', xml }], si })));
    const [s] = await readEverySplit(p);
    expect(s!.name).toBe('城关镇&城南镇 <1>');
    expect(cells(s!.rows)).toEqual([
      [
        'A&B <x> "q" \'a\' &中中',
        '第一行\r\n第二行',
        '_x0041_ stays literal; A is A',
        '<不是标签> & 不是实体',
        'CR\nLF',
        '&unknown; &#0; stay',
      ],
      ['李&四\r', 'x<y'],
    ]);
  });

  it('joins rich-text runs without phonetic runs, and trims <t> unless xml:space="preserve"', async () => {
    const si = [
      '<r><rPr><b/><sz val="11"/></rPr><t>张</t></r><r><t xml:space="preserve"> </t></r><r><t>三</t></r><rPh sb="0" eb="1"><t>ちょう</t></rPh><phoneticPr fontId="1"/>',
      '<t>  410102199001011234\n</t>',
      '<t xml:space="preserve">  保留  </t>',
      '<t>   </t>',
      '<t/>',
    ];
    const xml =
      '<sheetData><row r="1">' +
      [0, 1, 2, 3, 4].map((i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('') +
      '<c r="F1" t="inlineStr"><is><r><t>王</t></r><r><t xml:space="preserve">五 </t></r></is></c>' +
      '</row></sheetData>';
    const [s] = await readEverySplit(write(zipOf(bookEntries({ sheets: [{ name: 'S', xml }], si }))));
    expect(cells(s!.rows)).toEqual([['张 三', '410102199001011234', '  保留  ', '   ', null, '王五 ']]);
  });

  it('reads UTF-8 with a BOM and UTF-16 parts, and rejects bytes that are not UTF-8', async () => {
    const xml = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>张三</t></is></c></row></sheetData>';
    const entries = bookEntries({ sheets: [{ name: '名单', xml }] });
    const bom = entries.map(([n, d]): Entry => [n, n.endsWith('sheet1.xml') ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(d)]) : d]);
    expect(cells((await readEverySplit(write(zipOf(bom))))[0]!.rows)).toEqual([['张三']]);

    const utf16 = entries.map(([n, d]): Entry => [
      n,
      n === 'xl/workbook.xml' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(String(d).replace('UTF-8', 'UTF-16'), 'utf16le')]) : d,
    ]);
    expect((await readEverySplit(write(zipOf(utf16))))[0]!.name).toBe('名单');

    const bad = entries.map(([n, d]): Entry => [n, n.endsWith('sheet1.xml') ? Buffer.from(String(d).replace('张三', '\u00ff'), 'latin1') : d]);
    await expect(read(write(zipOf(bad)))).rejects.toThrow(/sheet1\.xml: text is not valid UTF-8/);
  });
});

describe('readXlsx (zip and XML by hand): cells and rows', () => {
  it('places cells without r after the previous one, numbers rows without r, and skips empty rows', async () => {
    const xml =
      '<sheetData>' +
      '<row r="3"><c><v>1</v></c><c t="inlineStr"><is><t>b</t></is></c><c r="E3"><v>5</v></c><c><v>6</v></c></row>' +
      '<row><c r="B4"><v>2</v></c></row>' + // row 4
      '<row r="6" spans="1:3"><c r="A6" s="0"/><c r="B6" t="s"/><c r="C6" t="str"><v></v></c></row>' + // empty: skipped
      '<row/>' + // row 7, empty
      '<row><c r="$A$8"><v>8</v></c><c r="c8"><v>9</v></c><c r="D8" t="e"><v>#N/A</v></c><c r="E8" t="inlineStr"><is><t></t></is></c></row>' +
      '</sheetData>';
    const [s] = await readEverySplit(write(zipOf(bookEntries({ sheets: [{ name: 'S', xml }] }))));
    expect(s!.rows).toEqual([
      { rowNo: 3, cells: [1, 'b', null, null, 5, 6] },
      { rowNo: 4, cells: [null, 2] },
      { rowNo: 8, cells: [8, null, 9] },
    ]);
  });

  it('converts booleans, errors, t="d" dates, formulas and namespace-prefixed elements', async () => {
    const xml =
      '<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<x:row x:r="1"><x:c r="A1" t="b"><x:v>1</x:v></x:c><x:c r="B1" t="b"><x:v>0</x:v></x:c>' +
      '<x:c r="C1" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="D1" t="d"><x:v>2019-01-05T00:00:00</x:v></x:c>' +
      '<x:c r="E1" t="d"><x:v>2019-01-05</x:v></x:c><x:c r="F1" t="d"><x:v>2019-01-05T08:00:00+0800</x:v></x:c>' +
      '<x:c r="G1"><x:f t="shared" ref="G1:G2" si="0">A1*2</x:f><x:v>4.5</x:v></x:c>' +
      '<x:c r="H1" t="b"><x:f>TRUE()</x:f><x:v>1</x:v></x:c><x:c r="I1" t="n"><x:v>-1.5E-3</x:v></x:c>' +
      '<x:c r="J1" t="str"><x:f>""</x:f><x:v></x:v></x:c><x:c r="K1"><x:f>A1</x:f></x:c></x:row>' +
      '</x:sheetData>';
    const [s] = await readEverySplit(write(zipOf(bookEntries({ sheets: [{ name: 'S', xml }] }))));
    const d = new Date('2019-01-05T00:00:00.000Z');
    expect(s!.rows).toEqual([
      { rowNo: 1, cells: [true, false, null, d, d, d, 4.5, true, -0.0015], formulas: [undefined, undefined, undefined, undefined, undefined, undefined, true, true] },
    ]);
  });

  it('takes the text of a string-literal formula saved without a result (openpyxl writes ="4101…" so), nothing else', async () => {
    const xml =
      '<sheetData><row r="1">' +
      '<c r="A1"><f>"410523195503120110"</f><v></v></c>' +
      '<c r="B1"><f>&quot;张 &quot;&quot;三&quot;&quot;&quot;</f></c>' +
      '<c r="C1" t="str"><f>"旧"</f><v>新</v></c>' +
      '<c r="D1"><f>A1&amp;"x"</f><v></v></c>' +
      '<c r="E1"><f t="shared" si="0"/></c>' +
      '</row></sheetData>';
    const [s] = await readEverySplit(write(zipOf(bookEntries({ sheets: [{ name: 'S', xml }] }))));
    expect(s!.rows).toEqual([{ rowNo: 1, cells: ['410523195503120110', '张 "三"', '新'], formulas: [true, true, true] }]);
  });

  it('applies number formats: built-in and zh-CN date ids, custom codes, displayed text, 1904 dates', async () => {
    const xml =
      '<sheetData><row r="1">' +
      '<c r="A1" s="1"><v>43470</v></c>' + // 14 mm-dd-yy
      '<c r="B1" s="2"><v>43470</v></c>' + // 57 yyyy"年"m"月" (zh-CN built-in)
      '<c r="C1" s="3"><v>2019.1</v></c>' + // 164 0.00
      '<c r="D1" s="4"><v>123</v></c>' + // 49 @
      '<c r="E1" s="5"><v>1234.5</v></c>' + // 4 #,##0.00
      '<c r="F1"><v>2019.1</v></c>' + // General
      '<c r="G1" s="6"><v>7</v></c>' + // 165 yyyy年m月d日 (custom with quotes)
      '<c r="H1" s="99"><v>8</v></c>' + // style out of range: plain number
      '<c r="I1" s="3"><v>42</v></c>' +
      '</row></sheetData>';
    const spec: BookSpec = {
      sheets: [{ name: 'S', xml }],
      numFmts: { 164: '0.00', 165: 'yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;' },
      xfs: [0, 14, 57, 164, 49, 4, 165],
    };
    const [s] = await readEverySplit(write(zipOf(bookEntries(spec))));
    const jan5 = new Date('2019-01-05T00:00:00.000Z');
    expect(s!.rows[0]!.cells).toEqual([jan5, jan5, 2019.1, 123, 1234.5, 2019.1, new Date('1900-01-06T00:00:00.000Z'), 8, 42]);
    expect(s!.rows[0]!.text).toEqual([undefined, undefined, '2019.10', undefined, '1,234.50', undefined, undefined, undefined, '42.00']);
    expect(Object.keys(s!.rows[0]!.text!)).toHaveLength(9); // no holes

    const [s1904] = await read(write(zipOf(bookEntries({ ...spec, workbookPr: '<workbookPr date1904="1"/>' }))));
    expect(s1904!.rows[0]!.cells[0]).toEqual(new Date('2023-01-06T00:00:00.000Z'));
  });

  it('reads a long text cell and many rows across every chunk boundary', async () => {
    const long = '很长的备注'.repeat(2000);
    const rows = Array.from({ length: 200 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}" t="s"><v>${i % 2}</v></c></row>`);
    const xml = `<sheetData>${rows.join('\n  ')}<row r="201"><c r="A201" t="inlineStr"><is><t>${long}</t></is></c></row></sheetData>`;
    const p = write(zipOf(bookEntries({ sheets: [{ name: 'S', xml }], si: ['<t>甲</t>', '<t>乙&amp;丙</t>'] })));
    const [s] = await readEverySplit(p, [1, 3, 7, 100, 4096]);
    expect(s!.rows).toHaveLength(201);
    expect(s!.rows[199]).toEqual({ rowNo: 200, cells: [199, '乙&丙'] });
    expect(s!.rows[200]!.cells).toEqual([long]);
  });
});

describe('readXlsx (zip and XML by hand): the package', () => {
  it('reads stored (method 0) and deflated entries alike, and ZIP64 archives', async () => {
    const spec: BookSpec = {
      sheets: [
        { name: '一', xml: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>' },
        { name: '二', xml: '<sheetData><row r="2"><c r="B2"><v>2</v></c></row></sheetData>', state: 'hidden' },
      ],
      si: ['<t>甲</t>'],
    };
    const expected = [
      { name: '一', rows: [{ rowNo: 1, cells: ['甲'] }] },
      { name: '二', state: 'hidden', rows: [{ rowNo: 2, cells: [null, 2] }] },
    ];
    const entries = bookEntries(spec);
    expect(await readEverySplit(write(zipOf(entries)))).toEqual(expected);
    expect(await readEverySplit(write(zipOf(entries, { stored: ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml'] })))).toEqual(expected);
    expect(await readEverySplit(write(zipStored(entries)))).toEqual(expected);
    expect(await readEverySplit(write(zipOf(entries, { zip64: true })))).toEqual(expected);
  });

  it('finds the workbook through the package relationships, resolves ../ targets and skips chart sheets', async () => {
    const entries: Entry[] = [
      ['_rels/.rels', `<Relationships><Relationship Id="r1" Type="${REL}/officeDocument" Target="/book/main.xml"/></Relationships>`],
      ['book/main.xml', `<workbook ${NS} ${RNS}><sheets><sheet name="图" sheetId="1" r:id="c1"/><sheet name="表" sheetId="2" r:id="w1"/></sheets></workbook>`],
      [
        'book/_rels/main.xml.rels',
        `<Relationships><Relationship Id="c1" Type="${REL}/chartsheet" Target="charts/c.xml"/><Relationship Id="w1" Type="${REL}/worksheet" Target="../data/My%20Sheet.xml"/></Relationships>`,
      ],
      ['data/My Sheet.xml', `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row></sheetData></worksheet>`],
    ];
    expect(await read(write(zipOf(entries)))).toEqual([{ name: '表', rows: [{ rowNo: 1, cells: ['ok'] }] }]);
  });

  it('allows leaving sheets early or skipping them, and refuses rows() once the next sheet was taken', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    const spec: BookSpec = { sheets: ['A', 'B', 'C'].map((name) => ({ name, xml: `<sheetData>${rows}</sheetData>` })) };
    const p = write(zipOf(bookEntries(spec)));
    const kept: XlsxSheet[] = [];
    const firsts: unknown[] = [];
    for await (const s of readXlsx(p, { highWaterMark: 512 })) {
      kept.push(s);
      if (s.name === 'B') continue;
      for await (const r of s.rows()) {
        firsts.push(r.cells[0]);
        break;
      }
    }
    expect(firsts).toEqual([0, 0]);
    expect(() => kept[1]!.rows()[Symbol.asyncIterator]()).toThrow(/asked for twice or too late/);
  });

  it('fails clearly on damaged or foreign zips', async () => {
    const good = zipOf(bookEntries({ sheets: [{ name: 'S', xml: '<sheetData><row r="1"><c r="A1" t="s"><v>3</v></c></row></sheetData>' }], si: ['<t>a</t>'] }));
    await expect(read(write(good))).rejects.toThrow(/shared string 3 referenced in row 1 but the table has only 1/);
    await expect(read(write(good.subarray(0, good.length - 30)))).rejects.toThrow(/not a zip file, or a damaged one \(End of central directory record signature not found/);
    await expect(read(write(zipStored([['说明.txt', '不是表格']])))).rejects.toBeInstanceOf(NotAWorkbookError);

    const noSst = zipOf(bookEntries({ sheets: [{ name: 'S', xml: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>' }] }));
    await expect(read(write(noSst))).rejects.toThrow(/shared string referenced but xl\/sharedStrings.xml was not read/);

    // One flipped byte inside a stored entry: the CRC catches it.
    const entries = bookEntries({ sheets: [{ name: 'S', xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' }] });
    const stored = zipStored(entries);
    const at = stored.indexOf('<v>1</v>') + 3;
    stored[at] = '2'.charCodeAt(0);
    await expect(read(write(stored))).rejects.toThrow(/CRC mismatch in xl\/worksheets\/sheet1\.xml/);

    const cut = zipOf(entries.map(([n, d]): Entry => [n, n.endsWith('sheet1.xml') ? String(d).replace('</worksheet>', '') : d]));
    expect((await read(write(cut)))[0]!.rows).toHaveLength(1); // unclosed root after the data: still read
    const broken = zipOf(entries.map(([n, d]): Entry => [n, n.endsWith('sheet1.xml') ? String(d).replace('</worksheet>', '<row r="2"><c r') : d]));
    await expect(read(write(broken))).rejects.toThrow(/sheet1\.xml: malformed XML/);

    const missing = zipOf(entries.filter(([n]) => !n.endsWith('sheet1.xml')));
    await expect(read(write(missing))).rejects.toThrow(/sheet "S": its part xl\/worksheets\/sheet1\.xml is missing from the zip/);
  });
});

describe('readXlsx: files written by exceljs', () => {
  let path = '';
  beforeAll(async () => {
    path = `${tmp.dir}/exceljs-streamed.xlsx`;
    const w = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
    const ws = w.addWorksheet('城关镇');
    for (let i = 1; i <= 300; i++) {
      const r = ws.addRow([i, `姓名${i}`, String(410102199001011234n + BigInt(i)), 300 + i / 10, new Date(Date.UTC(2019, 0, i % 28 + 1))]);
      r.getCell(4).numFmt = '0.00';
      r.getCell(5).numFmt = 'yyyy-mm-dd';
      r.commit();
    }
    ws.commit();
    await w.commit();
  });

  it('reads inline strings, formats and dates at every chunk size', async () => {
    const [s] = await readEverySplit(path, [1, 5, 333]);
    expect(s!.rows).toHaveLength(300);
    expect(s!.rows[9]).toEqual({
      rowNo: 10,
      cells: [10, '姓名10', '410102199001011244', 301, new Date('2019-01-11T00:00:00.000Z')],
      text: [undefined, undefined, undefined, '301.00'], // no longer than the cells, and no longer than needed
    });
  });

  it('agrees with a round trip through the helpers zip reader', async () => {
    const { readFileSync } = await import('node:fs');
    const entries = unzipEntries(readFileSync(path));
    const again = write(zipStored(entries.reverse()));
    expect(await read(again)).toEqual(await read(path));
  });
});

describe('XmlScanner', () => {
  it('reports the same tags and text however the input is cut', () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "v">]><a:root xmlns:a="u" q=\'1>2\'  r = "x"><!-- <no/> -->' +
      '<b c="&quot;"/>text&amp;<![CDATA[<raw>]]><d>é中😀</d></a:root>';
    const events = (chunks: string[]): string[] => {
      const out: string[] = [];
      const h: XmlHandler = {
        capture: true,
        open(s, ns, ne, attrs, self) {
          const a: string[] = [];
          for (let k = 0; k < attrs.count; k++) a.push(`${s.slice(attrs.pos[4 * k], attrs.pos[4 * k + 1])}=${attrs.value(k)}`);
          out.push(`<${s.slice(ns, ne)} ${a.join(' ')}${self ? '/' : ''}>`);
        },
        close(s, ns, ne) {
          out.push(`</${s.slice(ns, ne)}>`);
        },
        text(raw) {
          if (out.length > 0 && out[out.length - 1]!.startsWith('#')) out[out.length - 1] += raw;
          else out.push(`#${raw}`);
        },
      };
      const sc = new XmlScanner(h, 'x');
      for (const c of chunks) sc.feed(c);
      sc.end();
      return out;
    };
    const whole = events([xml]);
    expect(whole).toEqual([
      '<root a=u q=1>2 r=x>',
      '<b c="/>',
      '#text&amp;&lt;raw>',
      '<d >',
      '#é中😀',
      '</d>',
      '</root>',
    ]);
    for (let n = 1; n <= 9; n++) {
      const chunks: string[] = [];
      for (let i = 0; i < xml.length; i += n) chunks.push(xml.slice(i, i + n));
      expect(events(chunks), `chunks of ${n}`).toEqual(whole);
    }
  });
});
