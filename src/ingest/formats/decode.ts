// Decides the character encoding of text inputs (BOM, strict UTF-8, else GB18030) and decodes whole buffers or streams.

import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { isAscii } from 'node:buffer';
import iconv from 'iconv-lite';
import { InputError } from '../../errors.js';

/** Canonical encoding names this module produces. */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' | 'big5';

export interface DecodedText {
  text: string;
  encoding: string;
  reason: string;
}

export interface DecodingStream {
  /** Readable of decoded string chunks (BOM removed). */
  stream: Readable;
  encoding: string;
  reason: string;
}

/** Thrown (inside the decoding stream) when a file chosen as UTF-8 turns out not to be UTF-8 further on. */
export class TextDecodeError extends Error {
  constructor(
    /** Absolute offset of the first bad byte in the file. */
    readonly byteOffset: number,
    readonly encoding: string,
    /** Line feeds between the start of the failing chunk and the bad byte (the reader knows where the chunk began). */
    readonly lineFeedsBefore: number,
  ) {
    super(`invalid ${encoding} byte sequence at byte ${byteOffset}`);
    this.name = 'TextDecodeError';
  }
}

/** Index of the first byte that cannot be UTF-8 (a sequence cut at the end is fine); leading continuation bytes finish the previous chunk's character. */
function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < 3 && i < n && (b[i]! & 0xc0) === 0x80) i++;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (need === 0) return i;
    if (i + need >= n) return n;
    for (let k = 1; k <= need; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    const c1 = b[i + 1]!;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return i;
    i += need + 1;
  }
  return n;
}

function decodeFailure(chunk: Uint8Array, chunkOffset: number, encoding: string): TextDecodeError {
  const bad = encoding === 'utf-8' ? Math.min(firstInvalidUtf8(chunk), chunk.length) : 0;
  let lf = 0;
  for (let i = chunk.indexOf(10); i >= 0 && i < bad; i = chunk.indexOf(10, i + 1)) lf++;
  return new TextDecodeError(chunkOffset + bad, encoding, lf);
}

const ALIASES: Record<string, TextEncodingName> = {
  'utf8': 'utf-8',
  'utf-8': 'utf-8',
  'utf_8': 'utf-8',
  'utf8bom': 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-8-sig': 'utf-8',
  'gbk': 'gb18030',
  'gb2312': 'gb18030',
  'gb18030': 'gb18030',
  'gb-18030': 'gb18030',
  'cp936': 'gb18030',
  '936': 'gb18030',
  'windows-936': 'gb18030',
  'euc-cn': 'gb18030',
  'ansi': 'gb18030',
  'utf16le': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf16': 'utf-16le',
  'utf-16': 'utf-16le',
  'ucs2': 'utf-16le',
  'ucs-2': 'utf-16le',
  'unicode': 'utf-16le',
  'utf16be': 'utf-16be',
  'utf-16be': 'utf-16be',
  'big5': 'big5',
  'cp950': 'big5',
};

/** The names `--encoding` accepts, for help text and error messages. */
export const ACCEPTED_ENCODINGS = 'utf-8 (utf8)、gbk、gb2312、gb18030 (cp936)、utf-16le (utf16)、utf-16be、big5';

/** Maps a user-given encoding name to the canonical one; unknown names are a user error. */
export function normalizeEncodingName(name: string, fileName = '（未指定）'): TextEncodingName {
  const key = name.trim().toLowerCase().replace(/\s+/g, '');
  const found = ALIASES[key];
  if (!found) {
    throw new InputError(
      { file: fileName },
      `不认识 --encoding 指定的编码「${name}」`,
      `可用的编码有：${ACCEPTED_ENCODINGS}（gbk/gb2312 均按其超集 GB18030 解码）`,
    );
  }
  return found;
}

interface Bom {
  encoding: TextEncodingName;
  length: number;
  reason: string;
}

/** Recognises a byte-order mark at the start of the buffer. */
export function detectBom(buf: Uint8Array): Bom | undefined {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { encoding: 'utf-8', length: 3, reason: '检测到 UTF-8 BOM' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { encoding: 'utf-16le', length: 2, reason: '检测到 UTF-16LE BOM' };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { encoding: 'utf-16be', length: 2, reason: '检测到 UTF-16BE BOM' };
  }
  return undefined;
}

/**
 * Strict UTF-8 check. With `atEnd` false the buffer is a prefix of the file, so a multi-byte character cut at
 * its end is not evidence of anything (TextDecoder's stream mode keeps it pending instead of failing).
 */
export function isValidUtf8(buf: Uint8Array, atEnd = true): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf, { stream: !atEnd });
    return true;
  } catch {
    return false;
  }
}

function decodeWith(encoding: TextEncodingName, buf: Uint8Array): string {
  switch (encoding) {
    case 'utf-8':
      return new TextDecoder('utf-8').decode(buf);
    case 'utf-16le':
      return new TextDecoder('utf-16le').decode(buf);
    case 'utf-16be':
      return new TextDecoder('utf-16be').decode(buf);
    default:
      return iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), encoding);
  }
}

function forcedReason(name: string, enc: TextEncodingName): string {
  const lower = name.trim().toLowerCase();
  if (enc === 'gb18030' && lower !== 'gb18030') return `由 --encoding 指定（${name}，按其超集 GB18030 解码）`;
  return `由 --encoding 指定（${name}）`;
}

interface Decision {
  encoding: TextEncodingName;
  /** Bytes to skip at the start (BOM). */
  skip: number;
  reason: string;
}

