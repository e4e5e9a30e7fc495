// Findings belong to the rosters they were made from: after a load that changes a period's rosters (a run killed
// between its loads and its check, or a clerk loading a corrected file), status says so and report refuses until
// the period is checked again (or --stale-ok).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { makeId } from '../helpers/county.js';

const P = '2024-11';
let dir: string;
let db: string;
const run = (...args: string[]) => cli(['--db', db, ...args], { cwd: dir });

function csv(name: string, ids: string[]): string {
  fs.writeFileSync(path.join(dir, name), ['乡镇,村,姓名,身份证号,状态', ...ids.map((id, i) => `城关镇,东村,人${i},${id},在保`)].join('\n'));
  return path.join(dir, name);
}

beforeAll(async () => {
  dir = tempDir('bidui-stale-');
  db = path.join(dir, 'x.db');
  const both = [makeId('19500101', 11), makeId('19510101', 13)];
  expect((await run('load', 'dibao', csv('低保.csv', both), '--period', P)).code).toBe(0);
  expect((await run('load', 'tekun', csv('特困.csv', both), '--period', P)).code).toBe(0);
  expect((await run('check', '--period', P)).code).toBe(0);
  // The 特困 file is corrected and loaded again after the check: one person left.
  expect((await run('load', 'tekun', csv('特困.csv', both.slice(0, 1)), '--period', P)).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('rosters changed after the check', () => {
  it('status says the findings are out of date, and what changed', async () => {
    const r = await run('status');
    expect(r.stderr).toContain('比对之后名单有变化，以上结果已过时：特困名单 特困.csv 在比对之后被替换');
    const j = JSON.parse((await run('--json', 'status')).stdout);
    expect(j.periods.find((p: { period: string }) => p.period === P).changedSinceCheck).toEqual(['特困名单 特困.csv 在比对之后被替换']);
  });

  it('report refuses (exit 2) and says to check again; --stale-ok writes the old results anyway', async () => {
    const out = path.join(dir, 'out');
    const r = await run('report', '--period', P, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('特困名单 特困.csv 在比对之后被替换');
    expect(r.stderr).toContain(`bidui check --period ${P}`);
    expect(fs.existsSync(path.join(out, P))).toBe(false);
    expect((await run('report', '--period', P, '--out', out, '--stale-ok')).code).toBe(0);
  });

  it('the findings export warns; after a new check everything is current again', async () => {
    expect((await run('findings', '--period', P)).stderr).toContain('以下结果可能已过时');
    expect((await run('check', '--period', P)).code).toBe(0);
    expect((await run('status')).stderr).not.toContain('已过时');
    expect((await run('report', '--period', P, '--out', path.join(dir, 'out2'))).code).toBe(0);
  });
});
