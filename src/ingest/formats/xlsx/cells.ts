// The cells of one worksheet: a handler for the XML scanner that turns <sheetData> into raw rows.
//
// State machine. The scanner reports tags; the handler keeps where it is: outside a row, in a <row> (inRow), in a <c>
// (inCell, with its column, type and style), and inside the cell either in <v> (captureKind = CAP_V: text goes to
// `v`) or in an inline string <is> (inIs: text goes to the string collector). </c> turns the cell's raw value into a
// CellValue by its type (shared string index, number or date by style, inline string, boolean, error, ISO date);
// </row> hands the row (cells up to the last non-empty one, plus displayed texts, formula marks and the stored digits of
// long integers) to the output queue. An <f> inside a cell marks it as a formula (its <v> is the cached result).
//
// Fast path. Nearly every cell is written as <c r=".." s=".." t=".."><v>..</v></c>. When such a cell, or </row>, starts
// exactly where the previous construct ended, `run`/`fastCell` take it in directly from the chunk, without a scanner
// event per tag. Invariant: the fast path only ever consumes complete constructs it fully understands (whole cells and
// </row>) and leaves the handler in the same state the scanner's events would have left it; on anything else
// (another attribute or element, whitespace, a formula, an inline string, the end of the chunk) it returns the
// position it stopped at, with nothing consumed past it, and the scanner goes on from there. In particular a cell
// with an <f> never takes the fast path (its tag is not followed directly by <v>), so formula marks need no check
// there, and neither do long integers (valueAt hands anything but up to 15 digits to endCell).
import { cellTooLong, rawCellChars, type Limits } from '../limits.js';
import { finishRow, type CellValue, type RawRow } from '../types.js';
import { displayText, excelSerialToDate } from './number-format.js';
import type { Book } from './package.js';
import { StringCollector } from './strings.js';
import { decodeExcelEscapes, decodeText, ownString, type Attrs, type XmlHandler } from './xml.js';

const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

const CAP_NONE = 0;
const CAP_V = 1;
const CAP_F = 2;
/** Formula text kept (only a string literal is used, when the file saved no result): IDs and names are short. */
const MAX_FORMULA = 256;
/** A formula that is one string literal: "4101…" ("" inside is a quote). */
const STRING_LITERAL = /^=?\s*"((?:[^"]|"")*)"\s*$/;

/** ISO 8601 date/time of a t="d" cell; without a zone it is taken as UTC, like serial dates. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function isoDate(s: string): CellValue {
  const t = s.trim();
  if (t === '') return null;
  const m = ISO_DATE.exec(t);
  if (!m) return t; // not a date after all: keep what the file says
  let ms: number;
  if (m[8]) {
    const zone = m[8] === 'Z' ? 'Z' : `${m[8].slice(0, 3)}:${m[8].slice(-2)}`;
    ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${m[7] ?? ''}${zone}`);
  } else {
    const frac = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
    ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), frac);
  }
  return Number.isNaN(ms) ? t : new Date(ms);
}

export interface SheetOptions {
  /** Row numbers of Excel tables' totals rows on this sheet. */
  totalsRows?: ReadonlySet<number>;
  cellChars: Limits['cellChars'];
}

/** Parses <sheetData> of one worksheet into rows; complete rows are pushed to `out`. */
export class SheetHandler implements XmlHandler {
  capture = false;
  private captureKind = CAP_NONE;
  /** Raw text a <v> may gather before the cell is refused (entities take several characters per character). */
  private readonly maxRaw: number;

  // current row
  private inRow = false;
  private rowNo = 0;
  private cells: CellValue[] = [];
  private shown: (string | undefined)[] | undefined;
  private formulas: boolean[] | undefined;
  private digits: (string | undefined)[] | undefined;
  private last = -1;
  private prevCol = 0;

  // current cell
  private inCell = false;
  private col = 0;
  private type = T_NUMBER;
  private style = 0;
  private v: string | undefined;
  private formula = false;
  /** The formula's text while short, for a string literal saved without its result. */
  private f: string | undefined;
  private inIs = false;
  private readonly str: StringCollector;
  private isValue: string | undefined;

  constructor(
    private readonly book: Book,
    private readonly out: RawRow[],
    private readonly opts: SheetOptions,
  ) {
    this.maxRaw = rawCellChars(opts.cellChars);
    this.str = new StringCollector(opts.cellChars);
  }

