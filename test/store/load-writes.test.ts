// A load writes its rows with the connection's foreign-key checks off (store/db.ts withoutForeignKeyChecks: no
// statement journal per INSERT). What the checks guard must still hold afterwards, and the checks must be back on.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../src/jobs/load.js';
import { openDb, type Db } from '../../src/store/db.js';
import { fixture, tempDir } from '../helpers/cli.js';

const dir = tempDir('bidui-load-writes-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const GBK = fixture('csv-gbk', '低保名单_gbk.csv');

function count(db: Db, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n;
}

/** Rows that reference a load that is not there, in every table that references loads. */
function orphans(db: Db): unknown[] {
  return db.prepare(`PRAGMA foreign_key_check`).all();
}

describe('a load and the foreign-key checks', () => {
  it('stores rows that all reference their load, and leaves the checks on', async () => {
    const db = openDb(path.join(dir, 'a.db'));
    await loadFiles(db, { kind: 'dibao', period: '2024-11', files: [GBK], read: { map: [] }, workerMinBytes: 1 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(count(db, `SELECT count(*) AS n FROM roster_rows`)).toBeGreaterThan(0);
    expect(orphans(db)).toEqual([]);
    // The checks are on again: a row of a load that does not exist is refused.
    expect(() => db.prepare(`INSERT INTO import_fields (import_id, field) VALUES (999, 'name')`).run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('replacing a file\'s load leaves nothing of the old one behind', async () => {
    const db = openDb(path.join(dir, 'b.db'));
    const copy = path.join(dir, '低保名单.csv');
    fs.copyFileSync(GBK, copy);
    await loadFiles(db, { kind: 'dibao', period: '2024-11', files: [copy], read: { map: [] } });
    const first = count(db, `SELECT count(*) AS n FROM roster_rows`);
    // The same file name with one more line: the earlier load is replaced, its rows, fields and counties deleted.
    fs.appendFileSync(copy, fs.readFileSync(GBK).subarray(-200).toString('latin1').split('\n').slice(-2).join('\n'), 'latin1');
    await loadFiles(db, { kind: 'dibao', period: '2024-11', files: [copy], read: { map: [] } });
    expect(count(db, `SELECT count(*) AS n FROM imports`)).toBe(1);
    const id = count(db, `SELECT id AS n FROM imports`);
    for (const table of ['roster_rows', 'import_fields', 'import_counties']) {
      expect(count(db, `SELECT count(*) AS n FROM ${table} WHERE import_id <> ${id}`), table).toBe(0);
    }
    expect(count(db, `SELECT count(*) AS n FROM roster_rows`)).toBeGreaterThanOrEqual(first);
    expect(orphans(db)).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('a load that fails stores nothing and leaves the checks on', async () => {
    const db = openDb(path.join(dir, 'c.db'));
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '姓名,身份证号\n张三,"41010519800101001X\n');
    await expect(loadFiles(db, { kind: 'dibao', period: '2024-11', files: [GBK, bad], read: { map: [] } })).rejects.toThrow();
    expect(count(db, `SELECT count(*) AS n FROM imports`)).toBe(0);
    expect(count(db, `SELECT count(*) AS n FROM roster_rows`)).toBe(0);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
