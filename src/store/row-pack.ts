// RosterRows in the shape the insert binds: groups of up to 50 rows naming only the columns some row of the group
// fills. Pure (no database), so a worker thread can pack while the main thread inserts.
import { ROW_COLUMNS, type RosterRow } from '../model/index.js';

/** Rows per INSERT statement: fewer statement executions is most of the insert cost. */
const ROWS_PER_STATEMENT = 50;

export interface PackedGroup {
  /** Indexes into ROW_COLUMNS of the columns bound, in order. */
  cols: number[];
  /** Rows in the group. */
  count: number;
  /** count × cols.length values, row by row. */
  params: unknown[];
  /**
   * Columns with one value in every row of the group (of those that usually have: sheet, member_no, id_status,
   * active), as SQL literals written into the statement instead of bound per row: fewer values to hand across
   * threads and to bind. Absent when there are none.
   */
  literals?: [col: number, sql: string][];
}

/** Columns that are usually the same in every row of a group (the sheet, a one-person row, a valid ID, active). */
const LITERAL_COLUMNS = (['sheet', 'member_no', 'id_status', 'active'] as const).map((c) => ROW_COLUMNS.indexOf(c));
const IS_LITERAL = new Uint8Array(ROW_COLUMNS.length);
for (const c of LITERAL_COLUMNS) IS_LITERAL[c] = 1;

/** A value as an SQL literal, or null when it is better bound (long text, NUL, not a small integer). */
function sqlLiteral(v: unknown): string | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : null;
  if (typeof v === 'string') return v.length <= 64 && v.indexOf('\0') < 0 ? `'${v.replaceAll("'", "''")}'` : null;
  return null;
}

/**
 * Writes a row's values in ROW_COLUMNS order into v, by plain property reads (one generated function: fast,
 * monomorphic). The arrays are reused from group to group: no 47-element array per row for the GC to collect.
 */
const fillValues = new Function('r', 'v', ROW_COLUMNS.map((c, i) => `v[${i}] = r.${c};`).join('\n')) as (r: RosterRow, v: unknown[]) => void;
const EXTRA = ROW_COLUMNS.indexOf('extra');
const WARNINGS = ROW_COLUMNS.indexOf('warnings');
/** Value arrays of the group being packed (packRows is synchronous, so one set serves every call). */
const scratch: unknown[][] = [];

/** The stored values of a row into v: booleans as 0/1, objects as JSON, absent as NULL. */
function storedValues(row: RosterRow, v: unknown[]): void {
  fillValues(row, v);
  for (let c = 0; c < v.length; c++) {
    const x = v[c];
    if (x === undefined) v[c] = null;
    else if (typeof x === 'boolean') v[c] = x ? 1 : 0;
  }
  v[EXTRA] = row.extra ? JSON.stringify(row.extra) : null;
  v[WARNINGS] = row.warnings.length ? JSON.stringify(row.warnings) : null;
}

/**
 * A roster maps a third of the columns; binding the NULLs of the rest was most of the insert cost, so each group
 * binds only the columns it uses (the rest default to NULL).
 */
export function packRows(rows: readonly RosterRow[]): PackedGroup[] {
  const n = ROW_COLUMNS.length;
  const groups: PackedGroup[] = [];
  const used = new Uint8Array(n);
  const cols: number[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const count = Math.min(ROWS_PER_STATEMENT, rows.length - i);
    used.fill(0);
    for (let k = 0; k < count; k++) {
      const v = (scratch[k] ??= new Array<unknown>(n).fill(null));
      storedValues(rows[i + k]!, v);
      for (let c = 0; c < n; c++) if (v[c] !== null) used[c] = 1;
    }
    cols.length = 0;
    let literals: [number, string][] | undefined;
    for (let c = 0; c < n; c++) {
      if (!used[c]) continue;
      if (IS_LITERAL[c]) {
        const first = scratch[0]![c];
        let same = true;
        for (let k = 1; k < count && same; k++) same = scratch[k]![c] === first;
        const lit = same ? sqlLiteral(first) : null;
        if (lit !== null) {
          (literals ??= []).push([c, lit]);
          continue;
        }
      }
      cols.push(c);
    }
    const w = cols.length;
    const params = new Array<unknown>(count * w);
    let p = 0;
    for (let k = 0; k < count; k++) {
      const v = scratch[k]!;
      for (let j = 0; j < w; j++) params[p++] = v[cols[j]!];
    }
    groups.push(literals ? { cols: cols.slice(), count, params, literals } : { cols: cols.slice(), count, params });
  }
  return groups;
}
