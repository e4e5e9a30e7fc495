// The limits: block of the config file: its keys and ranges, MB turned into bytes, and the commented defaults that
// bidui init writes are the readers' own defaults.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { configTemplate } from '../../src/config/template.js';
import { DEFAULT_LIMITS, LIMIT_SETTINGS } from '../../src/ingest/formats/limits.js';
import { tempDir } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('bidui-limits-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const config = (text: string) => {
  const p = path.join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(p, text);
  return loadConfig(p);
};

describe('limits in the config file', () => {
  it('reads every key into the readers\' units', () => {
    const c = config('limits:\n  rows_per_file: 8000000\n  cell_chars: 40000\n  zip_entry_mb: 2048\n  zip_ratio: 800\n  xls_mb: 200\n  html_mb: 12\n');
    expect(c.limits).toEqual({ rowsPerFile: 8_000_000, cellChars: 40_000, zipEntryBytes: 2048 * 1024 * 1024, zipRatio: 800, legacyBytes: 200 << 20, htmlBytes: 12 << 20 });
    expect(config('county: 某县\n').limits).toEqual({});
  });

  it('refuses unknown keys and values out of range, naming them', () => {
    expect(() => config('limits:\n  rows: 5\n')).toThrow(/limits\.rows 不是可用的上限/);
    expect(() => config('limits:\n  html_mb: 0\n')).toThrow(/limits\.html_mb.*1–1024 的整数/);
    expect(() => config('limits: 5\n')).toThrow(/limits 应为/);
  });

  it('bidui init writes the defaults the readers use', () => {
    const text = configTemplate([]);
    const mb = 1024 * 1024;
    const units: Record<string, number> = { zipEntryBytes: mb, legacyBytes: mb, htmlBytes: mb };
    for (const [field, { key }] of Object.entries(LIMIT_SETTINGS)) {
      const m = new RegExp(`#\\s+${key}: (\\d+) +# \\S`).exec(text);
      expect(m, key).not.toBeNull();
      expect(Number(m![1]) * (units[field] ?? 1), key).toBe(DEFAULT_LIMITS[field as keyof typeof DEFAULT_LIMITS]);
    }
    // Uncommented, the block is a valid setting.
    const block = text.slice(text.indexOf('# limits:')).split('\n').filter((l) => l.startsWith('#')).map((l) => l.slice(1)).join('\n');
    expect(config(block.slice(block.indexOf(' limits:') + 1)).limits.rowsPerFile).toBe(DEFAULT_LIMITS.rowsPerFile);
  });
});
