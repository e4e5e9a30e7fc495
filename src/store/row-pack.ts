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
}

/** A row's values in ROW_COLUMNS order, by plain property reads (one generated function: fast, monomorphic). */
const rowValues = new Function('r', `return [${ROW_COLUMNS.map((c) => `r.${c}`).join(',')}];`) as (r: RosterRow) => unknown[];
const EXTRA = ROW_COLUMNS.indexOf('extra');
const WARNINGS = ROW_COLUMNS.indexOf('warnings');

/** The stored values of a row: booleans as 0/1, objects as JSON, absent as NULL. */
function storedValues(row: RosterRow): unknown[] {
  const v = rowValues(row);
  for (let c = 0; c < v.length; c++) {
    const x = v[c];
    if (x === undefined) v[c] = null;
    else if (typeof x === 'boolean') v[c] = x ? 1 : 0;
  }
  v[EXTRA] = row.extra ? JSON.stringify(row.extra) : null;
  v[WARNINGS] = row.warnings.length ? JSON.stringify(row.warnings) : null;
  return v;
}

/**
 * A roster maps a third of the columns; binding the NULLs of the rest was most of the insert cost, so each group
 * binds only the columns it uses (the rest default to NULL).
 */
export function packRows(rows: readonly RosterRow[]): PackedGroup[] {
  const n = ROW_COLUMNS.length;
  const groups: PackedGroup[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const count = Math.min(ROWS_PER_STATEMENT, rows.length - i);
    const values: unknown[][] = new Array(count);
    const used = new Uint8Array(n);
    for (let k = 0; k < count; k++) {
      const v = (values[k] = storedValues(rows[i + k]!));
      for (let c = 0; c < n; c++) if (v[c] !== null) used[c] = 1;
    }
    const cols: number[] = [];
    for (let c = 0; c < n; c++) if (used[c]) cols.push(c);
    const params = new Array<unknown>(count * cols.length);
    let p = 0;
    for (const v of values) for (const c of cols) params[p++] = v[c];
    groups.push({ cols, count, params });
  }
  return groups;
}
