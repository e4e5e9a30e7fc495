// Storing loads: one transaction per load command, idempotent by content, replacing a file's earlier load.
import { KINDS, ROW_COLUMNS, type Kind } from '../model/index.js';
import { parsePeriod } from '../normalize/month.js';
import type { Db } from './db.js';
import type { PackedGroup } from './row-pack.js';

type Statement = ReturnType<Db['prepare']>;

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
  /** Fields some sheet of the file mapped to a column (rules need to know which columns a roster has). */
  mappedFields: readonly string[];
}

/** Distinct column sets whose statements are kept; rows of one file share a handful. */
const MAX_STATEMENTS = 32;

const COUNTY = ROW_COLUMNS.indexOf('county');

/** The earlier load of the same bytes for a kind and period, with the options it was read with (JSON). */
export function findImportByContent(db: Db, kind: Kind, period: string | null, sha256: string): (ImportRecord & { options: string | null }) | undefined {
  return db
    .prepare(`SELECT id, kind, period, file_name, sha256, rows_loaded, loaded_at, options FROM imports WHERE kind = ? AND period IS ? AND sha256 = ?`)
    .get(kind, period, sha256) as (ImportRecord & { options: string | null }) | undefined;
}

/** Earlier loads of a file name for a kind and period: several when counties pooled in one database send the same name. */
export function findImportsByName(db: Db, kind: Kind, period: string | null, fileName: string): ImportRecord[] {
  return db
    .prepare(`SELECT id, kind, period, file_name, sha256, rows_loaded, loaded_at FROM imports WHERE kind = ? AND period IS ? AND file_name = ? ORDER BY id`)
    .all(kind, period, fileName) as ImportRecord[];
}

/**
 * Whether two loads' rows share a county (null, rows of no county, counts as one): a file of the same name replaces an
 * earlier load only then (domain.md §5, §10). A load without rows shares with every load, as before counties.
 */
export function loadsShareCounty(db: Db, a: number, b: number): boolean {
  const counties = (id: number) =>
    (db.prepare(`SELECT DISTINCT county FROM import_counties WHERE import_id = ?`).all(id) as { county: string | null }[]).map((r) => r.county);
  const ca = counties(a);
  const cb = new Set(counties(b));
  return ca.length === 0 || cb.size === 0 || ca.some((c) => cb.has(c));
}

export function deleteImport(db: Db, id: number): void {
  db.prepare(`DELETE FROM roster_rows WHERE import_id = ?`).run(id);
  db.prepare(`DELETE FROM import_fields WHERE import_id = ?`).run(id);
  db.prepare(`DELETE FROM import_counties WHERE import_id = ?`).run(id);
  db.prepare(`DELETE FROM imports WHERE id = ?`).run(id);
}

/** Writes one file's rows; create it inside a write transaction, feed it batches, then finish with the counts. */
export class ImportWriter {
  readonly importId: number;
  private readonly constants: string;
  private readonly statements = new Map<string, Statement>();
  /** The counties of the rows inserted so far (null: rows of no county), stored by finish. */
  private readonly counties = new Set<string | null>();

  constructor(
    private readonly db: Db,
    kind: Kind,
    period: string | null,
    fileName: string,
    filePath: string,
    sha256: string,
    format: string,
  ) {
    // Constant for the whole load and written into the insert SQL rather than bound for every row: checked first.
    if (!KINDS.includes(kind) || (period !== null && parsePeriod(period) !== period)) throw new Error(`bad load key ${kind} ${period}`);
    const r = db
      .prepare(
        `INSERT INTO imports (kind, period, file_name, file_path, sha256, format, rows_read, rows_loaded, rows_skipped,
           rows_rejected, id_problems, sheets, report, options, loaded_at)
         VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, '[]', '{}', '{}', ?)`,
      )
      .run(kind, period, fileName, filePath, sha256, format, new Date().toISOString());
    this.importId = Number(r.lastInsertRowid);
    this.constants = `${this.importId},'${kind}',${period === null ? 'NULL' : `'${period}'`}`;
  }

  /** Inserts rows packed by packRows (in this thread or in the reading worker). */
  insert(groups: readonly PackedGroup[]): void {
    for (const g of groups) {
      this.statement(g.cols, g.count, g.literals).run(g.params);
      this.noteCounties(g);
    }
  }

  /** A group binds the county column when some row of it has a county; the others of the group have none. */
  private noteCounties(g: PackedGroup): void {
    const at = g.cols.indexOf(COUNTY);
    if (at < 0) {
      this.counties.add(null);
      return;
    }
    const w = g.cols.length;
    let last: unknown;
    for (let p = at; p < g.params.length; p += w) {
      const c = g.params[p];
      if (c === last) continue;
      this.counties.add(c as string | null);
      last = c;
    }
  }

  private statement(cols: number[], count: number, literals: PackedGroup['literals']): Statement {
    const lits = literals ?? [];
    const key = `${count}:${cols.join(',')}${lits.map(([c, v]) => `|${c}=${v}`).join('')}`;
    let st = this.statements.get(key);
    if (!st) {
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      // Literals come from packRows (sqlLiteral: small integers, short quoted text).
      const names = [...lits.map(([c]) => ROW_COLUMNS[c]), ...cols.map((c) => ROW_COLUMNS[c])];
      const tuple = `(${this.constants}${lits.map(([, v]) => `,${v}`).join('')}${',?'.repeat(cols.length)})`;
      // OR FAIL: a constraint that fails stops the statement without undoing its earlier rows, so SQLite keeps no
      // statement journal (withoutForeignKeyChecks says why that matters); such an error rolls back the whole load.
      st = this.db.prepare(
        `INSERT OR FAIL INTO roster_rows (import_id,kind,period${names.map((c) => `,${c}`).join('')}) VALUES ${Array(count).fill(tuple).join(',')}`,
      );
      this.statements.set(key, st);
    }
    return st;
  }

  finish(s: ImportCounts): void {
    this.db
      .prepare(
        `UPDATE imports SET encoding = ?, rows_read = ?, rows_loaded = ?, rows_skipped = ?, rows_rejected = ?, id_problems = ?,
           sheets = ?, report = ?, options = ? WHERE id = ?`,
      )
      .run(s.encoding, s.rowsRead, s.rowsLoaded, s.rowsSkipped, s.rowsRejected, s.idProblems, JSON.stringify(s.sheets),
        JSON.stringify(s.report), JSON.stringify(s.options), this.importId);
    const field = this.db.prepare(`INSERT OR IGNORE INTO import_fields (import_id, field) VALUES (?, ?)`);
    for (const f of s.mappedFields) field.run(this.importId, f);
    const county = this.db.prepare(`INSERT INTO import_counties (import_id, county) VALUES (?, ?)`);
    for (const c of this.counties) county.run(this.importId, c);
  }
}
