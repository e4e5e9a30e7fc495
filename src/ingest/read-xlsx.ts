// Streams .xlsx workbooks into sheets of raw rows with real sheet names and row numbers, reading the zip itself.
//
// The zip's central directory says where every part is, so the small parts are read first whatever their place in
// the zip (workbook.xml for the tab order, names and 1904 dates; its rels for the sheet parts; styles.xml for
// number formats; sharedStrings.xml, which is held in memory), then each worksheet is streamed straight from its
// entry and scanned incrementally: memory stays at the shared strings plus a chunk, whatever the sheet's size.

import type { CellValue, RawRow, RawSheet } from './types.js';
import { ZipArchive, type ZipEntry } from './read-xlsx-zip.js';
import {
  Attrs,
  decodeExcelEscapes,
  decodeText,
  nameIs,
  ownString,
  PartDecoder,
  trimUnpreserved,
  XmlScanner,
  type XmlHandler,
} from './read-xlsx-xml.js';
import { builtinFormat, displayText, excelSerialToDate, isDateFormat, NotAWorkbookError, showsText } from './xlsx-format.js';

export { NotAWorkbookError } from './xlsx-format.js';

export interface XlsxSheet extends RawSheet {
  /** "visible", "hidden" or "veryHidden" as the workbook says (absent when it says nothing). */
  state?: string;
}

export interface ReadXlsxOptions {
  /** Bytes read from the file at a time (default 1 MiB); tests make it tiny to cut the XML everywhere. */
  highWaterMark?: number;
}

/** Streams a part's XML through a handler. */
async function scanPart(zip: ZipArchive, entry: ZipEntry, handler: XmlHandler, hwm: number): Promise<void> {
  const decoder = new PartDecoder(entry.name);
  const scanner = new XmlScanner(handler, entry.name);
  for await (const chunk of zip.chunks(entry, hwm)) scanner.feed(decoder.decode(chunk));
  scanner.feed(decoder.end());
  scanner.end();
}

// ---------------------------------------------------------------------------------------------------------------------
// Package structure: relationships, workbook, styles, shared strings.

interface Relationship {
  id: string;
  type: string;
  /** Resolved part name (no leading slash), or undefined for external targets. */
  part: string | undefined;
}

function dirOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? '' : part.slice(0, i);
}

/** A relationship target resolved against the folder of the part that has the relationship. */
function resolveTarget(baseDir: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(t);
  } catch {
    // keep it as written
  }
  t = t.replace(/\\/g, '/');
  const segs = t.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segs.pop();
    else segs.push(seg);
  }
  return segs.join('/');
}

function relsPartOf(part: string): string {
  const dir = dirOf(part);
  const base = part.slice(dir.length === 0 ? 0 : dir.length + 1);
  return `${dir === '' ? '' : `${dir}/`}_rels/${base}.rels`;
}

async function readRels(zip: ZipArchive, relsPart: string, baseDir: string, hwm: number): Promise<Relationship[] | undefined> {
  const entry = zip.get(relsPart);
  if (!entry) return undefined;
  const out: Relationship[] = [];
  await scanPart(
    zip,
    entry,
    {
      capture: false,
      open(s, ns, ne, attrs) {
        if (!nameIs(s, ns, ne, 'Relationship')) return;
        const id = attrs.get('Id') ?? '';
        const type = attrs.get('Type') ?? '';
        const target = attrs.get('Target');
        const external = attrs.get('TargetMode') === 'External';
        out.push({ id, type, part: target === undefined || external ? undefined : resolveTarget(baseDir, target) });
      },
      close() {},
      text() {},
    },
    hwm,
  );
  return out;
}

const relType = (r: Relationship, kind: string): boolean => r.type.endsWith(`/${kind}`);

interface SheetRef {
  name: string;
  state?: string;
  part: string;
}

interface Book {
  sheets: SheetRef[];
  date1904: boolean;
  /** Per cellXfs index: the number format code, and whether it shows dates. */
  formats: (string | undefined)[];
  dateStyle: boolean[];
  /** Per cellXfs index: whether numbers get a displayed text (an explicit format other than General and "@"). */
  shownStyle: boolean[];
  /** Shared strings, or undefined when the workbook has none. */
  strings: string[] | undefined;
}

