// The benchmark at its smoke scale: completes, prints every stage, writes valid JSON (no timing assertions).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

interface Stage {
  id: string;
  label: string;
  stage: string;
  skipped?: boolean;
  note?: string;
  rows?: number | null;
  seconds?: number;
  rows_per_s?: number | null;
  peak_rss_mb?: number | null;
  exit_code?: number;
}

const KINDS = ['dibao', 'tekun', 'fangpin', 'canji', 'liangbu', 'death', 'ext'];

let out: string;
let run: { code: number | null; stdout: string; stderr: string; ms: number };

beforeAll(() => {
  out = tempDir('bidui-bench-test-');
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/bench.js'), '--scale', 'smoke', '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 58_000,
  });
  run = { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: Date.now() - t0 };
}, 60_000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('npm run bench --scale smoke', () => {
  it('completes with exit code 0', () => {
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
  });

  it('prints every stage in a table with rows, seconds, rows/s and peak RSS, and the targets summary', () => {
    expect(run.stdout).toContain('规模 scale: smoke');
    for (const h of ['阶段 Stage', '行数 Rows', '秒 Seconds', '行/秒 Rows/s', '峰值内存 Peak RSS MB', '目标 Target']) expect(run.stdout).toContain(h);
    expect(run.stdout).toContain('启动 startup');
    for (const f of ['dibao.xlsx', 'tekun.xlsx', 'canji.xlsx']) expect(run.stdout).toContain(`原始读取 raw exceljs WorkbookReader ${f}`);
    for (const f of ['fangpin.csv', 'liangbu.csv', 'death.csv', 'ext.csv']) expect(run.stdout).toContain(`原始读取 raw csv-parse ${f}`);
    for (const k of KINDS) expect(run.stdout).toMatch(new RegExp(`导入 load \\S+ ${k} \\((xlsx|csv)\\)`));
    expect(run.stdout).toContain('比对 check');
    expect(run.stdout).toContain('核查表 report');
    expect(run.stdout).toContain('每月任务 run');
    expect(run.stdout).toContain('汇总 Summary vs targets');
  });

  it('writes JSON with the expected keys, one entry per stage', () => {
    const files = fs.readdirSync(out).filter((f) => /^bench-smoke-.*\.json$/.test(f));
    expect(files).toHaveLength(1);
    const j = JSON.parse(fs.readFileSync(path.join(out, files[0]!), 'utf8'));
    expect(JSON.parse(fs.readFileSync(path.join(out, 'latest.json'), 'utf8'))).toEqual(j);
    expect(j.schema).toBe('bidui-bench/1');
    expect(j.ok).toBe(true);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['started_at', 'finished_at', 'machine', 'rss_method', 'period', 'targets', 'scales', 'linearity']));
    expect(j.machine.cpus).toBeGreaterThan(0);
    const s = j.scales.smoke;
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['params', 'data', 'stages', 'findings', 'summary', 'targets']));
    expect(s.data.files.map((f: { kind: string }) => f.kind)).toEqual(KINDS);
    expect(s.data.rows).toBeGreaterThan(2000);

    const stages = s.stages as Stage[];
    const ids = stages.map((x) => x.id);
    expect(ids).toEqual([
      'startup',
      'raw-xlsx:dibao', 'raw-xlsx:tekun', 'raw-csv:fangpin', 'raw-xlsx:canji', 'raw-csv:liangbu', 'raw-csv:death', 'raw-csv:ext',
      ...KINDS.map((k) => `load:${k}`),
      'check', 'report', 'run',
    ]);
    for (const st of stages) {
      if (st.skipped) {
        // Only report/run may be skipped (a CLI without those commands), and then with a reason.
        expect(['report', 'run']).toContain(st.id);
        expect(st.note).toBeTruthy();
        continue;
      }
      expect(st.exit_code, st.id).toBe(0);
      expect(st.seconds, st.id).toBeGreaterThan(0);
      expect(st.peak_rss_mb, st.id).toBeGreaterThan(10);
      expect(Object.keys(st)).toEqual(expect.arrayContaining(['rows', 'rows_per_s']));
    }
    // Rows loaded equal the rows the generator wrote, kind by kind.
    for (const f of s.data.files as { kind: string; rows: number }[]) {
      expect(stages.find((x) => x.id === `load:${f.kind}`)!.rows, f.kind).toBe(f.rows);
    }
    expect(s.findings.total).toBeGreaterThan(0);
    expect(s.findings.by_rule['id-invalid']).toBeGreaterThan(0);
    expect(s.summary).toEqual(expect.objectContaining({ load_xlsx: expect.any(Object), load_csv: expect.any(Object), max_peak_rss_mb: expect.any(Number) }));
    expect(s.targets[0]).toEqual(expect.objectContaining({ name: expect.any(String), ok: true }));
  });

  it('finishes well inside a minute and leaves no generated data behind', () => {
    expect(run.ms).toBeLessThan(60_000);
    expect(run.stderr).toMatch(/generating synthetic data → (\S+)/);
    const dir = /generating synthetic data → (\S+)/.exec(run.stderr)![1]!;
    expect(fs.existsSync(dir)).toBe(false);
  });
});
