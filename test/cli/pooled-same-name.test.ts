// Counties pooled in one database often send files of the same name (低保花名册.csv): a file of the same name replaces
// the earlier load of its own county only, never another county's (domain.md §5, §10).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeId } from '../helpers/county.js';
import { cli, tempDir } from '../helpers/cli.js';

const dir = tempDir('bidui-same-name-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(sub: string, lines: string[]): string {
  fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const file = path.join(dir, sub, '低保花名册.csv');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function rows(db: string): string[] {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare(`SELECT county || ':' || name AS r FROM roster_rows ORDER BY county, name`).all() as { r: string }[]).map((x) => x.r);
  } finally {
    d.close();
  }
}

describe('files of the same name from several counties', () => {
  it('are each kept; a county\'s new file of that name replaces only its own earlier load', async () => {
    const db = path.join(dir, 'city.db');
    const [a, b, c] = [makeId('19500101', 11), makeId('19600202', 21), makeId('19700303', 31)];
    const jia = write('甲县', ['乡镇,姓名,身份证号', `城关镇,甲甲,${a}`]);
    const yi = write('乙县', ['乡镇,姓名,身份证号', `城关镇,乙乙,${b}`]);
    for (const [file, county] of [[jia, '甲县'], [yi, '乙县']] as const) {
      const r = await cli(['--db', db, 'load', 'dibao', file, '--period', '2024-11', '--county', county]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('已导入');
    }
    expect(rows(db)).toEqual(['乙县:乙乙', '甲县:甲甲']);
    // 甲县 sends its corrected roster under the same name: 甲县's rows are replaced, 乙县's stay.
    write('甲县', ['乡镇,姓名,身份证号', `城关镇,甲甲,${a}`, `城关镇,丙丙,${c}`]);
    const again = await cli(['--db', db, 'load', 'dibao', jia, '--period', '2024-11', '--county', '甲县']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('已替换');
    expect(rows(db)).toEqual(['乙县:乙乙', '甲县:丙丙', '甲县:甲甲']);
  });

  it('a whole-city file with a 县区 column is still replaced by its corrected copy of the same name', async () => {
    const db = path.join(dir, 'city2.db');
    const [a, b] = [makeId('19500101', 13), makeId('19600202', 23)];
    const file = write('全市', ['县区,乡镇,姓名,身份证号', `甲县,城关镇,甲甲,${a}`, `乙县,城关镇,乙乙,${b}`]);
    expect((await cli(['--db', db, 'load', 'dibao', file, '--period', '2024-11'])).code).toBe(0);
    write('全市', ['县区,乡镇,姓名,身份证号', `甲县,城关镇,甲甲,${a}`]);
    const again = await cli(['--db', db, 'load', 'dibao', file, '--period', '2024-11']);
    expect(again.stdout).toContain('已替换');
    expect(rows(db)).toEqual(['甲县:甲甲']);
  });

  it('the same file loaded again with another --county is read again, its rows taking that county', async () => {
    const db = path.join(dir, 'city3.db');
    const a = makeId('19550505', 15);
    const file = write('错县', ['乡镇,姓名,身份证号', `城关镇,甲甲,${a}`]);
    expect((await cli(['--db', db, 'load', 'dibao', file, '--period', '2024-11', '--county', '乙县'])).code).toBe(0);
    // The same bytes with the same choices: nothing to do.
    const same = await cli(['--db', db, 'load', 'dibao', file, '--period', '2024-11', '--county', '乙县']);
    expect(same.stdout).toContain('未作更改');
    // The clerk sees the county was wrong and loads the file again with the right one.
    const fixed = await cli(['--db', db, 'load', 'dibao', file, '--period', '2024-11', '--county', '甲县']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toContain('已替换');
    expect(rows(db)).toEqual(['甲县:甲甲']);
    const d = new Database(db, { readonly: true });
    expect((d.prepare(`SELECT count(*) AS n FROM imports`).get() as { n: number }).n).toBe(1);
    d.close();
  });
});
