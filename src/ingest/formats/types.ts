// What every file reader yields: sheets of raw rows with their real row numbers, before any interpretation.

import type { CellValue } from '../../normalize/cell-value.js';
export type { CellValue };

/** The arrays beside `cells` use the same indexes and may be shorter (a missing index means undefined). */
export interface RawRow {
  /** 1-based row number as Excel shows it (for CSV: the record's line number). */
  rowNo: number;
  cells: CellValue[];
  /** Displayed text of numeric/date cells where the file keeps it (e.g. "2019.10" for 2019.1); same indexes as cells. */
  text?: (string | undefined)[];
  /** Cells that hold a formula (the value is its cached result); same indexes as cells. */
  formulas?: (boolean | undefined)[];
  /**
   * Cells not written in the file but filled from the top-left cell of a merged range that covers them (the value of a
   * merge belongs to every cell of it); same indexes as cells.
   */
  merged?: (boolean | undefined)[];
  /**
   * Numeric cells holding an integer of 16 or more digits, as the file stores them (a double keeps only about 15
   * significant digits, so `cells` has lost the rest; programs may still write all of them); same indexes as cells.
   */
  digits?: (string | undefined)[];
  /** Text files: the physical lines a record spans when its cells hold line breaks (absent for one line). */
  lines?: number;
  /** The row is the totals row of an Excel table (表格的汇总行). */
  tableTotals?: boolean;
}

/** What a reader may know of a row's cells beside their values (RawRow). */
export type RowExtras = Pick<RawRow, 'text' | 'formulas' | 'digits'>;

/**
 * How every reader ends a row: the cells up to the last one that holds a value (a cell never written is null), the
 * arrays beside them no longer than the cells and without holes; undefined for a row with no value at all (a blank row).
 */
export function finishRow(rowNo: number, cells: CellValue[], extras: RowExtras = {}): RawRow | undefined {
  let last = cells.length - 1;
  while (last >= 0 && (cells[last] === null || cells[last] === undefined)) last--;
  if (last < 0) return undefined;
  cells.length = last + 1;
  for (let i = 0; i < last; i++) if (cells[i] === undefined) cells[i] = null;
  const row: RawRow = { rowNo, cells };
  for (const key of ['text', 'formulas', 'digits'] as const) {
    const beside = extras[key];
    if (!beside) continue;
    if (beside.length > last + 1) beside.length = last + 1;
    for (let i = 0; i < beside.length; i++) if (beside[i] === undefined) beside[i] = undefined;
    (row as Record<typeof key, unknown>)[key] = beside;
  }
  return row;
}

export type SheetVisibility = 'hidden' | 'veryHidden';

/**
 * A workbook's own word for a sheet's visibility, as RawSheet says it: Excel's sheet state ("hidden", "veryHidden"),
 * the BIFF8 BOUNDSHEET state and SheetJS's Hidden (1 hidden, 2 very hidden; true for hidden); anything else is visible.
 */
export function sheetVisibility(state: string | number | boolean | undefined | null): SheetVisibility | undefined {
  if (state === 'hidden' || state === 1 || state === true) return 'hidden';
  if (state === 'veryHidden' || state === 2) return 'veryHidden';
  return undefined;
}

export interface RawSheet {
  name: string;
  /** "hidden" or "veryHidden" when the workbook hides the sheet; absent for visible sheets and single-sheet text files. */
  hidden?: SheetVisibility;
  /** Rows in order. Must be consumed (or returned early) before the next sheet is asked for. */
  rows(): AsyncIterable<RawRow>;
  /**
   * The same rows a batch at a time, from readers that produce them in bulk (CSV: every record of a decoded chunk).
   * Saves an async step per row (a million-row file paid two). Use one of rows() and rowBatches(), not both.
   */
  rowBatches?(): AsyncIterable<RawRow[]>;
}

export type FileFormat = 'xlsx' | 'xls' | 'et' | 'ods' | 'html' | 'csv' | 'tsv';

/** Field separator of delimited text. */
export type Delimiter = ',' | '\t' | ';' | '|';

export interface OpenedFile {
  path: string;
  fileName: string;
  sha256: string;
  size: number;
  format: FileFormat;
  /** Human-readable format label in Chinese, e.g. "Excel 97-2003 (.xls, BIFF8)". */
  formatLabel: string;
  /** For text formats: the encoding used and how it was chosen. */
  encoding?: string;
  encodingReason?: string;
  /** For delimited text: the separator found. */
  delimiter?: Delimiter;
  /** Sheets in workbook order (streamed: iterate once). */
  sheets(): AsyncIterable<RawSheet>;
}
