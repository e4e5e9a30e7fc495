// What every file reader yields: sheets of raw rows with their real row numbers, before any interpretation.

import type { CellValue } from '../../normalize/cell-value.js';
export type { CellValue };

export interface RawRow {
  /** 1-based row number as Excel shows it (for CSV: the record's line number). */
  rowNo: number;
  cells: CellValue[];
  /** Displayed text of numeric/date cells where the file keeps it (e.g. "2019.10" for 2019.1); same indexes as cells. */
  text?: (string | undefined)[];
  /** Cells that hold a formula (the value is its cached result); same indexes as cells. */
  formulas?: (boolean | undefined)[];
}

export interface RawSheet {
  name: string;
  /** Rows in order. Must be consumed (or returned early) before the next sheet is asked for. */
  rows(): AsyncIterable<RawRow>;
}

export type FileFormat = 'xlsx' | 'xls' | 'et' | 'ods' | 'html' | 'csv' | 'tsv';

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
  /** Sheets in workbook order (streamed: iterate once). */
  sheets(): AsyncIterable<RawSheet>;
}
