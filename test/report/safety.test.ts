// Output safety: no cell is ever a formula, CSV guards, township names as file names, --mask-ids in every output,
// atomic writes; and the manifest seal.
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { atomicWrite } from '../../src/report/atomic-write.js';
import { INDEX_FILE, type MonthIndex } from '../../src/report/month-folder.js';
import { csvSafe, maskIdsInText, safeFileName, uniqueFileNames } from '../../src/report/cell-safety.js';
import { buildManifest, changedColumns, columnHash, manifestIntact, manifestSheetRows, parseManifest } from '../../src/report/manifest.js';
import type { County } from '../helpers/county.js';
import { tempDir } from '../helpers/cli.js';
import { BAD_CHECKSUM, FIXED_KEY, ID, P1, report, month1Reported } from './scenario.js';

describe('cell and file-name safety', () => {
  it('guards CSV fields that a spreadsheet would evaluate', () => {
    expect(['=1+2', '+86', '-3', '@SUM(A1)', '\tx', '\rx', 'ok', '张三', '1-2'].map(csvSafe)).toEqual([
      "'=1+2", "'+86", "'-3", "'@SUM(A1)", "'\tx", "'\rx", 'ok', '张三', '1-2',
    ]);
  });

  it('masks ID-like numbers inside free text', () => {
    expect(maskIdsInText(`号码「${ID.zhang}」或 410522500101021，电话 13800000001`)).toBe('号码「410522********0118」或 410522*****1021，电话 13800000001');
    expect(maskIdsInText('41052219640808025x')).toBe('410522********025X');
  });

  it('makes township names safe file names, distinct even on case-insensitive file systems', () => {
    expect(safeFileName('开发区/新城:街道')).toBe('开发区_新城_街道');
    expect(safeFileName('..')).toBe('未命名乡镇');
    expect(safeFileName(' .隐藏镇. ')).toBe('隐藏镇');
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('a\\b*c?d"e<f>g|h\u0001')).toBe('a_b_c_d_e_f_g_h_');
    expect(safeFileName(null)).toBe('未知乡镇');
    expect(Buffer.byteLength(safeFileName('镇'.repeat(100)))).toBeLessThanOrEqual(200);
    const m = uniqueFileNames(['城关/镇', '城关_镇', 'Abc', 'abc', null]);
    expect([...m.values()]).toEqual(['城关_镇_2', '城关_镇', 'Abc', 'abc_2', '未知乡镇']);
  });
});

describe('atomic writes', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('bidui-atomic-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replaces the file whole, private to the owner, leaving no temp file', () => {
    const f = path.join(dir, 'a.xlsx');
    atomicWrite(f, 'old');
    atomicWrite(f, 'new');
    expect(fs.readFileSync(f, 'utf8')).toBe('new');
    if (process.platform !== 'win32') expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['a.xlsx']);
  });

  it('a failure half-way (disk full, crash before the rename) leaves the old file untouched and no temp file', () => {
    const f = path.join(dir, 'b.xlsx');
    atomicWrite(f, 'complete workbook');
    const spy = vi.spyOn(fs, 'fsyncSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    try {
      expect(() => atomicWrite(f, 'half')).toThrow(/ENOSPC/);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(f, 'utf8')).toBe('complete workbook');
    expect(fs.readdirSync(dir).filter((x) => x.startsWith('.'))).toEqual([]);
  });
});

describe('manifest', () => {
  const m = buildManifest(FIXED_KEY, {
    period: P1, township: null, county: '示例县', generatedAt: '2024-11-05T04:00:00.000Z', masked: true, columns: ['姓名', '状态'],
    rows: [{ finding_id: 'AAAA-BBBB-CCCC', hashes: ['01234567', '89abcdef'] }],
  });

  it('reads back what it writes, including an unknown township', () => {
    expect(parseManifest(manifestSheetRows(m))).toEqual(m);
    expect(manifestIntact(FIXED_KEY, m)).toBe(true);
  });

  it('detects any change to the ids, the hashes or the township, and a different key', () => {
    expect(manifestIntact(FIXED_KEY, { ...m, township: '城关镇' })).toBe(false);
    expect(manifestIntact(FIXED_KEY, { ...m, rows: [{ finding_id: 'AAAA-BBBB-CCCD', hashes: ['01234567', '89abcdef'] }] })).toBe(false);
    expect(manifestIntact(FIXED_KEY, { ...m, rows: [{ finding_id: 'AAAA-BBBB-CCCC', hashes: ['01234567', '00000000'] }] })).toBe(false);
    expect(manifestIntact('ff'.repeat(32), m)).toBe(false);
  });

  it('names the locked columns that changed; line endings and surrounding spaces are not changes', () => {
    const mm = buildManifest(FIXED_KEY, { ...m, rows: [{ finding_id: 'X', hashes: [columnHash('张三'), columnHash('a\nb')] }] });
    expect(changedColumns(mm, mm.rows[0]!, [' 张三 ', 'a\r\nb'])).toEqual([]);
    expect(changedColumns(mm, mm.rows[0]!, ['李四', 'a\r\nb'])).toEqual(['姓名']);
    expect(changedColumns(mm, mm.rows[0]!, [null, 'a b'])).toEqual(['姓名', '状态']);
  });
});

