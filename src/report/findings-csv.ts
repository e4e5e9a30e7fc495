// findings.csv: every finding of the period, the county workbook's 全部疑点 columns, UTF-8 with a BOM (csv.ts).
// Values are written as they are (no Excel-only marks): to look at the findings in Excel, the county workbook is the
// place; the CSV is for other programs and for auditors' tools.
import { countyOrder, findingColumns } from './county-workbook.js';
import { csvText } from './csv.js';
import type { ReportContext, ReportFinding } from './model.js';

export function findingsCsv(ctx: ReportContext, findings: readonly ReportFinding[]): string {
  const cols = findingColumns(ctx);
  const rows = [...findings].sort(countyOrder(ctx)).map((f, i) =>
    cols.map((c) => {
      const v = c.value(f, i);
      return v instanceof Date ? v.toISOString().slice(0, 10) : v;
    }),
  );
  return csvText([cols.map((c) => c.header), ...rows], { bom: true });
}
