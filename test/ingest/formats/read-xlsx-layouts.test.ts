// What the .xlsx reader adds for issue 11: merged ranges filled as rows stream by (the ranges come after the rows in
// the part, found by a scan ahead of them), formula marks, the stored digits of long integers, Excel tables' totals
// rows, hidden sheets; every chunk size gives the same rows.
import { afterAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../src/ingest/formats/xlsx/read.js';
import { MergeFinder } from '../../../src/ingest/formats/xlsx/merges.js';
import type { RawRow } from '../../../src/ingest/formats/types.js';
import { xlsxPackage, type PackageSheet } from '../../../scripts/lib/xlsx-package.js';
import { makeTempDir } from './helpers.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

let n = 0;
const file = (sheets: PackageSheet[]): string => tmp.file(`l${++n}.xlsx`, xlsxPackage({ sheets }));

async function read(path: string, highWaterMark?: number): Promise<{ name: string; hidden?: string; rows: RawRow[] }[]> {
  const out: { name: string; hidden?: string; rows: RawRow[] }[] = [];
  for await (const s of readXlsx(path, { highWaterMark })) {
    const rows: RawRow[] = [];
    for await (const r of s.rows()) rows.push(r);
    out.push({ name: s.name, ...(s.hidden ? { hidden: s.hidden } : {}), rows });
  }
  return out;
}

async function readEverySplit(path: string): Promise<Awaited<ReturnType<typeof read>>> {
  const whole = await read(path);
  for (const hwm of [1, 2, 3, 5, 7, 11, 64, 1000]) expect(await read(path, hwm), `highWaterMark ${hwm}`).toEqual(whole);
  return whole;
}

const t = (ref: string, s: string): string => `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`;
const v = (ref: string, x: string | number): string => `<c r="${ref}"><v>${x}</v></c>`;

describe('merged cells in .xlsx', () => {
  it('fills every cell of a merge from its top-left cell, down and across, and marks the copies', async () => {
    const body =
      '<sheetData>' +
      `<row r="1">${t('A1', '花名册')}</row>` +
      `<row r="2">${t('A2', '乡镇')}${t('B2', '家庭成员')}${t('D2', '金额')}</row>` +
      `<row r="3">${t('B3', '姓名')}${t('C3', '身份证号')}</row>` +
      `<row r="4">${t('A4', '城关镇')}${t('B4', '甲')}${v('D4', 1200)}</row>` +
      `<row r="5">${t('B5', '乙')}</row>` +
      // Row 6 is not written at all (blank inside the merge): it stays out.
      `<row r="7">${t('B7', '丙')}</row>` +
      '</sheetData>' +
      '<mergeCells count="5"><mergeCell ref="A1:D1"/><mergeCell ref="A2:A3"/><mergeCell ref="B2:C2"/><mergeCell ref="A4:A7"/><mergeCell ref="D4:D5"/></mergeCells>';
    const [s] = await readEverySplit(file([{ name: 'S', body }]));
    expect(s!.rows.map((r) => [r.rowNo, r.cells, r.merged ?? []])).toEqual([
      [1, ['花名册', '花名册', '花名册', '花名册'], [undefined, true, true, true]],
      [2, ['乡镇', '家庭成员', '家庭成员', '金额'], [undefined, undefined, true]],
      [3, ['乡镇', '姓名', '身份证号'], [true]],
      [4, ['城关镇', '甲', null, 1200], []],
      [5, ['城关镇', '乙', null, 1200], [true, undefined, undefined, true]],
      [7, ['城关镇', '丙'], [true]],
    ]);
  });

  it('fills a merge covering 30,000 rows (more rows than are held while the merge scan runs)', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `<row r="${i + 2}">${v(`B${i + 2}`, i)}</row>`).join('');
    const body = `<sheetData><row r="1">${t('A1', '城关镇')}${t('B1', '序号')}</row>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:A30001"/></mergeCells>`;
    const [s] = await read(file([{ name: 'S', body }]), 4096);
    expect(s!.rows).toHaveLength(30_001);
    expect(s!.rows.every((r) => r.cells[0] === '城关镇')).toBe(true);
    expect(s!.rows.at(-1)!.cells).toEqual(['城关镇', 29_999]);
  });

  it('finds namespace-prefixed mergeCell elements, and takes each sheet\'s own merges', async () => {
    const a = `<x:sheetData><x:row r="1">${t('A1', '甲').replace(/<(\/?)(c|is|t)\b/g, '<$1x:$2')}</x:row><x:row r="2">${v('B2', 2)}</x:row></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:A2"/></x:mergeCells>`;
    const b = `<sheetData><row r="1">${t('A1', '乙')}</row><row r="2">${v('B2', 3)}</row></sheetData>`;
    const sheets = await readEverySplit(file([{ name: 'A', body: a }, { name: 'B', body: b }]));
    expect(sheets.map((s) => s.rows.map((r) => r.cells))).toEqual([
      [['甲'], ['甲', 2]],
      [['乙'], [null, 3]],
    ]);
  });
});

