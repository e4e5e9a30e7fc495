// Writes a period's outputs as one set that replaces the month's folder whole (month-folder.ts). One county: one
// workbook per township with findings, the county workbook, findings.csv and the dashboard page (县级看板.html). Several
// counties (domain.md §10): the same per county in <P>/<县>/, and across them 汇总.xlsx, findings.csv and 汇总看板.html.
import { countyName, isCurrent, townshipName } from '../model/index.js';
import type { TrendRow } from '../store/findings.js';
import type { ImportSource } from '../store/imports.js';
import { COUNTY_LABELS, uniqueFileNames } from './cell-safety.js';
import { buildCountyWorkbook, countyOrder, progressRows } from './county-workbook.js';
import { DASHBOARD_FILE, dashboardHtml, POOLED_DASHBOARD_FILE, pooledDashboardHtml } from './dashboard/page.js';
import { FindingsCsv, writeFindingsCsv } from './findings-csv.js';
import { isCrossCounty, zhCompareNullLast, type ReportContext, type ReportFinding } from './model.js';
import { MonthFolder } from './month-folder.js';
import { buildPooledWorkbook, POOLED_FILE, pooledFact, type PooledFact, type PooledInput } from './pooled-workbook.js';
import { buildTownshipWorkbook } from './township-workbook.js';

export const COUNTY_FILE = '县级汇总.xlsx';
export const CSV_FILE = 'findings.csv';
export const TOWNSHIP_SUFFIX = '_疑点核查表.xlsx';

/** One county's part of a report across several counties: its findings are those with its county. */
export interface CountyPart {
  county: string | null;
  /** The files holding rows of this county. */
  sources: ImportSource[];
  trend: TrendRow[];
}

export interface ReportInput {
  ctx: ReportContext;
  /** The database's finding key (seals the manifests). */
  key: string;
  /**
   * The period's findings of one county (null: those of no county; undefined: every finding), 已消除 included, each with
   * its latest answer, in a new array. Across several counties they are read county by county: one county's are held at
   * a time.
   */
  readFindings: (county?: string | null) => ReportFinding[];
  /** This period's answers per finding id (answer progress). */
  periodAnswers: ReadonlyMap<string, { result: string | null; imported_at: string; source_sha256: string }>;
  sources: ImportSource[];
  trend: TrendRow[];
  /** Several counties in the period: each one's sources and trend (null: one county, the layout of one county). */
  counties: CountyPart[] | null;
  /** DIR/P. */
  dir: string;
  /** Only this county's files (several counties); undefined: every county. */
  onlyCounty?: string | null;
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
  type: 'township' | 'county' | 'csv' | 'html' | 'pooled';
  /** Several counties: the county the file is for (none: across counties). */
  county?: string;
  township?: string;
  /** 疑点清单 rows (township), findings (county, csv, html). */
  rows: number;
  verified?: number;
  ineffective?: number;
  idProblems?: number;
}

/** The townships that get a workbook: every township with a current finding. */
export function townshipsOf(findings: readonly Pick<ReportFinding, 'township' | 'lifecycle'>[]): (string | null)[] {
  const set = new Set(findings.filter(isCurrent).map((f) => f.township));
  return [...set].sort(zhCompareNullLast);
}

/** Current findings per township, in the findings' order (`countyOrder`: within a township, the list's order). */
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
  const partial = input.only !== undefined || input.onlyCounty !== undefined;
  const folder = new MonthFolder(input.dir, partial);
  try {
    const files = input.counties ? await writePooled(input, input.counties, folder) : await writeCounty({ ...input, findings: inCountyOrder(input.ctx, input.readFindings()) }, folder, '');
    const dropped = partial ? [] : folder.dropped();
    input.signal?.throwIfAborted();
    folder.commit({ period: input.ctx.period, generated_at: input.ctx.now.toISOString(), checked_at: input.checkedAt });
    return { files, dropped };
  } catch (e) {
    folder.abort();
    throw e;
  }
}

/** What a county's files are written from: its findings (every one of the period's, 已消除 included), in `countyOrder`. */
type CountyInput = Omit<ReportInput, 'readFindings' | 'counties'> & { findings: ReportFinding[] };

/** A county's findings as read, sorted once in the county's order: every file of the county lists them in it. */
function inCountyOrder(ctx: ReportContext, findings: ReportFinding[]): ReportFinding[] {
  return findings.sort(countyOrder(ctx));
}

