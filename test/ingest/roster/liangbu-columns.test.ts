// 两项补贴 lists with one amount column per subsidy instead of a 补贴类型 column (domain.md §3): each subsidy a person
// receives is a row of its own with its 补贴类型 and amount, so the subsidy rules can run.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndRead, tempDir } from '../../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('bidui-liangbu-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function load(name: string, text: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  const r = await loadAndRead(file, 'liangbu', ['--period', '2024-11'], `SELECT row_no, name, subsidy_type, amount FROM roster_rows ORDER BY id`);
  const sql = new Database(r.db, { readonly: true });
  const fields = sql.prepare(`SELECT field FROM import_fields ORDER BY field`).pluck().all();
  sql.close();
  return { ...r, fields };
}

describe('one amount column per subsidy', () => {
  it('gives a row per subsidy received, with its type and amount, and counts as a 补贴类型 column', async () => {
    const r = await load(
      'per-subsidy.csv',
      '姓名,身份证号,残疾等级,困难残疾人生活补贴（元/月）,重度残疾人护理补贴（元/月）,生活补贴发放时间\n' +
        '甲,410523195007070118,二级,80,90,2024-11\n' +
        '乙,410523195107070123,四级,80,0,2024-11\n' +
        '丙,410523195007070142,一级,,100,2024-11\n' +
        '丁,410523195107070131,三级,,,\n',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('补贴类型←困难残疾人生活补贴（元/月），补贴类型←重度残疾人护理补贴（元/月）');
    expect(r.stdout).not.toContain('缺少列：补贴类型');
    expect(r.rows).toEqual([
      { row_no: 2, name: '甲', subsidy_type: '生活补贴', amount: 80 },
      { row_no: 2, name: '甲', subsidy_type: '护理补贴', amount: 90 },
      { row_no: 3, name: '乙', subsidy_type: '生活补贴', amount: 80 },
      { row_no: 4, name: '丙', subsidy_type: '护理补贴', amount: 100 },
      { row_no: 5, name: '丁', subsidy_type: null, amount: null },
    ]);
    expect(r.fields).toContain('subsidy_type');
  });

  it('leaves a list with a 补贴类型 column as it is', async () => {
    const r = await load('typed.csv', '姓名,身份证号,补贴类型,补贴金额\n甲,410523195007070118,重度残疾人护理补贴,90\n');
    expect(r.rows).toEqual([{ row_no: 2, name: '甲', subsidy_type: '护理补贴', amount: 90 }]);
  });
});
