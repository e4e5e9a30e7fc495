// What was loaded for a period: the kinds present, the columns each kind's files had, and the files themselves.
import { REFERENCE_KINDS, type IdStatus, type Kind, type LoadedFile } from '../model/index.js';
import type { Db } from './db.js';
import { sqlList } from './sql.js';

/** The imports a check of the period reads: the period's own plus every reference roster. */
const OF_PERIOD = `(period = ? OR kind IN (${sqlList(REFERENCE_KINDS)}))`;

/** Some roster of a period kind (not only reference rosters) was loaded for the period. */
export function hasPeriodRosters(db: Db, period: string): boolean {
  return db.prepare(`SELECT 1 FROM imports WHERE period = ? AND kind NOT IN (${sqlList(REFERENCE_KINDS)}) LIMIT 1`).get(period) !== undefined;
}

/** The files a check of the period reads now, in a stable order. */
export function loadState(db: Db, period: string): LoadedFile[] {
  return db
    .prepare(`SELECT kind, period, file_name AS file, sha256 FROM imports WHERE ${OF_PERIOD} ORDER BY kind, period, file_name, sha256`)
    .all(period) as LoadedFile[];
}

/** Kinds with rows for the period (reference kinds count whatever their period). */
export function kindsPresent(db: Db, period: string): Set<Kind> {
  const rows = db.prepare(`SELECT DISTINCT kind FROM imports WHERE ${OF_PERIOD}`).all(period) as { kind: Kind }[];
  return new Set(rows.map((r) => r.kind));
}

/** Fields mapped to a column in some load of the kind for the period. */
export function mappedFields(db: Db, period: string): Map<Kind, Set<string>> {
  const rows = db
    .prepare(`SELECT DISTINCT i.kind, f.field FROM imports i JOIN import_fields f ON f.import_id = i.id WHERE ${OF_PERIOD.replace(/period|kind/g, 'i.$&')}`)
    .all(period) as { kind: Kind; field: string }[];
  const out = new Map<Kind, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.kind) ?? new Set<string>();
    set.add(r.field);
    out.set(r.kind, set);
  }
  return out;
}

export interface ImportSource {
  id: number;
  kind: Kind;
  period: string | null;
  file_name: string;
  sha256: string;
  format: string;
  encoding: string | null;
  rows_read: number;
  rows_loaded: number;
  rows_skipped: number;
  rows_rejected: number;
  id_problems: number;
  /** Names of the sheets the roster was read from. */
  sheets_used: string[];
  /** Persons per ID status (from the load report). */
  id_status: Partial<Record<IdStatus, number>>;
  skipped: { blank: number; subtotal: number; footer: number } | null;
  warning_count: number;
  loaded_at: string;
  /** Several counties in one database: the counties of the file's rows (null: rows of no county); set by the report. */
  counties?: (string | null)[];
}

/** The files a check of `period` read: that period's snapshot plus the reference rosters. */
export function importsForPeriod(db: Db, period: string): ImportSource[] {
  const rows = db
    .prepare(
      `SELECT id, kind, period, file_name, sha256, format, encoding, rows_read, rows_loaded, rows_skipped, rows_rejected, id_problems,
              sheets, report, loaded_at
         FROM imports WHERE ${OF_PERIOD} ORDER BY kind, file_name, id`,
    )
    .all(period) as (Omit<ImportSource, 'sheets_used' | 'id_status' | 'skipped' | 'warning_count'> & { sheets: string; report: string })[];
  return rows.map(({ sheets, report, ...r }) => {
    const sh = safeJson<{ name: string; used: boolean }[]>(sheets, []);
    const rep = safeJson<{ idStatus?: Record<string, number>; skipped?: ImportSource['skipped']; warningCount?: number }>(report, {});
    return {
      ...r,
      sheets_used: sh.filter((s) => s.used).map((s) => s.name),
      id_status: rep.idStatus ?? {},
      skipped: rep.skipped ?? null,
      warning_count: rep.warningCount ?? 0,
    };
  });
}

/** The counties whose rows each of these imports holds (several counties in one database): import id → counties. */
export function countiesOfImports(db: Db, importIds: readonly number[]): Map<number, (string | null)[]> {
  const rows = db
    .prepare(`SELECT import_id, county FROM import_counties WHERE import_id IN (SELECT value FROM json_each(?)) ORDER BY import_id, county`)
    .all(JSON.stringify(importIds)) as { import_id: number; county: string | null }[];
  const out = new Map<number, (string | null)[]>();
  for (const r of rows) out.set(r.import_id, [...(out.get(r.import_id) ?? []), r.county]);
  return out;
}

function safeJson<T>(s: string, fallback: T): T {
  try {
    return (JSON.parse(s) as T) ?? fallback;
  } catch {
    return fallback;
  }
}
