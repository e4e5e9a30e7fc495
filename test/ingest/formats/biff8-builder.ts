// Builds BIFF8 workbooks record by record for the streaming .xls reader's tests: what SheetJS's writer never writes
// (formulas with text results, MULRK, strings split across CONTINUE records, rows out of order, FILEPASS).
import * as XLSX from '@e965/xlsx';

export function record(type: number, data: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt16LE(type, 0);
  h.writeUInt16LE(data.length, 2);
  return Buffer.concat([h, data]);
}

const u16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n, 0);
  return b;
};
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0, 0);
  return b;
};

const isWide = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) > 0xff);

/** An XLUnicodeString: count, flags (16-bit characters when any is beyond Latin-1), characters. */
export function unicodeString(s: string): Buffer {
  const wide = isWide(s);
  return Buffer.concat([u16(s.length), Buffer.from([wide ? 1 : 0]), Buffer.from(s, wide ? 'utf16le' : 'latin1')]);
}

export const bof = (dt: number, version = 0x0600): Buffer => record(0x0809, Buffer.concat([u16(version), u16(dt), u16(0x0dbb), u16(0x07cc), u32(0), u32(0)]));
export const eof = (): Buffer => record(0x000a, Buffer.alloc(0));
/** An XF record with this number format id. */
export const xf = (numFmtId: number): Buffer => record(0x00e0, Buffer.concat([u16(0), u16(numFmtId), Buffer.alloc(16)]));
export const labelSst = (r: number, c: number, isst: number, ixfe = 0): Buffer => record(0x00fd, Buffer.concat([u16(r), u16(c), u16(ixfe), u32(isst)]));
export const label = (r: number, c: number, s: string): Buffer => record(0x0204, Buffer.concat([u16(r), u16(c), u16(0), unicodeString(s)]));
export function number(r: number, c: number, v: number, ixfe = 0): Buffer {
  const d = Buffer.alloc(8);
  d.writeDoubleLE(v, 0);
  return record(0x0203, Buffer.concat([u16(r), u16(c), u16(ixfe), d]));
}
/** An RK value holding an integer (fInt), optionally ×100 (fX100). */
export const rkInt = (n: number, x100 = false): number => ((n << 2) | 2 | (x100 ? 1 : 0)) >>> 0;
export const rk = (r: number, c: number, rkValue: number, ixfe = 0): Buffer => record(0x027e, Buffer.concat([u16(r), u16(c), u16(ixfe), u32(rkValue)]));
export function mulrk(r: number, c0: number, values: number[], ixfe = 0): Buffer {
  return record(0x00bd, Buffer.concat([u16(r), u16(c0), ...values.map((v) => Buffer.concat([u16(ixfe), u32(v)])), u16(c0 + values.length - 1)]));
}
export const boolerr = (r: number, c: number, v: boolean | 'error'): Buffer =>
  record(0x0205, Buffer.concat([u16(r), u16(c), u16(0), Buffer.from(v === 'error' ? [0x07, 1] : [v ? 1 : 0, 0])]));
/** A FORMULA record; `result` a number, or 'string' (a STRING record must follow); no tokens. */
export function formula(r: number, c: number, result: number | 'string', ixfe = 0): Buffer {
  const val = Buffer.alloc(8);
  if (result === 'string') val.writeUInt16LE(0xffff, 6);
  else val.writeDoubleLE(result, 0);
  return record(0x0006, Buffer.concat([u16(r), u16(c), u16(ixfe), val, u16(0), u32(0), u16(0)]));
}
export const string = (s: string): Buffer => record(0x0207, unicodeString(s));
/** MERGEDCELLS: ranges as [firstRow, lastRow, firstCol, lastCol], 0-based. */
export function mergedCells(ranges: [number, number, number, number][]): Buffer {
  return record(0x00e5, Buffer.concat([u16(ranges.length), ...ranges.map(([r0, r1, c0, c1]) => Buffer.concat([u16(r0), u16(r1), u16(c0), u16(c1)]))]));
}
export const filePass = (): Buffer => record(0x002f, Buffer.from([1, 0, 1, 0, 1, 0]));

/**
 * The SST record and one CONTINUE record, the boundary after `split` bytes of string data; inside a string's
 * characters the CONTINUE starts with a flags byte, as Excel writes them (and it may switch between 8 and 16 bits).
 */
export function sst(strings: string[], split?: number): Buffer {
  const head = Buffer.concat([u32(strings.length), u32(strings.length)]);
  const parts: { bytes: Buffer; wide?: boolean }[] = [];
  for (const s of strings) {
    const wide = isWide(s);
    parts.push({ bytes: Buffer.concat([u16(s.length), Buffer.from([wide ? 1 : 0])]) });
    parts.push({ bytes: Buffer.from(s, wide ? 'utf16le' : 'latin1'), wide });
  }
  if (split === undefined) return record(0x00fc, Buffer.concat([head, ...parts.map((p) => p.bytes)]));
  const first: Buffer[] = [head];
  const second: Buffer[] = [];
  let at = 0;
  for (const p of parts) {
    if (at + p.bytes.length <= split) first.push(p.bytes);
    else if (at >= split) second.push(p.bytes);
    else if (p.wide === undefined) {
      // A string header is never split: it goes whole into the CONTINUE.
      second.push(p.bytes);
    } else {
      const width = p.wide ? 2 : 1;
      const cut = Math.floor((split - at) / width) * width;
      first.push(p.bytes.subarray(0, cut));
      second.push(Buffer.from([p.wide ? 1 : 0]), p.bytes.subarray(cut));
    }
    at += p.bytes.length;
  }
  return Buffer.concat([record(0x00fc, Buffer.concat(first)), record(0x003c, Buffer.concat(second))]);
}

export interface BiffSheet {
  name: string;
  /** 1 hidden, 2 very hidden. */
  state?: 0 | 1 | 2;
  records: Buffer[];
}

/** A Workbook stream: globals (extra records, XFs, SST, BOUNDSHEETs) then each sheet's substream. */
export function workbookStream(sheets: BiffSheet[], opts: { strings?: string[]; split?: number; xfs?: number[]; globals?: Buffer[] } = {}): Buffer {
  const names = sheets.map((s) => Buffer.concat([Buffer.from([s.name.length, isWide(s.name) ? 1 : 0]), Buffer.from(s.name, isWide(s.name) ? 'utf16le' : 'latin1')]));
  const bodies = sheets.map((s) => Buffer.concat([bof(0x0010), ...s.records, eof()]));
  const before = Buffer.concat([bof(0x0005), ...(opts.globals ?? []), ...(opts.xfs ?? [0]).map(xf), ...(opts.strings ? [sst(opts.strings, opts.split)] : [])]);
  let offset = before.length + names.reduce((a, n) => a + 4 + 6 + n.length, 0) + 4; // BOUNDSHEETs and EOF come first
  const bounds = sheets.map((s, i) => {
    const rec = record(0x0085, Buffer.concat([u32(offset), Buffer.from([s.state ?? 0, 0]), names[i]!]));
    offset += bodies[i]!.length;
    return rec;
  });
  return Buffer.concat([before, ...bounds, eof(), ...bodies]);
}

/** The stream in an OLE2 container: an .xls file's bytes. */
export function xlsFile(stream: Buffer): Buffer {
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, 'Workbook', stream);
  return XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer;
}
