// findings.csv: every finding of the period, the county workbook's 全部疑点 columns, UTF-8 with a BOM (csv.ts),
// written to a stream a few thousand records at a time (at province scale the whole text would be 100 MB and more).
// Values are written as they are (no Excel-only marks): to look at the findings in Excel, the county workbook is the
// place; the CSV is for other programs and for auditors' tools.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { countyOrder, findingColumns } from './county-workbook.js';
import { BOM, csvLine } from './csv.js';
import type { ReportContext, ReportFinding } from './model.js';

const RECORDS_PER_WRITE = 2000;

/** Writes findings.csv into `out` and ends it; `withCounty`: across several counties (a 县 column, in the given order). */
export async function writeFindingsCsv(ctx: ReportContext, findings: readonly ReportFinding[], out: Writable, withCounty = false): Promise<void> {
  const cols = findingColumns(ctx, withCounty);
  const sorted = withCounty ? findings : [...findings].sort(countyOrder(ctx));
  let chunk = BOM + csvLine(cols.map((c) => c.header));
  for (let i = 0; i < sorted.length; i++) {
    const f = sorted[i]!;
    chunk += csvLine(cols.map((c) => {
      const v = c.value(f, i);
      return v instanceof Date ? v.toISOString().slice(0, 10) : v;
    }));
    if (i % RECORDS_PER_WRITE === RECORDS_PER_WRITE - 1) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
}
