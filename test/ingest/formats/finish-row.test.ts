// How every reader ends a row (finishRow): what the roster layer may rely on whatever the file's format.
import { describe, expect, it } from 'vitest';
import { finishRow } from '../../../src/ingest/formats/types.js';

describe('finishRow', () => {
  it('gives no row for a row with no value (a blank row)', () => {
    expect(finishRow(4, [])).toBeUndefined();
    expect(finishRow(4, [null, undefined as never, null])).toBeUndefined();
  });

  it('ends the cells at the last value and makes a cell never written null', () => {
    const cells = ['张三', undefined as never, 410102199001011234, null, null];
    const row = finishRow(7, cells)!;
    expect(row.rowNo).toBe(7);
    expect(row.cells).toStrictEqual(['张三', null, 410102199001011234]);
  });

  it('cuts the arrays beside the cells to the cells\' length and fills their holes, keeping shorter ones short', () => {
    const text: (string | undefined)[] = [];
    text[1] = '2019.10';
    text[5] = 'beyond the last value';
    const formulas: (boolean | undefined)[] = [];
    formulas[0] = true;
    const row = finishRow(2, ['a', 2019.1, 'c', null], { text, formulas })!;
    expect(row.text).toStrictEqual([undefined, '2019.10', undefined]);
    expect(Object.keys(row.text!)).toHaveLength(3); // no holes
    expect(row.formulas).toStrictEqual([true]);
    expect(row.digits).toBeUndefined();
  });
});
