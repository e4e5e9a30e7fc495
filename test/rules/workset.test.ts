// The check's snapshot `cur`: the same rows, shares and order whether it is built the small way (narrow keys sorted, wide
// rows fetched in that order, a county) or the large way (wide rows sorted, a city or province).
import { afterEach, describe, expect, it } from 'vitest';
import { applyLinks, dropTypoCandidates, findTypoCandidates } from '../../src/rules/links.js';
import { prepareWorkset, worksetRows } from '../../src/rules/workset.js';
import { withOwnCaches } from '../../src/store/db.js';
import { County, makeId } from '../helpers/county.js';

const P = '2024-11';
let county: County;
afterEach(() => county?.close());

function snapshot(smallRows?: number): Record<string, unknown>[] {
  const drop = prepareWorkset(county.db, P, smallRows);
  try {
    const rows = county.db.prepare(`SELECT id, kind, id_number, name, case_id FROM cur ORDER BY rowid`).all() as Record<string, unknown>[];
    const read = worksetRows(county.db, rows.map((r) => r.id as number));
    return rows.map((r) => ({ ...r, share: read.get(r.id as number)!.share }));
  } finally {
    drop();
  }
}

describe('the check snapshot', () => {
  it('is the same, in (kind, id_number) order, built either way; a 低保 case amount is shared by its members', async () => {
    county = new County();
    const [a, b, c, d] = [makeId('19600101', 11), makeId('19500101', 13), makeId('19700101', 15), makeId('19400101', 17)];
    await county.load('dibao', P, [
      { 乡镇: '城关镇', 姓名: '甲', 身份证号: a, 低保证号: 'C1', 保障人数: 2, 月保障金额: 600, 状态: '在保' },
      { 乡镇: '城关镇', 姓名: '乙', 身份证号: b, 低保证号: 'C1', 保障人数: 2, 月保障金额: 600, 状态: '在保' },
      { 乡镇: '城关镇', 姓名: '丙', 身份证号: c, 低保证号: 'C2', 保障人数: 1, 月保障金额: 450, 状态: '在保' },
    ]);
    await county.load('tekun', P, [{ 乡镇: '城关镇', 姓名: '丁', 身份证号: d, 供养金额: 780 }]);
    await county.load('death', null, [{ 姓名: '乙', 身份证号: b, 火化日期: '2024-10-02' }]);
    const small = snapshot();
    const large = snapshot(0);
    expect(large).toEqual(small);
    expect(small.map((r) => [r.kind, r.id_number, r.share])).toEqual([
      ['death', b, null],
      ['dibao', b, 300],
      ['dibao', a, 300],
      ['dibao', c, 450],
      ['tekun', d, 780],
    ]);
  });

  it('a 低保 case number repeated in another county is another family: each case shares its own amount (domain.md §10)', async () => {
    county = new County();
    const [a1, a2, b1, b2] = [makeId('19700101', 11), makeId('19720202', 22), makeId('19650303', 31), makeId('19660404', 41)];
    // Each county numbers its cases from 0001; neither file has 保障人数, so a share is the case amount ÷ the case's rows.
    await county.load('dibao', P, [
      { 县区: '甲县', 乡镇: '城关镇', 姓名: '张一', 身份证号: a1, 低保证号: '0001', 户月保障金额: 600, 状态: '在保' },
      { 县区: '甲县', 乡镇: '城关镇', 姓名: '张二', 身份证号: a2, 低保证号: '0001', 户月保障金额: 600, 状态: '在保' },
    ], 'jia.csv');
    await county.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '李一', 身份证号: b1, 低保证号: '0001', 户月保障金额: 300, 状态: '在保' }], 'yi.csv', { county: '乙县' });
    // The same case number with no county at all (a single-county load) is a third family.
    await county.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '王一', 身份证号: b2, 低保证号: '0001', 户月保障金额: 450, 状态: '在保' }], 'none.csv');
    for (const rows of [snapshot(), snapshot(0)]) {
      const share = new Map(rows.map((r) => [r.id_number, r.share]));
      expect([share.get(a1), share.get(a2), share.get(b1), share.get(b2)]).toEqual([300, 300, 300, 450]);
    }
  });

  it('a linked row takes the ID of its one candidate, with the sex and birth date that ID gives; the file\'s ID is kept', async () => {
    county = new County();
    const right = makeId('19450307', 12); // sequence 012: the sex digit 2 is a woman's
    const typo = right.slice(0, 14) + right[15] + right[14] + right.slice(16); // two neighbours swapped
    await county.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '戊', 身份证号: typo, 性别: '男', 月保障金额: 500, 状态: '在保' }]);
    await county.load('tekun', P, [{ 乡镇: '城关镇', 姓名: '戊', 身份证号: right, 供养金额: 780 }]);
    const drop = prepareWorkset(county.db, P);
    try {
      findTypoCandidates(county.db, '2024-11-30');
      const linked = applyLinks(county.db);
      const row = county.db.prepare(`SELECT id, id_number, sex, birth_date, linked, id_raw, link_raw FROM cur WHERE kind = 'dibao'`).get() as Record<string, unknown>;
      expect(linked).toEqual([row.id]);
      expect(row).toMatchObject({ id_number: right, sex: '女', birth_date: '1945-03-07', linked: 1, id_raw: typo, link_raw: typo });
    } finally {
      dropTypoCandidates(county.db);
      drop();
    }
  });

  it('a large snapshot lowers the caches and maps no file; the connection gets its settings back afterwards', async () => {
    county = new County();
    await county.load('dibao', P, [{ 乡镇: '城关镇', 姓名: '甲', 身份证号: makeId('19600101', 11), 月保障金额: 500, 状态: '在保' }]);
    const db = county.db;
    const settings = () => ['cache_size', 'temp.cache_size', 'mmap_size', 'temp.page_size'].map((p) => db.pragma(p, { simple: true }));
    const before = settings();
    let during: unknown[] = [];
    await withOwnCaches(db, async () => {
      prepareWorkset(db, P, 0)();
      during = settings();
    });
    expect(during).toEqual([-32768, -65536, before[2], 65536]);
    expect(settings()).toEqual(before);
  });
});
