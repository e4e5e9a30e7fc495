// Wildcards in file arguments on Windows (simulated), where neither cmd.exe nor PowerShell expands them: bidui does.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { tempDir } from '../helpers/cli.js';
import { makeId } from '../helpers/county.js';

let dir: string;

async function run(args: string[], platform: NodeJS.Platform) {
  let stdout = '';
  let stderr = '';
  const io: Io = { out: (t) => (stdout += t), err: (t) => (stderr += t), errIsTTY: false, env: { NO_COLOR: '1' }, cwd: dir, platform };
  const code = await main(['node', 'bidui', ...args], io);
  return { code, stdout, stderr };
}

beforeAll(() => {
  dir = tempDir('bidui-winargs-');
  fs.mkdirSync(path.join(dir, '名单(11月)'));
  const csv = (seq: number) => `乡镇,村,姓名,身份证号,状态\n城关镇,东村,测试${seq},${makeId('19700101', seq)},在保\n`;
  fs.writeFileSync(path.join(dir, '名单(11月)', '低保_城南镇.csv'), csv(1));
  fs.writeFileSync(path.join(dir, '名单(11月)', '低保_城关镇.CSV'), csv(3));
  fs.writeFileSync(path.join(dir, '名单(11月)', '~$低保_城关镇.csv'), 'locked');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bidui load with a wildcard argument', () => {
  it('on Windows: expanded, sorted, case-insensitive, lock files skipped, shown as written', async () => {
    const r = await run(['--json', '--db', 'w.db', 'load', 'dibao', '名单(11月)/低保*.csv', '--period', '2024-11'], 'win32');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { file: string; outcome: string }[];
    expect(out.map((o) => [o.file, o.outcome])).toEqual([
      [path.join('名单(11月)', '低保_城关镇.CSV'), 'loaded'],
      [path.join('名单(11月)', '低保_城南镇.csv'), 'loaded'],
    ]);
  });

  it('a pattern that matches nothing is reported as a missing file', async () => {
    const r = await run(['--db', 'w.db', 'load', 'dibao', '名单(11月)/特困*.xlsx', '--period', '2024-11'], 'win32');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('特困*.xlsx');
  });

  it('elsewhere the shell expands wildcards: a * that reaches bidui is part of a name', async () => {
    const r = await run(['--db', 'l.db', 'load', 'dibao', '名单(11月)/低保*.csv', '--period', '2024-11'], 'linux');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('低保*.csv');
  });
});