describe('formulas, long integers, tables, hidden sheets', () => {
  it('marks formula cells, keeps the digits of long integers, and flags a table\'s totals row', async () => {
    const body =
      '<sheetData>' +
      `<row r="1">${t('A1', '姓名')}${t('B1', '身份证号')}${t('C1', '金额')}</row>` +
      `<row r="2">${t('A2', '甲')}${v('B2', '410522198507155959')}<c r="C2"><f>1+1</f><v>2</v></c></row>` +
      `<row r="3">${t('A3', '乙')}<c r="B3"><v>4.10522198507155E+17</v></c><c r="C3"><f t="shared" si="0" ref="C3:C4">1</f><v>1</v></c></row>` +
      `<row r="4">${t('A4', '汇总')}<c r="B4"><f>SUBTOTAL(103,表1[身份证号])</f><v>2</v></c><c r="C4"><f t="shared" si="0"/><v>3</v></c></row>` +
      '</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts>';
    const table = '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="表1" displayName="表1" ref="A1:C4" totalsRowCount="1"><tableColumns count="3"><tableColumn id="1" name="姓名"/><tableColumn id="2" name="身份证号"/><tableColumn id="3" name="金额"/></tableColumns></table>';
    const [s] = await readEverySplit(file([{ name: 'S', body, tables: [table] }]));
    const [, r2, r3, r4] = s!.rows;
    expect(r2!.cells).toEqual(['甲', 410522198507155959, 2]);
    expect(r2!.digits).toEqual([undefined, '410522198507155959']);
    expect(r2!.formulas).toEqual([undefined, undefined, true]);
    expect(r3!.digits).toBeUndefined(); // E+ notation: the digits are gone
    expect(r3!.formulas).toEqual([undefined, undefined, true]);
    expect([r2!.tableTotals, r3!.tableTotals, r4!.tableTotals]).toEqual([undefined, undefined, true]);
    expect(r4!.formulas).toEqual([undefined, true, true]);
  });

  it('says which sheets are hidden or very hidden', async () => {
    const body = `<sheetData><row r="1">${t('A1', 'x')}</row></sheetData>`;
    const sheets = await read(file([{ name: '11月', body }, { name: '10月', state: 'hidden', body }, { name: '选项', state: 'veryHidden', body }]));
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['11月', undefined],
      ['10月', 'hidden'],
      ['选项', 'veryHidden'],
    ]);
  });
});

describe('MergeFinder (the scan for <mergeCell> ahead of the rows)', () => {
  it('finds every range however the bytes are cut into chunks', () => {
    const xml = Buffer.from(
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>mergeCell 不是元素</t></is></c></row></sheetData>' +
        '<mergeCells count="4"><mergeCell ref="A1:D1"/><mergeCell  ref="$A$2:$A$3" /><x:mergeCell ref="B2:C2"/>\n<mergeCell\tref="A4:A7"/><mergeCell ref="Z9"/></mergeCells></worksheet>',
    );
    const want = [
      { r0: 1, c0: 0, r1: 1, c1: 3 },
      { r0: 2, c0: 0, r1: 3, c1: 0 },
      { r0: 2, c0: 1, r1: 2, c1: 2 },
      { r0: 4, c0: 0, r1: 7, c1: 0 },
    ];
    for (let size = 1; size <= 40; size++) {
      const f = new MergeFinder();
      for (let i = 0; i < xml.length; i += size) f.push(xml.subarray(i, i + size));
      expect(f.finish(), `chunks of ${size}`).toEqual(want);
    }
    // Random cuts.
    let seed = 7;
    for (let k = 0; k < 200; k++) {
      const f = new MergeFinder();
      for (let i = 0; i < xml.length; ) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const n = 1 + (seed % 30);
        f.push(xml.subarray(i, i + n));
        i += n;
      }
      expect(f.finish()).toEqual(want);
    }
  });
});
