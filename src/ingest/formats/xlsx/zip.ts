// Reads zip archives the way .xlsx readers need: the central directory from the end of the file (ZIP64 too), then
// any entry streamed on its own from its local header (stored or deflated), without reading the rest of the file.

import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import * as zlib from 'node:zlib';

export interface ZipEntry {
  /** Name as stored (forward slashes, no leading slash). */
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** zlib.crc32 arrived in Node 20.15; without it entries are checked by size only. */
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('damaged zip: 64-bit size or offset out of range');
  return Number(v);
}

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();

  private constructor(
    private readonly path: string,
    private readonly fh: FileHandle,
    readonly fileSize: number,
    readonly entries: readonly ZipEntry[],
  ) {
    for (const e of entries) {
      const key = e.name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  static async open(path: string): Promise<ZipArchive> {
    const fh = await open(path, 'r');
    try {
      const { size } = await fh.stat();
      const entries = await readCentralDirectory(fh, size);
      return new ZipArchive(path, fh, size, entries);
    } catch (e) {
      await fh.close().catch(() => undefined);
      throw e;
    }
  }

  /** The entry of a part name (OPC part names are case-insensitive); undefined when there is none. */
  get(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\/+/, '').toLowerCase());
  }

  async close(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }

  /**
   * The uncompressed bytes of an entry, streamed in chunks of about highWaterMark compressed bytes. Ending the
   * iteration early releases the streams; a damaged entry (bad local header, inflate error, wrong size or CRC)
   * throws.
   */
  async *chunks(entry: ZipEntry, highWaterMark = 1 << 20): AsyncGenerator<Buffer, void, undefined> {
    if (entry.flags & 1) throw new ZipFormatError(`zip entry ${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipFormatError(`zip entry ${entry.name} uses unsupported compression method ${entry.method}`);
    }
    const local = await readAt(this.fh, entry.localHeaderOffset, 30);
    if (local.readUInt32LE(0) !== SIG_LOCAL) {
      throw new ZipFormatError(`damaged zip: no local header for ${entry.name}`);
    }
    const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (start + entry.compressedSize > this.fileSize) {
      throw new ZipFormatError(`damaged zip: ${entry.name} runs past the end of the file`);
    }
    let total = 0;
    let crc = 0;
    if (entry.compressedSize > 0) {
      // A stream of its own per entry (destroying a stream closes its file descriptor, so it cannot share ours).
      const raw = createReadStream(this.path, {
        start,
        end: start + entry.compressedSize - 1,
        highWaterMark: Math.max(1, highWaterMark),
      });
      let source: AsyncIterable<Buffer>;
      let inflate: zlib.InflateRaw | undefined;
      if (entry.method === 8) {
        inflate = zlib.createInflateRaw({ chunkSize: Math.max(64, Math.min(highWaterMark, 1 << 18)) });
        pipeline(raw, inflate, () => undefined);
        source = inflate;
      } else {
        source = raw;
      }
      try {
        for await (const chunk of source) {
          total += chunk.length;
          if (total > entry.size) throw new ZipFormatError(`damaged zip: ${entry.name} is longer than recorded`);
          if (crc32) crc = crc32(chunk, crc);
          yield chunk;
        }
      } finally {
        inflate?.destroy();
        raw.destroy();
      }
    }
    if (total !== entry.size) throw new ZipFormatError(`damaged zip: ${entry.name} is shorter than recorded`);
    if (crc32 && crc >>> 0 !== entry.crc32) throw new ZipFormatError(`damaged zip: CRC mismatch in ${entry.name}`);
  }
}

async function readAt(fh: FileHandle, at: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, at + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  if (got !== length) throw new ZipFormatError('damaged zip: file ends early');
  return buf;
}

async function readCentralDirectory(fh: FileHandle, size: number): Promise<ZipEntry[]> {
  if (size < EOCD_SIZE) throw new ZipFormatError('not a zip file (too short)');
  const tailLen = Math.min(size, EOCD_SIZE + MAX_COMMENT);
  const tailAt = size - tailLen;
  const tail = await readAt(fh, tailAt, tailLen);
  let eocd = -1;
  for (let i = tailLen - EOCD_SIZE; i >= 0; i--) {
    if (tail[i] === 0x50 && tail.readUInt32LE(i) === SIG_EOCD && i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tailLen) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('not a zip file, or a truncated one (no end of central directory record)');

  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  const eocdPos = tailAt + eocd;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator sits right before the EOCD record and points at the ZIP64 EOCD record.
    if (eocdPos >= 20) {
      const loc = await readAt(fh, eocdPos - 20, 20);
      if (loc.readUInt32LE(0) === SIG_ZIP64_LOCATOR) {
        const at = u64(loc, 8);
        const rec = await readAt(fh, at, 56);
        if (rec.readUInt32LE(0) !== SIG_ZIP64_EOCD) throw new ZipFormatError('damaged zip: bad ZIP64 end record');
        count = u64(rec, 32);
        cdSize = u64(rec, 40);
        cdOffset = u64(rec, 48);
      }
    }
  }
  if (cdOffset + cdSize > size) throw new ZipFormatError('damaged zip: central directory runs past the end of the file');
  const cd = await readAt(fh, cdOffset, cdSize);

  const entries: ZipEntry[] = [];
  let p = 0;
  while (p + 46 <= cd.length && cd.readUInt32LE(p) === SIG_CENTRAL) {
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    let compressedSize = cd.readUInt32LE(p + 20);
    let size32 = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    const nameAt = p + 46;
    const extraAt = nameAt + nameLen;
    const next = extraAt + extraLen + commentLen;
    if (next > cd.length) throw new ZipFormatError('damaged zip: central directory entry cut short');
    // Part names are ASCII; UTF-8 (flag bit 11) is what everyone writes for the rest.
    const name = cd.toString('utf8', nameAt, extraAt).replace(/\\/g, '/').replace(/^\/+/, '');
    // ZIP64 extended information: 64-bit values for the fields saturated above, in this order.
    for (let x = extraAt; x + 4 <= extraAt + extraLen; ) {
      const id = cd.readUInt16LE(x);
      const len = cd.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const end = q + len;
        if (size32 === 0xffffffff && q + 8 <= end) {
          size32 = u64(cd, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= end) {
          compressedSize = u64(cd, q);
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff && q + 8 <= end) {
          localHeaderOffset = u64(cd, q);
          q += 8;
        }
        break;
      }
      x += 4 + len;
    }
    entries.push({ name, method, flags, crc32: crc, compressedSize, size: size32, localHeaderOffset });
    p = next;
  }
  if (entries.length < count && count !== 0xffff) {
    throw new ZipFormatError(`damaged zip: central directory lists ${entries.length} of ${count} entries`);
  }
  return entries;
}
