// The oracle of the loader fixtures: a Sheet whose every row says what it is (title, header, data with the persons a
// correct loader must find in it, subtotal, footer, blank), and the expected.json entry computed from those rows.

import { isValidId } from './fixture-ids.js';
import { Sheet, type Cell } from './write-workbooks.js';

/** What the loader must make of a row's ID cell. */
export type IdStatus = 'valid' | 'upgraded' | 'truncated' | 'masked' | 'bad_checksum';

/**
 * One person a data row holds: name, ID status, the normalised ID (joinable statuses only), and any further fields the
 * loader must produce (township, village, member, …). roster_status is the row's 在保状态/状态 (RosterRow.status).
 */
export interface PersonNote {
  name: string;
  status: IdStatus;
  id?: string | undefined;
  roster_status?: string;
  [field: string]: unknown;
}

type RowNote = { type: 'title' | 'header' | 'blank' | 'subtotal' | 'footer' } | { type: 'data'; persons: PersonNote[] };

/** Rows of one sheet plus what each row is. */
export class RosterSheet extends Sheet {
  readonly notes: RowNote[] = [];

  title(cells: Cell[]): number {
    return this.#add(cells, { type: 'title' });
  }
  header(cells: Cell[]): number {
    return this.#add(cells, { type: 'header' });
  }
  blank(): number {
    return this.#add([], { type: 'blank' });
  }
  subtotal(cells: Cell[]): number {
    return this.#add(cells, { type: 'subtotal' });
  }
  footer(cells: Cell[]): number {
    return this.#add(cells, { type: 'footer' });
  }
  data(cells: Cell[], persons: PersonNote[]): number {
    return this.#add(cells, { type: 'data', persons });
  }
  #add(cells: Cell[], note: RowNote): number {
    this.notes.push(note);
    return this.add(cells);
  }
}

interface Who {
  name: string;
  id: string;
}
/** A person whose ID cell is valid. */
export const V = (p: Who, extra: Record<string, unknown> = {}): PersonNote => ({ name: p.name, status: 'valid', id: p.id, ...extra });
/** A person whose ID cell has the given status (the ID is expected only when it is joinable). */
export const S = (p: Who, status: IdStatus, extra: Record<string, unknown> = {}): PersonNote => ({
  name: p.name,
  status,
  id: status === 'valid' || status === 'upgraded' ? p.id : undefined,
  ...extra,
});

/** What the load report must say about one sheet. */
export interface SheetExpectation {
  name: string;
  used: boolean;
  hidden?: 'hidden' | 'veryHidden';
  /** Where its rows' township comes from (source 'column' has name null). */
  township?: { source: 'column' | 'sheet' | 'title' | 'file'; name: string | null } | null;
}

export interface FileMeta {
  file: string;
  kind: string;
  format: string;
  encoding?: string | null;
  /** The sheet to report; default: the only sheet's name, or null for text files and several sheets. */
  sheet?: string | null;
  /** A text file (CSV, TSV, HTML): no sheet name. */
  text?: boolean;
  distinctIds?: number;
  townshipFromSheetName?: boolean;
  /** Extra arguments of `bidui load` (e.g. --sheet, --area). */
  args?: string[];
  /** The load report's sheets, when they matter (hidden sheets, township sources). */
  sheets?: SheetExpectation[];
  /** The separator of delimited text. */
  delimiter?: string;
  notes: string | undefined;
}

/** Expected loader result of one file, computed from the Sheets' row notes (counting rules of the brief). */
export function expectation(sheets: RosterSheet[], meta: FileMeta) {
  const idStatus: Partial<Record<IdStatus, number>> = {};
  const skipped = { blank: 0, subtotal: 0, footer: 0, header: 0, title: 0 };
  const rows: Record<string, unknown>[] = [];
  let headerRow: number | null = null;
  const chosen = meta.args?.includes('--sheet') ? meta.args[meta.args.indexOf('--sheet') + 1] : undefined;
  // Hidden sheets are not loaded unless --sheet chooses them.
  const loaded = sheets.filter((sh) => (chosen !== undefined ? sh.name === chosen : !sh.state));
  for (const sh of loaded) {
    // The first header block (one or two rows) starts the data; from there every row counts: persons, and skipped
    // rows by cause (blank rows only when a later row of the table follows them).
    const first = sh.notes.findIndex((n) => n.type === 'header');
    if (first < 0) continue; // no table (a 填表说明 sheet): not used
    let hdrEnd = first;
    while (sh.notes[hdrEnd + 1]?.type === 'header') hdrEnd++;
    let pendingBlank = 0;
    sh.notes.forEach((n, i) => {
      const r = i + 1;
      if (i <= hdrEnd) return;
      if (n.type === 'blank') {
        pendingBlank++;
        return;
      }
      skipped.blank += pendingBlank;
      pendingBlank = 0;
      if (n.type !== 'data') {
        skipped[n.type]++;
        return;
      }
      for (const p of n.persons) {
        idStatus[p.status] = (idStatus[p.status] ?? 0) + 1;
        const joinable = p.status === 'valid' || p.status === 'upgraded';
        if (joinable !== Boolean(p.id)) throw new Error(`${meta.file} row ${r}: id/status mismatch for ${p.name}`);
        if (p.id && !isValidId(p.id)) throw new Error(`${meta.file} row ${r}: invalid expected id ${p.id}`);
        const { status, id, roster_status, ...rest } = p;
        if (roster_status !== undefined) rest['status'] = roster_status; // the row's 在保状态/状态, as in RosterRow
        rows.push({
          ...(sheets.length > 1 ? { sheet: sh.name } : {}),
          row: r,
          ...rest,
          id_status: status,
          id_number: id ?? null,
        });
      }
    });
    const hdr = hdrEnd + 1;
    if (headerRow !== null && headerRow !== hdr) throw new Error(`${meta.file}: sheets disagree on header row`);
    headerRow = hdr;
  }
  return {
    kind: meta.kind,
    format: meta.format,
    encoding: meta.encoding ?? null,
    ...(meta.delimiter ? { delimiter: meta.delimiter } : {}),
    sheet: meta.sheet === undefined ? (sheets.length === 1 && !meta.text ? sheets[0]!.name : null) : meta.sheet,
    headerRow,
    persons: rows.length,
    ...(meta.args ? { args: meta.args } : {}),
    ...(meta.distinctIds !== undefined ? { distinctIds: meta.distinctIds } : {}),
    ...(meta.townshipFromSheetName ? { townshipFromSheetName: true } : {}),
    ...(meta.sheets ? { sheets: meta.sheets } : {}),
    skipped,
    idStatus,
    notes: meta.notes,
    rows,
  };
}
