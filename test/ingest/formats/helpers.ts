// Builds small input files for the reader tests: temp dirs, zip repacking (to control entry order), row collection.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipBuffer } from '../../../scripts/lib/zip-writer.js';
import * as XLSX from '@e965/xlsx';
import type { OpenedFile, RawRow, RawSheet } from '../../../src/ingest/formats/types.js';

export function makeTempDir(): { dir: string; file: (name: string, data: string | Uint8Array) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'bidui-readers-'));
  return {
    dir,
    file: (name, data) => {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Entries of a zip file in stored order (via SheetJS's CFB, which reads zips too). */
export function unzipEntries(buf: Buffer): [string, Buffer][] {
  const z = XLSX.CFB.read(buf, { type: 'buffer' }) as { FullPaths: string[]; FileIndex: { type: number; content?: Uint8Array }[] };
  const out: [string, Buffer][] = [];
  z.FullPaths.forEach((p, i) => {
    const e = z.FileIndex[i]!;
    if (e.type !== 2 || p.endsWith('/') || p.includes('Sh33tJ5')) return;
    out.push([p.replace(/^Root Entry\//, ''), Buffer.from(e.content ?? [])]);
  });
  return out;
}

/** A zip of the given entries in order: deflated unless listed in `stored`, with ZIP64 records when asked. */
export function zipOf(entries: [string, Buffer | string][], opts: { stored?: string[]; zip64?: boolean } = {}): Buffer {
  return zipBuffer(entries.map(([name, data]) => ({ name, data, stored: opts.stored?.includes(name) ?? false })), { zip64: opts.zip64 });
}

/** A zip with the given entries in the given order, stored uncompressed. */
export function zipStored(entries: [string, Buffer | string][]): Buffer {
  return zipOf(entries, { stored: entries.map(([name]) => name) });
}

export async function collect(sheet: RawSheet): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const r of sheet.rows()) rows.push(r);
  return rows;
}

export async function allSheets(file: OpenedFile | AsyncIterable<RawSheet>): Promise<{ name: string; rows: RawRow[] }[]> {
  const it = 'sheets' in file ? file.sheets() : file;
  const out: { name: string; rows: RawRow[] }[] = [];
  for await (const s of it) out.push({ name: s.name, rows: await collect(s) });
  return out;
}

/** Writes a SheetJS workbook as BIFF8 .xls bytes. */
export function biff8(wb: XLSX.WorkBook): Buffer {
  return XLSX.write(wb, { bookType: 'biff8', type: 'buffer' }) as Buffer;
}
