// The rows a check reads: the period's snapshot of every period kind plus all reference rows, as TEMP table `cur`.
import { PERIOD_KINDS, REFERENCE_KINDS, ROW_COLUMNS, type RosterColumn, type SourceRow } from '../model/index.js';
import { parsePeriod } from '../normalize/month.js';
import type { Db } from '../store/db.js';
import { sqlList } from '../store/sql.js';

/** Up to this many rows the snapshot is built in memory from the narrow keys' order (see below). */
const SMALL_SNAPSHOT_ROWS = 1_000_000;

/** How much of the database file a small snapshot's check reads through a memory map (all of it, up to 2 GiB). */
const SMALL_SNAPSHOT_MMAP = 2 ** 31;

/**
 * Stored columns no rule reads, left out of the snapshot: copying a row costs per column (42 of the 52 columns: the
 * bench county's copy 10 % faster). A rule that needs one of them takes it out of this list.
 */
const NOT_READ_BY_RULES: ReadonlySet<RosterColumn> = new Set([
  'member_no', 'category', 'support_mode', 'self_care', 'person_no', 'household_type', 'monitor_type', 'health', 'cert_number', 'warnings',
]);

/** The snapshot's columns of a roster row. */
const SNAPSHOT_COLUMNS = ['id', 'import_id', 'kind', 'period', ...ROW_COLUMNS.filter((c) => !NOT_READ_BY_RULES.has(c))].map((c) => `r.${c}`).join(', ');

/**
 * Rules query `cur` (the columns of roster_rows that rules read, plus `linked` and `link_raw`). Active rows:
 * `active = 1 AND id_number IS NOT NULL`.
 * Copying the snapshot once keeps each rule's SQL simple and its plan predictable. The copy is stored in
 * (kind, id_number) order, the order rules walk it in through the index: each page is then read once, not once per
 * row (at province scale this cut the rules from 70 s to 18 s). `active` in the index answers the many
 * "is this ID active in that roster" lookups without reading the row.
 *
 * The rows findings name are read back with their monthly amounts (`share`, worksetRows below): a 低保 amount belongs
 * to the case, so each member's share is the case amount ÷ the case's 保障人数; other kinds' amounts are the person's own.
 * `linked` / `link_raw`: a row whose unusable ID was linked to a candidate by id-typo-suspect (links.ts) takes part in
 * the rules under that ID; link_raw keeps what the file said.
 */
export function prepareWorkset(db: Db, period: string, smallRows = SMALL_SNAPSHOT_ROWS): () => void {
  if (parsePeriod(period) !== period) throw new Error(`bad period ${period}`);
  db.exec(`DROP TABLE IF EXISTS temp.cur; DROP TABLE IF EXISTS temp.cur_order`);
  const rows = (
    db.prepare(
      `SELECT (SELECT COUNT(*) FROM roster_rows WHERE kind IN (${sqlList(PERIOD_KINDS)}) AND period = :period)
            + (SELECT COUNT(*) FROM roster_rows WHERE kind IN (${sqlList(REFERENCE_KINDS)})) AS n`,
    ).get({ period }) as { n: number }
  ).n;
  const small = rows <= smallRows;
  // A county's snapshot (≈ 70 MB for 250,000 rows) is kept in memory whole; a city's or province's is on disk behind a
  // 64 MB cache (the default is 2 MB), which caps the check's memory. For a large snapshot the database's own cache goes
  // down to 32 MB as well: its table is read once, in order, and findings are appended, so a bigger cache holds pages
  // nobody reads again (province check 1,059 → 956 MB peak, no slower). Both caches are put back after the check (store withOwnCaches).
  db.pragma(`temp.cache_size = ${small ? -262144 : -65536}`);
  if (!small) db.pragma('cache_size = -32768');
  // A check runs in a fresh process, its page cache empty: a small snapshot's rows are read through a memory map of the
  // file rather than copied into the cache page by page (the bench county's scan of the period: 560 → 75 ms). Not for a
  // large one: the pages a province's check touches would count in its resident memory, about the size of the file.
  if (small) db.pragma(`mmap_size = ${SMALL_SNAPSHOT_MMAP}`);
  // Small: the order is found on the narrow keys alone and the wide rows fetched in it (1.57 → 1.36 s on the bench
  // county, its table in the page cache). Large: fetching 5 M rows in that order reads the table at random, far slower
  // than sorting the wide rows (province snapshot, 5 M rows: 100 s against 51 s, on a busy machine), so they are sorted.
  if (small) {
    db.prepare(
      `CREATE TEMP TABLE cur_order AS
         SELECT id FROM (
           SELECT id, kind, id_number FROM roster_rows WHERE kind IN (${sqlList(PERIOD_KINDS)}) AND period = :period
           UNION ALL
           SELECT id, kind, id_number FROM roster_rows WHERE kind IN (${sqlList(REFERENCE_KINDS)})
         ) ORDER BY kind, id_number`,
    ).run({ period });
  }
  const from = small
    ? 'FROM temp.cur_order o JOIN roster_rows r ON r.id = o.id'
    : `FROM (SELECT * FROM roster_rows WHERE kind IN (${sqlList(PERIOD_KINDS)}) AND period = :period
             UNION ALL
             SELECT * FROM roster_rows WHERE kind IN (${sqlList(REFERENCE_KINDS)})) AS r`;
  db.prepare(
    `CREATE TEMP TABLE cur AS
       SELECT ${SNAPSHOT_COLUMNS}, 0 AS linked, NULL AS link_raw
         ${from}
        ORDER BY ${small ? 'o.rowid' : 'r.kind, r.id_number'}`,
  ).run({ period });
  db.exec(`DROP TABLE IF EXISTS temp.cur_order`);
  // (id_number, linked, name): id-name-mismatch reads the index alone (county 0.13 → 0.05 s; province ≈ 3 s less CPU).
  db.exec(`CREATE INDEX temp.cur_kind_id ON cur(kind, id_number, active); CREATE INDEX temp.cur_id ON cur(id_number, linked, name);
    CREATE UNIQUE INDEX temp.cur_row ON cur(id);`);
  // The planner's statistics from a sample of each index (0.06 → 0.001 s on the bench county, the rules' plans the same).
  db.pragma('analysis_limit = 1000');
  db.exec(`ANALYZE temp`);
  db.pragma('analysis_limit = 0');
  return () => db.exec(`DROP TABLE IF EXISTS temp.cur`);
}

