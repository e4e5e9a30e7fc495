// Hand-built .xlsx packages for the reader fixtures: the XML parts written directly, so that a fixture can hold what
// exceljs never writes but other programs do — inline strings, rich text with phonetic runs, cells and rows without
// r attributes, shared formulas with cached values, long integers written in full, a 1904 workbook, Strict OOXML
// namespaces, tables with a totals row, hidden sheets, data-descriptor or ZIP64 zips. Deterministic.

import type { Cell, Sheet } from './write-workbooks.js';
import { zipBuffer, type ZipInput, type ZipWriteOptions } from './zip-writer.js';

const TRANSITIONAL = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
};
const STRICT = {
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  r: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
};

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const colName = (c: number): string => {
  let s = '';
  for (c = c + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

/** The shared string table being built: index of each string, in first-use order. */
export class SharedStrings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  /** Raw <si> contents (rich text) by index, replacing the plain <t>. */
  readonly rich = new Map<number, string>();

  add(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  /** A rich-text entry: its <si> content written as given (its plain text is `text`). */
  addRich(text: string, siXml: string): number {
    const i = this.list.length;
    this.list.push(text);
    this.rich.set(i, siXml);
    return i;
  }

  xml(ns: string): string {
    const items = this.list.map((s, i) => `<si>${this.rich.get(i) ?? `<t xml:space="preserve">${esc(s)}</t>`}</si>`).join('');
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${ns}" count="${this.list.length}" uniqueCount="${this.list.length}">${items}</sst>`;
  }
}

/** Styles every hand-built package has: cellXfs 0 General, 1 yyyy-mm-dd, 2 text (@), 3 0.00, 4 0 (integer). */
export const STYLE = { general: 0, date: 1, text: 2, twoDecimals: 3, integer: 4 } as const;

function stylesXml(ns: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${ns}">` +
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>' +
    '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
    '</styleSheet>'
  );
}

/** Excel's serial day of a YYYY-MM-DD date, in the 1900 or the 1904 date system. */
export function serialOf(ymd: string, date1904 = false): number {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const days = (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
  return date1904 ? days - 1462 : days;
}

export interface SheetXmlOptions {
  /** How text cells are written: in the shared string table or inline (<is>). */
  strings: 'shared' | 'inline';
  sst?: SharedStrings;
  /** Write r attributes on rows and cells (true), on rows only ('rows'), or on neither (false: positions implied). */
  refs: true | 'rows' | false;
  date1904?: boolean;
  /** Cells written as given, by A1 reference: the <c> element's content after its attributes, e.g. '><v>1</v></c>'. */
  overrides?: Record<string, { attrs?: string; inner: string }>;
  /** Ranges to merge (<mergeCells>). */
  merges?: readonly string[];
  /** Written after <mergeCells> (e.g. <tableParts>). */
  after?: string;
}

/** The <worksheet> body (sheetData and what follows) of a Sheet's rows. */
export function sheetBody(sheet: Sheet, o: SheetXmlOptions): string {
  const rows: string[] = [];
  sheet.rows.forEach((cells, ri) => {
    const r = ri + 1;
    const cs: string[] = [];
    let lastWritten = -1;
    cells.forEach((v, ci) => {
      const ref = `${colName(ci)}${r}`;
      const over = o.overrides?.[ref];
      if ((v === null || v === undefined) && !over) return;
      // Without r attributes a cell's column is the one after the previous cell: gaps need empty cells.
      if (o.refs !== true) for (let k = lastWritten + 1; k < ci; k++) cs.push('<c/>');
      lastWritten = ci;
      const rAttr = o.refs === true ? ` r="${ref}"` : '';
      if (over) {
        cs.push(`<c${rAttr}${over.attrs ?? ''}${over.inner}`);
        return;
      }
      cs.push(cellXml(v!, rAttr, sheet, ci, o));
    });
    if (cs.length === 0) return;
    rows.push(`<row${o.refs === false ? '' : ` r="${r}"`}>${cs.join('')}</row>`);
  });
  const merges = o.merges?.length ? `<mergeCells count="${o.merges.length}">${o.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  return `<sheetData>${rows.join('')}</sheetData>${merges}${o.after ?? ''}`;
}

function cellXml(v: Exclude<Cell, null | undefined>, rAttr: string, sheet: Sheet, ci: number, o: SheetXmlOptions): string {
  if (typeof v === 'number') return `<c${rAttr}><v>${v}</v></c>`;
  if (typeof v === 'string') {
    const style = sheet.textCols.has(ci) ? ` s="${STYLE.text}"` : '';
    if (o.strings === 'shared') return `<c${rAttr}${style} t="s"><v>${o.sst!.add(v)}</v></c>`;
    return `<c${rAttr}${style} t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
  }
  if ('date' in v) return `<c${rAttr} s="${STYLE.date}"><v>${serialOf(v.date, o.date1904)}</v></c>`;
  if ('num' in v) return `<c${rAttr}${v.fmt === '0.00' ? ` s="${STYLE.twoDecimals}"` : v.fmt === '0' ? ` s="${STYLE.integer}"` : ''}><v>${v.num}</v></c>`;
  if ('formula' in v) {
    const t = typeof v.result === 'string' ? ' t="str"' : '';
    return `<c${rAttr}${t}><f>${esc(v.formula)}</f><v>${typeof v.result === 'string' ? esc(v.result) : v.result}</v></c>`;
  }
  throw new Error(`${sheet.name}: raw cell ${JSON.stringify(v.raw)} cannot be written to an xlsx`);
}

export interface PackageSheet {
  name: string;
  state?: 'hidden' | 'veryHidden';
  /** What goes inside <worksheet> (sheetBody's output). */
  body: string;
  /** Table parts of the sheet (their XML), referred to as rId1, rId2 … from the body's <tableParts>. */
  tables?: string[];
}

export interface PackageOptions {
  sheets: PackageSheet[];
  sst?: SharedStrings;
  date1904?: boolean;
  /** Strict OOXML namespaces and relationship types (ISO/IEC 29500 Strict), as Excel's "Strict Open XML" saves. */
  strict?: boolean;
  zip?: ZipWriteOptions;
  /** Worksheet parts before workbook.xml in the zip (a streaming writer's order). */
  sheetsFirst?: boolean;
}

/** The bytes of an .xlsx package. */
export function xlsxPackage(o: PackageOptions): Buffer {
  const ns = o.strict ? STRICT : TRANSITIONAL;
  const rel = (t: string): string => `${ns.rel}/${t}`;
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const entries: ZipInput[] = [];
  const overrides: string[] = [
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
  ];
  const sheetEntries: ZipInput[] = [];
  const wbRels: string[] = [];
  const sheetEls: string[] = [];
  let tableNo = 0;
  o.sheets.forEach((s, i) => {
    const n = i + 1;
    sheetEntries.push({ name: `xl/worksheets/sheet${n}.xml`, data: `${head}<worksheet xmlns="${ns.main}" xmlns:r="${ns.r}">${s.body}</worksheet>` });
    overrides.push(`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
    wbRels.push(`<Relationship Id="rId${n}" Type="${rel('worksheet')}" Target="worksheets/sheet${n}.xml"/>`);
    sheetEls.push(`<sheet name="${esc(s.name)}" sheetId="${n}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${n}"/>`);
    if (s.tables?.length) {
      const rels = s.tables.map((xml, k) => {
        tableNo++;
        sheetEntries.push({ name: `xl/tables/table${tableNo}.xml`, data: head + xml });
        overrides.push(`<Override PartName="/xl/tables/table${tableNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`);
        return `<Relationship Id="rId${k + 1}" Type="${rel('table')}" Target="../tables/table${tableNo}.xml"/>`;
      });
      sheetEntries.push({
        name: `xl/worksheets/_rels/sheet${n}.xml.rels`,
        data: `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
      });
    }
  });
  const k = o.sheets.length;
  wbRels.push(`<Relationship Id="rId${k + 1}" Type="${rel('styles')}" Target="styles.xml"/>`);
  if (o.sst) {
    wbRels.push(`<Relationship Id="rId${k + 2}" Type="${rel('sharedStrings')}" Target="sharedStrings.xml"/>`);
    overrides.push('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>');
  }
  entries.push({
    name: '[Content_Types].xml',
    data:
      `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      `<Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`,
  });
  entries.push({
    name: '_rels/.rels',
    data: `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel('officeDocument')}" Target="xl/workbook.xml"/></Relationships>`,
  });
  const workbook = {
    name: 'xl/workbook.xml',
    data:
      `${head}<workbook xmlns="${ns.main}" xmlns:r="${ns.r}"${o.strict ? ' conformance="strict"' : ''}>` +
      `<workbookPr${o.date1904 ? ' date1904="1"' : ''}/><sheets>${sheetEls.join('')}</sheets></workbook>`,
  };
  const wbRelsEntry = {
    name: 'xl/_rels/workbook.xml.rels',
    data: `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${wbRels.join('')}</Relationships>`,
  };
  if (o.sheetsFirst) entries.push(...sheetEntries, workbook, wbRelsEntry);
  else entries.push(workbook, wbRelsEntry, ...sheetEntries);
  entries.push({ name: 'xl/styles.xml', data: stylesXml(ns.main) });
  if (o.sst) entries.push({ name: 'xl/sharedStrings.xml', data: o.sst.xml(ns.main) });
  return zipBuffer(entries, o.zip);
}
