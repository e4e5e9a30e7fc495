// Several bidui processes on one database at once: each command either does its work or exits 3 naming the one
// that holds the database; never exit 70, never a half-made database.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, fixture, tempDir } from '../helpers/cli.js';

const dir = tempDir('bidui-concurrent-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('commands at the same time', () => {
  it('four processes opening a new database at once all find it ready (schema made once, in turn)', async () => {
    const db = path.join(dir, 'fresh.db');
    const results = await Promise.all([1, 2, 3, 4].map(() => run(['--db', db, 'status'])));
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const sql = new Database(db, { readonly: true });
    expect(sql.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sql.prepare(`SELECT count(*) AS n FROM meta WHERE key = 'finding_key'`).get()).toEqual({ n: 1 });
    sql.close();
  });

  it('loads and checks started together: each exits 0 or 3 (naming the holder), the stored state is one of theirs', async () => {
    const db = path.join(dir, 'busy.db');
    const load = (kind: string, file: string) => ['--db', db, 'load', kind, fixture('kinds', file), '--period', '2024-11'];
    const check = ['--db', db, 'check', '--period', '2024-11'];
    // Make sure a check has something to read whatever order the others take.
    expect((await run(load('dibao', 'dibao.xlsx'))).code).toBe(0);
    const results = await Promise.all([run(load('tekun', 'tekun.xlsx')), run(check), run(load('canji', 'canji.xlsx')), run(check), run(check)]);
    for (const r of results) {
      expect([0, 3], r.stderr).toContain(r.code);
      if (r.code === 3) expect(r.stderr).toMatch(/另一个 bidui 任务正在使用数据库 .*（进程 \d+，bidui (load|check)/);
      expect(r.stderr).not.toContain('内部错误');
    }
    expect(results.some((r) => r.code === 0)).toBe(true);
    const sql = new Database(db, { readonly: true });
    expect(sql.pragma('integrity_check', { simple: true })).toBe('ok');
    // A check that ran saw whole loads only: every finding has its source rows and a person.
    expect(sql.prepare(`SELECT count(*) AS n FROM findings WHERE sources = '[]'`).get()).toEqual({ n: 0 });
    sql.close();
  });
});

describe('another program holding the database', () => {
  it('a foreign write lock is exit 3 with a message, not exit 70 "内部错误", and nothing is changed', async () => {
    const db = path.join(dir, 'foreign.db');
    expect((await run(['--db', db, 'load', 'dibao', fixture('kinds', 'dibao.xlsx'), '--period', '2024-11'])).code).toBe(0);
    const other = new Database(db);
    other.exec('BEGIN IMMEDIATE');
    try {
      const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, '--db', db, 'load', 'tekun', fixture('kinds', 'tekun.xlsx'), '--period', '2024-11'], {
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, BIDUI_BUSY_TIMEOUT_MS: '300' },
        });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stderr }));
      });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('数据库正被另一个程序锁定');
      expect(r.stderr).not.toContain('内部错误');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const sql = new Database(db, { readonly: true });
    expect(sql.prepare(`SELECT kind FROM imports`).all()).toEqual([{ kind: 'dibao' }]);
    sql.close();
  });
});
