// The record layer of a BIFF8 Workbook stream ([MS-XLS] 2.1.4): records are a 16-bit type, a 16-bit size and their
// data; a record too long for one is carried on in CONTINUE records, and a string whose characters cross into a
// CONTINUE restarts there with a new flags byte (8-bit or 16-bit characters).

/** Record types read here. */
export const RT = {
  BOF: 0x0809,
  EOF: 0x000a,
  CONTINUE: 0x003c,
  FILEPASS: 0x002f,
  DATEMODE: 0x0022,
  FORMAT: 0x041e,
  XF: 0x00e0,
  BOUNDSHEET: 0x0085,
  SST: 0x00fc,
  LABELSST: 0x00fd,
  LABEL: 0x0204,
  RSTRING: 0x00d6,
  NUMBER: 0x0203,
  RK: 0x027e,
  MULRK: 0x00bd,
  BOOLERR: 0x0205,
  FORMULA: 0x0006,
  STRING: 0x0207,
  MERGEDCELLS: 0x00e5,
} as const;

/** Thrown for a stream that is not well-formed BIFF8; the caller decides what to tell the user. */
export class BiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BiffError';
  }
}

/** One record: its type and where its data lies in the stream. */
export interface Rec {
  type: number;
  start: number;
  end: number;
}

/** The record whose header is at `pos`; undefined at (or past) the end of the stream. */
export function recordAt(buf: Buffer, pos: number): Rec | undefined {
  if (pos + 4 > buf.length) return undefined;
  const type = buf.readUInt16LE(pos);
  const size = buf.readUInt16LE(pos + 2);
  const start = pos + 4;
  const end = start + size;
  if (end > buf.length) throw new BiffError(`record 0x${type.toString(16)} at ${pos} runs past the end of the stream`);
  return { type, start, end };
}

/** The data ranges of a record and of the CONTINUE records after it; `next` is where the following record starts. */
export function withContinues(buf: Buffer, rec: Rec): { segments: [number, number][]; next: number } {
  const segments: [number, number][] = [[rec.start, rec.end]];
  let next = rec.end;
  for (let r = recordAt(buf, next); r && r.type === RT.CONTINUE; r = recordAt(buf, next)) {
    segments.push([r.start, r.end]);
    next = r.end;
  }
  return { segments, next };
}

/** Reads across the segments of a continued record as if they were one, except for the flags byte of split strings. */
export class Cursor {
  private seg = 0;
  private pos: number;
  private end: number;

  constructor(
    private readonly buf: Buffer,
    private readonly segments: readonly [number, number][],
  ) {
    [this.pos, this.end] = segments[0]!;
  }

  /** Whether everything has been read. */
  get done(): boolean {
    while (this.pos >= this.end) if (!this.advance()) return true;
    return false;
  }

  private advance(): boolean {
    if (this.seg + 1 >= this.segments.length) return false;
    [this.pos, this.end] = this.segments[++this.seg]!;
    return true;
  }

  u8(): number {
    while (this.pos >= this.end) if (!this.advance()) throw new BiffError('record data ends too early');
    return this.buf[this.pos++]!;
  }

  u16(): number {
    if (this.pos + 2 <= this.end) {
      const v = this.buf.readUInt16LE(this.pos);
      this.pos += 2;
      return v;
    }
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    if (this.pos + 4 <= this.end) {
      const v = this.buf.readUInt32LE(this.pos);
      this.pos += 4;
      return v;
    }
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }

  skip(n: number): void {
    while (n > 0) {
      while (this.pos >= this.end) if (!this.advance()) throw new BiffError('record data ends too early');
      const k = Math.min(n, this.end - this.pos);
      this.pos += k;
      n -= k;
    }
  }

  /** `cch` characters, 16-bit when `high`; where they cross into the next segment a new flags byte says the width. */
  chars(cch: number, high: boolean): string {
    let out = '';
    let wide = high;
    while (cch > 0) {
      if (this.pos >= this.end) {
        if (!this.advance()) throw new BiffError('string runs past the end of its record');
        wide = (this.buf[this.pos++]! & 1) === 1;
        continue;
      }
      const width = wide ? 2 : 1;
      const k = Math.min(cch, Math.floor((this.end - this.pos) / width));
      if (k === 0) throw new BiffError('string character split across records');
      out += this.buf.toString(wide ? 'utf16le' : 'latin1', this.pos, this.pos + k * width);
      this.pos += k * width;
      cch -= k;
    }
    return out;
  }

  /** XLUnicodeString: 16-bit count, flags byte, characters. */
  unicodeString(): string {
    const cch = this.u16();
    const flags = this.u8();
    return this.chars(cch, (flags & 1) === 1);
  }
}

/** A cursor over one record (no CONTINUEs). */
export function cursorOf(buf: Buffer, rec: Rec): Cursor {
  return new Cursor(buf, [[rec.start, rec.end]]);
}

const scratch = new DataView(new ArrayBuffer(8));

/** An RK number: a 30-bit integer or the top 30 bits of a double, optionally divided by 100 ([MS-XLS] 2.5.217). */
export function rkNumber(rk: number): number {
  let n: number;
  if (rk & 2) n = rk >> 2;
  else {
    scratch.setUint32(0, 0, true);
    scratch.setUint32(4, rk & 0xfffffffc, true);
    n = scratch.getFloat64(0, true);
  }
  return rk & 1 ? n / 100 : n;
}
