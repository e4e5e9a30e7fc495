// CSV rows a decoded chunk at a time (RawSheet.rowBatches, the load's path since issue 16) are the rows of rows(), in
// the same order with the same line numbers: quotes with embedded CRLF, BOM, GB18030, ragged rows, ; and |, quoting
// irregular enough for csv-parse, every chunk boundary; and a whole load stores the same either way.

import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { parseDelimited, parseDelimitedBatches } from '../../../src/ingest/formats/csv.js';
import { openFile } from '../../../src/ingest/formats/open.js';
import { readRoster } from '../../../src/ingest/roster/read.js';
import type { Delimiter, RawRow, RawSheet } from '../../../src/ingest/formats/types.js';
import type { RosterRow } from '../../../src/model/index.js';
import { makeTempDir } from './helpers.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

async function* gen(chunks: string[]): AsyncGenerator<string> {
  yield* chunks;
}

function chunked(text: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += n) out.push(text.slice(i, i + n));
  return out;
}

async function byRow(chunks: string[], delimiter: Delimiter): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of parseDelimited(gen(chunks), { delimiter, fileName: 't.csv' })) out.push(r);
  return out;
}

async function byBatch(chunks: string[], delimiter: Delimiter): Promise<{ rows: RawRow[]; batches: number }> {
  const rows: RawRow[] = [];
  let batches = 0;
  for await (const b of parseDelimitedBatches(gen(chunks), { delimiter, fileName: 't.csv' })) {
    expect(b.length).toBeGreaterThan(0);
    batches++;
    rows.push(...b);
  }
  return { rows, batches };
}

/** The text with its field commas (those outside quotes) changed to d. */
function withDelimiter(text: string, d: string): string {
  let quoted = false;
  let out = '';
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    out += ch === ',' && !quoted ? d : ch;
  }
  return out;
}

async function sheetRows(sheet: RawSheet, batches: boolean): Promise<RawRow[]> {
  const out: RawRow[] = [];
  if (batches) for await (const b of sheet.rowBatches!()) out.push(...b);
  else for await (const r of sheet.rows()) out.push(r);
  return out;
}

const ROSTER = [
  '某县2024年11月农村低保花名册',
  '序号,乡镇,村,姓名,身份证号,与户主关系,月保障金额,最初享受月份',
  '1,李河镇,幸沟村,史娜雪,410121202411290006,孙女,1440,2018-01',
  '2,李河镇,幸沟村,"史花兰',
  '（曾用名史华兰）",410121200303260521,女,"1,440元",2018年1月',
  '3,岭河镇,设铺村,段巧,"=""130634194206152389""",户主,1800', // ragged: one cell short
  ',,,,,,,',
  '4,岭河镇,设铺村,"沈""菊""",４１０１２１２００７０７０１０４６５,孙女,1800,202112,多余的一列', // ragged: one too many
  '5,山河镇,新华社区,钟国,410121199001300932,孙子,2720,2020-11',
];

