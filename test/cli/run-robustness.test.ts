// The cron job's promises: one run at a time, stale locks cleared, a killed or interrupted load leaves the database whole
// (locks, signals and kills on real child processes; the plain runs in-process).
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, fixture, runCli, tempDir } from '../helpers/cli.js';
import { makeId } from '../helpers/county.js';
import { holdWriterLock } from '../helpers/lock-holder.js';

let dir: string;
let config: string;
let db: string;
let bigCsv: string;

function writeConfig(extra = ''): void {
  fs.writeFileSync(
    config,
    `county: 测试县\nout: out\ninputs:\n  - kind: dibao\n    path: "{period}/dibao.xlsx"\n  - kind: tekun\n    path: "{period}/tekun.xlsx"\n${extra}`,
  );
}

beforeAll(() => {
  dir = tempDir('bidui-run-');
  config = path.join(dir, 'bidui.config.yaml');
  db = path.join(dir, 'bidui.db');
  fs.mkdirSync(path.join(dir, '2024-11'));
  fs.copyFileSync(fixture('kinds', 'dibao.xlsx'), path.join(dir, '2024-11', 'dibao.xlsx'));
  fs.copyFileSync(fixture('kinds', 'tekun.xlsx'), path.join(dir, '2024-11', 'tekun.xlsx'));
  writeConfig();
  // A CSV big enough that a load is still running when we kill it.
  bigCsv = path.join(dir, 'big.csv');
  const lines = ['乡镇,村,姓名,身份证号,状态'];
  for (let i = 0; i < 400_000; i++) lines.push(`城关镇,东村,测试${i},${makeId(`19${50 + (i % 40)}0101`, i % 1000)},在保`);
  fs.writeFileSync(bigCsv, lines.join('\n'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function startLoad(): ChildProcess {
  return spawn(process.execPath, [BIN, '--db', db, 'load', 'dibao', bigCsv, '--period', '2024-12'], { stdio: 'ignore' });
}

/** CPU seconds a process has used so far (Linux /proc), or 0 when it cannot be read. */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function killMidLoad(signal: NodeJS.Signals): Promise<number | null> {
  const child = startLoad();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let finished = false;
  void exited.then(() => (finished = true));
  // Wait until the load has done about a second of work (start-up takes a quarter of that, the whole load
  // several seconds), then interrupt it. CPU time, unlike wall time, does not depend on how busy the machine is.
  const t0 = Date.now();
  while (!finished && Date.now() - t0 < 30_000 && cpuSeconds(child.pid!) < 1.2) await new Promise((r) => setTimeout(r, 20));
  expect(finished, 'the load finished before it could be interrupted').toBe(false);
  child.kill(signal);
  return exited;
}

function tables(): { imports: number; rows: number; integrity: string } {
  const sql = new Database(db, { readonly: true });
  const r = {
    imports: (sql.prepare(`SELECT count(*) AS n FROM imports WHERE period = '2024-12'`).get() as { n: number }).n,
    rows: (sql.prepare(`SELECT count(*) AS n FROM roster_rows WHERE period = '2024-12'`).get() as { n: number }).n,
    integrity: (sql.prepare(`PRAGMA integrity_check`).get() as { integrity_check: string }).integrity_check,
  };
  sql.close();
  return r;
}

describe('bidui run as a cron job', () => {
  it('runs the configured month and exits 0', async () => {
    const r = await cli(['--config', config, 'run', '--period', '2024-11'], { cwd: dir });
    expect(r.stderr).toContain('每月任务完成');
    expect(r.code).toBe(0);
  });

  it('a missing input is exit 2 naming the expected path, before anything is loaded', async () => {
    const r = await cli(['--config', config, 'run', '--period', '2024-10'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(path.join(dir, '2024-10', 'dibao.xlsx'));
    expect(r.stderr).toContain('optional: true');
  });

  it('an optional missing input is skipped with a note', async () => {
    writeConfig('  - kind: canji\n    path: "{period}/canji.xlsx"\n    optional: true\n');
    const r = await cli(['--config', config, 'run', '--period', '2024-11'], { cwd: dir });
    writeConfig();
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/跳过 残疾人：没有匹配 .*canji\.xlsx 的文件/);
  });

  it('a second writer while one holds the lock exits 3 naming the holder, and changes nothing', async () => {
    const holder = await holdWriterLock(db, 'bidui load dibao --period 2024-11');
    try {
      const r = runCli(['--config', config, 'run', '--period', '2024-11'], { cwd: dir });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('另一个 bidui 任务正在使用数据库');
      expect(r.stderr).toContain(`进程 ${holder.pid}，bidui load dibao --period 2024-11`);
      expect(r.stderr).not.toContain('内部错误');
    } finally {
      await holder.kill();
    }
  });

  it('a holder that was killed leaves no lock: the next run takes it, says so, and cleans up', async () => {
    const holder = await holdWriterLock(db, 'bidui run --period 2024-11');
    await holder.kill();
    const r = runCli(['--config', config, 'run', '--period', '2024-11'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`清除了已中断任务留下的锁（进程 ${holder.pid}，bidui run --period 2024-11`);
    expect(fs.existsSync(`${db}.lock.json`)).toBe(false);
  });

  it('killed (SIGKILL) during a load: the database is consistent, nothing half-loaded, and the rerun succeeds', async () => {
    await killMidLoad('SIGKILL');
    expect(tables()).toEqual({ imports: 0, rows: 0, integrity: 'ok' });
    const again = runCli(['--db', db, 'load', 'dibao', bigCsv, '--period', '2024-12']);
    expect(again.code).toBe(0);
    expect(tables()).toEqual({ imports: 1, rows: 400_000, integrity: 'ok' });
  });

  it('interrupted (SIGINT, Ctrl-C) during a load exits 130 and rolls back', async () => {
    const sql = new Database(db);
    sql.prepare(`DELETE FROM roster_rows WHERE period = '2024-12'`).run();
    sql.prepare(`DELETE FROM imports WHERE period = '2024-12'`).run();
    sql.close();
    const code = await killMidLoad('SIGINT');
    expect(code).toBe(130);
    expect(tables()).toEqual({ imports: 0, rows: 0, integrity: 'ok' });
  });
});
