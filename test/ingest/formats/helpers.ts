// Builds small input files for the reader tests: temp dirs, zip repacking (to control entry order), row collection.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
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
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, raw] of entries) {
    const data = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    const stored = opts.stored?.includes(name) ?? false;
    const body = stored ? data : deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const z64 = opts.zip64 === true;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(z64 ? 45 : 20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, body);
    // ZIP64 extra field: uncompressed size, compressed size, local header offset (all saturated in the record).
    const extra = Buffer.alloc(z64 ? 28 : 0);
    if (z64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(data.length), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(z64 ? 45 : 20, 4);
    central.writeUInt16LE(z64 ? 45 : 20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(z64 ? 0xffffffff : body.length, 20);
    central.writeUInt32LE(z64 ? 0xffffffff : data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(z64 ? 0xffffffff : offset, 42);
    centrals.push(central, nameBuf, extra);
    offset += 30 + nameBuf.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (opts.zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(entries.length), 24);
    rec.writeBigUInt64LE(BigInt(entries.length), 32);
    rec.writeBigUInt64LE(BigInt(cd.length), 40);
    rec.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(rec, loc);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : cd.length, 12);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, cd, ...tail, end]);
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
