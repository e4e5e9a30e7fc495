// A small deterministic zip writer for hand-built fixture packages: entries deflated or stored, optionally with data
// descriptors (sizes and CRC after the data, as streaming writers such as POI and Java's ZipOutputStream write them) or
// ZIP64 records (as writers of very large workbooks do, and some always do). Fixed entry times: same input, same bytes.

import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipInput {
  name: string;
  data: Buffer | string;
  /** Store instead of deflating. */
  stored?: boolean;
}

export interface ZipWriteOptions {
  /** Sizes and CRC in a data descriptor after each entry's data (general purpose flag bit 3). */
  dataDescriptor?: boolean;
  /** ZIP64 extra fields in every header and the ZIP64 end of central directory records. */
  zip64?: boolean;
  /** Entry times (default 2024-12-02). */
  date?: Date;
}

const FFFF = 0xffff;
const FFFFFFFF = 0xffffffff;

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export function zipBuffer(entries: readonly ZipInput[], opts: ZipWriteOptions = {}): Buffer {
  const { time, date } = dosDateTime(opts.date ?? new Date(Date.UTC(2024, 11, 2)));
  const z64 = opts.zip64 === true;
  const dd = opts.dataDescriptor === true;
  const flags = 0x0800 | (dd ? 0x0008 : 0);
  const version = z64 ? 45 : 20;
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const body = e.stored ? data : deflateRawSync(data, { level: 9 });
    const method = e.stored ? 0 : 8;
    const crc = crc32(data) >>> 0;
    const name = Buffer.from(e.name, 'utf8');

    const localExtra = z64 ? Buffer.alloc(20) : Buffer.alloc(0);
    if (z64) {
      localExtra.writeUInt16LE(0x0001, 0);
      localExtra.writeUInt16LE(16, 2);
      localExtra.writeBigUInt64LE(dd ? 0n : BigInt(data.length), 4);
      localExtra.writeBigUInt64LE(dd ? 0n : BigInt(body.length), 12);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(dd ? 0 : crc, 14);
    local.writeUInt32LE(z64 ? FFFFFFFF : dd ? 0 : body.length, 18);
    local.writeUInt32LE(z64 ? FFFFFFFF : dd ? 0 : data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    parts.push(local, name, localExtra, body);
    let written = 30 + name.length + localExtra.length + body.length;
    if (dd) {
      const desc = Buffer.alloc(z64 ? 24 : 16);
      desc.writeUInt32LE(0x08074b50, 0);
      desc.writeUInt32LE(crc, 4);
      if (z64) {
        desc.writeBigUInt64LE(BigInt(body.length), 8);
        desc.writeBigUInt64LE(BigInt(data.length), 16);
      } else {
        desc.writeUInt32LE(body.length, 8);
        desc.writeUInt32LE(data.length, 12);
      }
      parts.push(desc);
      written += desc.length;
    }

    const extra = z64 ? Buffer.alloc(28) : Buffer.alloc(0);
    if (z64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(data.length), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(version, 4);
    central.writeUInt16LE(version, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(z64 ? FFFFFFFF : body.length, 20);
    central.writeUInt32LE(z64 ? FFFFFFFF : data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(z64 ? FFFFFFFF : offset, 42);
    centrals.push(central, name, extra);
    offset += written;
  }
  const cd = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (z64) {
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
  end.writeUInt16LE(z64 ? FFFF : entries.length, 8);
  end.writeUInt16LE(z64 ? FFFF : entries.length, 10);
  end.writeUInt32LE(z64 ? FFFFFFFF : cd.length, 12);
  end.writeUInt32LE(z64 ? FFFFFFFF : offset, 16);
  return Buffer.concat([...parts, cd, ...tail, end]);
}
