// A second opinion on bidui's own readers: every .xlsx under fixtures/ (written by exceljs, by LibreOffice and by hand
// the ways other programs write) and every BIFF8 .xls/.et (SheetJS, LibreOffice) is read by bidui and by SheetJS, and
// every cell must agree: same sheets in the same order, same hidden state, and per cell the same value (text, number,
// boolean, date as its serial day, or empty). Cells bidui filled from a merged range are its own addition and are
// checked against the range's top-left.
// SheetJS's zip reader does not understand ZIP64 records, so it is handed the same parts in an ordinary zip; a damaged
// file must be refused by both.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { readXlsx } from '../../../src/ingest/formats/xlsx/read.js';
import { readXls } from '../../../src/ingest/formats/legacy.js';
import { ZipArchive } from '../../../src/ingest/formats/xlsx/zip.js';
import type { CellValue, RawRow } from '../../../src/ingest/formats/types.js';
import { FIXTURES } from '../../helpers/cli.js';

/** Files under dir whose content starts with `magic` (hex). */
function filesStarting(dir: string, magic: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesStarting(p, magic));
    else if (fs.readFileSync(p).subarray(0, magic.length / 2).toString('hex') === magic) out.push(p);
  }
  return out.sort();
}

/** A comparable form of a cell: dates as their serial day number (so no time zone enters), empty as null. */
type Plain = string | number | boolean | { serial: number } | null;

function serialOf(d: Date, date1904: boolean): number {
  return Math.round((d.getTime() / 86_400_000 + 25569 - (date1904 ? 1462 : 0)) * 1e6) / 1e6;
}

function ours(v: CellValue | undefined, date1904: boolean): Plain {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return { serial: serialOf(v, date1904) };
  return v;
}

function theirs(c: XLSX.CellObject | undefined): Plain {
  if (!c || c.t === 'z' || c.t === 'e') return null;
  if (c.t === 'n') {
    const v = c.v as number;
    // SheetJS keeps date cells as numbers here (cellDates off) and says by the format whether they are dates.
    return typeof c.z === 'string' && XLSX.SSF.is_date(c.z) ? { serial: Math.round(v * 1e6) / 1e6 } : v;
  }
  if (c.t === 'd') return { serial: Math.round(Number(c.v) * 1e6) / 1e6 };
  if (c.t === 's') return c.v === '' ? null : String(c.v);
  if (c.t === 'b') return Boolean(c.v);
  return null;
}

interface Sheet {
  name: string;
  hidden?: string;
  rows: RawRow[];
}

async function readOurs(file: string): Promise<Sheet[]> {
  const out: Sheet[] = [];
  const sheets = file.endsWith('.xlsx') ? readXlsx(file) : (await readXls(file)).sheets;
  for await (const s of sheets) {
    const rows: RawRow[] = [];
    for await (const r of s.rows()) rows.push(r);
    out.push({ name: s.name, ...(s.hidden ? { hidden: s.hidden } : {}), rows });
  }
  return out;
}

const FILES = filesStarting(FIXTURES, '504b0304').filter((f) => f.endsWith('.xlsx'));
const OLE2 = filesStarting(FIXTURES, 'd0cf11e0a1b11ae1');

/** The parts of a zip, inflated by bidui's zip layer. */
async function parts(file: string): Promise<[string, Buffer][]> {
  const zip = await ZipArchive.open(file);
  try {
    const out: [string, Buffer][] = [];
    for (const e of zip.entries) {
      const chunks: Buffer[] = [];
      for await (const c of zip.chunks(e)) chunks.push(c);
      out.push([e.name, Buffer.concat(chunks)]);
    }
    return out;
  } finally {
    await zip.close();
  }
}

/** What SheetJS reads: the file itself, or for a ZIP64 package the same parts in an ordinary zip. */
async function sheetjsBook(file: string): Promise<XLSX.WorkBook> {
  const opts = { type: 'buffer', dense: true, cellDates: false, cellNF: true, cellText: false, cellFormula: false, codepage: 936 } as const;
  const bytes = fs.readFileSync(file);
  const zip64 = bytes.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]));
  if (!zip64) return XLSX.read(bytes, opts);
  const z = XLSX.CFB.utils.cfb_new({ root: 'R' } as never);
  for (const [name, data] of await parts(file)) XLSX.CFB.utils.cfb_add(z, name, data);
  return XLSX.read(XLSX.CFB.write(z, { fileType: 'zip', type: 'buffer' } as never) as Buffer, opts);
}