async function readWorkbookXml(
  zip: ZipArchive,
  entry: ZipEntry,
  hwm: number,
): Promise<{ sheets: { name: string; state?: string; rId?: string; sheetId?: string }[]; date1904: boolean }> {
  const sheets: { name: string; state?: string; rId?: string; sheetId?: string }[] = [];
  let date1904 = false;
  let inSheets = false;
  await scanPart(
    zip,
    entry,
    {
      capture: false,
      open(s, ns, ne, attrs, selfClosing) {
        if (nameIs(s, ns, ne, 'sheets')) inSheets = !selfClosing;
        else if (inSheets && nameIs(s, ns, ne, 'sheet')) {
          const state = attrs.get('state');
          sheets.push({
            name: attrs.get('name') ?? '',
            ...(state !== undefined ? { state } : {}),
            rId: attrs.get('id'),
            sheetId: attrs.get('sheetId'),
          });
        } else if (nameIs(s, ns, ne, 'workbookPr')) {
          const v = attrs.get('date1904');
          date1904 = v === '1' || v === 'true';
        }
      },
      close(s, ns, ne) {
        if (nameIs(s, ns, ne, 'sheets')) inSheets = false;
      },
      text() {},
    },
    hwm,
  );
  return { sheets, date1904 };
}

async function readStyles(
  zip: ZipArchive,
  entry: ZipEntry | undefined,
  hwm: number,
): Promise<Pick<Book, 'formats' | 'dateStyle' | 'shownStyle'>> {
  const custom = new Map<number, string>();
  const xfFormat: number[] = [];
  if (entry) {
    let inNumFmts = false;
    let inCellXfs = false;
    await scanPart(
      zip,
      entry,
      {
        capture: false,
        open(s, ns, ne, attrs, selfClosing) {
          if (nameIs(s, ns, ne, 'numFmts')) inNumFmts = !selfClosing;
          else if (nameIs(s, ns, ne, 'cellXfs')) inCellXfs = !selfClosing;
          else if (inNumFmts && nameIs(s, ns, ne, 'numFmt')) {
            const id = Number(attrs.get('numFmtId'));
            const code = attrs.get('formatCode');
            if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
          } else if (inCellXfs && nameIs(s, ns, ne, 'xf')) {
            const id = Number(attrs.get('numFmtId') ?? 0);
            xfFormat.push(Number.isInteger(id) ? id : 0);
          }
        },
        close(s, ns, ne) {
          if (nameIs(s, ns, ne, 'numFmts')) inNumFmts = false;
          else if (nameIs(s, ns, ne, 'cellXfs')) inCellXfs = false;
        },
        text() {},
      },
      hwm,
    );
  }
  const formats = xfFormat.map((id) => custom.get(id) ?? builtinFormat(id));
  return {
    formats,
    dateStyle: formats.map((f) => isDateFormat(f)),
    shownStyle: formats.map(showsText),
  };
}

/**
 * The text of <si> (shared strings) and <is> (inline strings): the <t> elements, directly or in rich-text runs,
 * concatenated; phonetic runs (<rPh>) left out. Each <t> is trimmed unless it asks to preserve its whitespace.
 */
class StringCollector {
  capture = false;
  private raw = '';
  private preserve = false;
  private phonetic = 0;
  /** Text so far of the current string. */
  value = '';

  reset(): void {
    this.capture = false;
    this.raw = '';
    this.phonetic = 0;
    this.value = '';
  }

  open(s: string, ns: number, ne: number, attrs: Attrs, selfClosing: boolean): void {
    const len = ne - ns;
    if (len === 1 && s.charCodeAt(ns) === 116 /* t */) {
      if (selfClosing || this.phonetic > 0) return;
      this.capture = true;
      this.raw = '';
      this.preserve = false;
      for (let k = 0; k < attrs.count; k++) {
        if (attrs.is(k, 'space')) this.preserve = attrs.value(k) === 'preserve';
      }
    } else if (len === 3 && !selfClosing && s.startsWith('rPh', ns)) {
      this.phonetic++;
    }
  }

  close(s: string, ns: number, ne: number): void {
    const len = ne - ns;
    if (len === 1 && s.charCodeAt(ns) === 116 /* t */) {
      if (!this.capture) return;
      this.capture = false;
      const t = decodeText(this.raw);
      this.raw = '';
      this.value += this.preserve ? t : trimUnpreserved(t);
    } else if (len === 3 && this.phonetic > 0 && s.startsWith('rPh', ns)) {
      this.phonetic--;
    }
  }

  text(raw: string): void {
    this.raw += raw;
  }

  /** The finished string, Excel escapes decoded, owning its memory. */
  finish(): string {
    const v = ownString(decodeExcelEscapes(this.value));
    this.reset();
    return v;
  }
}

