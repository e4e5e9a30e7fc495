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

// A later month's 新增/持续/已消除 rest on the check it was compared with (domain.md §7): when that month is checked
// again after a roster was replaced, or an earlier month is checked for the first time afterwards, the later month's
// comparison is out of date and must be checked again before its workbooks go out.
/** A database in a folder of its own, the CLI on it, and a roster file writer into that folder. */
function scratch(prefix: string) {
  const at = { d: '', db: '' };
  return {
    at,
    open: () => {
      at.d = tempDir(prefix);
      at.db = path.join(at.d, 'x.db');
    },
    go: (...args: string[]) => cli(['--db', at.db, ...args], { cwd: at.d }),
    file: (name: string, ids: string[]) => {
      fs.writeFileSync(path.join(at.d, name), ['乡镇,村,姓名,身份证号,状态', ...ids.map((id, i) => `城关镇,东村,人${i},${id},在保`)].join('\n'));
      return path.join(at.d, name);
    },
  };
}

describe('the month compared with is checked again (or an earlier month first) after the later check', () => {
  const { at, open, go, file } = scratch('bidui-stale-basis-');
  const a = makeId('19500101', 11);
  const b = makeId('19510101', 13);

  beforeAll(async () => {
    open();
    for (const [p, ids] of [['2024-10', [a, b]], ['2024-11', [a, b]]] as const) {
      expect((await go('load', 'dibao', file(`低保_${p}.csv`, [...ids]), '--period', p)).code).toBe(0);
      expect((await go('load', 'tekun', file(`特困_${p}.csv`, [...ids]), '--period', p)).code).toBe(0);
      expect((await go('check', '--period', p)).code).toBe(0);
    }
    // 2024-10's 特困 roster is corrected (b was never on it) and 2024-10 is checked again: b's overlap is new in 2024-11.
    expect((await go('load', 'tekun', file('特困_2024-10.csv', [a]), '--period', '2024-10')).code).toBe(0);
    expect((await go('check', '--period', '2024-10')).code).toBe(0);
  });
  afterAll(() => fs.rmSync(at.d, { recursive: true, force: true }));

  it('status and findings say 2024-11 is out of date; report refuses (exit 2) until it is checked again', async () => {
    const s = await go('status');
    expect(s.stderr).toContain('以上结果已过时：对照月份 2024-10 在本月比对之后重新比对过');
    expect(s.stderr).toContain('bidui check --period 2024-11');
    const j = JSON.parse((await go('--json', 'status')).stdout);
    expect(j.periods.find((p: { period: string }) => p.period === '2024-10').comparisonChanged).toBeNull();
    expect(j.periods.find((p: { period: string }) => p.period === '2024-11').comparisonChanged).toContain('2024-10');
    expect((await go('findings', '--period', '2024-11')).stderr).toContain('以下结果可能已过时');
    const out = path.join(at.d, 'out');
    const r = await go('report', '--period', '2024-11', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('对照月份 2024-10 在本月比对之后重新比对过');
    expect(fs.existsSync(path.join(out, '2024-11'))).toBe(false);

    expect((await go('check', '--period', '2024-11')).code).toBe(0);
    expect((await go('status')).stderr).not.toContain('已过时');
    const found = JSON.parse((await go('findings', '--period', '2024-11')).stdout) as { id_number: string; rule: string; status: string; first_seen: string }[];
    const overlap = found.filter((f) => f.rule === 'dibao-tekun-overlap').map((f) => [f.id_number, f.first_seen]).sort();
    expect(overlap).toEqual([[a, '2024-10'], [b, '2024-11']].sort());
    expect((await go('report', '--period', '2024-11', '--out', out)).code).toBe(0);
  });

  it('an earlier month checked for the first time after a later one makes the later one out of date', async () => {
    expect((await go('load', 'dibao', file('低保_2024-09.csv', [a]), '--period', '2024-09')).code).toBe(0);
    expect((await go('check', '--period', '2024-09')).code).toBe(0);
    const s = await go('status');
    expect(s.stderr).toContain('2024-09 是在本月比对之后才比对的，本月当时没有可对照的月份');
    expect(s.stderr).toContain('bidui check --period 2024-10');
    // 2024-11 was compared with 2024-10, still the latest month before it.
    expect(s.stderr).not.toContain('bidui check --period 2024-11');
    expect((await go('report', '--period', '2024-10', '--out', path.join(at.d, 'out3'))).code).toBe(2);
  });
});

// check --rule re-runs some rules and keeps the others' findings as the earlier check made them: those still rest on the
// rosters of that check, so a roster replaced since leaves the period out of date until all rules are checked again.
describe('check --rule after a roster was replaced', () => {
  const { at, open, go, file } = scratch('bidui-stale-rule-');
  const a = makeId('19500101', 11);
  const b = makeId('19510101', 13);

  beforeAll(async () => {
    open();
    expect((await go('load', 'dibao', file('低保.csv', [a, b]), '--period', P)).code).toBe(0);
    expect((await go('load', 'tekun', file('特困.csv', [a, b]), '--period', P)).code).toBe(0);
    expect((await go('check', '--period', P)).code).toBe(0);
    // b leaves 特困; only taper-overdue is checked again: b's 低保特困重复享受 is still the old check's.
    expect((await go('load', 'tekun', file('特困.csv', [a]), '--period', P)).code).toBe(0);
    expect((await go('check', '--period', P, '--rule', 'taper-overdue')).code).toBe(0);
  });
  afterAll(() => fs.rmSync(at.d, { recursive: true, force: true }));

  it('status still says the findings are out of date and report refuses; a check of all rules puts it right', async () => {
    expect((await go('status')).stderr).toContain('特困名单 特困.csv 在比对之后被替换');
    const out = path.join(at.d, 'out');
    const r = await go('report', '--period', P, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('特困名单 特困.csv 在比对之后被替换');
    // Re-running the very rules whose findings were kept brings them up to date.
    expect((await go('check', '--period', P)).code).toBe(0);
    expect((await go('status')).stderr).not.toContain('已过时');
    const found = JSON.parse((await go('findings', '--period', P)).stdout) as { id_number: string; rule: string }[];
    expect(found.filter((f) => f.rule === 'dibao-tekun-overlap').map((f) => f.id_number)).toEqual([a]);
    expect((await go('report', '--period', P, '--out', out)).code).toBe(0);
  });
});
