// The demo county's monthly job through the real bin (child processes, as cron runs it), three months: planted findings
// and their month-over-month statuses.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, runCli, tempDir } from '../helpers/cli.js';

interface Planted {
  rule: string;
  period: string;
  id_number: string | null;
  name: string;
  township: string;
  expect: 'fires' | 'not';
  raw?: string;
}
type Lifecycle = { rule: string; id_number: string; name: string } & Record<string, string>;

const expected = JSON.parse(fs.readFileSync(fixture('demo', 'expected.json'), 'utf8')) as { months: string[]; planted: Planted[]; lifecycle: Lifecycle[] };
let dir: string;
let config: string;
const runs: Record<string, { code: number; stdout: string; stderr: string }> = {};
const findings: Record<string, { rule: string; id_number: string | null; name: string; township: string; lifecycle: string; status: string }[]> = {};

beforeAll(async () => {
  dir = tempDir('bidui-demo-');
  fs.cpSync(fixture('demo'), path.join(dir, 'demo'), { recursive: true });
  config = path.join(dir, 'demo', 'bidui.config.yaml');
  fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^out: .*$/m, 'out: ../out'));
  for (const m of expected.months) {
    runs[m] = runCli(['--config', config, '--db', path.join(dir, 'demo.db'), 'run', '--period', m]);
    const f = await cli(['--db', path.join(dir, 'demo.db'), 'findings', '--period', m, '--all', '--format', 'json']);
    findings[m] = JSON.parse(f.stdout);
  }
}, 180_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('demo county: bidui run over three months', () => {
  it('each month runs to exit 0 and writes the township workbooks, county summary, CSV, dashboard page and a log', () => {
    for (const m of expected.months) {
      expect(runs[m]!.code, runs[m]!.stderr).toBe(0);
      const files = fs.readdirSync(path.join(dir, 'out', m)).sort();
      expect(files).toEqual(expect.arrayContaining(['findings.csv', '县级汇总.xlsx', '县级看板.html', '城关镇_疑点核查表.xlsx', '城南镇_疑点核查表.xlsx', '河口乡_疑点核查表.xlsx']));
    }
    expect(fs.readdirSync(path.join(dir, 'out', 'logs')).filter((f) => f.endsWith('.log'))).toHaveLength(3);
  });

  it('prints no terminal control characters when not on a TTY', () => {
    for (const m of expected.months) expect(runs[m]!.stdout + runs[m]!.stderr).not.toMatch(/\x1b|\r/);
  });

  it('every planted case fires in its township, and no near miss does', () => {
    for (const p of expected.planted) {
      const hits = findings[p.period]!.filter(
        (f) => f.rule === p.rule && f.lifecycle !== '已消除' && (p.id_number ? f.id_number === p.id_number : f.name === p.name),
      );
      if (p.expect === 'fires') {
        expect(hits.length, `${p.rule} ${p.name} ${p.period}`).toBeGreaterThan(0);
        expect(hits[0]!.township).toBe(p.township);
      } else {
        expect(hits, `${p.rule} ${p.name} ${p.period} must not fire`).toEqual([]);
      }
    }
  });

  it('month-over-month statuses: 新增 / 持续 / 已消除 exactly as planted', () => {
    for (const l of expected.lifecycle) {
      for (const m of expected.months) {
        const f = findings[m]!.find((x) => x.rule === l.rule && x.id_number === l.id_number);
        const got = f ? f.lifecycle : 'absent';
        expect(`${l.rule} ${l.name} ${m}: ${got}`).toBe(`${l.rule} ${l.name} ${m}: ${l[m]}`);
      }
    }
  });

  it('a second run of the same month changes nothing and reports the files as unchanged', () => {
    const again = runCli(['--config', config, '--db', path.join(dir, 'demo.db'), '--json', 'run', '--period', '2024-12']);
    expect(again.code).toBe(0);
    const s = JSON.parse(again.stdout);
    expect(s.loads.every((l: { outcome: string }) => l.outcome === 'unchanged')).toBe(true);
    expect(s.check.totals.findings).toBe(findings['2024-12']!.filter((f) => f.lifecycle !== '已消除').length);
  });
});
