// CSV as bidui writes it (findings.csv and `bidui findings --format csv`): RFC 4180, one record per line of data
// (fields with a comma, a double quote, CR or LF are quoted, so a name with a line break stays one field), CRLF between
// records, and every text that a spreadsheet could take for a formula neutralised (cell-safety.ts).
import { csvSafe } from './cell-safety.js';

export type CsvValue = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

function field(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : csvSafe(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record as a CSV line, CRLF included. */
export function csvLine(record: readonly CsvValue[]): string {
  return record.map(field).join(',') + '\r\n';
}

/** UTF-8's byte order mark, so Excel picks the right encoding. */
export const BOM = '\uFEFF';

/** The records as CSV text; with `bom`, the byte order mark first. */
export function csvText(records: readonly (readonly CsvValue[])[], opts: { bom: boolean }): string {
  return (opts.bom ? BOM : '') + records.map(csvLine).join('');
}
