// Candidates for unusable IDs (domain.md §6 id-typo-suspect, §11): for each row whose ID is a likely typing slip, the
// joinable IDs one slip away that another row of the snapshot carries under the same name. Found by indexed lookups
// only: the few valid one-slip variants of each bad ID (computed here) on the ID index, and for an Excel-truncated
// ID a range seek on its first 15 digits — never a scan of all pairs. Result: TEMP table typo_cand.
// A row with exactly one candidate ID is *linked*: it then takes part in every other rule as that ID (cur.linked).
import { cleanIdText, idPersonInfo, idTypoVariants } from '../normalize/id-number.js';
import { nameKey } from '../normalize/name.js';
import type { Db } from '../store/db.js';
import { sqlList } from '../store/sql.js';

/** Statuses whose IDs may be one slip away from a real one (truncated: when 15 digits survived). */
const TYPO_STATUSES = ['bad_checksum', 'bad_date', 'bad_format', 'truncated'] as const;

interface BadRow {
  id: number;
  id_status: string;
  id_raw: string;
  name: string;
}

/** Creates TEMP table typo_cand(row_id, id_number, cand_row): one line per candidate row of each bad row. */
export function findTypoCandidates(db: Db, refDate: string): void {
  db.exec(`DROP TABLE IF EXISTS temp.typo_try; DROP TABLE IF EXISTS temp.typo_prefix; DROP TABLE IF EXISTS temp.typo_cand;
    CREATE TEMP TABLE typo_try (row_id INTEGER NOT NULL, id_number TEXT NOT NULL);
    CREATE TEMP TABLE typo_prefix (row_id INTEGER NOT NULL, prefix TEXT NOT NULL);
    CREATE TEMP TABLE typo_cand (row_id INTEGER NOT NULL, id_number TEXT NOT NULL, cand_row INTEGER NOT NULL);`);
  const bad = db
    .prepare(
      // The rows without an ID are one range of the ID index (a province's 5 M rows are not scanned for them).
      `SELECT id, id_status, id_raw, name FROM cur INDEXED BY cur_id
        WHERE id_number IS NULL AND id_status IN (${sqlList(TYPO_STATUSES)})
          AND id_raw IS NOT NULL AND name IS NOT NULL`,
    )
    .all() as BadRow[];
  const keys = new Map<number, string>();
  const addTry = db.prepare(`INSERT INTO typo_try (row_id, id_number) VALUES (?, ?)`);
  const addPrefix = db.prepare(`INSERT INTO typo_prefix (row_id, prefix) VALUES (?, ?)`);
  for (const r of bad) {
    const cleaned = cleanIdText(r.id_raw);
    keys.set(r.id, nameKey(r.name));
    if (r.id_status === 'truncated') {
      if (/^\d{15,18}$/.test(cleaned)) addPrefix.run(r.id, cleaned.slice(0, 15));
    } else {
      for (const v of idTypoVariants(cleaned, refDate)) addTry.run(r.id, v);
    }
  }
  const found = db
    .prepare(
      // CROSS JOIN keeps this order: each of the few variants looked up on the ID index, never the snapshot scanned.
      `SELECT t.row_id, c.id_number, c.id AS cand_row, c.name FROM typo_try t CROSS JOIN cur c INDEXED BY cur_id ON c.id_number = t.id_number
        WHERE c.id <> t.row_id AND c.linked = 0 AND c.name IS NOT NULL
       UNION ALL
       SELECT p.row_id, c.id_number, c.id AS cand_row, c.name FROM typo_prefix p CROSS JOIN cur c INDEXED BY cur_id
           ON c.id_number >= p.prefix AND c.id_number < p.prefix || 'Z'
        WHERE c.id <> p.row_id AND c.linked = 0 AND c.name IS NOT NULL`,
    )
    .all() as { row_id: number; id_number: string; cand_row: number; name: string }[];
  const add = db.prepare(`INSERT INTO typo_cand (row_id, id_number, cand_row) VALUES (?, ?, ?)`);
  for (const f of found) if (nameKey(f.name) === keys.get(f.row_id)) add.run(f.row_id, f.id_number, f.cand_row);
  db.exec(`CREATE INDEX temp.typo_cand_row ON typo_cand(row_id); DROP TABLE temp.typo_try; DROP TABLE temp.typo_prefix;`);
}

/**
 * Links every bad row with exactly one candidate ID to it (cur.linked = 1, the ID, and the sex and birth date that ID
 * gives, as idPersonInfo reads them); the file's own ID stays in id_raw and link_raw. Returns the linked rows' ids.
 */
export function applyLinks(db: Db): number[] {
  const links = db
    .prepare(`SELECT row_id, MIN(id_number) AS id_number FROM typo_cand GROUP BY row_id HAVING COUNT(DISTINCT id_number) = 1 ORDER BY row_id`)
    .all() as { row_id: number; id_number: string }[];
  db.exec(`DROP TABLE IF EXISTS temp.typo_link;
    CREATE TEMP TABLE typo_link (row_id INTEGER PRIMARY KEY, id_number TEXT NOT NULL, sex TEXT NOT NULL, birth_date TEXT NOT NULL);`);
  const add = db.prepare(`INSERT INTO typo_link (row_id, id_number, sex, birth_date) VALUES (?, ?, ?, ?)`);
  for (const l of links) {
    const person = idPersonInfo(l.id_number);
    add.run(l.row_id, l.id_number, person.sex, person.birth_date);
  }
  db.exec(`UPDATE cur SET id_number = l.id_number, linked = 1, link_raw = cur.id_raw, sex = l.sex, birth_date = l.birth_date
      FROM typo_link AS l WHERE cur.id = l.row_id;
    DROP TABLE temp.typo_link;`);
  return links.map((l) => l.row_id);
}

export function dropTypoCandidates(db: Db): void {
  db.exec(`DROP TABLE IF EXISTS temp.typo_cand`);
}
