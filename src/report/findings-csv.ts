// findings.csv: every finding of the period, the county workbook's 全部疑点 columns, UTF-8 with a BOM (csv.ts),
// written to a stream a few thousand records at a time (at province scale the whole text would be 100 MB and more).
// Values are written as they are (no Excel-only marks): to look at the findings in Excel, the county workbook is the
// place; the CSV is for other programs and for auditors' tools.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { findingColumns } from './county-workbook.js';
import { BOM, csvLine } from './csv.js';
import type { ReportContext, ReportFinding } from './model.js';
import type { Column } from './sheet-kit.js';

const RECORDS_PER_WRITE = 2000;

/**
 * findings.csv written as findings come: across several counties (`withCounty`: a 县 column) each county's findings
 * are added in turn, so that one county's are held at a time. 序号 goes on from one addition to the next.
 */
export class FindingsCsv {
  private readonly cols: Column<ReportFinding>[];
  private chunk: string;
  private n = 0;

  constructor(
    ctx: ReportContext,
    private readonly out: Writable,
    withCounty: boolean,
  ) {
    this.cols = findingColumns(ctx, withCounty);
    this.chunk = BOM + csvLine(this.cols.map((c) => c.header));
  }

  /** Appends these findings in the order given. */
  async add(findings: readonly ReportFinding[]): Promise<void> {
    for (const f of findings) {
      const i = this.n++;
      this.chunk += csvLine(this.cols.map((c) => {
        const v = c.value(f, i);
        return v instanceof Date ? v.toISOString().slice(0, 10) : v;
      }));
      if (i % RECORDS_PER_WRITE === RECORDS_PER_WRITE - 1) {
        if (!this.out.write(this.chunk)) await once(this.out, 'drain');
        this.chunk = '';
      }
    }
  }

  /** Writes what is left and ends the stream. */
  end(): void {
    this.out.end(this.chunk);
    this.chunk = '';
  }
}

/** Writes one county's findings.csv into `out` (`findings` in the county's order, `countyOrder`) and ends it. */
export async function writeFindingsCsv(ctx: ReportContext, findings: readonly ReportFinding[], out: Writable): Promise<void> {
  const csv = new FindingsCsv(ctx, out, false);
  await csv.add(findings);
  csv.end();
}
