// The zip layer of the .xlsx reader. yauzl (a well-kept zip reader that follows the spec: central directory, ZIP64,
// no scanning for local headers) reads the directory and each entry's local header; the entry's bytes are then
// streamed here, in large chunks (the XML scanner pays per chunk), inflated, and checked against the recorded size
// and CRC-32 (yauzl checks sizes only).
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import * as zlib from 'node:zlib';
import yauzl from 'yauzl';

export interface ZipEntry {
  /** Name as stored (forward slashes, no leading slash). */
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  /** yauzl's entry, for its local header. */
  raw: yauzl.Entry;
}

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();

  private constructor(
    private readonly path: string,
    private readonly zip: yauzl.ZipFile,
    readonly entries: readonly ZipEntry[],
  ) {
    for (const e of entries) {
      const key = e.name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  static async open(path: string): Promise<ZipArchive> {
    let zip: yauzl.ZipFile;
    try {
      // Names are decoded here, not by yauzl: it would refuse the odd absolute or backslashed part name some writers use.
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
    } catch (e) {
      throw new ZipFormatError(`not a zip file, or a damaged one (${(e as Error).message})`);
    }
    try {
      const entries: ZipEntry[] = [];
      for await (const raw of zip.eachEntry()) {
        const name = (raw.fileName as unknown as Buffer).toString('utf8').replace(/\\/g, '/').replace(/^\/+/, '');
        entries.push({
          name,
          method: raw.compressionMethod,
          flags: raw.generalPurposeBitFlag,
          crc32: raw.crc32,
          compressedSize: raw.compressedSize,
          size: raw.uncompressedSize,
          raw,
        });
      }
      return new ZipArchive(path, zip, entries);
    } catch (e) {
      zip.close();
      throw new ZipFormatError(`damaged zip: ${(e as Error).message}`);
    }
  }

  /** The entry of a part name (OPC part names are case-insensitive); undefined when there is none. */
  get(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\/+/, '').toLowerCase());
  }

  async close(): Promise<void> {
    if (this.zip.isOpen) this.zip.close();
  }

  /**
   * The uncompressed bytes of an entry, in chunks of about highWaterMark compressed bytes. Ending the iteration early
   * releases the streams; a damaged entry (bad local header, inflate error, wrong size or CRC) throws.
   */
  async *chunks(entry: ZipEntry, highWaterMark = 1 << 20): AsyncGenerator<Buffer, void, undefined> {
    if (entry.flags & 1) throw new ZipFormatError(`zip entry ${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipFormatError(`zip entry ${entry.name} uses unsupported compression method ${entry.method}`);
    }
    let start: number;
    try {
      start = (await this.zip.readLocalFileHeaderPromise(entry.raw, { minimal: true })).fileDataStart;
    } catch (e) {
      throw new ZipFormatError(`damaged zip: ${entry.name}: ${(e as Error).message}`);
    }
    let total = 0;
    let crc = 0;
    if (entry.compressedSize > 0) {
      // A stream of its own per entry (destroying a stream closes its file descriptor, so it cannot share yauzl's).
      const raw = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: Math.max(1, highWaterMark) });
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
          crc = zlib.crc32(chunk, crc);
          yield chunk;
        }
      } finally {
        inflate?.destroy();
        raw.destroy();
      }
    }
    if (total !== entry.size) throw new ZipFormatError(`damaged zip: ${entry.name} is shorter than recorded`);
    if (crc >>> 0 !== entry.crc32) throw new ZipFormatError(`damaged zip: CRC mismatch in ${entry.name}`);
  }
}
