// Three counties pooled in one database (fixtures/pooled, domain.md §10), run month by month from the config as a city
// would: every planted finding appears once per county side, in its (county, township), and status/findings show the
// county.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, tempDir, type CliResult } from '../helpers/cli.js';

interface Want {
  rule: string;
  id_number: string;
  name: string;
  sides: { county: string; township: string }[];
  periods: string[];
}
interface Exported {
  finding_id: string;
  rule: string;
  id_number: string | null;
  county: string | null;
  township: string;
  lifecycle: string;
  explanation: string;
  amount_estimate: number | null;
}

const expected = JSON.parse(fs.readFileSync(fixture('pooled', 'expected.json'), 'utf8')) as { counties: string[]; findings: Want[] };
const PERIODS = ['2024-10', '2024-11'];
let dir: string;
let db: string;
let config: string;
const runs: Record<string, CliResult> = {};
const findings: Record<string, Exported[]> = {};

beforeAll(async () => {
  dir = tempDir('bidui-pooled-');
  fs.cpSync(fixture('pooled'), path.join(dir, 'pooled'), { recursive: true });
  config = path.join(dir, 'pooled', 'bidui.config.yaml');
  fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^out: .*$/m, 'out: ../out'));
  db = path.join(dir, 'pooled.db');
  for (const p of PERIODS) {
    runs[p] = await cli(['--config', config, '--db', db, 'run', '--period', p, '--no-report']);
    findings[p] = JSON.parse((await cli(['--db', db, 'findings', '--period', p, '--all', '--format', 'json'])).stdout) as Exported[];
  }
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('several counties in one database', () => {
  it('each month runs to exit 0 and the check summary lists places as (county, township)', () => {
    for (const p of PERIODS) expect(runs[p]!.code, runs[p]!.stderr).toBe(0);
    expect(runs['2024-11']!.stdout).toMatch(/县\s+乡镇\s+条数/);
    expect(runs['2024-11']!.stdout).toMatch(/甲县\s+城关镇\s+3/);
    expect(runs['2024-11']!.stdout).toMatch(/乙县\s+城关镇\s+2/);
    expect(runs['2024-11']!.stdout).toContain('其中 4 条是跨县疑点');
  });

  it('every planted finding appears once per county side, in that county and township, and only in its months', () => {
    for (const w of expected.findings) {
      for (const p of PERIODS) {
        const got = findings[p]!.filter((f) => f.rule === w.rule && f.id_number === w.id_number && f.lifecycle !== '已消除');
        const want = w.periods.includes(p) ? w.sides : [];
        expect(got.map((f) => ({ county: f.county, township: f.township })).sort(byPlace), `${w.rule} ${w.name} ${p}`).toEqual([...want].sort(byPlace));
        expect(new Set(got.map((f) => f.finding_id)).size).toBe(got.length);
        for (const f of got) {
          if (w.sides.length > 1) expect(f.explanation).toMatch(/（跨县：本人另在(甲|乙|丙)县：/);
          else expect(f.explanation).not.toContain('跨县');
        }
      }
    }
  });

  it('nothing else is found: the ordinary persons of each county give no finding', () => {
    const planted = new Set(expected.findings.map((w) => `${w.rule}|${w.id_number}`));
    const extra = findings['2024-11']!.filter((f) => f.lifecycle !== '已消除' && !planted.has(`${f.rule}|${f.id_number}`));
    expect(extra).toEqual([]);
  });

  it('an overlap across counties is counted once in money: the county paying less carries the estimate', () => {
    const chen = expected.findings.find((w) => w.rule === 'dibao-tekun-overlap' && w.sides.length === 2)!;
    const sides = findings['2024-11']!.filter((f) => f.rule === chen.rule && f.id_number === chen.id_number);
    expect(Object.fromEntries(sides.map((f) => [f.county, f.amount_estimate !== null]))).toEqual({ 乙县: true, 丙县: false });
  });

  it('status shows each county: its findings, how many are cross-county, the estimate', async () => {
    const r = await cli(['--db', db, 'status']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/县\s+疑点\s+其中跨县\s+涉及金额（估算）/);
    expect(r.stdout).toMatch(/甲县\s+4\s+1\s/);
    const j = JSON.parse((await cli(['--db', db, '--json', 'status'])).stdout) as { periods: { period: string; counties: { county: string; open: number; crossCounty: number }[] }[] };
    const nov = j.periods.find((p) => p.period === '2024-11')!;
    expect(nov.counties.map((c) => [c.county, c.open, c.crossCounty])).toEqual([
      ['丙县', 1, 1],
      ['乙县', 3, 2],
      ['甲县', 4, 1],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  });
});

function byPlace(a: { county: string | null; township: string }, b: { county: string | null; township: string }): number {
  return `${a.county}|${a.township}`.localeCompare(`${b.county}|${b.township}`);
}
