// The roster field catalogue (src/model/roster.ts) and the database schema describe the same roster_rows columns.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COLUMN_TYPES, emptyRow, HEADER_FIELDS, ROW_COLUMNS } from '../../src/model/index.js';
import { openDb } from '../../src/store/db.js';
import { tempDir } from '../helpers/cli.js';

const dir = tempDir('bidui-catalogue-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Columns the store adds to every row: not fields of a roster. */
const STORE_COLUMNS = ['id', 'import_id', 'kind', 'period'];

describe('roster field catalogue', () => {
  it('names exactly the columns of roster_rows, with the declared types', () => {
    const db = openDb(path.join(dir, 'schema.db'));
    const cols = db.prepare(`PRAGMA table_info(roster_rows)`).all() as { name: string; type: string; notnull: number }[];
    db.close();
    const schema = new Map(cols.filter((c) => !STORE_COLUMNS.includes(c.name)).map((c) => [c.name, `${c.type}${c.notnull ? ' NOT NULL' : ''}`]));
    expect([...schema.keys()].sort()).toEqual([...ROW_COLUMNS].sort());
    for (const [name, type] of schema) expect(COLUMN_TYPES.get(name as never), name).toBe(type);
  });

  it('gives every row the same empty shape, with fresh warnings each time', () => {
    const a = emptyRow('S', 7);
    const b = emptyRow('S', 8);
    expect(Object.keys(a)).toEqual([...ROW_COLUMNS]);
    expect(a).toMatchObject({ sheet: 'S', row_no: 7, member_no: 0, id_status: 'missing', active: true, name: null, extra: null });
    expect(a.warnings).not.toBe(b.warnings);
  });

  it('has each header alias in one field only (a header must not be claimed by two fields)', () => {
    const seen = new Map<string, string>();
    for (const f of HEADER_FIELDS) {
      for (const a of f.aliases) {
        expect(seen.get(a), `${a} in ${f.field} and ${seen.get(a)}`).toBeUndefined();
        seen.set(a, f.field);
      }
    }
  });
});
