// The streaming BIFF8 reader (.xls/.et): every cell record kind, strings split across CONTINUE records, formulas and
// their text results, merged ranges, hidden sheets, rows out of order, encrypted workbooks, and formulas in a file
// LibreOffice saved.
import { afterAll, describe, expect, it } from 'vitest';
import { LegacyReadError, readXls } from '../../../src/ingest/formats/legacy.js';
import { DEFAULT_LIMITS, LimitError } from '../../../src/ingest/formats/limits.js';
import { FIXTURES } from '../../helpers/cli.js';
import {
  boolerr,
  filePass,
  formula,
  label,
  labelSst,
  mergedCells,
  mulrk,
  number,
  record,
  rk,
  rkInt,
  string,
  workbookStream,
  xlsFile,
} from './biff8-builder.js';
import { collect, makeTempDir } from './helpers.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

async function rowsOf(bytes: Buffer, sheet = 0): Promise<Awaited<ReturnType<typeof collect>>> {
  const book = await readXls(tmp.file(`b${Math.random().toString(36).slice(2)}.xls`, bytes));
  return collect(book.sheets[sheet]!);
}

describe('readXls on BIFF8 built record by record', () => {
  it('reads shared strings, labels, numbers, RK and MULRK, booleans, dates by their format, and skips error cells', async () => {
    const strings = ['姓名', '身份证号', '张三', '410102199001011234'];
    const stream = workbookStream(
      [
        {
          name: '城关镇',
          records: [
            labelSst(0, 0, 0),
            labelSst(0, 1, 1),
            label(0, 2, '出生'),
            labelSst(1, 0, 2),
            labelSst(1, 1, 3),
            number(1, 2, 43470, 1), // xf 1: numFmt 14, a date
            number(1, 3, 2019.1, 2), // xf 2: numFmt 2 (0.00): displayed 2019.10
            rk(1, 4, rkInt(12345, true)), // 123.45
            mulrk(2, 0, [rkInt(1), rkInt(-2), rkInt(3)]),
            boolerr(2, 3, true),
            boolerr(2, 4, 'error'),
          ],
        },
      ],
      { strings, xfs: [0, 14, 2] },
    );
    const rows = await rowsOf(xlsFile(stream));
    expect(rows.map((r) => [r.rowNo, r.cells])).toEqual([
      [1, ['姓名', '身份证号', '出生']],
      [2, ['张三', '410102199001011234', new Date('2019-01-05T00:00:00.000Z'), 2019.1, 123.45]],
      [3, [1, -2, 3, true]],
    ]);
    expect(rows[1]!.text).toEqual([undefined, undefined, undefined, '2019.10']);
  });

  it('reads strings whose characters cross into a CONTINUE record, also when it switches between 8 and 16 bits', async () => {
    const long = '东关村' + '一二三四五六七八九十'.repeat(3);
    const strings = ['姓名', long, 'ABCDEFGHIJ'];
    // Split inside the long Chinese string (16-bit on both sides).
    const a = await rowsOf(xlsFile(workbookStream([{ name: 'S', records: [labelSst(0, 0, 0), labelSst(0, 1, 1), labelSst(0, 2, 2)] }], { strings, split: 20 })));
    expect(a[0]!.cells).toEqual(strings);
    // By hand: "ABCDEFGHIJ" starts as 8-bit and goes on as 16-bit after the CONTINUE's flags byte.
    const sstRec = Buffer.concat([
      record(0x00fc, Buffer.concat([Buffer.from([1, 0, 0, 0, 1, 0, 0, 0]), Buffer.from([10, 0, 0]), Buffer.from('ABCD', 'latin1')])),
      record(0x003c, Buffer.concat([Buffer.from([1]), Buffer.from('EFGHIJ', 'utf16le')])),
    ]);
    const stream = workbookStream([{ name: 'S', records: [labelSst(0, 0, 0)] }], { globals: [sstRec] });
    expect((await rowsOf(xlsFile(stream)))[0]!.cells).toEqual(['ABCDEFGHIJ']);
  });

  it('marks formula cells and takes a text result from the STRING record after the formula', async () => {
    const stream = workbookStream([
      {
        name: '疑点清单',
        records: [label(0, 0, '核查结果'), label(0, 1, '金额'), formula(1, 0, 'string'), string('属实'), formula(1, 1, 20), label(2, 0, '不属实'), number(2, 1, 5)],
      },
    ]);
    const rows = await rowsOf(xlsFile(stream));
    expect(rows.map((r) => [r.cells, r.formulas])).toEqual([
      [['核查结果', '金额'], undefined],
      [['属实', 20], [true, true]],
      [['不属实', 5], undefined],
    ]);
  });

  it('fills merged ranges (MERGEDCELLS after the cells), and says which sheets are hidden', async () => {
    const stream = workbookStream([
      { name: '11月', records: [label(0, 0, '乡镇'), label(0, 1, '姓名'), label(1, 0, '城关镇'), label(1, 1, '甲'), label(2, 1, '乙'), label(3, 1, '丙'), mergedCells([[1, 3, 0, 0]])] },
      { name: '10月', state: 1, records: [label(0, 0, '旧')] },
      { name: '选项', state: 2, records: [label(0, 0, '城关镇')] },
    ]);
    const book = await readXls(tmp.file('merged.xls', xlsFile(stream)));
    expect(book.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['11月', undefined],
      ['10月', 'hidden'],
      ['选项', 'veryHidden'],
    ]);
    const rows = await collect(book.sheets[0]!);
    expect(rows.map((r) => [r.cells, r.merged])).toEqual([
      [['乡镇', '姓名'], undefined],
      [['城关镇', '甲'], undefined],
      [['城关镇', '乙'], [true]],
      [['城关镇', '丙'], [true]],
    ]);
  });

  it('sorts rows a writer put out of order', async () => {
    const stream = workbookStream([{ name: 'S', records: [label(0, 0, '姓名'), label(2, 0, '丙'), label(1, 0, '乙'), label(2, 1, 'x')] }]);
    expect((await rowsOf(xlsFile(stream))).map((r) => [r.rowNo, r.cells])).toEqual([
      [1, ['姓名']],
      [2, ['乙']],
      [3, ['丙', 'x']],
    ]);
  });

  it('refuses an encrypted workbook (FILEPASS) as such, and a cell beyond the length limit', async () => {
    const enc = workbookStream([{ name: 'S', records: [label(0, 0, 'x')] }], { globals: [filePass()] });
    const err = await readXls(tmp.file('enc.xls', xlsFile(enc))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyReadError);
    expect((err as LegacyReadError).encrypted).toBe(true);

    const long = workbookStream([{ name: 'S', records: [labelSst(0, 0, 0)] }], { strings: ['长'.repeat(400)] });
    const limits = { ...DEFAULT_LIMITS, cellChars: 300 };
    await expect(readXls(tmp.file('long.xls', xlsFile(long)), limits)).rejects.toBeInstanceOf(LimitError);
  });
});

describe('readXls on a file LibreOffice saved', () => {
  it('marks the formulas (a SUM row, a formula in a data cell) and fills the merged 乡镇 cells', async () => {
    const book = await readXls(`${FIXTURES}/libreoffice-saved/低保_LibreOffice.xls`);
    expect(book.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['11月', undefined],
      ['10月', 'hidden'],
    ]);
    const rows = await collect(book.sheets[0]!);
    const total = rows.find((r) => r.cells[0] === '合计')!;
    expect(total.cells.slice(4, 6)).toEqual([4, 2200]);
    expect(total.formulas?.slice(4, 6)).toEqual([true, true]);
    expect(rows[2]!.formulas?.[4]).toBe(true);
    expect(rows.slice(2, 6).map((r) => [r.cells[0], r.merged?.[0] ?? false])).toEqual([
      ['城关镇', false],
      ['城关镇', true],
      ['城关镇', true],
      ['城关镇', true],
    ]);
  });
});
