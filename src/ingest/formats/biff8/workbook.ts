// The workbook globals of a BIFF8 stream: the sheets (name, hidden state, where their records start), the shared
// string table, the number format of every cell style, and the 1904 date system.
import { cellTooLong } from '../limits.js';
import { builtinFormat, isDateFormat, showsText } from '../xlsx/number-format.js';
import { BiffError, Cursor, cursorOf, recordAt, RT, withContinues } from './records.js';
import { sheetVisibility, type SheetVisibility } from '../types.js';

export interface BiffSheetRef {
  name: string;
  hidden?: SheetVisibility;
  /** Stream offset of the sheet's BOF record. */
  offset: number;
}

export interface BiffGlobals {
  sheets: BiffSheetRef[];
  strings: string[];
  date1904: boolean;
  /** Per XF index: the number format code, whether it shows dates, whether numbers get a displayed text. */
  formats: (string | undefined)[];
  dateStyle: boolean[];
  shownStyle: boolean[];
}

/** Thrown for a password-protected workbook (FILEPASS): nothing in it can be read without the password. */
export class BiffEncryptedError extends Error {
  constructor() {
    super('workbook is encrypted (FILEPASS)');
    this.name = 'BiffEncryptedError';
  }
}

/** BOF of the globals: BIFF8 (version 0x0600) or undefined for anything older, which SheetJS reads instead. */
export function isBiff8(buf: Buffer): boolean {
  const bof = recordAt(buf, 0);
  return bof !== undefined && bof.type === RT.BOF && bof.end - bof.start >= 4 && buf.readUInt16LE(bof.start) === 0x0600;
}

function readSst(buf: Buffer, segments: [number, number][], cellChars: number): string[] {
  const c = new Cursor(buf, segments);
  c.u32(); // total references
  const unique = c.u32();
  const strings: string[] = new Array(Math.min(unique, 1 << 24));
  let i = 0;
  for (; i < unique && !c.done; i++) {
    const cch = c.u16();
    const flags = c.u8();
    const runs = flags & 0x08 ? c.u16() : 0;
    const ext = flags & 0x04 ? c.u32() : 0;
    if (cch > cellChars) throw cellTooLong({ cellChars }, cch);
    strings[i] = c.chars(cch, (flags & 1) === 1);
    if (runs) c.skip(4 * runs);
    if (ext) c.skip(ext);
  }
  strings.length = i;
  return strings;
}

export function readGlobals(buf: Buffer, cellChars: number): BiffGlobals {
  const sheets: BiffSheetRef[] = [];
  const custom = new Map<number, string>();
  const xfFormat: number[] = [];
  let strings: string[] = [];
  let date1904 = false;
  let pos = 0;
  let first = true;
  for (;;) {
    const rec = recordAt(buf, pos);
    if (!rec) throw new BiffError('workbook globals end without EOF');
    if (first) {
      if (rec.type !== RT.BOF) throw new BiffError('stream does not start with BOF');
      first = false;
    }
    let next = rec.end;
    switch (rec.type) {
      case RT.FILEPASS:
        throw new BiffEncryptedError();
      case RT.DATEMODE:
        date1904 = rec.end - rec.start >= 2 && buf.readUInt16LE(rec.start) === 1;
        break;
      case RT.FORMAT: {
        const { segments, next: after } = withContinues(buf, rec);
        const c = new Cursor(buf, segments);
        const id = c.u16();
        custom.set(id, c.unicodeString());
        next = after;
        break;
      }
      case RT.XF:
        xfFormat.push(buf.readUInt16LE(rec.start + 2));
        break;
      case RT.BOUNDSHEET: {
        const c = cursorOf(buf, rec);
        const offset = c.u32();
        const state = c.u8() & 3;
        const type = c.u8();
        const cch = c.u8();
        const flags = c.u8();
        const name = c.chars(cch, (flags & 1) === 1);
        // Worksheets only (dt 0); charts, macro sheets and VB modules hold no roster.
        const hidden = sheetVisibility(state);
        if (type === 0) sheets.push({ name, offset, ...(hidden ? { hidden } : {}) });
        break;
      }
      case RT.SST: {
        const { segments, next: after } = withContinues(buf, rec);
        strings = readSst(buf, segments, cellChars);
        next = after;
        break;
      }
      case RT.EOF: {
        const formats = xfFormat.map((id) => custom.get(id) ?? builtinFormat(id));
        return {
          sheets,
          strings,
          date1904,
          formats,
          dateStyle: formats.map((f) => isDateFormat(f)),
          shownStyle: formats.map(showsText),
        };
      }
    }
    pos = next;
  }
}
