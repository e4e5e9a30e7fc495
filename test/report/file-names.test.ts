// Township workbook names on every file system: cut by UTF-8 bytes (with room for the temp name), never inside a
// character, distinct without case and after cutting, no Windows device names, trailing dots or spaces, reserved or
// control characters; "", ".", "..", a real 未知乡镇 and the findings without a township each get their own file.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTY_LABELS, cutToBytes, MAX_FILE_NAME_BYTES, safeFileName, uniqueFileNames } from '../../src/report/cell-safety.js';
import { TOWNSHIP_SUFFIX } from '../../src/report/write-report.js';
import { cli, tempDir } from '../helpers/cli.js';
import { County, makeId } from '../helpers/county.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** The temp name atomicWrite makes from a file name, with the longest process id and tag. */
const tempName = (file: string) => `.${file}.4294967295.ffffffff.tmp`;

describe('cutting by bytes', () => {
  it('never splits a character, a surrogate pair or a letter from its accent', () => {
    expect(cutToBytes('城关镇', 8)).toBe('城关');
    expect(cutToBytes('ab𠀀c', 5)).toBe('ab');
    expect(cutToBytes('ab𠀀c', 6)).toBe('ab𠀀');
    expect(cutToBytes('xe\u0301y', 3)).toBe('x');
    expect(cutToBytes('短', 200)).toBe('短');
  });

  it('a long name fits, is still well-formed text, and keeps no trailing dot or space from the cut', () => {
    for (const name of ['镇'.repeat(100), '𠀀'.repeat(80), 'a'.repeat(300), '乡'.repeat(59) + ' .' + '乡'.repeat(30), 'a'.repeat(177) + ' .b'.repeat(20)]) {
      const s = safeFileName(name, 179);
      expect(bytes(s)).toBeLessThanOrEqual(179);
      expect(Buffer.from(s, 'utf8').toString('utf8')).toBe(s);
      expect(s).not.toMatch(/[. ]$/);
      expect(name.normalize('NFKC').startsWith(s)).toBe(true); // cut, not replaced
    }
    expect(safeFileName('镇'.repeat(100), 179)).toBe('镇'.repeat(59)); // 177 bytes: the most whole characters below 179
    expect(safeFileName('乡'.repeat(59) + ' .' + '乡'.repeat(30), 179)).toBe('乡'.repeat(59));
  });
});

