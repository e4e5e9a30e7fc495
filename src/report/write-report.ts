// Writes a period's outputs: one workbook per township with findings, the county workbook and findings.csv, each atomically.
import fs from 'node:fs';
import path from 'node:path';
import { isCurrent, townshipName } from '../model/index.js';
import type { TrendRow } from '../store/findings.js';
import type { ImportSource } from '../store/imports.js';
import { atomicWrite } from './atomic-write.js';
import { uniqueFileNames } from './cell-safety.js';
import { buildCountyWorkbook, progressRows } from './county-workbook.js';
import { findingsCsv } from './findings-csv.js';
import { zhCompareNullLast, type ReportContext, type ReportFinding } from './model.js';
import { buildTownshipWorkbook } from './township-workbook.js';

export const COUNTY_FILE = '县级汇总.xlsx';
export const CSV_FILE = 'findings.csv';
export const TOWNSHIP_SUFFIX = '_疑点核查表.xlsx';

/** Fast deflate: the default level 6 (pure-JS deflate) costs a third of the report time for a 1-3% smaller file. */
const WRITE_OPTIONS = { zip: { compression: 'DEFLATE' as const, compressionOptions: { level: 1 } } };

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
}

export interface WrittenFile {
  file: string;
  type: 'township' | 'county' | 'csv';
  township?: string;
  /** 疑点清单 rows (township), findings (county, csv). */
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

/**
 * Township workbooks in the directory that this run did not write (a township whose findings are all gone): they
 * are left alone, since a clerk may have put them there, but the caller should say so.
 */
export function staleWorkbooks(dir: string, written: readonly WrittenFile[]): string[] {
  if (!fs.existsSync(dir)) return [];
  const mine = new Set(written.map((w) => path.basename(w.file)));
  return fs.readdirSync(dir).filter((f) => f.endsWith(TOWNSHIP_SUFFIX) && !mine.has(f)).sort();
}

export async function writeReport(input: ReportInput): Promise<WrittenFile[]> {
  const { ctx } = input;
  const out: WrittenFile[] = [];
  const towns = townshipsOf(input.findings);
  const names = uniqueFileNames(towns, TOWNSHIP_SUFFIX);
  const wanted = input.only === undefined ? towns : towns.filter((t) => t === input.only);
  for (const t of wanted) {
    const findings = input.findings.filter((f) => f.township === t && isCurrent(f));
    const r = await buildTownshipWorkbook({ ctx, township: t, findings, key: input.key });
    const file = path.join(input.dir, `${names.get(t)}${TOWNSHIP_SUFFIX}`);
    atomicWrite(file, Buffer.from(await r.workbook.xlsx.writeBuffer(WRITE_OPTIONS)));
    out.push({ file, type: 'township', township: townshipName(t), rows: r.counts.list, verified: r.counts.verified, ineffective: r.counts.ineffective, idProblems: r.counts.idProblems });
  }
  if (input.only !== undefined) return out;
  const county = buildCountyWorkbook({
    ctx,
    findings: input.findings,
    sources: input.sources,
    trend: input.trend,
    progress: progressRows(input.findings, input.periodAnswers),
  });
  const countyFile = path.join(input.dir, COUNTY_FILE);
  atomicWrite(countyFile, Buffer.from(await county.xlsx.writeBuffer(WRITE_OPTIONS)));
  out.push({ file: countyFile, type: 'county', rows: input.findings.length });
  const csvFile = path.join(input.dir, CSV_FILE);
  atomicWrite(csvFile, findingsCsv(ctx, input.findings));
  out.push({ file: csvFile, type: 'csv', rows: input.findings.length });
  return out;
}
