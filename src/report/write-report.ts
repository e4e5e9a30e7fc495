// Writes a period's outputs: one workbook per township with findings, the county workbook, findings.csv and the
// dashboard page (县级看板.html), as one set that replaces the month's folder whole (month-folder.ts).
import { isCurrent, townshipName } from '../model/index.js';
import type { TrendRow } from '../store/findings.js';
import type { ImportSource } from '../store/imports.js';
import { uniqueFileNames } from './cell-safety.js';
import { buildCountyWorkbook, countyOrder, progressRows } from './county-workbook.js';
import { DASHBOARD_FILE, dashboardHtml } from './dashboard/page.js';
import { writeFindingsCsv } from './findings-csv.js';
import { zhCompareNullLast, type ReportContext, type ReportFinding } from './model.js';
import { MonthFolder } from './month-folder.js';
import { buildTownshipWorkbook } from './township-workbook.js';

export const COUNTY_FILE = '县级汇总.xlsx';
export const CSV_FILE = 'findings.csv';
export const TOWNSHIP_SUFFIX = '_疑点核查表.xlsx';

export interface ReportInput {
  ctx: ReportContext;
  /** The database's finding key (seals the manifests). */
  key: string;
  /** Every finding of the period, 已消除 included, each with its latest answer. */
  findings: ReportFinding[];
  /** This period's answers per finding id (answer progress). */
  periodAnswers: ReadonlyMap<string, { result: string | null; imported_at: string; source_sha256: string }>;
  sources: ImportSource[];
  trend: TrendRow[];
  /** DIR/P. */
  dir: string;
  /** Only this township's workbook (null: the findings without a township); undefined: everything. */
  only?: string | null;
  /** When the check the findings come from finished (kept in the month's index). */
  checkedAt: string;
  signal?: AbortSignal;
  /** false: no dashboard page (report --no-html). */
  html?: boolean;
}

export interface WrittenReport {
  files: WrittenFile[];
  /** bidui's files of the folder's previous set that this set no longer has (townships without findings now). */
  dropped: string[];
}

export interface WrittenFile {
  file: string;
  type: 'township' | 'county' | 'csv' | 'html';
  township?: string;
  /** 疑点清单 rows (township), findings (county, csv, html). */
  rows: number;
  verified?: number;
  ineffective?: number;
  idProblems?: number;
}

/** The townships that get a workbook: every township with a current finding. */
export function townshipsOf(findings: readonly ReportFinding[]): (string | null)[] {
  const set = new Set(findings.filter(isCurrent).map((f) => f.township));
  return [...set].sort(zhCompareNullLast);
}

/** Current findings per township, in the findings' order. */
function currentByTownship(findings: readonly ReportFinding[]): Map<string | null, ReportFinding[]> {
  const by = new Map<string | null, ReportFinding[]>();
  for (const f of findings) {
    if (!isCurrent(f)) continue;
    const list = by.get(f.township);
    if (list) list.push(f);
    else by.set(f.township, [f]);
  }
  return by;
}

export async function writeReport(input: ReportInput): Promise<WrittenReport> {
  const folder = new MonthFolder(input.dir, input.only !== undefined);
  try {
    const files = await writeFiles(input, folder);
    const dropped = input.only === undefined ? folder.dropped() : [];
    input.signal?.throwIfAborted();
    folder.commit({ period: input.ctx.period, generated_at: input.ctx.now.toISOString(), checked_at: input.checkedAt });
    return { files, dropped };
  } catch (e) {
    folder.abort();
    throw e;
  }
}

async function writeFiles(given: ReportInput, folder: MonthFolder): Promise<WrittenFile[]> {
  const { ctx } = given;
  // Sorted once in the county's order: the workbooks and the CSV sort again, and sorting a sorted array is one pass.
  const input = { ...given, findings: [...given.findings].sort(countyOrder(ctx)) };
  const out: WrittenFile[] = [];
  const towns = townshipsOf(input.findings);
  const names = uniqueFileNames(towns, TOWNSHIP_SUFFIX);
  const wanted = input.only === undefined ? towns : towns.filter((t) => t === input.only);
  const byTown = currentByTownship(input.findings);
  for (const t of wanted) {
    input.signal?.throwIfAborted();
    const findings = byTown.get(t) ?? [];
    const { file, result: r } = await folder.writeStream(`${names.get(t)}${TOWNSHIP_SUFFIX}`, (stream) =>
      buildTownshipWorkbook({ ctx, township: t, findings, key: input.key }, stream));
    out.push({ file, type: 'township', township: townshipName(t), rows: r.counts.list, verified: r.counts.verified, ineffective: r.counts.ineffective, idProblems: r.counts.idProblems });
  }
  if (input.only !== undefined) return out;
  const county = {
    ctx,
    findings: input.findings,
    sources: input.sources,
    trend: input.trend,
    progress: progressRows(input.findings, input.periodAnswers),
  };
  const { file: countyFile } = await folder.writeStream(COUNTY_FILE, (stream) => buildCountyWorkbook(county, stream));
  out.push({ file: countyFile, type: 'county', rows: input.findings.length });
  const { file: csvFile } = await folder.writeStream(CSV_FILE, (stream) => writeFindingsCsv(ctx, input.findings, stream));
  out.push({ file: csvFile, type: 'csv', rows: input.findings.length });
  if (input.html !== false) {
    const { sources, trend, periodAnswers, findings } = input;
    const htmlFile = folder.write(DASHBOARD_FILE, dashboardHtml({ county: ctx.county, ctx, findings, periodAnswers, sources, trend }));
    out.push({ file: htmlFile, type: 'html', rows: input.findings.length });
  }
  return out;
}