describe('bidui reads every .xlsx and .xls fixture as SheetJS does', () => {
  it('has fixtures from several writers to compare', () => {
    expect(OLE2.map((f) => path.relative(FIXTURES, f))).toEqual(expect.arrayContaining(['libreoffice-saved/低保_LibreOffice.xls', 'wps-et/特困人员名单.et']));
    const rel = FILES.map((f) => path.relative(FIXTURES, f));
    expect(rel).toEqual(expect.arrayContaining(['libreoffice-saved/低保_LibreOffice.xlsx', 'xlsx-second-opinion/strict.xlsx', 'xlsx-second-opinion/zip64.xlsx']));
    expect(FILES.length).toBeGreaterThan(20);
  });

  for (const file of [...FILES, ...OLE2]) {
    it(path.relative(FIXTURES, file), async () => {
      const [wb, mine] = await Promise.allSettled([sheetjsBook(file), readOurs(file)]);
      if (wb.status === 'rejected' || mine.status === 'rejected') {
        // A damaged file: both readers must refuse it.
        expect([wb.status, mine.status], String(wb.status === 'rejected' ? wb.reason : mine.status === 'rejected' ? mine.reason : '')).toEqual(['rejected', 'rejected']);
        return;
      }
      compare(wb.value, mine.value);
    });
  }
});

function compare(wb: XLSX.WorkBook, mine: Sheet[]): void {
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  expect(mine.map((s) => s.name), 'sheet names').toEqual(wb.SheetNames);
  const hiddenTheirs = wb.SheetNames.map((_, i) => ({ 1: 'hidden', 2: 'veryHidden' })[wb.Workbook?.Sheets?.[i]?.Hidden as 1 | 2] ?? undefined);
  expect(mine.map((s) => s.hidden), 'hidden sheets').toEqual(hiddenTheirs);

  const disagreements: string[] = [];
  mine.forEach((sheet, si) => {
    const ws = wb.Sheets[wb.SheetNames[si]!]!;
    const data = (ws['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
    const merges = ws['!merges'] ?? [];
    const seen = new Set<number>();
    for (const row of sheet.rows) {
      seen.add(row.rowNo);
      const theirRow = data[row.rowNo - 1] ?? [];
      const width = Math.max(row.cells.length, theirRow.length);
      for (let c = 0; c < width; c++) {
        const at = `${sheet.name}!${XLSX.utils.encode_cell({ r: row.rowNo - 1, c })}`;
        const a = ours(row.cells[c], date1904);
        if (row.merged?.[c]) {
          // Filled by bidui from the merge: SheetJS leaves the covered cell empty; bidui's value is the range's top-left.
          const range = merges.find((m) => m.s.r <= row.rowNo - 1 && row.rowNo - 1 <= m.e.r && m.s.c <= c && c <= m.e.c);
          if (!range) disagreements.push(`${at}: marked merged, but SheetJS knows no merge range here`);
          else if (JSON.stringify(theirs(data[range.s.r]?.[range.s.c])) !== JSON.stringify(a)) {
            disagreements.push(`${at}: merged copy ${JSON.stringify(a)}, the range's top-left in SheetJS is ${JSON.stringify(theirs(data[range.s.r]?.[range.s.c]))}`);
          }
          continue;
        }
        const b = theirs(theirRow[c]);
        if (JSON.stringify(a) !== JSON.stringify(b)) disagreements.push(`${at}: bidui ${JSON.stringify(a)}, SheetJS ${JSON.stringify(b)}`);
      }
    }
    // Rows SheetJS has values in that bidui left out.
    data.forEach((r, i) => {
      if (!seen.has(i + 1) && (r ?? []).some((c) => theirs(c) !== null)) disagreements.push(`${sheet.name} row ${i + 1}: only SheetJS has it`);
    });
  });
  expect(disagreements, disagreements.slice(0, 20).join('\n')).toEqual([]);
}
