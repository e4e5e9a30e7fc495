// Builds small input files for the reader tests: temp dirs, zip repacking (to control entry order), row collection.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import type { OpenedFile, RawRow, RawSheet } from '../../../src/ingest/types.js';

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

/** A zip with the given entries in the given order, stored uncompressed. */
export function zipStored(entries: [string, Buffer | string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, raw] of entries) {
    const data = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
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
