// Which rows are persons: totals wherever their label sits, a count or sum in a person column, titles between pasted
// blocks, rows of merged copies only; and a person is never dropped for a word in another cell.
import { describe, expect, it } from 'vitest';
import { classifyRow } from '../../../src/ingest/roster/classify.js';
import { mapColumns } from '../../../src/ingest/roster/columns.js';
import { detectHeader } from '../../../src/ingest/roster/header.js';
import type { RawRow } from '../../../src/ingest/formats/types.js';

const header: RawRow = { rowNo: 1, cells: ['序号', '乡镇', '村', '姓名', '身份证号', '金额', '备注'] };
const cmap = mapColumns(detectHeader([header], new Set(), new Set())!, 'dibao', new Map());
const kind = (cells: RawRow['cells'], extra: Partial<RawRow> = {}) => classifyRow({ rowNo: 5, cells, ...extra }, cmap);

describe('classifyRow', () => {
  it('a person row is data, also without an ID, and also when another cell says 合计', () => {
    expect(kind([1, '城关镇', '东关村', '张三', '410102199001011234', 500])).toBe('data');
    expect(kind([2, '城关镇', '东关村', '李四', null, 500])).toBe('data');
    expect(kind([3, '城关镇', '东关村', '王五', '410102199001031235', 500, '合计发放两个月'])).toBe('data');
    expect(kind([4, '城关镇', '东关村', '赵六', null, 500, '小计见下页'])).toBe('data');
  });

  it('totals anywhere in the row, with counts and sums in person columns, are subtotals', () => {
    expect(kind(['小计', null, null, null, null, 1500])).toBe('subtotal');
    expect(kind([null, '城关镇', '东街社区小计', null, null, 1500])).toBe('subtotal');
    expect(kind(['本页小计', null, null, null, null, 1500])).toBe('subtotal');
    expect(kind([null, null, null, '合计', 7, 3620])).toBe('subtotal');
    expect(kind(['汇总', null, null, null, null, 3620])).toBe('subtotal');
    expect(kind([null, null, null, '总计：73人', null, 3620])).toBe('subtotal');
    expect(kind(['共 12 户', null, null, null, null, 3620])).toBe('subtotal');
    // An Excel table's totals row, and a sum row of formulas without a label.
    expect(kind([null, null, null, null, 4, 3620], { tableTotals: true })).toBe('subtotal');
    expect(kind([null, null, null, null, null, 3620], { formulas: [undefined, undefined, undefined, undefined, undefined, true] })).toBe('subtotal');
  });

  it('footers, titles between blocks, and rows of merged copies only', () => {
    expect(kind(['填报人：张某', null, null, null, null, null, '审核人：李某'])).toBe('footer');
    expect(kind(['西营乡2024年11月农村低保对象花名册'])).toBe('title');
    expect(kind(['填报单位：西营乡民政所    日期：2024年12月2日'])).toBe('title');
    expect(kind([null, '城关镇'], { merged: [undefined, true] })).toBe('blank');
    expect(kind([null, '  ', '\u3000'])).toBe('blank');
    expect(kind([null, '城关镇', null, '张三'], { merged: [undefined, true] })).toBe('data');
  });
});
