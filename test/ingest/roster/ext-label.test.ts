// The label of an external list: --label, else a 名单类别 column, else the file name (domain.md §3).
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId } from '../../helpers/county.js';

let county: County;
afterEach(() => county?.close());

function labels(c: County): string[] {
  const db = new Database(path.join(c.dir, 'test.db'), { readonly: true });
  const r = (db.prepare(`SELECT DISTINCT label FROM roster_rows WHERE kind = 'ext' ORDER BY label`).all() as { label: string }[]).map((x) => x.label);
  db.close();
  return r;
}

describe('ext label', () => {
  it('comes from the 名单类别 column when there is no --label', async () => {
    county = new County();
    await county.load('ext', null, [{ 姓名: '甲', 身份证号: makeId('19700101', 11), 名单类别: '工商登记' }], 'gongshang.csv');
    expect(labels(county)).toEqual(['工商登记']);
  });
  it('--label wins over the column; the file name is the last resort', async () => {
    county = new County();
    await county.load('ext', null, [{ 姓名: '甲', 身份证号: makeId('19700101', 11), 名单类别: '工商登记' }], 'a.csv', { label: '车辆登记' });
    await county.load('ext', null, [{ 姓名: '乙', 身份证号: makeId('19700101', 13) }], '不动产登记.csv');
    expect(labels(county)).toEqual(['不动产登记', '车辆登记']);
  });
});
