// findings.csv: every finding of the period for Excel users, UTF-8 with a BOM (so Excel picks the right encoding).
// Two guards: text that starts with = + - @ tab or CR gets a leading ' (never evaluated); columns that are text by
// nature (身份证号, 疑点编号, months, dates, phone numbers) get a leading tab, so Excel neither rounds an 18-digit ID into
// scientific notation nor turns 2024-11 into a date. Both marks are what Excel-minded readers expect; strip them when
// parsing the file by program.
import { stringify } from 'csv-stringify/sync';
import { countyOrder, findingColumns } from './county-workbook.js';
import { csvSafe } from './cell-safety.js';
import type { ReportContext, ReportFinding } from './model.js';

const BOM = '\uFEFF';

export function findingsCsv(ctx: ReportContext, findings: readonly ReportFinding[]): string {
  const cols = findingColumns(ctx);
  const rows = [...findings].sort(countyOrder(ctx)).map((f, i) =>
    cols.map((c) => {
      const v = c.value(f, i);
      if (v === null || v === '') return '';
      if (typeof v === 'number') return String(v);
      const s = csvSafe(v instanceof Date ? v.toISOString().slice(0, 10) : v);
      return c.text ? `\t${s}` : s;
    }),
  );
  return BOM + stringify([cols.map((c) => c.header), ...rows], { record_delimiter: '\r\n' });
}