describe('workbooks and CSV of a month', () => {
  let c: County;
  let out: string;
  let masked: string;
  beforeAll(async () => {
    ({ c, out } = await month1Reported('bidui-safety-'));
    masked = tempDir('bidui-masked-');
    await report(c, P1, masked, { mask: true });
  });
  afterAll(() => {
    c.close();
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(masked, { recursive: true, force: true });
  });

  function allStrings(file: string): { sheet: string; addr: string; t: string; v: unknown; f?: string }[] {
    const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer', cellFormula: true });
    const out: { sheet: string; addr: string; t: string; v: unknown; f?: string }[] = [];
    for (const name of wb.SheetNames) {
      const ws = wb.Sheets[name]!;
      for (const [addr, cell] of Object.entries(ws)) {
        if (addr.startsWith('!')) continue;
        const c = cell as XLSX.CellObject;
        out.push({ sheet: name, addr, t: c.t, v: c.v, f: c.f });
      }
    }
    return out;
  }

  it('no cell in any workbook is a formula; text that looks like one is a string cell', () => {
    const dir = path.join(out, P1);
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.xlsx'))) {
      const cells = allStrings(path.join(dir, f));
      expect(cells.filter((x) => x.f !== undefined)).toEqual([]);
      for (const x of cells.filter((y) => typeof y.v === 'string' && /^[=+\-@]/.test(y.v))) expect(x.t).toBe('s');
    }
    const cells = allStrings(path.join(dir, '城关镇_疑点核查表.xlsx'));
    expect(cells.some((x) => x.v === '=1+2' && x.t === 's')).toBe(true);
  });

  it('身份证号 cells are text (never numbers, never scientific notation) in every workbook', () => {
    const dir = path.join(out, P1);
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.xlsx'))) {
      const cells = allStrings(path.join(dir, f));
      expect(cells.filter((x) => x.t === 'n' && typeof x.v === 'number' && x.v > 1e14)).toEqual([]);
    }
  });

  it('findings.csv: BOM, formula guard, IDs as they are', () => {
    const csv = fs.readFileSync(path.join(out, P1, 'findings.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(",'=1+2,");
    expect(csv).toContain(`,${ID.zhang},`);
    expect(csv).not.toMatch(/,=/);
  });

  it('replaces the month as a whole: a workbook of an earlier report that this one no longer has goes (and is named), a clerk’s own file stays', async () => {
    const dir = path.join(out, P1);
    const index = JSON.parse(fs.readFileSync(path.join(dir, INDEX_FILE), 'utf8')) as MonthIndex;
    index.files.push({ file: '旧乡_疑点核查表.xlsx', sha256: 'x' });
    fs.writeFileSync(path.join(dir, INDEX_FILE), JSON.stringify(index));
    fs.writeFileSync(path.join(dir, '旧乡_疑点核查表.xlsx'), 'earlier report');
    fs.writeFileSync(path.join(dir, '回收情况说明.txt'), 'a clerk’s note');
    const s = await report(c, P1, out);
    expect(s.dropped).toEqual(['旧乡_疑点核查表.xlsx']);
    expect(fs.existsSync(path.join(dir, '旧乡_疑点核查表.xlsx'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, '回收情况说明.txt'), 'utf8')).toBe('a clerk’s note');
    // The index lists exactly bidui's files, with their contents' hashes.
    const now = JSON.parse(fs.readFileSync(path.join(dir, INDEX_FILE), 'utf8')) as MonthIndex;
    expect(now.files.map((f) => f.file).sort()).toEqual(fs.readdirSync(dir).filter((f) => f !== INDEX_FILE && f !== '回收情况说明.txt').sort());
    for (const f of now.files) expect(createHash('sha256').update(fs.readFileSync(path.join(dir, f.file))).digest('hex')).toBe(f.sha256);
    fs.rmSync(path.join(dir, '回收情况说明.txt'));
  });

  it('a report stopped half way leaves the previous set untouched; leftovers of a killed one are cleared or restored', async () => {
    const dir = path.join(out, P1);
    const before = Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f)).length]));
    const stop = new AbortController();
    stop.abort(new Error('stopped'));
    await expect(report(c, P1, out, { signal: stop.signal })).rejects.toThrow('stopped');
    expect(Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f)).length]))).toEqual(before);
    expect(fs.readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    // A killed report (a dead pid) left its temporary folder, and the swap stopped after moving the old set aside.
    fs.mkdirSync(path.join(out, `.${P1}.tmp-999999999-abcd`));
    fs.writeFileSync(path.join(out, `.${P1}.tmp-999999999-abcd`, 'half.xlsx'), 'half');
    fs.renameSync(dir, path.join(out, `.${P1}.old-999999999-abcd`));
    await report(c, P1, out);
    expect(fs.readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual(Object.keys(before).sort());
  });

  it('--mask-ids: no full ID anywhere in any output; masked IDs show the first 6 and last 4 digits', () => {
    const dir = path.join(masked, P1);
    const ids = [...Object.values(ID), BAD_CHECKSUM];
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(8);
    for (const f of files) {
      const texts = f.endsWith('.csv') || f.endsWith('.json') || f.endsWith('.html')
        ? [fs.readFileSync(path.join(dir, f), 'utf8')]
        : allStrings(path.join(dir, f)).map((x) => String(x.v));
      for (const t of texts) for (const id of ids) expect(t, `${f}`).not.toContain(id);
    }
    const list = allStrings(path.join(dir, '城关镇_疑点核查表.xlsx'));
    expect(list.some((x) => x.v === '410522********0118')).toBe(true);
  });
});