async function readSharedStrings(zip: ZipArchive, entry: ZipEntry, hwm: number): Promise<string[]> {
  const strings: string[] = [];
  const str = new StringCollector();
  let inSi = false;
  const handler: XmlHandler = {
    capture: false,
    open(s, ns, ne, attrs, selfClosing, after) {
      if (nameIs(s, ns, ne, 'si')) {
        str.reset();
        if (selfClosing) strings.push('');
        else {
          inSi = true;
          return plainRun(s, after);
        }
      } else if (inSi) {
        str.open(s, ns, ne, attrs, selfClosing);
        handler.capture = str.capture;
      }
    },
    close(s, ns, ne) {
      if (!inSi) return;
      if (nameIs(s, ns, ne, 'si')) {
        strings.push(str.finish());
        inSi = false;
      } else {
        str.close(s, ns, ne);
      }
      handler.capture = str.capture;
    },
    text(raw) {
      str.text(raw);
    },
  };
  const PRESERVE = '<t xml:space="preserve">';
  /**
   * Fast path from just inside an <si>: plain strings written as <t>..</t></si> (or with xml:space="preserve"),
   * each followed directly by the next <si>, are taken in at once. Returns where the scanner goes on.
   */
  function plainRun(s: string, p: number): number {
    for (;;) {
      let start: number;
      let preserve = false;
      if (s.startsWith('<t>', p)) start = p + 3;
      else if (s.startsWith(PRESERVE, p)) {
        start = p + PRESERVE.length;
        preserve = true;
      } else return p;
      const lt = s.indexOf('<', start);
      if (lt < 0 || !s.startsWith('</t></si>', lt)) return p;
      const t = decodeText(s.slice(start, lt));
      strings.push(ownString(decodeExcelEscapes(preserve ? t : trimUnpreserved(t))));
      inSi = false;
      p = lt + 9;
      if (!s.startsWith('<si>', p)) return p;
      inSi = true;
      p += 4;
    }
  }
  await scanPart(zip, entry, handler, hwm);
  return strings;
}

async function readBook(zip: ZipArchive, hwm: number): Promise<Book> {
  // The workbook part: from the package relationships, else where everyone puts it.
  const rootRels = await readRels(zip, '_rels/.rels', '', hwm);
  let workbookPart = rootRels?.find((r) => relType(r, 'officeDocument') && r.part && zip.get(r.part))?.part;
  workbookPart ??= 'xl/workbook.xml';
  const workbookEntry = zip.get(workbookPart);

  if (!workbookEntry) {
    // No workbook: plain worksheet parts are still read (as exceljs did), named by their number; else not a workbook.
    const loose = zip.entries
      .map((e) => ({ e, m: /^xl\/worksheets\/sheet(\d+)\.xml$/i.exec(e.name) }))
      .filter((x) => x.m)
      .sort((a, b) => Number(a.m![1]) - Number(b.m![1]));
    if (loose.length === 0) throw new NotAWorkbookError();
    const sharedEntry = zip.get('xl/sharedStrings.xml');
    const styles = await readStyles(zip, zip.get('xl/styles.xml'), hwm);
    return {
      sheets: loose.map((x) => ({ name: `Sheet${x.m![1]}`, part: x.e.name })),
      date1904: false,
      ...styles,
      strings: sharedEntry ? await readSharedStrings(zip, sharedEntry, hwm) : undefined,
    };
  }

  const wb = await readWorkbookXml(zip, workbookEntry, hwm);
  const relsPart = relsPartOf(workbookEntry.name);
  const rels = await readRels(zip, relsPart, dirOf(workbookEntry.name), hwm);
  if (!rels) throw new Error(`${relsPart} is missing: the sheets of ${workbookEntry.name} cannot be found`);
  const byId = new Map(rels.map((r) => [r.id, r]));

  const sheets: SheetRef[] = [];
  for (const s of wb.sheets) {
    const rel = s.rId !== undefined ? byId.get(s.rId) : undefined;
    if (!rel) throw new Error(`sheet "${s.name}" has no relationship in ${relsPart}`);
    // Chart sheets, dialog sheets and macro sheets hold no cells.
    if (!relType(rel, 'worksheet')) continue;
    const part = rel.part ? zip.get(rel.part)?.name : undefined;
    if (!part) throw new Error(`sheet "${s.name}": its part ${rel.part ?? '(external)'} is missing from the zip`);
    sheets.push({ name: s.name, ...(s.state !== undefined ? { state: s.state } : {}), part });
  }

  const find = (kind: string, fallback: string): ZipEntry | undefined => {
    const rel = rels.find((r) => relType(r, kind) && r.part && zip.get(r.part));
    return zip.get(rel?.part ?? fallback);
  };
  const styles = await readStyles(zip, find('styles', 'xl/styles.xml'), hwm);
  const sharedEntry = find('sharedStrings', 'xl/sharedStrings.xml');
  const strings = sharedEntry ? await readSharedStrings(zip, sharedEntry, hwm) : undefined;
  return { sheets, date1904: wb.date1904, ...styles, strings };
}

// ---------------------------------------------------------------------------------------------------------------------
// Worksheets.

const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

