// Storing loads: one transaction per load command, idempotent by content, replacing a file's earlier load.
import type { Kind, RosterRow } from '../normalize/kinds.js';
import type { Db } from './db.js';

export interface ImportRecord {
  id: number;
  kind: Kind;
  period: string | null;
  file_name: string;
  sha256: string;
  rows_loaded: number;
  loaded_at: string;
}

export interface ImportCounts {
  encoding: string | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsSkipped: number;
  rowsRejected: number;
  idProblems: number;
  sheets: unknown;
  report: unknown;
  options: unknown;
}

const ROW_COLUMNS = [
  'sheet', 'row_no', 'member_no', 'id_raw', 'id_number', 'id_status', 'name', 'sex', 'birth_date', 'township', 'village',
  'head_id_number', 'relation', 'status', 'active', 'case_id', 'area_type', 'covered_count', 'family_size', 'mode',
  'category', 'amount', 'start_month', 'taper_start', 'support_mode', 'self_care', 'school_status', 'household_id',
  'person_no', 'household_type', 'monitor_type', 'labor', 'health', 'risk_cleared', 'risk_identified_at',
  'risk_cleared_at', 'flag_dibao', 'flag_tekun', 'cert_number', 'disability_category', 'disability_grade',
  'subsidy_type', 'death_date', 'source', 'label', 'extra', 'warnings',
] as const;

/** Rows per INSERT statement: fewer statement executions is most of the insert cost. */
const ROWS_PER_STATEMENT = 50;

function sqlValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/** Runs fn inside one write transaction (BEGIN IMMEDIATE … COMMIT); any error rolls everything back. */
export async function inTransaction<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = await fn();
    db.exec('COMMIT');
    return out;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

export function findImportByContent(db: Db, kind: Kind, period: string | null, sha256: string): ImportRecord | undefined {
  return db
    .prepare(`SELECT id, kind, period, file_name, sha256, rows_loaded, loaded_at FROM imports WHERE kind = ? AND period IS ? AND sha256 = ?`)
    .get(kind, period, sha256) as ImportRecord | undefined;
}

export function findImportByName(db: Db, kind: Kind, period: string | null, fileName: string): ImportRecord | undefined {
  return db
    .prepare(`SELECT id, kind, period, file_name, sha256, rows_loaded, loaded_at FROM imports WHERE kind = ? AND period IS ? AND file_name = ?`)
    .get(kind, period, fileName) as ImportRecord | undefined;
}

export function deleteImport(db: Db, id: number): void {
  db.prepare(`DELETE FROM roster_rows WHERE import_id = ?`).run(id);
  db.prepare(`DELETE FROM imports WHERE id = ?`).run(id);
}

/** Writes one file's rows; create it inside inTransaction, feed it batches, then finish with the counts. */
export class ImportWriter {
  readonly importId: number;
  private readonly one: ReturnType<Db['prepare']>;
  private readonly many: ReturnType<Db['prepare']>;
  private readonly prefix: unknown[];

  constructor(
    private readonly db: Db,
    kind: Kind,
    period: string | null,
    fileName: string,
    filePath: string,
    sha256: string,
    format: string,
  ) {
    const r = db
      .prepare(
        `INSERT INTO imports (kind, period, file_name, file_path, sha256, format, rows_read, rows_loaded, rows_skipped,
           rows_rejected, id_problems, sheets, report, options, loaded_at)
         VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, '[]', '{}', '{}', ?)`,
      )
      .run(kind, period, fileName, filePath, sha256, format, new Date().toISOString());
    this.importId = Number(r.lastInsertRowid);
    this.prefix = [this.importId, kind, period];
    const cols = ['import_id', 'kind', 'period', ...ROW_COLUMNS];
    const tuple = `(${cols.map(() => '?').join(',')})`;
    const head = `INSERT INTO roster_rows (${cols.join(',')}) VALUES `;
    this.one = db.prepare(head + tuple);
    this.many = db.prepare(head + Array(ROWS_PER_STATEMENT).fill(tuple).join(','));
  }

  private params(row: RosterRow, out: unknown[]): void {
    out.push(...this.prefix);
    const rec = row as unknown as Record<string, unknown>;
    for (const c of ROW_COLUMNS) {
      if (c === 'extra') out.push(row.extra ? JSON.stringify(row.extra) : null);
      else if (c === 'warnings') out.push(row.warnings.length ? JSON.stringify(row.warnings) : null);
      else out.push(sqlValue(rec[c]));
    }
  }

  add(rows: RosterRow[]): void {
    let i = 0;
    for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
      const params: unknown[] = [];
      for (let k = i; k < i + ROWS_PER_STATEMENT; k++) this.params(rows[k]!, params);
      this.many.run(params);
    }
    for (; i < rows.length; i++) {
      const params: unknown[] = [];
      this.params(rows[i]!, params);
      this.one.run(params);
    }
  }

  finish(s: ImportCounts): void {
    this.db
      .prepare(
        `UPDATE imports SET encoding = ?, rows_read = ?, rows_loaded = ?, rows_skipped = ?, rows_rejected = ?, id_problems = ?,
           sheets = ?, report = ?, options = ? WHERE id = ?`,
      )
      .run(s.encoding, s.rowsRead, s.rowsLoaded, s.rowsSkipped, s.rowsRejected, s.idProblems, JSON.stringify(s.sheets),
        JSON.stringify(s.report), JSON.stringify(s.options), this.importId);
  }
}
