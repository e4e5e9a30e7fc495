// Workbooks written as streams: rows leave memory as they are written, a large township list keeps every row, its
// drop-downs, filter, protection and manifest, and each sheet's parts are in the schema's order (Excel refuses a
// sheet whose protection comes after its filter), checked on the files as written.
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atomicWriteStream } from '../../src/report/atomic-write.js';
import { MANIFEST_SHEET } from '../../src/report/manifest.js';
import { writeTable } from '../../src/report/sheet-kit.js';
import { closeBook, openBook, writeSheet } from '../../src/report/stream-book.js';
import { makeId, type Row } from '../helpers/county.js';
import type { County } from '../helpers/county.js';
import { tempDir } from '../helpers/cli.js';
import { check, countyWithKey, NOW, P1, report, townshipFile } from './scenario.js';

/** Every entry of a zip file as text. */
function zipTexts(file: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, string>();
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, s) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The order CT_Worksheet (ECMA-376 Part 1, 18.3.1.99) gives the parts a workbook of ours uses. */
const SCHEMA_ORDER = ['sheetPr', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetProtection', 'autoFilter', 'mergeCells', 'dataValidations', 'pageMargins', 'pageSetup', 'headerFooter'];

function partsOf(xml: string): string[] {
  const body = xml.replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, '<sheetData/>');
  return [...body.matchAll(/<(\w+)[\s/>]/g)].map((m) => m[1]!).filter((n) => SCHEMA_ORDER.includes(n));
}

const MANY = 1203; // many turns of ROWS_PER_TURN, one partial
let c: County;
let out: string;
beforeAll(async () => {
  c = await countyWithKey();
  out = tempDir('bidui-stream-');
  const people: Row[] = Array.from({ length: MANY }, (_, i) => ({
    乡镇: '大河镇', 村: `第${(i % 7) + 1}村`, 姓名: `测试${i}`, 身份证号: makeId(`197001${String(1 + Math.floor(i / 500)).padStart(2, '0')}`, (i % 500) + 1), 状态: '在保',
  }));
  await c.load('dibao', P1, people);
  await c.load('tekun', P1, people);
  await check(c, P1);
  await report(c, P1, out);
}, 120_000);
afterAll(() => {
  c.close();
  fs.rmSync(out, { recursive: true, force: true });
});

describe('streamed workbooks', () => {
  it('a township list of 1,203 findings keeps every row, the drop-downs and filter over all of them, protection and the manifest', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(townshipFile(out, P1, '大河镇'));
    const list = wb.getWorksheet('疑点清单')!;
    const last = 2 + MANY;
    expect(list.getCell(`A${last}`).value).toBe(MANY);
    expect(list.getCell(`B${last}`).numFmt).toBe('@');
    expect(list.getCell(`O${last}`).protection?.locked).toBe(false);
    expect(list.autoFilter).toBe(`A2:T${last}`);
    expect(list.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const dv = (list as unknown as { dataValidations: { model: Record<string, { type: string; formulae: unknown[] }> } }).dataValidations.model;
    expect(dv[`O${last}`]).toMatchObject({ type: 'list', formulae: ['"属实,不属实,部分属实"'] });
    expect(dv[`Q${last}`]?.type).toBe('list');
    expect(dv[`R${last}`]?.type).toBe('date');
    expect(dv[`O${last + 1}`]).toBeUndefined();
    for (const ws of wb.worksheets) {
      expect((ws as unknown as { sheetProtection: { sheet: boolean } | null }).sheetProtection?.sheet, ws.name).toBe(true);
    }
    const m = wb.getWorksheet(MANIFEST_SHEET)!;
    expect(m.state).toBe('veryHidden');
    const ids = new Set<unknown>();
    for (let r = 3; r <= last; r++) ids.add(list.getCell(`B${r}`).value);
    const listed: unknown[] = [];
    m.eachRow((row, n) => {
      if (n > 11) listed.push(row.getCell(1).value);
    });
    expect(listed).toHaveLength(MANY);
    expect(new Set(listed)).toEqual(ids);
  });

  it('every sheet of the township and county workbooks has its parts in schema order, protection right after the rows', async () => {
    for (const file of [townshipFile(out, P1, '大河镇'), path.join(out, P1, '县级汇总.xlsx')]) {
      const parts = await zipTexts(file);
      const sheets = [...parts.keys()].filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k));
      expect(sheets.length).toBeGreaterThan(5);
      for (const name of sheets) {
        const order = partsOf(parts.get(name)!);
        expect(order, `${path.basename(file)} ${name}`).toEqual([...order].sort((a, b) => SCHEMA_ORDER.indexOf(a) - SCHEMA_ORDER.indexOf(b)));
        if (file.endsWith('疑点核查表.xlsx')) expect(order[order.indexOf('sheetData') + 1]).toBe('sheetProtection');
      }
      expect(parts.get('xl/workbook.xml')).toContain('name="_xlnm._FilterDatabase"');
    }
  });

  it('rows are handed to the sheet’s stream as they are written, not kept to the end', async () => {
    const sink = new PassThrough();
    sink.resume();
    const wb = openBook(sink, NOW);
    await writeSheet(wb, 'rows', {}, async (ws) => {
      const last = await writeTable(ws, 1, [{ header: 'n', width: 6, value: (n: number) => n }], Array.from({ length: 1000 }, (_, i) => i));
      expect(last).toBe(1001);
      expect(() => ws.getRow(2)).toThrow(/committed/);
      expect(() => ws.getRow(1001)).toThrow(/committed/);
    });
    await closeBook(wb);
  });

  it('a stream written file appears whole or not at all', async () => {
    const dir = tempDir('bidui-atomic-stream-');
    const file = path.join(dir, 'a.xlsx');
    await expect(atomicWriteStream(file, async (s) => {
      s.write('half');
      throw new Error('stopped');
    })).rejects.toThrow('stopped');
    expect(fs.readdirSync(dir)).toEqual([]);
    const { sha256, result } = await atomicWriteStream(file, async (s) => {
      s.end('whole');
      return 7;
    });
    expect(result).toBe(7);
    expect(fs.readFileSync(file, 'utf8')).toBe('whole');
    expect(sha256).toBe(createHash('sha256').update('whole').digest('hex'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
