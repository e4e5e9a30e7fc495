// The package parts of an .xlsx read before any worksheet: the relationships, workbook.xml (sheet names and tab
// order, hidden state, 1904 dates), each sheet's tables (their totals rows), styles.xml (number formats per style)
// and sharedStrings.xml (held in memory, so its size is bounded).
// The zip's central directory says where every part is, so they are read first whatever their place in the zip.
import { cellTooLong, formatMb, LimitError, type Limits } from '../limits.js';
import { NotAWorkbookError, builtinFormat, isDateFormat, showsText } from './number-format.js';
import { StringCollector } from './strings.js';
import type { ZipArchive, ZipEntry } from './zip.js';
import { PartDecoder, XmlScanner, decodeExcelEscapes, decodeText, nameIs, ownString, trimUnpreserved, type XmlHandler } from './xml.js';

/** Streams a part's XML through a handler. */
export async function scanPart(zip: ZipArchive, entry: ZipEntry, handler: XmlHandler, hwm: number): Promise<void> {
  const decoder = new PartDecoder(entry.name);
  const scanner = new XmlScanner(handler, entry.name);
  for await (const chunk of zip.chunks(entry, hwm)) scanner.feed(decoder.decode(chunk));
  scanner.feed(decoder.end());
  scanner.end();
}

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

export interface SheetRef {
  name: string;
  state?: string;
  part: string;
  /** Row numbers of the totals rows of the Excel tables (ListObjects) on this sheet. */
  totalsRows?: Set<number>;
}

/**
 * Shared strings are held in memory (about three times their XML size, counting string headers), so their part is
 * bounded well below the 1 GB a load may use; a province roster's table is a fraction of this.
 */
const SHARED_STRINGS_MAX = 200 * 1024 * 1024;

export interface Book {
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

async function readSharedStrings(zip: ZipArchive, entry: ZipEntry, hwm: number, cellChars: number): Promise<string[]> {
  if (entry.size > SHARED_STRINGS_MAX) {
    throw new LimitError(
      `共享字符串表（${entry.name}）解压后有 ${formatMb(entry.size)}，超过上限 ${formatMb(SHARED_STRINGS_MAX)}`,
      '这样的文字量远超任何名单（可能是被恶意构造的文件）；请确认文件来源，或用 Excel/WPS 把文件拆分后分别导入',
    );
  }
  const strings: string[] = [];
  const str = new StringCollector(cellChars);
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
      const v = ownString(decodeExcelEscapes(preserve ? t : trimUnpreserved(t)));
      if (v.length > cellChars) throw cellTooLong({ cellChars }, v.length);
      strings.push(v);
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

export interface BookOptions {
  cellChars: Limits['cellChars'];
  /** Called as soon as the sheets are known, before the bigger parts are read (the reader starts work on them). */
  onSheets?: (sheets: readonly SheetRef[]) => void;
}

/** The tables (ListObjects) of a worksheet: the row numbers of their totals rows. */
async function readTotalsRows(zip: ZipArchive, sheetPart: string, hwm: number): Promise<Set<number> | undefined> {
  const rels = await readRels(zip, relsPartOf(sheetPart), dirOf(sheetPart), hwm);
  let rows: Set<number> | undefined;
  for (const rel of rels ?? []) {
    if (!relType(rel, 'table') || !rel.part) continue;
    const entry = zip.get(rel.part);
    if (!entry) continue;
    await scanPart(
      zip,
      entry,
      {
        capture: false,
        open(s, ns, ne, attrs) {
          if (!nameIs(s, ns, ne, 'table')) return;
          const count = Number(attrs.get('totalsRowCount') ?? 0);
          const m = /(\d+)$/.exec(attrs.get('ref') ?? '');
          if (count > 0 && m) (rows ??= new Set()).add(Number(m[1]));
        },
        close() {},
        text() {},
      },
      hwm,
    );
  }
  return rows;
}

export async function readBook(zip: ZipArchive, hwm: number, opts: BookOptions): Promise<Book> {
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
    const sheets = loose.map((x) => ({ name: `Sheet${x.m![1]}`, part: x.e.name }));
    opts.onSheets?.(sheets);
    const sharedEntry = zip.get('xl/sharedStrings.xml');
    const styles = await readStyles(zip, zip.get('xl/styles.xml'), hwm);
    return {
      sheets,
      date1904: false,
      ...styles,
      strings: sharedEntry ? await readSharedStrings(zip, sharedEntry, hwm, opts.cellChars) : undefined,
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
  opts.onSheets?.(sheets);
  for (const sheet of sheets) {
    const totals = await readTotalsRows(zip, sheet.part, hwm);
    if (totals) sheet.totalsRows = totals;
  }

  const find = (kind: string, fallback: string): ZipEntry | undefined => {
    const rel = rels.find((r) => relType(r, kind) && r.part && zip.get(r.part));
    return zip.get(rel?.part ?? fallback);
  };
  const styles = await readStyles(zip, find('styles', 'xl/styles.xml'), hwm);
  const sharedEntry = find('sharedStrings', 'xl/sharedStrings.xml');
  const strings = sharedEntry ? await readSharedStrings(zip, sharedEntry, hwm, opts.cellChars) : undefined;
  return { sheets, date1904: wb.date1904, ...styles, strings };
}