describe('safe file names', () => {
  it('Windows device names, with or without an extension, in any case', () => {
    const reserved = ['CON', 'prn', 'Aux', 'NUL', 'COM1', 'com9', 'LPT1', 'lpt9', 'CON.txt', 'nul.tar.gz', 'COM¹', 'CONIN$', 'conout$'];
    for (const n of reserved) expect(safeFileName(n)).toBe(`_${n.normalize('NFKC')}`);
    for (const n of ['CONSOLE', 'COM10', '城关CON', 'NULL']) expect(safeFileName(n)).toBe(n);
  });

  it('reserved and control characters, trailing dots and spaces, lock-file names, lone surrogates', () => {
    expect(safeFileName('城\u0007关\u0085镇')).toBe('城_关_镇');
    expect(safeFileName('a\\b/c:d*e?f"g<h>i|j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(safeFileName('河口乡. .')).toBe('河口乡');
    expect(safeFileName('~$城关镇')).toBe('_~$城关镇');
    expect(safeFileName('城\ud800关')).toBe('城_关');
    expect(safeFileName('ＣＯＮ')).toBe('_CON');
  });

  it('names with nothing usable are 未命名乡镇; no township is 未知乡镇', () => {
    for (const n of ['', '.', '..', '""', ' ', '///', '. .']) expect(safeFileName(n)).toBe('未命名乡镇');
    expect(safeFileName(null)).toBe('未知乡镇');
  });
});

describe('unique file names', () => {
  it('county folders: a county with nothing usable in its name is 未命名县, never a township label', () => {
    const m = uniqueFileNames(['甲县', '///', null], '', COUNTY_LABELS);
    expect([...m.entries()]).toEqual([['甲县', '甲县'], ['///', '未命名县'], [null, '未知县']]);
  });

  it('"", ".", "..", \'""\', a real 未知乡镇 and no township are all distinct; no township keeps 未知乡镇', () => {
    const m = uniqueFileNames(['', '.', '..', '""', '未知乡镇', null], TOWNSHIP_SUFFIX);
    expect([...m.entries()]).toEqual([
      ['', '未命名乡镇'],
      ['.', '未命名乡镇_2'],
      ['..', '未命名乡镇_3'],
      ['""', '未命名乡镇_4'],
      ['未知乡镇', '未知乡镇_2'],
      [null, '未知乡镇'],
    ]);
  });

  it('a name that needed no change keeps it; case and cutting do not make two names one', () => {
    const long = '很长的乡镇名称'.repeat(12);
    const m = uniqueFileNames(['河口乡.', '河口乡', 'ABC镇', 'abc镇', `${long}甲`, `${long}乙`, `${long}丙`], TOWNSHIP_SUFFIX);
    expect(m.get('河口乡')).toBe('河口乡');
    expect(m.get('河口乡.')).toBe('河口乡_2');
    expect(m.get('ABC镇')).toBe('ABC镇');
    expect(m.get('abc镇')).toBe('abc镇_2');
    const longNames = [`${long}甲`, `${long}乙`, `${long}丙`].map((n) => m.get(n)!);
    expect(new Set(longNames.map((s) => s.toLowerCase())).size).toBe(3);
    expect(longNames[1]).toMatch(/_2$/);
    expect(longNames[2]).toMatch(/_3$/);
  });

  it('every file name (with the suffix) is at most 200 bytes and its temp name under 255', () => {
    const names = Array.from({ length: 12 }, (_, i) => `${'𠀀镇'.repeat(40)}${i}`);
    const m = uniqueFileNames(names, TOWNSHIP_SUFFIX);
    expect(new Set(m.values()).size).toBe(12);
    for (const s of m.values()) {
      expect(bytes(s + TOWNSHIP_SUFFIX)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      expect(bytes(tempName(s + TOWNSHIP_SUFFIX))).toBeLessThan(255);
    }
  });
});

describe('bidui report with odd and long township names', () => {
  const P = '2024-11';
  const towns = ['""', '.', '..', '未知乡镇', '', 'CON', 'aux.txt', '河口乡', '河口乡.', 'ABC镇', 'abc镇', '很长的乡镇名称'.repeat(12) + '甲', '很长的乡镇名称'.repeat(12) + '乙', '𠀀'.repeat(70), '城\u0007关镇'];
  let c: County;
  let out: string;
  beforeAll(async () => {
    c = new County();
    out = tempDir('bidui-names-');
    const rows = towns.map((t, i) => ({ 乡镇: t, 村: '一村', 姓名: `测试${i}`, 身份证号: makeId('19600101', 100 + 2 * i), 状态: '在保' }));
    await c.load('dibao', P, rows);
    await c.load('tekun', P, rows);
    const checked = await c.check(P, ['dibao-tekun-overlap']);
    expect(checked.findings.filter((f) => f.rule === 'dibao-tekun-overlap')).toHaveLength(towns.length);
  });
  afterAll(() => {
    c.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('exits 0 and writes one distinct workbook per township, each name within the limits', async () => {
    const r = await cli(['--json', '--db', path.join(c.dir, 'test.db'), 'report', '--period', P, '--out', out], { cwd: c.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const written = (JSON.parse(r.stdout) as { files: { type: string; township?: string; file: string }[] }).files.filter((f) => f.type === 'township');
    const files = fs.readdirSync(path.join(out, P)).filter((f) => f.endsWith(TOWNSHIP_SUFFIX));
    expect(written).toHaveLength(towns.length); // '' is loaded as no township: 未知乡镇
    expect(files.sort()).toEqual(written.map((w) => path.basename(w.file)).sort());
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(files.length);
    for (const f of files) {
      expect(bytes(f)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      expect(bytes(tempName(f))).toBeLessThan(255);
    }
    // Equal claims go in the report's township order (Chinese collation: abc镇 before ABC镇).
    expect(files).toEqual(
      expect.arrayContaining(['未知乡镇', '未知乡镇_2', '未命名乡镇', '未命名乡镇_2', '未命名乡镇_3', '_CON', '_aux.txt', '河口乡', '河口乡_2', 'abc镇', 'ABC镇_2', '城_关镇'].map((n) => n + TOWNSHIP_SUFFIX)),
    );
  });
});
