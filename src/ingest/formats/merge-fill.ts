// Merged cells: the value of a merged range's top-left cell belongs to every cell of the range (乡镇 merged down all
// its rows, 户主姓名/金额 merged down a household's rows, a parent header merged across its sub-columns). Readers that
// know the ranges pass their rows, in order, through a MergeFiller, which copies the top-left cell into the covered
// cells and marks them `merged`.
import { LimitError, type Limits } from './limits.js';
import type { RawRow } from './types.js';

/** A merged range: rows are 1-based (as RawRow.rowNo), columns 0-based (as RawRow.cells), both ends inclusive. */
export interface MergeRange {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** Columns a merge may cover in one row; roster sheets have a few dozen columns. */
const MAX_FILL_COLS = 1024;

interface Active {
  m: MergeRange;
  /** The top-left cell, captured when its row went past; undefined when that row or cell was empty. */
  value?: RawRow['cells'][number];
  text?: string;
  formula?: boolean;
  digits?: string;
}

/** Parses an A1-style range ("B3:D10", "$A$1:$B$2"); undefined for anything else or a single cell. */
export function parseRange(ref: string): MergeRange | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return undefined;
  const col = (s: string): number => {
    let c = 0;
    for (const ch of s.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
    return c - 1;
  };
  let r0 = Number(m[2]);
  let r1 = Number(m[4]);
  let c0 = col(m[1]!);
  let c1 = col(m[3]!);
  if (r0 > r1) [r0, r1] = [r1, r0];
  if (c0 > c1) [c0, c1] = [c1, c0];
  if (r0 < 1 || (r0 === r1 && c0 === c1)) return undefined;
  return { r0, c0, r1, c1 };
}

/** Cells merges may fill per sheet, per row allowed (a few merged columns per row is a lot). */
const FILLS_PER_ROW = 8;

/** The cells a sheet's merges may fill or look at in all: a hostile range covering a million rows and every column must not run for minutes. */
export function mergeBudget(limits: Limits): number {
  return Math.max(1_000_000, limits.rowsPerFile * FILLS_PER_ROW);
}

export class MergeFiller {
  private readonly ranges: MergeRange[];
  private next = 0;
  private active: Active[] = [];
  private lastRow = 0;
  private spent = 0;

  /** @param budget cells this sheet may fill or look at for merges in all (mergeBudget) */
  constructor(
    ranges: readonly MergeRange[],
    private readonly budget: number,
  ) {
    this.ranges = [...ranges].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  }

  /** Fills one row in place; rows must come in increasing order (a row out of order is left as it is). */
  apply(row: RawRow): void {
    const r = row.rowNo;
    if (r <= this.lastRow) return;
    this.lastRow = r;
    if (this.active.length > 0) this.active = this.active.filter((a) => a.m.r1 >= r);
    while (this.next < this.ranges.length && this.ranges[this.next]!.r0 <= r) {
      const m = this.ranges[this.next++]!;
      if (m.r1 < r) continue;
      const a: Active = { m };
      if (m.r0 === r) {
        const v = row.cells[m.c0];
        if (v !== null && v !== undefined) {
          a.value = v;
          a.text = row.text?.[m.c0];
          a.formula = row.formulas?.[m.c0];
          a.digits = row.digits?.[m.c0];
        }
      }
      this.active.push(a);
    }
    for (const a of this.active) this.fill(row, a);
  }

  private fill(row: RawRow, a: Active): void {
    if (a.value === undefined) return;
    const { m } = a;
    const end = Math.min(m.c1, m.c0 + MAX_FILL_COLS - 1);
    this.spent += end - m.c0 + 1;
    if (this.spent > this.budget) {
      throw new LimitError(
        '合并单元格的范围大得异常（覆盖的单元格数超过上限），这不像正常的名单',
        '请用 Excel/WPS 打开文件，取消不必要的合并单元格后另存再试',
        row.rowNo,
      );
    }
    const cells = row.cells;
    for (let c = m.c0; c <= end; c++) {
      if (c === m.c0 && row.rowNo === m.r0) continue;
      while (cells.length < c) cells.push(null);
      cells[c] = a.value;
      (row.merged ??= [])[c] = true;
      if (a.text !== undefined) (row.text ??= [])[c] = a.text;
      else if (row.text) row.text[c] = undefined;
      if (a.formula) (row.formulas ??= [])[c] = true;
      if (a.digits !== undefined) (row.digits ??= [])[c] = a.digits;
    }
  }
}
