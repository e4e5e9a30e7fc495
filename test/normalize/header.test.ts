import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../../src/normalize/header.js';

describe('normalizeHeader', () => {
  it('keeps the text inside brackets and drops the brackets', () => {
    expect(normalizeHeader('乡(镇)')).toBe('乡镇');
    expect(normalizeHeader('村（社区）')).toBe('村社区');
    expect(normalizeHeader('低保证号【旧】')).toBe('低保证号旧');
    expect(normalizeHeader('低保[特困]证号')).toBe('低保特困证号');
  });

  it('removes every kind of whitespace, line breaks and zero-width characters', () => {
    expect(normalizeHeader(' 身份证\n号码 ')).toBe('身份证号码');
    expect(normalizeHeader('姓\u00A0名\u3000')).toBe('姓名');
    expect(normalizeHeader('\uFEFF身份\u200B证号\r\n')).toBe('身份证号');
  });

  it('removes required-field asterisks, half- and full-width', () => {
    expect(normalizeHeader('*身份证号')).toBe('身份证号');
    expect(normalizeHeader('＊姓名')).toBe('姓名');
  });

  it('folds full-width letters and digits (NFKC) and spells 帐 as 账', () => {
    expect(normalizeHeader('ＩＤ号')).toBe('ID号');
    expect(normalizeHeader('银行帐号')).toBe('银行账号');
  });

  it('ignores a trailing unit (domain.md §3): 月保障金额（元） is 月保障金额', () => {
    expect(normalizeHeader('月保障金额（元）')).toBe('月保障金额');
    expect(normalizeHeader('户月保障金额【元】')).toBe('户月保障金额');
    expect(normalizeHeader('月供养标准(元/月)')).toBe('月供养标准');
    expect(normalizeHeader('补贴金额（元/人/月）')).toBe('补贴金额');
    expect(normalizeHeader('元')).toBe('元');
  });

  it('leaves other punctuation alone', () => {
    expect(normalizeHeader('保障人数/保障人口数')).toBe('保障人数/保障人口数');
    expect(normalizeHeader('身份证号')).toBe('身份证号');
  });
});