/** Parses json_group_array(id) output. */
export function ids(json: string): number[] {
  return JSON.parse(json) as number[];
}

/** The snapshot's rows with these ids, with their file names and shares (one query per chunk, never per row). */
export function worksetRows(db: Db, rowIds: readonly number[]): Map<number, SourceRow> {
  type Raw = Omit<SourceRow, 'active' | 'share'> & { active: number; amount: number | null; covered_count: number | null; case_id: string | null };
  const stmt = db.prepare(
    `SELECT r.id, r.kind, i.file_name, r.sheet, r.row_no, r.id_number, r.id_raw, r.name, r.sex, r.birth_date, r.county,
            r.township, r.village, r.active, r.amount, r.covered_count, r.case_id, CASE WHEN r.linked THEN r.link_raw END AS link_raw
       FROM cur r JOIN imports i ON i.id = r.import_id
      WHERE r.id IN (SELECT value FROM json_each(?))`,
  );
  const raw: Raw[] = [];
  const CHUNK = 20_000;
  for (let i = 0; i < rowIds.length; i += CHUNK) raw.push(...(stmt.all(JSON.stringify(rowIds.slice(i, i + CHUNK))) as Raw[]));
  const cases = caseAmounts(db, raw.filter((r) => r.kind === 'dibao' && r.case_id !== null).map((r) => r.case_id!));
  // Each row object becomes the SourceRow in place (a province check names ~10⁶ rows: no second copy of them).
  const out = new Map<number, SourceRow>();
  for (const r of raw) out.set(r.id, Object.assign(r as unknown as SourceRow, { active: r.active === 1, share: shareOf(r, cases) }));
  return out;
}

/** A row's monthly amount: its own, or (低保) its case's amount ÷ 保障人数, else ÷ the case's rows. */
function shareOf(
  r: { kind: string; amount: number | null; covered_count: number | null; case_id: string | null; county: string | null },
  cases: ReadonlyMap<string, { amount: number | null; rows: number }>,
): number | null {
  if (r.kind !== 'dibao') return r.amount;
  const c = r.case_id === null ? undefined : cases.get(caseKey(r.county, r.case_id));
  const amount = c ? c.amount : r.amount;
  if (amount === null) return null;
  return amount / (r.covered_count || (c ? c.rows : 1));
}

/** A 低保 case is one county's: two counties pooled in one database may both number a case 0001 (domain.md §10). */
function caseKey(county: string | null, caseId: string): string {
  return JSON.stringify([county, caseId]);
}

/**
 * A 低保 case's amount (the largest its rows give) and its number of rows, for the shares of the rows findings name:
 * a member's share is the case amount ÷ the case's 保障人数 (else its number of rows) — domain.md §6 Money.
 * Keyed by (county, case id): the same case number in another county is another family.
 */
function caseAmounts(db: Db, caseIds: readonly string[]): Map<string, { amount: number | null; rows: number }> {
  const out = new Map<string, { amount: number | null; rows: number }>();
  if (caseIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT county, case_id, MAX(amount) AS amount, COUNT(*) AS rows FROM cur
        WHERE kind = 'dibao' AND case_id IN (SELECT value FROM json_each(?)) GROUP BY county, case_id`,
    )
    .all(JSON.stringify([...new Set(caseIds)])) as { county: string | null; case_id: string; amount: number | null; rows: number }[];
  for (const r of rows) out.set(caseKey(r.county, r.case_id), { amount: r.amount, rows: r.rows });
  return out;
}