  open(s: string, ns: number, ne: number, attrs: Attrs, selfClosing: boolean, after: number): number | void {
    const len = ne - ns;
    const c0 = s.charCodeAt(ns);
    if (len === 1) {
      if (c0 === 99 /* c */) {
        if (!this.inRow) return;
        this.startCell(attrs);
        if (selfClosing) {
          this.inCell = false; // no value
          return;
        }
        // The usual shape, <v>value</v></c> straight after the tag, is taken in here at once.
        if (s.charCodeAt(after) === 60 && s.charCodeAt(after + 1) === 118 && s.charCodeAt(after + 2) === 62) {
          const lt = s.indexOf('<', after + 3);
          if (lt >= 0 && s.startsWith('</v></c>', lt)) {
            this.valueAt(s, after + 3, lt);
            return this.run(s, lt + 8);
          }
        }
        return;
      }
      if (c0 === 118 /* v */) {
        if (!this.inCell || selfClosing) return;
        this.v = '';
        this.capture = true;
        this.captureKind = CAP_V;
        return;
      }
      if (c0 === 116 /* t */) {
        if (!this.inIs) return;
        this.str.open(s, ns, ne, attrs, selfClosing);
        this.capture = this.str.capture;
        return;
      }
      if (c0 === 102 /* f */) {
        if (!this.inCell) return;
        this.formula = true;
        if (!selfClosing) {
          this.f = '';
          this.capture = true;
          this.captureKind = CAP_F;
        }
        return;
      }
      return;
    }
    if (len === 3 && c0 === 114 /* r */ && s.startsWith('row', ns)) {
      this.startRow(attrs);
      if (selfClosing) {
        this.inRow = false;
        return;
      }
      return this.run(s, after);
    }
    if (len === 2 && c0 === 105 /* i */ && s.charCodeAt(ns + 1) === 115 /* s */) {
      if (!this.inCell || selfClosing) return;
      this.inIs = true;
      this.str.reset();
      return;
    }
    if (this.inIs) this.str.open(s, ns, ne, attrs, selfClosing);
  }

  close(s: string, ns: number, ne: number): void {
    const len = ne - ns;
    const c0 = s.charCodeAt(ns);
    if (len === 1) {
      if (c0 === 99 /* c */) {
        if (this.inCell) this.endCell();
        return;
      }
      if (c0 === 118 /* v */ || c0 === 102 /* f */) {
        if (this.captureKind === (c0 === 118 ? CAP_V : CAP_F)) {
          this.capture = false;
          this.captureKind = CAP_NONE;
        }
        return;
      }
      if (c0 === 116 /* t */) {
        if (!this.inIs) return;
        this.str.close(s, ns, ne);
        this.capture = this.str.capture;
        return;
      }
      return;
    }
    if (len === 3 && c0 === 114 /* r */ && s.startsWith('row', ns)) {
      if (this.inRow) this.endRow();
      return;
    }
    if (len === 2 && c0 === 105 /* i */ && s.charCodeAt(ns + 1) === 115 /* s */) {
      if (this.inIs) {
        this.inIs = false;
        this.isValue = this.str.finish();
        this.capture = false;
      }
      return;
    }
    if (this.inIs) this.str.close(s, ns, ne);
  }

  text(raw: string): void {
    if (this.captureKind === CAP_V) {
      this.v += raw;
      if (this.v!.length > this.maxRaw) throw cellTooLong(this.opts, this.v!.length, this.rowNo);
    } else if (this.captureKind === CAP_F) {
      this.f = this.f !== undefined && this.f.length + raw.length <= MAX_FORMULA ? this.f + raw : undefined;
    } else {
      this.str.text(raw);
    }
  }

  private startRow(attrs: Attrs): void {
    let r = 0;
    const P = attrs.pos;
    const s = attrs.src;
    for (let k = 0; k < attrs.count; k++) {
      if (P[4 * k + 1]! - P[4 * k]! === 1 && s.charCodeAt(P[4 * k]!) === 114 /* r */) {
        r = parseDigits(s, P[4 * k + 2]!, P[4 * k + 3]!);
        break;
      }
    }
    this.rowNo = r > 0 ? r : this.rowNo + 1;
    this.inRow = true;
    this.cells = [];
    this.shown = undefined;
    this.formulas = undefined;
    this.digits = undefined;
    this.last = -1;
    this.prevCol = 0;
  }

  private endRow(): void {
    this.inRow = false;
    this.inCell = false;
    const row = finishRow(this.rowNo, this.cells, { text: this.shown, formulas: this.formulas, digits: this.digits });
    if (!row) return;
    if (this.opts.totalsRows?.has(this.rowNo)) row.tableTotals = true;
    this.out.push(row);
  }

