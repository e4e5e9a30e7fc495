// Township names read from sheet names, title rows and file names (domain.md §9): decorations around the name, county
// prefixes and dates before it, and the texts that only look like one.
import { describe, expect, it } from 'vitest';
import { guessTownship, townshipIn } from '../../../src/ingest/roster/township.js';

describe('townshipIn', () => {
  it('finds the township in a decorated sheet name or title', () => {
    const cases: [string, string][] = [
      ['城关镇（11月）', '城关镇'],
      ['东岗镇低保', '东岗镇'],
      ['西营乡 花名册', '西营乡'],
      ['城南街道', '城南街道'],
      ['东城街道办事处', '东城街道办事处'],
      ['王家店镇', '王家店镇'],
      ['2024年11月城关镇', '城关镇'],
      ['东岗镇2026年11月农村低保花名册', '东岗镇'],
      ['某县东岗镇低保花名册', '东岗镇'],
      ['填报单位：城关镇民政所    日期：2024年12月2日', '城关镇'],
      ['低保_城关镇', '城关镇'],
      ['东岗镇低保_2024-11', '东岗镇'],
    ];
    for (const [text, want] of cases) expect(townshipIn(text), text).toBe(want);
  });

  it('finds none where there is none, and none where there are two', () => {
    for (const text of ['Sheet1', '低保对象', '农村低保', '城乡低保', '城镇低保', '乡镇汇总', '乡镇(街道)', '某县2024年11月农村低保对象花名册', '某县乡村振兴局', '新乡市低保', '乡宁县', '11月', '填表说明', '城关镇、城南镇低保名单', '城关镇城南镇']) {
      expect(townshipIn(text), text).toBeNull();
    }
  });
});

describe('guessTownship: sheet name, then title rows, then file name', () => {
  it('takes them in that order and says which', () => {
    expect(guessTownship('东岗镇低保', [{ row: 1, texts: ['西营乡花名册'] }], '城关镇.xlsx')).toMatchObject({ name: '东岗镇', source: 'sheet' });
    expect(guessTownship('Sheet1', [{ row: 2, texts: ['西营乡花名册'] }], '城关镇.xlsx')).toMatchObject({ name: '西营乡', source: 'title', row: 2 });
    expect(guessTownship('Sheet1', [], '城关镇_低保.xlsx')).toMatchObject({ name: '城关镇', source: 'file' });
    // A text file's one sheet is named after the file: that is the file speaking.
    expect(guessTownship('城南镇特困', [], '城南镇特困.csv')).toMatchObject({ name: '城南镇', source: 'file' });
    expect(guessTownship('Sheet1', [], '低保名单.xlsx')).toBeNull();
  });
});
