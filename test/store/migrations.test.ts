// A database written by an earlier bidui is brought up to date on open, with everything in it kept.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { tempDir } from '../helpers/cli.js';

const dir = tempDir('bidui-migrate-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('schema migrations', () => {
  it('upgrades a version-2 database (roster index by kind, period) and keeps its rows', () => {
    const file = path.join(dir, 'v2.db');
    const old = new Database(file);
    old.exec(MIGRATIONS[0]!);
    old.exec(MIGRATIONS[1]!);
    old.pragma('user_version = 2');
    old.prepare(`INSERT INTO imports (kind, period, file_name, file_path, sha256, format, rows_read, rows_loaded, rows_skipped,
      rows_rejected, id_problems, sheets, report, options, loaded_at) VALUES ('dibao', '2024-11', 'a.csv', '/a.csv', 'x', 'csv',
      1, 1, 0, 0, 0, '[{"name":"S","used":true,"mapped":[{"field":"name"},{"field":"taper_start"}]},{"name":"T","used":false}]',
      '{}', '{}', '2024-12-01')`).run();
    old.prepare(`INSERT INTO roster_rows (import_id, kind, period, sheet, row_no, member_no, id_status, active, name)
      VALUES (1, 'dibao', '2024-11', 'S', 2, 0, 'missing', 1, '甲')`).run();
    old.close();

    const db = openDb(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'roster_rows'`).all() as { name: string }[]).map((r) => r.name).sort();
    expect(indexes).toEqual(['roster_rows_import', 'roster_rows_kind_period']);
    expect(db.prepare(`SELECT name, row_no FROM roster_rows`).all()).toEqual([{ name: '甲', row_no: 2 }]);
    // The columns an earlier load mapped are taken from its stored sheet report (rules skip on what a roster lacks).
    expect(db.prepare(`SELECT import_id, field FROM import_fields ORDER BY field`).all()).toEqual([
      { import_id: 1, field: 'name' },
      { import_id: 1, field: 'taper_start' },
    ]);
    db.close();
  });

  it('upgrades a version-6 database: each load’s counties are taken once from its rows, findings get the (period, county) index', () => {
    const file = path.join(dir, 'v6.db');
    const old = new Database(file);
    for (const m of MIGRATIONS.slice(0, 6)) old.exec(m);
    old.pragma('user_version = 6');
    const imp = old.prepare(`INSERT INTO imports (kind, period, file_name, file_path, sha256, format, rows_read, rows_loaded, rows_skipped,
      rows_rejected, id_problems, sheets, report, options, loaded_at) VALUES (?, '2024-11', ?, '/x', ?, 'csv', 3, 3, 0, 0, 0, '[]', '{}', '{}', '2024-12-01')`);
    imp.run('tekun', '特困_全市.csv', 'a');
    imp.run('death', '火化.csv', 'b');
    imp.run('dibao', '空.csv', 'c');
    const row = old.prepare(`INSERT INTO roster_rows (import_id, kind, period, sheet, row_no, member_no, id_status, active, county)
      VALUES (?, 'tekun', '2024-11', 'S', ?, 0, 'valid', 1, ?)`);
    [['乙县', 2], ['甲县', 3], ['乙县', 4]].forEach(([county, n]) => row.run(1, n, county));
    row.run(2, 2, null);
    old.close();

    const db = openDb(file);
    expect(db.prepare(`SELECT import_id, county FROM import_counties ORDER BY import_id, county`).all()).toEqual([
      { import_id: 1, county: '乙县' },
      { import_id: 1, county: '甲县' },
      { import_id: 2, county: null },
    ]);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT finding_id FROM findings WHERE period = ? AND county IS ?`).all('2024-11', '甲县') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('findings_period_county');
    db.close();
  });

  it('refuses a database from a newer bidui instead of touching it', () => {
    const file = path.join(dir, 'future.db');
    const future = new Database(file);
    future.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    future.close();
    expect(() => openDb(file)).toThrow(/更新版本的 bidui/);
  });
});