  private startCell(attrs: Attrs): void {
    let col = 0;
    let type = T_NUMBER;
    let style = 0;
    const P = attrs.pos;
    const s = attrs.src;
    for (let k = 0; k < attrs.count; k++) {
      const a = P[4 * k]!;
      if (P[4 * k + 1]! - a !== 1) continue;
      const vs = P[4 * k + 2]!;
      const ve = P[4 * k + 3]!;
      const name = s.charCodeAt(a);
      if (name === 114 /* r */) {
        col = parseColumn(s, vs, ve);
      } else if (name === 115 /* s */) {
        style = parseDigits(s, vs, ve);
      } else if (name === 116 /* t */) {
        type = parseType(s, vs, ve);
      }
    }
    this.setCell(col, type, style);
  }

  private setCell(col: number, type: number, style: number): void {
    this.col = col > 0 ? col : this.prevCol + 1;
    this.prevCol = this.col;
    this.type = type;
    this.style = style;
    this.v = undefined;
    this.isValue = undefined;
    this.inIs = false;
    this.formula = false;
    this.f = undefined;
    this.inCell = true;
  }

  /**
   * Fast path over a row's usual content, from s[p]: cells written as <c r=".." s=".." t=".."><v>..</v></c> or
   * <c .../>, and </row>. Returns where it stopped: anything else (other attributes or elements, whitespace,
   * formulas, inline strings, the end of the chunk) is left to the scanner from there.
   */
  private run(s: string, p: number): number {
    for (;;) {
      if (s.charCodeAt(p) !== 60 /* < */) return p;
      const c1 = s.charCodeAt(p + 1);
      if (c1 === 99 /* c */ && s.charCodeAt(p + 2) === 32) {
        const q = this.fastCell(s, p + 3);
        if (q < 0) return p;
        p = q;
      } else if (c1 === 47 /* / */ && s.startsWith('</row>', p)) {
        this.endRow();
        return p + 6;
      } else {
        return p;
      }
    }
  }

  /** One cell after "<c ": returns the position after it, or -1 (nothing changed) when it has another shape. */
  private fastCell(s: string, i: number): number {
    let col = 0;
    let type = T_NUMBER;
    let style = 0;
    for (;;) {
      const ch = s.charCodeAt(i);
      if (ch === 62 /* > */) {
        i++;
        break;
      }
      if (ch === 32) {
        i++;
        continue;
      }
      if (ch === 47 /* / */) {
        if (s.charCodeAt(i + 1) !== 62) return -1;
        this.setCell(col, type, style);
        this.inCell = false;
        return i + 2;
      }
      if (s.charCodeAt(i + 1) !== 61 /* = */ || s.charCodeAt(i + 2) !== 34 /* " */) return -1;
      const vs = i + 3;
      const ve = s.indexOf('"', vs);
      if (ve < 0) return -1;
      if (ch === 114 /* r */) col = parseColumn(s, vs, ve);
      else if (ch === 115 /* s */) style = parseDigits(s, vs, ve);
      else if (ch === 116 /* t */) type = parseType(s, vs, ve);
      i = ve + 1;
    }
    if (s.charCodeAt(i) !== 60 || s.charCodeAt(i + 1) !== 118 || s.charCodeAt(i + 2) !== 62) return -1;
    const lt = s.indexOf('<', i + 3);
    if (lt < 0 || !s.startsWith('</v></c>', lt)) return -1;
    this.setCell(col, type, style);
    this.valueAt(s, i + 3, lt);
    return lt + 8;
  }

  /** A cell's value given as s[start, end), raw; shared string indexes and integers are read in place. */
  private valueAt(s: string, start: number, end: number): void {
    const n = unsignedAt(s, start, end);
    if (n >= 0) {
      if (this.type === T_SHARED) {
        const strings = this.book.strings;
        const v = strings?.[n];
        if (v !== undefined) {
          this.inCell = false;
          if (v !== '') this.store(v, undefined);
          return;
        }
      } else if (this.type === T_NUMBER && !this.book.dateStyle[this.style] && !this.book.shownStyle[this.style]) {
        this.inCell = false;
        this.store(n, undefined);
        return;
      }
    }
    this.v = s.slice(start, end);
    this.endCell();
  }

