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
  // Every ID distinct (birth year, day and sequence from i), so a check of it is plain work, not thousands of findings.
  for (let i = 0; i < 400_000; i++) {
    const day = Math.floor(i / 40) % 336;
    const birth = `${1950 + (i % 40)}${String(1 + Math.floor(day / 28)).padStart(2, '0')}${String(1 + (day % 28)).padStart(2, '0')}`;
    lines.push(`城关镇,东村,测试${i},${makeId(birth, Math.floor(i / 13_440) % 1000)},在保`);
  }
  fs.writeFileSync(bigCsv, lines.join('\n'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, '--db', db, ...args], { stdio: 'ignore' });
}

const loadBig = () => ['load', 'dibao', bigCsv, '--period', '2024-12'];

/** CPU seconds a process has used so far (Linux /proc), or 0 when it cannot be read. */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Starts a command, lets it do `cpu` seconds of work, then sends it `signal`; resolves to its exit code. */
async function killMidway(args: string[], signal: NodeJS.Signals, cpu = 1.2): Promise<number | null> {
  const child = start(args);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let finished = false;
  void exited.then(() => (finished = true));
  // Wait until the command has done about a second of work (start-up takes a quarter of that, the whole command
  // several seconds), then interrupt it. CPU time, unlike wall time, does not depend on how busy the machine is.
  const t0 = Date.now();
  while (!finished && Date.now() - t0 < 30_000 && cpuSeconds(child.pid!) < cpu) await new Promise((r) => setTimeout(r, 20));
  expect(finished, `bidui ${args[0]} finished before it could be interrupted`).toBe(false);
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
    await killMidway(loadBig(), 'SIGKILL');
    expect(tables()).toEqual({ imports: 0, rows: 0, integrity: 'ok' });
    const again = runCli(['--db', db, 'load', 'dibao', bigCsv, '--period', '2024-12']);
    expect(again.code).toBe(0);
    expect(tables()).toEqual({ imports: 1, rows: 400_000, integrity: 'ok' });
  });

  it('Ctrl-C during a check exits 130 and stores nothing of it; the check then runs to the end', async () => {
    const checks = () => {
      const sql = new Database(db, { readonly: true });
      const n = (sql.prepare(`SELECT count(*) AS n FROM checks WHERE period = '2024-12'`).get() as { n: number }).n;
      sql.close();
      return n;
    };
    expect(checks()).toBe(0);
    const code = await killMidway(['check', '--period', '2024-12'], 'SIGINT', 0.8);
    expect(code).toBe(130);
    expect(checks()).toBe(0);
    expect(runCli(['--db', db, 'check', '--period', '2024-12']).code).toBe(0);
    expect(checks()).toBe(1);
  });

  it('a load while a check runs exits 3 naming the check; the check reads one state of the rosters', async () => {
    const check = spawn(process.execPath, [BIN, '--db', db, 'check', '--period', '2024-12'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => check.on('exit', (code) => resolve(code)));
    // The check holds the writer lock once its pid is in the lock's info file.
    while (!fs.existsSync(`${db}.lock.json`) || !fs.readFileSync(`${db}.lock.json`, 'utf8').includes(`"pid":${check.pid},`)) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const load = runCli(['--db', db, 'load', 'dibao', fixture('kinds', 'dibao.xlsx'), '--period', '2024-12']);
    expect(load.code).toBe(3);
    expect(load.stderr).toContain(`bidui check --period 2024-12`);
    expect(await exited).toBe(0);
    const sql = new Database(db, { readonly: true });
    const orphans = sql.prepare(`SELECT count(*) AS n FROM findings WHERE period = '2024-12' AND (sources = '[]' OR name IS NULL)`).get();
    const files = sql.prepare(`SELECT file_name FROM imports WHERE period = '2024-12'`).all();
    sql.close();
    expect(orphans).toEqual({ n: 0 });
    expect(files).toEqual([{ file_name: 'big.csv' }]);
  });

  it('interrupted (SIGINT, Ctrl-C) during a load exits 130 and rolls back', async () => {
    const sql = new Database(db);
    sql.prepare(`DELETE FROM roster_rows WHERE period = '2024-12'`).run();
    sql.prepare(`DELETE FROM imports WHERE period = '2024-12'`).run();
    sql.close();
    const code = await killMidway(loadBig(), 'SIGINT');
    expect(code).toBe(130);
    expect(tables()).toEqual({ imports: 0, rows: 0, integrity: 'ok' });
  });
});
