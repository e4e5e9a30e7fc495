import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/normalize/id-check.js';

describe('idCheckChar', () => {
  it('computes the GB 11643 example', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('37100119801008239')).toBe('4');
  });
});