  private endCell(): void {
    this.inCell = false;
    this.inIs = false;
    this.capture = false;
    this.captureKind = CAP_NONE;
    const raw = this.v;
    let value: CellValue = null;
    let text: string | undefined;
    let digits: string | undefined;
    switch (this.type) {
      case T_NUMBER:
        if (raw !== undefined) {
          const n = parseFloat(raw);
          if (Number.isFinite(n)) {
            if (this.book.dateStyle[this.style]) {
              const d = excelSerialToDate(n, this.book.date1904);
              value = Number.isNaN(d.getTime()) ? null : d;
            } else {
              value = n;
              if (this.book.shownStyle[this.style]) text = displayText(this.book.formats[this.style], n);
              if (raw.length >= 16) digits = longInteger(raw);
            }
          }
        } else if (this.isValue !== undefined) {
          value = this.isValue;
        }
        break;
      case T_SHARED: {
        if (raw === undefined) break;
        const strings = this.book.strings;
        if (!strings) throw new Error('shared string referenced but xl/sharedStrings.xml was not read');
        const i = parseInt(raw, 10);
        const v = strings[i];
        if (v === undefined) {
          throw new Error(`shared string ${raw.trim()} referenced in row ${this.rowNo} but the table has only ${strings.length}`);
        }
        value = v;
        break;
      }
      case T_STR:
        value = raw !== undefined ? ownString(decodeExcelEscapes(decodeText(raw))) : (this.isValue ?? null);
        break;
      case T_INLINE:
        value = this.isValue ?? (raw !== undefined ? ownString(decodeExcelEscapes(decodeText(raw))) : null);
        break;
      case T_BOOL:
        if (raw !== undefined) {
          const b = raw.trim();
          value = b === 'true' ? true : b === 'false' ? false : b === '' ? null : parseInt(b, 10) !== 0;
        }
        break;
      case T_ERROR:
        break;
      case T_DATE:
        if (raw !== undefined) value = isoDate(decodeText(raw));
        else if (this.isValue !== undefined) value = isoDate(this.isValue);
        break;
    }
    // A program (openpyxl, pandas) that writes ="4101…" to keep an ID as text saves a formula without its result;
    // Excel shows the literal, so do we. Any other formula without a result stays empty.
    if (value === null && this.formula && (raw === undefined || raw === '') && this.f !== undefined) {
      const lit = STRING_LITERAL.exec(decodeText(this.f));
      if (lit) value = ownString(lit[1]!.replace(/""/g, '"'));
    }
    this.v = undefined;
    this.isValue = undefined;
    this.f = undefined;
    if (value === null || value === '') return;
    if (typeof value === 'string' && value.length > this.opts.cellChars) throw cellTooLong(this.opts, value.length, this.rowNo);
    this.store(value, text);
    if (digits !== undefined) (this.digits ??= [])[this.col - 1] = digits;
  }

  private store(value: CellValue, text: string | undefined): void {
    const i = this.col - 1;
    const cells = this.cells;
    while (cells.length < i) cells.push(null);
    cells[i] = value;
    if (i > this.last) this.last = i;
    if (text !== undefined) {
      this.shown ??= [];
      this.shown[i] = text;
    }
    if (this.formula) (this.formulas ??= [])[i] = true;
  }
}

/** The digits of an integer written in full (16 or more digits, as programs write int64 values), else undefined. */
function longInteger(raw: string): string | undefined {
  const t = raw.trim();
  if (t.length < 16 || t.length > 30) return undefined;
  for (let i = 0; i < t.length; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
  }
  return t;
}

/** The unsigned integer written in s[start, end) (up to 15 digits), or -1 when it is anything else. */
function unsignedAt(s: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** An attribute's number (style index, row number): plain digits read in place, anything else as parseInt does. */
function parseDigits(s: string, start: number, end: number): number {
  const n = unsignedAt(s, start, end);
  return n >= 0 ? n : parseInt(s.slice(start, end), 10) || 0;
}

/** "AB12" → 28 (1-based column); 0 when there are no letters. */
function parseColumn(s: string, start: number, end: number): number {
  let col = 0;
  for (let i = start; i < end; i++) {
    let c = s.charCodeAt(i);
    if (c === 36 /* $ */) continue;
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}

function parseType(s: string, start: number, end: number): number {
  const len = end - start;
  const c = s.charCodeAt(start);
  if (len === 1) {
    if (c === 115 /* s */) return T_SHARED;
    if (c === 98 /* b */) return T_BOOL;
    if (c === 101 /* e */) return T_ERROR;
    if (c === 100 /* d */) return T_DATE;
    return T_NUMBER;
  }
  if (len === 3 && s.startsWith('str', start)) return T_STR;
  if (len === 9 && s.startsWith('inlineStr', start)) return T_INLINE;
  return T_NUMBER;
}