function decideForced(buf: Uint8Array, forced: string, fileName?: string): Decision {
  const enc = normalizeEncodingName(forced, fileName);
  const bom = detectBom(buf);
  if (bom && bom.encoding !== enc) {
    // A BOM is all but certain; a blanket --encoding (say, gbk for a whole batch) must not garble such a file.
    return { encoding: bom.encoding, skip: bom.length, reason: `${bom.reason}，与 --encoding 指定的 ${forced} 不符，按 BOM 解码` };
  }
  return { encoding: enc, skip: bom ? bom.length : 0, reason: forcedReason(forced, enc) };
}

/** Decides from a sample; `atEnd` says whether the sample is the whole file. */
function decideAuto(sample: Uint8Array, atEnd: boolean): Decision {
  const bom = detectBom(sample);
  if (bom) return { encoding: bom.encoding, skip: bom.length, reason: bom.reason };
  if (isAscii(sample)) {
    return { encoding: 'utf-8', skip: 0, reason: '内容全部是 ASCII 字符，按 UTF-8 解码' };
  }
  if (isValidUtf8(sample, atEnd)) return { encoding: 'utf-8', skip: 0, reason: '按 UTF-8 解码成功' };
  return { encoding: 'gb18030', skip: 0, reason: '不是有效的 UTF-8，按 GB18030（兼容 GBK/GB2312）解码' };
}

/** Decodes a whole buffer: `forced` (an --encoding name) wins; else BOM, strict UTF-8, GB18030. */
export function decodeText(buf: Buffer, forced?: string, fileName?: string): DecodedText {
  const d = forced ? decideForced(buf, forced, fileName) : decideAuto(buf, true);
  return { text: decodeWith(d.encoding, buf.subarray(d.skip)), encoding: d.encoding, reason: d.reason };
}

const PROBE = 64 * 1024;
/** How far to look for the first non-ASCII byte when the start of a file is plain ASCII. */
const ASCII_SCAN_LIMIT = 16 * 1024 * 1024;

export interface StreamEncoding {
  encoding: TextEncodingName;
  /** BOM bytes to skip. */
  skip: number;
  reason: string;
}

/**
 * Decides a file's encoding from its first 64 KB. When that is pure ASCII (e.g. pinyin headers, IDs only), it
 * looks further for the first non-ASCII bytes so a GBK name deep in the file is still seen.
 */
export async function detectFileEncoding(path: string, forced?: string, fileName?: string): Promise<StreamEncoding> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(PROBE);
    const { bytesRead } = await fh.read(head, 0, PROBE, 0);
    const sample = head.subarray(0, bytesRead);
    const size = (await fh.stat()).size;
    if (forced) return decideForced(sample, forced, fileName);
    const atEnd = bytesRead >= size;
    if (!detectBom(sample) && isAscii(sample) && !atEnd) {
      // Find the first chunk holding a non-ASCII byte and judge 64 KB from there.
      let pos = bytesRead;
      const chunk = Buffer.alloc(PROBE);
      while (pos < size && pos < ASCII_SCAN_LIMIT) {
        const { bytesRead: n } = await fh.read(chunk, 0, PROBE, pos);
        if (n === 0) break;
        const part = chunk.subarray(0, n);
        if (!isAscii(part)) {
          let first = 0;
          while (first < n && part[first]! < 0x80) first++;
          const win = Buffer.alloc(PROBE);
          const { bytesRead: m } = await fh.read(win, 0, PROBE, pos + first);
          const d = decideAuto(win.subarray(0, m), pos + first + m >= size);
          return { ...d, skip: 0, reason: `${d.reason}（前 ${Math.round((pos + first) / 1024)} KB 均为 ASCII）` };
        }
        pos += n;
      }
      if (pos >= size) return { encoding: 'utf-8', skip: 0, reason: '内容全部是 ASCII 字符，按 UTF-8 解码' };
      return { encoding: 'utf-8', skip: 0, reason: '前 16 MB 全部是 ASCII 字符，按 UTF-8 解码' };
    }
    return decideAuto(sample, atEnd);
  } finally {
    await fh.close();
  }
}

/** Chunks of decoded text from a file, starting after `skip` bytes. UTF-8 is decoded strictly. */
export async function* decodeFileChunks(path: string, encoding: TextEncodingName, skip = 0): AsyncGenerator<string> {
  const src = createReadStream(path, { start: skip, highWaterMark: 1 << 20 });
  try {
    if (encoding === 'gb18030' || encoding === 'big5') {
      const dec = iconv.getDecoder(encoding);
      for await (const chunk of src as AsyncIterable<Buffer>) {
        const s = dec.write(chunk);
        if (s) yield s;
      }
      const tail = dec.end();
      if (tail) yield tail;
      return;
    }
    const fatal = encoding === 'utf-8';
    const dec = new TextDecoder(encoding, { fatal });
    let offset = skip;
    for await (const chunk of src as AsyncIterable<Buffer>) {
      let s: string;
      try {
        s = dec.decode(chunk, { stream: true });
      } catch {
        throw decodeFailure(chunk, offset, encoding);
      }
      offset += chunk.length;
      if (s) yield s;
    }
    let tail: string;
    try {
      tail = dec.decode();
    } catch {
      throw new TextDecodeError(offset, encoding, 0);
    }
    if (tail) yield tail;
  } finally {
    src.destroy();
  }
}

/**
 * Streaming variant of decodeText for big files: the encoding is decided from the first 64 KB (see
 * detectFileEncoding) and the returned stream yields strings. A file judged UTF-8 that later holds invalid
 * bytes makes the stream fail with TextDecodeError rather than silently garbling names.
 */
export async function createDecodingStream(path: string, forced?: string, fileName?: string): Promise<DecodingStream> {
  const d = await detectFileEncoding(path, forced, fileName);
  return { stream: Readable.from(decodeFileChunks(path, d.encoding, d.skip)), encoding: d.encoding, reason: d.reason };
}
