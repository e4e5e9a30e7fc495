// CSV/TSV parsing: physical line numbers, quoting (checked against csv-parse), chunk boundaries, broken files.

import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { parseDelimited, sheetNameFor } from '../../../src/ingest/formats/csv.js';
import type { RawRow } from '../../../src/ingest/formats/types.js';

async function rows(text: string | string[], delimiter: ',' | '\t' = ','): Promise<RawRow[]> {
  const chunks = typeof text === 'string' ? [text] : text;
  async function* gen() {
    yield* chunks;
  }
  const out: RawRow[] = [];
  for await (const r of parseDelimited(gen(), { delimiter, fileName: 't.csv' })) out.push(r);
  return out;
}

/** Splits text into chunks of n characters (to cross every boundary). */
function chunked(text: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += n) out.push(text.slice(i, i + n));
  return out;
}

describe('parseDelimited', () => {
  it('numbers records by the physical line they start on, across multi-line cells and blank lines', async () => {
    const text = [
      '某县2024年11月农村低保对象花名册,,', // 1
      '序号,姓名,身份证号', // 2
      '1,张三,410102199001011234', // 3
      '2,"李四', // 4
      '（曾用名李思）",410102199001011235', // 5
      '', // 6
      ',,', // 7
      '3,"王""五""",41010219900101123X', // 8
      '4,"a\r\nb\r\nc",x', // 9-11 (CRLF inside the quoted cell)
      '5,赵六,', // 12
    ].join('\r\n');
    const r = await rows(text);
    expect(r.map((x) => x.rowNo)).toEqual([1, 2, 3, 4, 8, 9, 12]);
    expect(r[0]!.cells).toEqual(['某县2024年11月农村低保对象花名册']);
    expect(r[3]!.cells).toEqual(['2', '李四\r\n（曾用名李思）', '410102199001011235']);
    expect(r[4]!.cells).toEqual(['3', '王"五"', '41010219900101123X']);
    expect(r[5]!.cells).toEqual(['4', 'a\r\nb\r\nc', 'x']);
    expect(r[6]!.cells).toEqual(['5', '赵六']);
    for (const size of [1, 2, 3, 7, 64]) expect(await rows(chunked(text, size))).toEqual(r);
  });

  it('agrees with csv-parse (relax_quotes) on irregular quoting', async () => {
    const lines = ['a,"b"c",d', 'a,b"c,d', '"x""y",z', 'a,"b" ,c', '"",x', 'a,,"",', '"m,n",o', ' "p",q', '"a""', 'b",c'];
    const text = lines.join('\n');
    const ours = (await rows(text)).map((r) => r.cells.map((c) => c ?? ''));
    const ref = (parse(text, { relax_quotes: true, relax_column_count: true }) as string[][])
      .map((f) => {
        let n = f.length;
        while (n > 0 && f[n - 1] === '') n--;
        return f.slice(0, n);
      })
      .filter((f) => f.length > 0);
    expect(ours).toEqual(ref);
    expect((await rows(text)).map((r) => r.rowNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('reads tab-separated text, mixed line endings and old Mac CR-only files', async () => {
    expect((await rows('姓名\t身份证号\n张三\t"1\t2"\r\n李四\t3', '\t')).map((r) => r.cells)).toEqual([
      ['姓名', '身份证号'],
      ['张三', '1\t2'],
      ['李四', '3'],
    ]);
    const mac = await rows('a,b\r1,2\r\r3,4\r');
    expect(mac.map((r) => [r.rowNo, ...r.cells])).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [4, '3', '4'],
    ]);
  });

  it('keeps every cell a string and turns empty cells into null', async () => {
    const [r] = await rows('0012,,4.10102E+17,2019.10, ,');
    expect(r!.cells).toEqual(['0012', null, '4.10102E+17', '2019.10', ' ']);
  });

  it('reports an unclosed quote with the line it starts on', async () => {
    await expect(rows('a,b\n1,"张三\n2,李四\n')).rejects.toThrow(
      /文件「t\.csv」，第 2 行：从这一行起有一个英文双引号没有配对/,
    );
  });
});

describe('sheetNameFor', () => {
  it('drops the extension only', () => {
    expect(sheetNameFor('城关镇低保.2024.11.csv')).toBe('城关镇低保.2024.11');
    expect(sheetNameFor('名单')).toBe('名单');
    expect(sheetNameFor('.csv')).toBe('.csv');
  });
});