describe('parseDelimitedBatches', () => {
  it('gives the rows of parseDelimited, one batch per chunk, at every chunk boundary and with every delimiter', async () => {
    for (const delimiter of [',', ';', '|', '\t'] as Delimiter[]) {
      const text = withDelimiter(ROSTER.join('\r\n') + '\r\n', delimiter);
      const whole = await byRow([text], delimiter);
      expect(whole.map((r) => r.rowNo), delimiter).toEqual([1, 2, 3, 4, 6, 8, 9]);
      expect(whole[3]!.cells[3], delimiter).toBe('史花兰\r\n（曾用名史华兰）');
      for (const size of [1, 2, 5, 13, 64, 100_000]) {
        const chunks = chunked(text, size);
        const b = await byBatch(chunks, delimiter);
        expect(b.rows, `${delimiter} ${size}`).toEqual(whole);
        expect(b.batches).toBeLessThanOrEqual(chunks.length + 1);
        // Streamed: small chunks hand rows on as they come (not all at the end); one chunk gives one batch.
        if (size === 64) expect(b.batches).toBeGreaterThan(2);
        if (size === 100_000) expect(b.batches).toBe(1);
      }
    }
  });

  it('agrees on irregular quoting (the records csv-parse takes)', async () => {
    const text = ['a,"b"c",d', 'a,b"c,d', '"x""y",z', 'a,"b" ,c', '"",x', '"m,n",o', ' "p",q', '"a""', 'b",c', 'e,f'].join('\n');
    const whole = await byRow([text], ',');
    expect(whole.length).toBeGreaterThan(5);
    for (const size of [1, 3, 8, 1000]) expect((await byBatch(chunked(text, size), ',')).rows).toEqual(whole);
  });

  it('fails with the same error, naming the line', async () => {
    const text = 'a,b\n1,2\n3,"unclosed\n' + '4,5\n'.repeat(20);
    await expect(byRow([text], ',')).rejects.toThrow();
    const e1 = await byRow([text], ',').catch((e: Error) => e.message);
    const e2 = await byBatch([text], ',').catch((e: Error) => e.message);
    expect(e2).toBe(e1);
    expect(e1).toMatch(/第 3 行/);
  });
});

describe('CSV files read a batch at a time', () => {
  const files: [string, Buffer][] = [
    ['utf8-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ROSTER.join('\r\n'))])],
    ['gb18030.csv', iconv.encode(ROSTER.join('\r\n'), 'gb18030')],
    ['semicolon.csv', Buffer.from(withDelimiter(ROSTER.join('\n'), ';'))],
    ['pipe.csv', Buffer.from(withDelimiter(ROSTER.join('\n'), '|'))],
  ];

  it('opens every layout with rowBatches, and its rows are those of rows()', async () => {
    for (const [name, data] of files) {
      const opened = await openFile(tmp.file(name, data));
      for await (const sheet of opened.sheets()) {
        expect(sheet.rowBatches, name).toBeTypeOf('function');
        const a = await sheetRows(sheet, false);
        const b = await sheetRows(sheet, true);
        expect(b, name).toEqual(a);
        expect(a.length, name).toBe(7);
        expect(a[2]!.cells[3], name).toBe('史娜雪');
      }
    }
  });

  it('reads the same roster rows and report through batches as row by row', async () => {
    for (const [name, data] of files) {
      const path = tmp.file(name, data);
      const read = async (batches: boolean) => {
        const opened = await openFile(path);
        const sheets = opened.sheets;
        // Row by row: the same file with rowBatches hidden from the roster reader.
        const file = batches
          ? opened
          : {
              ...opened,
              sheets: async function* () {
                for await (const s of sheets()) yield { name: s.name, rows: () => s.rows() };
              },
            };
        const rows: RosterRow[] = [];
        const report = await readRoster(file, { kind: 'dibao', refDate: '2024-11-30' }, (b) => rows.push(...b));
        return { rows, report };
      };
      const a = await read(false);
      const b = await read(true);
      expect(b.rows, name).toEqual(a.rows);
      expect(b.report, name).toEqual(a.report);
      expect(a.report.persons, name).toBe(5);
    }
  });

  it('stops at the rows-per-file limit with the error and row of rows()', async () => {
    const path = tmp.file('many.csv', '姓名,身份证号\n' + '张三,410102199001011234\n'.repeat(2500));
    const fail = async (batches: boolean): Promise<string> => {
      const opened = await openFile(path, { limits: { rowsPerFile: 1000 } });
      for await (const sheet of opened.sheets()) {
        try {
          await sheetRows(sheet, batches);
        } catch (e) {
          return (e as Error).message;
        }
      }
      return 'no error';
    };
    const a = await fail(false);
    expect(a).toMatch(/1,000 行/);
    expect(await fail(true)).toBe(a);
  });
});
