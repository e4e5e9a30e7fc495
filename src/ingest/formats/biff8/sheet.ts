// The cells of one BIFF8 worksheet, streamed: cell records come row by row, so each row is handed out as soon as the
// next row starts (memory stays at one row). A first quick walk over the record headers finds the merged ranges
// (MERGEDCELLS comes after the cells) and checks that the rows really are in order; a sheet whose rows are not is
// gathered whole and sorted.
import { cellTooLong, type Limits } from '../limits.js';
import { mergeBudget, MergeFiller, type MergeRange } from '../merge-fill.js';
import { finishRow, type CellValue, type RawRow } from '../types.js';
import { displayText, excelSerialToDate } from '../xlsx/number-format.js';
import { BiffError, Cursor, recordAt, rkNumber, RT, withContinues, type Rec } from './records.js';
import type { BiffGlobals } from './workbook.js';

const CELL_TYPES: ReadonlySet<number> = new Set([RT.LABELSST, RT.LABEL, RT.RSTRING, RT.NUMBER, RT.RK, RT.MULRK, RT.BOOLERR, RT.FORMULA]);

/** Merged ranges, and whether the cell records come in row order (one walk over the record headers). */
function survey(buf: Buffer, offset: number): { merges: MergeRange[]; ordered: boolean } {
  const merges: MergeRange[] = [];
  let ordered = true;
  let lastRow = -1;
  let depth = 0;
  let pos = offset;
  for (let rec = recordAt(buf, pos); rec; rec = recordAt(buf, pos)) {
    pos = rec.end;
    if (rec.type === RT.BOF) depth++;
    else if (rec.type === RT.EOF) {
      if (--depth <= 0) break;
    } else if (depth === 1) {
      if (rec.type === RT.MERGEDCELLS) {
        const n = buf.readUInt16LE(rec.start);
        for (let k = 0, p = rec.start + 2; k < n && p + 8 <= rec.end; k++, p += 8) {
          const r0 = buf.readUInt16LE(p);
          const r1 = buf.readUInt16LE(p + 2);
          const c0 = buf.readUInt16LE(p + 4);
          const c1 = buf.readUInt16LE(p + 6);
          if (r1 >= r0 && c1 >= c0 && (r1 > r0 || c1 > c0)) merges.push({ r0: r0 + 1, c0, r1: r1 + 1, c1 });
        }
      } else if (ordered && CELL_TYPES.has(rec.type) && rec.end - rec.start >= 2) {
        const r = buf.readUInt16LE(rec.start);
        if (r < lastRow) ordered = false;
        lastRow = r;
      }
    }
  }
  return { merges, ordered };
}

/** Builds rows from cell records. */
class RowBuilder {
  rowNo = 0;
  cells: CellValue[] = [];
  text: (string | undefined)[] | undefined;
  formulas: boolean[] | undefined;

  constructor(
    private readonly g: BiffGlobals,
    private readonly cellChars: number,
  ) {}

  reset(rowNo: number): void {
    this.rowNo = rowNo;
    this.cells = [];
    this.text = undefined;
    this.formulas = undefined;
  }

  /** The finished row, or undefined when it holds no value. */
  finish(): RawRow | undefined {
    return finishRow(this.rowNo, this.cells, { text: this.text, formulas: this.formulas });
  }

  number(col: number, xf: number, v: number, formula: boolean): void {
    if (!Number.isFinite(v)) return;
    const g = this.g;
    if (g.dateStyle[xf]) {
      const d = excelSerialToDate(v, g.date1904);
      if (!Number.isNaN(d.getTime())) this.put(col, d, formula);
      return;
    }
    this.put(col, v, formula);
    if (g.shownStyle[xf]) {
      const t = displayText(g.formats[xf], v);
      if (t !== undefined) (this.text ??= [])[col] = t;
    }
  }

  string(col: number, v: string, formula: boolean): void {
    if (v.length > this.cellChars) throw cellTooLong({ cellChars: this.cellChars }, v.length, this.rowNo);
    if (v !== '') this.put(col, v, formula);
  }

  put(col: number, v: CellValue, formula: boolean): void {
    const cells = this.cells;
    while (cells.length < col) cells.push(null);
    cells[col] = v;
    if (formula) (this.formulas ??= [])[col] = true;
  }
}

