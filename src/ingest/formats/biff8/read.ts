// Reads .xls/.et workbooks in BIFF8 (Excel 97-2003, WPS) without holding them parsed: SheetJS's CFB reader takes the
// Workbook stream out of the OLE2 container, then the globals are read once and each sheet's rows are streamed from
// its records (sheet.ts). Memory stays near twice the file's size. Older BIFF versions are left to SheetJS.
import * as XLSX from '@e965/xlsx';
import type { Limits } from '../limits.js';
import type { RawSheet } from '../types.js';
import { isBiff8, readGlobals } from './workbook.js';
import { sheetRows } from './sheet.js';

export { BiffEncryptedError } from './workbook.js';
export { BiffError } from './records.js';

/** The Workbook stream of an OLE2 file, or undefined when it has none (then it is not BIFF8). */
export function workbookStream(file: Buffer): Buffer | undefined {
  const cfb = XLSX.CFB.read(file, { type: 'buffer' });
  const entry = XLSX.CFB.find(cfb, 'Workbook') ?? XLSX.CFB.find(cfb, 'Book');
  const content = entry?.content;
  if (!content || content.length === 0) return undefined;
  return Buffer.isBuffer(content) ? content : Buffer.from(content as Uint8Array);
}

/**
 * The sheets of a BIFF8 workbook stream, or undefined when the stream is an older BIFF version. Each sheet's rows are
 * read from the stream when asked for.
 */
export function readBiff8(stream: Buffer, limits: Limits): RawSheet[] | undefined {
  if (!isBiff8(stream)) return undefined;
  const g = readGlobals(stream, limits.cellChars);
  return g.sheets.map((ref) => ({
    name: ref.name,
    ...(ref.hidden ? { hidden: ref.hidden } : {}),
    async *rows() {
      yield* sheetRows(stream, ref.offset, g, limits);
    },
  }));
}