/** A county's files (under `sub`: '' for one county, '<县>/' for one of several). */
async function writeCounty(input: CountyInput, folder: MonthFolder, sub: string, county?: string): Promise<WrittenFile[]> {
  const { ctx } = input;
  const out: WrittenFile[] = [];
  const towns = townshipsOf(input.findings);
  const names = uniqueFileNames(towns, TOWNSHIP_SUFFIX);
  const wanted = input.only === undefined ? towns : towns.filter((t) => t === input.only);
  const byTown = currentByTownship(input.findings);
  for (const t of wanted) {
    input.signal?.throwIfAborted();
    const findings = byTown.get(t) ?? [];
    const { file, result: r } = await folder.writeStream(`${sub}${names.get(t)}${TOWNSHIP_SUFFIX}`, (stream) =>
      buildTownshipWorkbook({ ctx, township: t, findings, key: input.key }, stream));
    out.push({ file, type: 'township', county, township: townshipName(t), rows: r.counts.list, verified: r.counts.verified, ineffective: r.counts.ineffective, idProblems: r.counts.idProblems });
  }
  if (input.only !== undefined) return out;
  const countyInput = { ctx, findings: input.findings, sources: input.sources, trend: input.trend, progress: progressRows(input.findings, input.periodAnswers) };
  const { file: countyFile } = await folder.writeStream(`${sub}${COUNTY_FILE}`, (stream) => buildCountyWorkbook(countyInput, stream));
  out.push({ file: countyFile, type: 'county', county, rows: input.findings.length });
  const { file: csvFile } = await folder.writeStream(`${sub}${CSV_FILE}`, (stream) => writeFindingsCsv(ctx, input.findings, stream));
  out.push({ file: csvFile, type: 'csv', county, rows: input.findings.length });
  if (input.html !== false) {
    const { sources, trend, periodAnswers, findings } = input;
    const htmlFile = folder.write(`${sub}${DASHBOARD_FILE}`, dashboardHtml({ county: ctx.county, ctx, findings, listed: findings, periodAnswers, sources, trend }));
    out.push({ file: htmlFile, type: 'html', county, rows: input.findings.length });
  }
  return out;
}

/**
 * Several counties: each county's files in its folder, then the files across counties. The counties are read and written
 * one at a time; of each finding the files across counties keep only its facts (the cross-county ones whole), and the
 * common findings.csv gets each county's findings as they are written.
 */
async function writePooled(input: ReportInput, parts: CountyPart[], folder: MonthFolder): Promise<WrittenFile[]> {
  const { ctx } = input;
  const dirs = uniqueFileNames(parts.map((p) => countyName(p.county)), '', COUNTY_LABELS);
  const across = input.onlyCounty === undefined;
  const facts: PooledFact[] = [];
  const cross: ReportFinding[] = [];
  const out: WrittenFile[] = [];
  /** Each county read and written in turn; across counties, its findings also go to the common CSV and the facts. */
  const writeCounties = async (csv: FindingsCsv | null): Promise<void> => {
    for (const part of parts) {
      if (!across && part.county !== input.onlyCounty) continue;
      const name = countyName(part.county);
      // The county's order is also the common files' order within the county.
      const findings = inCountyOrder(ctx, input.readFindings(part.county));
      const own = { ...input, ctx: { ...ctx, county: name }, findings, sources: part.sources, trend: part.trend };
      out.push(...(await writeCounty(own, folder, `${dirs.get(name)}/`, name)));
      if (!csv) continue;
      await csv.add(findings);
      for (const f of findings) {
        facts.push(pooledFact(f));
        if (isCrossCounty(f)) cross.push(f);
      }
    }
  };
  if (!across) {
    await writeCounties(null);
    return out;
  }
  // The common findings.csv stays open while the counties are written, each adding its findings.
  const { file: csvPath } = await folder.writeStream(CSV_FILE, async (stream) => {
    const csv = new FindingsCsv(ctx, stream, true);
    await writeCounties(csv);
    csv.end();
  });
  const pooled: PooledInput = { ctx, findings: facts, cross, parts, sources: input.sources, trend: input.trend, periodAnswers: input.periodAnswers };
  const { file } = await folder.writeStream(POOLED_FILE, (stream) => buildPooledWorkbook(pooled, stream));
  out.push({ file, type: 'pooled', rows: facts.length });
  out.push({ file: csvPath, type: 'csv', rows: facts.length });
  if (input.html !== false) {
    const htmlFile = folder.write(POOLED_DASHBOARD_FILE, pooledDashboardHtml(pooled));
    out.push({ file: htmlFile, type: 'html', rows: facts.length });
  }
  return out;
}