const CAP_NONE = 0;
const CAP_V = 1;

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

/** Parses <sheetData> of one worksheet into rows; complete rows are pushed to `out`. */
class SheetHandler implements XmlHandler {
  capture = false;
  private captureKind = CAP_NONE;

  // current row
  private inRow = false;
  private rowNo = 0;
  private cells: CellValue[] = [];
  private shown: (string | undefined)[] | undefined;
  private last = -1;
  private prevCol = 0;

  // current cell
  private inCell = false;
  private col = 0;
  private type = T_NUMBER;
  private style = 0;
  private v: string | undefined;
  private inIs = false;
  private readonly str = new StringCollector();
  private isValue: string | undefined;

  constructor(
    private readonly book: Book,
    private readonly out: RawRow[],
  ) {}

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
      if (c0 === 118 /* v */) {
        if (this.captureKind === CAP_V) {
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
    if (this.captureKind === CAP_V) this.v += raw;
    else this.str.text(raw);
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
    this.last = -1;
    this.prevCol = 0;
  }

  private endRow(): void {
    this.inRow = false;
    this.inCell = false;
    if (this.last < 0) return;
    const cells = this.cells;
    cells.length = this.last + 1;
    const row: RawRow = { rowNo: this.rowNo, cells };
    if (this.shown) {
      const text = this.shown;
      for (let i = 0; i <= this.last; i++) if (text[i] === undefined) text[i] = undefined;
      text.length = this.last + 1;
      row.text = text;
    }
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
    this.v = undefined;
    this.isValue = undefined;
    if (value === null || value === '') return;
    this.store(value, text);
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
  }
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

/** The rows of one worksheet, scanned chunk by chunk as they are asked for. */
class SheetRows implements AsyncIterator<RawRow> {
  private queue: RawRow[] = [];
  private at = 0;
  private readonly chunks: AsyncGenerator<Buffer, void, undefined>;
  private readonly decoder: PartDecoder;
  private readonly scanner: XmlScanner;
  private finished = false;

  constructor(zip: ZipArchive, entry: ZipEntry, book: Book, hwm: number) {
    this.chunks = zip.chunks(entry, hwm);
    this.decoder = new PartDecoder(entry.name);
    this.scanner = new XmlScanner(new SheetHandler(book, this.queue), entry.name);
  }

  next(): Promise<IteratorResult<RawRow>> {
    if (this.at < this.queue.length) return Promise.resolve({ done: false, value: this.queue[this.at++]! });
    return this.fill();
  }

  private async fill(): Promise<IteratorResult<RawRow>> {
    const q = this.queue;
    for (;;) {
      if (this.at < q.length) return { done: false, value: q[this.at++]! };
      q.length = 0;
      this.at = 0;
      if (this.finished) return { done: true, value: undefined };
      try {
        const c = await this.chunks.next();
        if (c.done) {
          this.finished = true;
          this.scanner.feed(this.decoder.end());
          this.scanner.end();
        } else {
          this.scanner.feed(this.decoder.decode(c.value));
        }
      } catch (e) {
        await this.return();
        throw e;
      }
    }
  }

  async return(): Promise<IteratorResult<RawRow>> {
    this.finished = true;
    this.queue.length = 0;
    this.at = 0;
    await this.chunks.return(undefined);
    return { done: true, value: undefined };
  }
}

/**
 * Sheets of an .xlsx in workbook (tab) order, hidden ones included. Each sheet's rows are streamed from its zip
 * entry when asked for; they must be read (or left) before the next sheet is taken.
 */
export function readXlsx(path: string, options: ReadXlsxOptions = {}): AsyncIterable<XlsxSheet> {
  const hwm = Math.max(1, options.highWaterMark ?? 1 << 20);
  return {
    async *[Symbol.asyncIterator]() {
      const zip = await ZipArchive.open(path);
      let reading: SheetRows | undefined;
      try {
        const book = await readBook(zip, hwm);
        for (const ref of book.sheets) {
          const entry = zip.get(ref.part)!;
          let status: 'new' | 'reading' | 'done' = 'new';
          const sheet: XlsxSheet = {
            name: ref.name,
            ...(ref.state !== undefined ? { state: ref.state } : {}),
            rows: () => ({
              [Symbol.asyncIterator]: () => {
                if (status !== 'new') throw new Error(`rows() of sheet ${ref.name} asked for twice or too late`);
                status = 'reading';
                reading = new SheetRows(zip, entry, book, hwm);
                return reading;
              },
            }),
          };
          yield sheet;
          status = 'done';
          if (reading) {
            const r = reading;
            reading = undefined;
            await r.return();
          }
        }
      } finally {
        if (reading) await reading.return().catch(() => undefined);
        await zip.close();
      }
    },
  };
}
