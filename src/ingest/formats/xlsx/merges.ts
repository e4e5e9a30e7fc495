// The merged ranges of a worksheet. <mergeCells> comes after <sheetData> in the part, so the rows cannot be filled as
// they stream by; this inflates the part once ahead of the row scan (in zlib's thread pool, while the package parts
// are parsed) and picks out every <mergeCell ref="…"> with a byte search, without parsing the XML.
import { LimitError } from '../limits.js';
import { parseRange, type MergeRange } from '../merge-fill.js';
import type { ZipArchive, ZipEntry } from './zip.js';

const NEEDLE = Buffer.from('mergeCell', 'latin1');
/** A roster with 乡镇, 村 and household columns merged has a few per household; far more is not a roster. */
const MAX_MERGES = 2_000_000;
/** Longest <mergeCell …> element looked at (the ref of the biggest sheet is 15 characters; writers add little else). */
const ELEMENT = 512;

/** Merges whose ref attribute is found in `s` from the element name at `at`; returns where the element ends (-1: cut off). */
function element(s: string, at: number, out: MergeRange[]): number {
  if (at + NEEDLE.length >= s.length) return -1;
  const after = s.charCodeAt(at + NEEDLE.length);
  // <mergeCells count=".."> and </mergeCell> are not ranges; the element name must be followed by whitespace.
  if (!(after === 32 || after === 9 || after === 10 || after === 13)) return at + NEEDLE.length;
  const before = s.charCodeAt(at - 1);
  if (!(before === 60 /* < */ || before === 58 /* : */)) return at + NEEDLE.length;
  const gt = s.indexOf('>', at);
  if (gt < 0) return -1;
  const m = /\bref\s*=\s*["']([^"']*)["']/.exec(s.slice(at, gt));
  const range = m ? parseRange(m[1]!) : undefined;
  if (range) {
    if (out.length >= MAX_MERGES) {
      throw new LimitError(
        `工作表中的合并单元格超过 ${MAX_MERGES.toLocaleString('en-US')} 处，这不像正常的名单`,
        '请用 Excel/WPS 打开文件，取消不必要的合并单元格后另存再试',
      );
    }
    out.push(range);
  }
  return gt + 1;
}

/** Lets the reader stop a scan it no longer needs (the sheet was skipped, or reading ended early). */
export interface ScanSignal {
  aborted: boolean;
}

/**
 * Finds <mergeCell ref="…"> elements in the bytes of a worksheet part given in chunks of any size, cut anywhere.
 * Usually a chunk is searched as it is; only a name or element cut by a chunk boundary is joined with what follows.
 */
export class MergeFinder {
  readonly ranges: MergeRange[] = [];
  /**
   * Bytes carried to the next chunk: an element cut by the chunk's end (from the byte before its name), else the last
   * NEEDLE.length bytes of the stream (a name cut in two).
   */
  private carry = Buffer.alloc(0);
  private utf16: TextDecoder | undefined;
  private text = '';
  private first = true;

  push(chunk: Buffer): void {
    if (this.first) {
      this.first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
        this.utf16 = new TextDecoder(chunk[0] === 0xff ? 'utf-16le' : 'utf-16be');
      }
    }
    if (this.utf16) {
      // Worksheets saved as UTF-16 are rare enough to be searched as text.
      this.text = scanText(this.text + this.utf16.decode(chunk, { stream: true }), this.ranges);
      return;
    }
    const previous = this.carry;
    const before = previous.length > 0 ? previous[previous.length - 1]! : 0;
    let data = chunk;
    let from = 0;
    if (previous.length > NEEDLE.length || (previous.length > 0 && Buffer.concat([previous, chunk.subarray(0, NEEDLE.length)]).indexOf(NEEDLE, 1) >= 1)) {
      // A cut element or name: data[0] is the byte before it (a whole name at 0 was dealt with already).
      data = Buffer.concat([previous, chunk]);
      from = 1;
    }
    this.carry = Buffer.alloc(0);
    for (let i = data.indexOf(NEEDLE, from); i >= 0; i = data.indexOf(NEEDLE, from)) {
      const b = i > 0 ? data[i - 1]! : before;
      const window = String.fromCharCode(b) + data.toString('latin1', i, Math.min(data.length, i + ELEMENT));
      const end = element(window, 1, this.ranges);
      if (end < 0) {
        // Cut by the end of the data: finished with the next chunk, unless it is far longer than any element.
        if (data.length - i < 4 * ELEMENT) this.carry = Buffer.concat([Buffer.from([b]), data.subarray(i)]);
        break;
      }
      from = i - 1 + end;
    }
    if (this.carry.length === 0) {
      // The tail, in case a name is cut by the end of this chunk (a chunk shorter than a name keeps earlier bytes too).
      const tail = data === chunk && chunk.length < NEEDLE.length ? Buffer.concat([previous, chunk]) : data;
      this.carry = Buffer.from(tail.subarray(Math.max(0, tail.length - NEEDLE.length)));
    }
  }

  finish(): MergeRange[] {
    if (this.utf16) scanText(this.text + this.utf16.decode(), this.ranges);
    return this.ranges;
  }
}

/** Every merged range of the worksheet part (in document order); an empty list when aborted. */
export async function scanMerges(zip: ZipArchive, entry: ZipEntry, hwm: number, signal: ScanSignal = { aborted: false }): Promise<MergeRange[]> {
  const finder = new MergeFinder();
  // Big inflated chunks (fewer callbacks), no CRC: the row scan reads the same bytes and checks it.
  for await (const chunk of zip.chunks(entry, hwm, { checkCrc: false, chunkSize: 1 << 20 })) {
    if (signal.aborted) return [];
    finder.push(chunk);
  }
  return finder.finish();
}

/** Finds merges in decoded text; returns the unfinished tail to prepend to the next piece. */
function scanText(s: string, out: MergeRange[]): string {
  let from = 1;
  for (let i = s.indexOf('mergeCell', from); i >= 0; i = s.indexOf('mergeCell', from)) {
    const end = element(s, i, out);
    if (end < 0) return s.slice(i - 1);
    from = end;
  }
  return s.slice(Math.max(0, s.length - NEEDLE.length));
}
