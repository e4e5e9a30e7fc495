// `bidui status` on a month that was checked and gave no finding at all (a clean month, or rosters that meet no
// rule): it is checked, with counts of 0, not an internal error.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { makeId } from '../helpers/county.js';

let dir: string;
let db: string;
const run = (...args: string[]) => cli(['--db', db, ...args], { cwd: dir });

beforeAll(async () => {
  dir = tempDir('bidui-status-');
  db = path.join(dir, 'x.db');
  const file = path.join(dir, '低保.csv');
  fs.writeFileSync(file, ['乡镇,村,姓名,身份证号,状态', `城关镇,东村,甲一,${makeId('19500101', 11)},在保`].join('\n'));
  expect((await run('load', 'dibao', file, '--period', '2024-11')).code).toBe(0);
  expect((await run('check', '--period', '2024-11')).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('status of a checked month without findings', () => {
  it('says it was checked with 0 findings (exit 0), in text and in JSON', async () => {
    const r = await run('status');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('：疑点 0 条（新增 0，持续 0，已消除 0，已核实 0，整改未见效 0）；已收回核查结果 0 条');
    const j = await run('--json', 'status');
    expect(j.code).toBe(0);
    const p = JSON.parse(j.stdout).periods.find((x: { period: string }) => x.period === '2024-11');
    expect(p.findings).toEqual({ open: 0, new: 0, persisting: 0, resolved: 0, verified: 0, ineffective: 0, viaLink: 0, estimate: null });
  });
});
