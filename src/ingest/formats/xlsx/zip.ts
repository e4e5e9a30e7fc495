// The zip layer of the .xlsx reader. yauzl (a well-kept zip reader that follows the spec: central directory, ZIP64,
// no scanning for local headers) reads the directory and each entry's local header; the entry's bytes are then
// streamed here, in large chunks (the XML scanner pays per chunk), inflated, and checked against the recorded size
// and CRC-32 (yauzl checks sizes only).
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import * as zlib from 'node:zlib';
import yauzl from 'yauzl';
import { formatMb, LimitError, raiseHint, RATIO_EXEMPT_BYTES, type Limits } from '../limits.js';

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

/** Parts of one package: a workbook of a few hundred sheets has about a thousand. */
const MAX_ENTRIES = 65_536;

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
    private readonly limits: Pick<Limits, 'zipEntryBytes' | 'zipRatio'> | undefined,
  ) {
    for (const e of entries) {
      const key = e.name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  /** Opens a zip; with `limits`, every entry read is first checked against them (uncompressed size, ratio). */
  static async open(path: string, limits?: Pick<Limits, 'zipEntryBytes' | 'zipRatio'>): Promise<ZipArchive> {
    let zip: yauzl.ZipFile;
    try {
      // Names are decoded here, not by yauzl: it would refuse the odd absolute or backslashed part name some writers use.
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
    } catch (e) {
      throw new ZipFormatError(`not a zip file, or a damaged one (${(e as Error).message})`);
    }
    try {
      const entries: ZipEntry[] = [];
      if (limits && zip.entryCount > MAX_ENTRIES) {
        throw new LimitError(
          `压缩包里有 ${zip.entryCount.toLocaleString('en-US')} 个文件，正常的表格文件只有几十个`,
          '这不像正常的名单文件，请确认文件来源',
        );
      }
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
      return new ZipArchive(path, zip, entries, limits);
    } catch (e) {
      zip.close();
      if (e instanceof LimitError) throw e;
      throw new ZipFormatError(`damaged zip: ${(e as Error).message}`);
    }
  }

  /** The entry of a part name (OPC part names are case-insensitive); undefined when there is none. */
  get(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\/+/, '').toLowerCase());
  }

  /**
   * Refuses an entry whose recorded uncompressed size or compression ratio is beyond the limits. The recorded size is
   * binding: chunks() fails on an entry that inflates to more than it.
   */
  checkLimits(entry: ZipEntry): void {
    const lim = this.limits;
    if (!lim) return;
    const ratio = entry.size / Math.max(1, entry.compressedSize);
    if (entry.size > lim.zipEntryBytes) {
      throw new LimitError(
        `压缩包中的「${entry.name}」解压后有 ${formatMb(entry.size)}，超过上限 ${formatMb(lim.zipEntryBytes)}`,
        `这不像正常的名单文件（可能是被恶意构造的“压缩炸弹”，或把大量内容塞进了一个工作表）；请确认文件来源。${raiseHint('zipEntryBytes')}`,
      );
    }
    if (entry.size > RATIO_EXEMPT_BYTES && ratio > lim.zipRatio) {
      throw new LimitError(
        `压缩包中的「${entry.name}」压缩比高达 ${Math.round(ratio)}:1（${formatMb(entry.compressedSize)} 解压为 ${formatMb(entry.size)}），超过上限 ${lim.zipRatio}:1`,
        `正常的表格文件压缩比远低于此，这很可能是被恶意构造的“压缩炸弹”；请确认文件来源。${raiseHint('zipRatio')}`,
      );
    }
  }

  async close(): Promise<void> {
    if (this.zip.isOpen) this.zip.close();
  }

  /**
   * The uncompressed bytes of an entry, in chunks of about highWaterMark compressed bytes (inflated chunks of up to
   * `chunkSize`, 256 KB by default). Ending the iteration early releases the streams; a damaged entry (bad local header,
   * inflate error, wrong size or, unless `checkCrc` is false, CRC) throws.
   */
  async *chunks(entry: ZipEntry, highWaterMark = 1 << 20, opts: { checkCrc?: boolean; chunkSize?: number } = {}): AsyncGenerator<Buffer, void, undefined> {
    const checkCrc = opts.checkCrc ?? true;
    if (entry.flags & 1) throw new ZipFormatError(`zip entry ${entry.name} is encrypted`);
    this.checkLimits(entry);
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
        inflate = zlib.createInflateRaw({ chunkSize: Math.max(64, Math.min(highWaterMark, opts.chunkSize ?? 1 << 18)) });
        pipeline(raw, inflate, () => undefined);
        source = inflate;
      } else {
        source = raw;
      }
      try {
        for await (const chunk of source) {
          total += chunk.length;
          if (total > entry.size) throw new ZipFormatError(`damaged zip: ${entry.name} is longer than recorded`);
          if (checkCrc) crc = zlib.crc32(chunk, crc);
          yield chunk;
        }
      } finally {
        inflate?.destroy();
        raw.destroy();
      }
    }
    if (total !== entry.size) throw new ZipFormatError(`damaged zip: ${entry.name} is shorter than recorded`);
    if (checkCrc && crc >>> 0 !== entry.crc32) throw new ZipFormatError(`damaged zip: CRC mismatch in ${entry.name}`);
  }
}