/** Rows of the worksheet whose BOF is at `offset`, in order, merged ranges filled, up to the sheet's EOF. */
export function* sheetRows(buf: Buffer, offset: number, g: BiffGlobals, limits: Limits): Generator<RawRow> {
  const { merges, ordered } = survey(buf, offset);
  const filler = merges.length > 0 ? new MergeFiller(merges, mergeBudget(limits)) : undefined;
  const b = new RowBuilder(g, limits.cellChars);
  const gathered = ordered ? undefined : new Map<number, RawRow>();
  let current = -1;
  let depth = 0;
  let pos = offset;
  /** The row a FORMULA with a string result left open: its STRING record follows. */
  let pendingString: { col: number } | undefined;

  const emit = (): RawRow | undefined => {
    const row = b.finish();
    if (!row) return undefined;
    if (gathered) {
      const had = gathered.get(row.rowNo);
      if (had) row.cells.forEach((v, i) => v !== null && (had.cells[i] = v));
      else gathered.set(row.rowNo, row);
      return undefined;
    }
    filler?.apply(row);
    return row;
  };

  for (let rec = recordAt(buf, pos); rec; rec = recordAt(buf, pos)) {
    pos = rec.end;
    if (rec.type === RT.BOF) {
      depth++;
      continue;
    }
    if (rec.type === RT.EOF) {
      if (--depth <= 0) break;
      continue;
    }
    if (depth !== 1) continue;
    if (rec.type === RT.STRING) {
      const { segments, next } = withContinues(buf, rec);
      pos = next;
      if (pendingString) b.string(pendingString.col, new Cursor(buf, segments).unicodeString(), true);
      pendingString = undefined;
      continue;
    }
    if (!CELL_TYPES.has(rec.type)) continue;
    if (rec.end - rec.start < 6) throw new BiffError(`cell record 0x${rec.type.toString(16)} too short`);
    const r = buf.readUInt16LE(rec.start) + 1;
    if (r !== current) {
      if (current >= 0) {
        const row = emit();
        if (row) yield row;
      }
      current = r;
      b.reset(r);
    }
    pendingString = undefined;
    pos = cell(buf, rec, b, g, (col) => (pendingString = { col }), pos);
  }
  if (current >= 0) {
    const row = emit();
    if (row) yield row;
  }
  if (gathered) {
    for (const row of [...gathered.values()].sort((x, y) => x.rowNo - y.rowNo)) {
      filler?.apply(row);
      yield row;
    }
  }
}

/** Takes one cell record into the row; returns where the next record starts (after any CONTINUE it used). */
function cell(buf: Buffer, rec: Rec, b: RowBuilder, g: BiffGlobals, stringFollows: (col: number) => void, next: number): number {
  const col = buf.readUInt16LE(rec.start + 2);
  const xf = buf.readUInt16LE(rec.start + 4);
  switch (rec.type) {
    case RT.LABELSST: {
      const i = buf.readUInt32LE(rec.start + 6);
      const s = g.strings[i];
      if (s === undefined) throw new BiffError(`shared string ${i} referenced but the table has only ${g.strings.length}`);
      b.string(col, s, false);
      return next;
    }
    case RT.NUMBER:
      b.number(col, xf, buf.readDoubleLE(rec.start + 6), false);
      return next;
    case RT.RK:
      b.number(col, xf, rkNumber(buf.readUInt32LE(rec.start + 6)), false);
      return next;
    case RT.MULRK: {
      const n = Math.floor((rec.end - rec.start - 6) / 6);
      for (let k = 0, p = rec.start + 4; k < n; k++, p += 6) {
        b.number(col + k, buf.readUInt16LE(p), rkNumber(buf.readUInt32LE(p + 2)), false);
      }
      return next;
    }
    case RT.LABEL:
    case RT.RSTRING: {
      const { segments, next: after } = withContinues(buf, rec);
      const c = new Cursor(buf, segments);
      c.skip(6);
      b.string(col, c.unicodeString(), false);
      return after;
    }
    case RT.BOOLERR: {
      if (buf[rec.start + 7] === 0) b.put(col, buf[rec.start + 6] !== 0, false);
      return next;
    }
    case RT.FORMULA: {
      const special = buf.readUInt16LE(rec.start + 12) === 0xffff;
      if (!special) {
        b.number(col, xf, buf.readDoubleLE(rec.start + 6), true);
        return next;
      }
      const kind = buf[rec.start + 6];
      if (kind === 0) stringFollows(col);
      else if (kind === 1) b.put(col, buf[rec.start + 8] !== 0, true);
      return next;
    }
  }
  return next;
}
