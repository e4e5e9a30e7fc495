import { describe, expect, it } from 'vitest';
import { parseCertNumber } from '../../src/normalize/cert-number.js';

describe('parseCertNumber', () => {
  it('splits ID, category and grade', () => {
    expect(parseCertNumber('11010119900307231642')).toEqual({ id18: '110101199003072316', category: 4, grade: 2 });
    expect(parseCertNumber('11010119900307231671B1')).toEqual({ id18: '110101199003072316', category: 7, grade: 1 });
  });

  it('cleans the text first (spaces, full-width, lower-case x and b)', () => {
    expect(parseCertNumber(' 11010119900307803x 53b2 ')).toEqual({
      id18: '11010119900307803X',
      category: 5,
      grade: 3,
    });
    expect(parseCertNumber('１１０１０１１９９００３０７２３１６１１')).toEqual({
      id18: '110101199003072316',
      category: 1,
      grade: 1,
    });
  });

  it('an 18-char certificate number carries no category or grade', () => {
    expect(parseCertNumber('110101199003072316')).toEqual({ id18: '110101199003072316', category: null, grade: null });
  });

  it('a malformed tail gives no category or grade rather than a guess', () => {
    expect(parseCertNumber('11010119900307231682')).toEqual({ id18: '110101199003072316', category: null, grade: null });
    expect(parseCertNumber('11010119900307231615')).toEqual({ id18: '110101199003072316', category: null, grade: null });
  });

  it('null when the first 18 characters are not ID-shaped', () => {
    expect(parseCertNumber('110105491231002')).toBeNull();
    expect(parseCertNumber('1101011990030X231642')).toBeNull();
    expect(parseCertNumber('残疾证')).toBeNull();
    expect(parseCertNumber('')).toBeNull();
    expect(parseCertNumber(null)).toBeNull();
  });

  it('null for a numeric cell: Excel has already dropped its last digits', () => {
    expect(parseCertNumber(11010119900307231642)).toBeNull();
  });
});
