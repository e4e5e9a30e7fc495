// report --out naming a file (or a path under a file): a problem the user can fix (exit 2, in Chinese, naming the
// file), not an internal error.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, cli, tempDir } from '../helpers/cli.js';
import { makeId } from '../helpers/county.js';

let dir: string;
let db: string;
const run = (...args: string[]) => cli(['--db', db, ...args], { cwd: dir });

beforeAll(async () => {
  dir = tempDir('bidui-out-folder-');
  db = path.join(dir, 'x.db');
  const id = makeId('19500101', 11);
  for (const kind of ['dibao', 'tekun']) {
    const file = path.join(dir, `${kind}.csv`);
    fs.writeFileSync(file, ['乡镇,村,姓名,身份证号,状态', `城关镇,东村,甲一,${id},在保`].join('\n'));
    expect((await run('load', kind, file, '--period', '2024-11')).code).toBe(0);
  }
  expect((await run('check', '--period', '2024-11')).code).toBe(0);
  fs.writeFileSync(path.join(dir, '输出'), 'not a folder');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('report --out that is a file', () => {
  it('refuses with exit 2 and names the file, for the folder itself and for a folder under it', async () => {
    const file = path.join(dir, '输出');
    for (const out of [file, path.join(file, '子目录')]) {
      const r = await run('report', '--period', '2024-11', '--out', out);
      expect(r.stderr).not.toContain('内部错误');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${file} 是一个文件，不是文件夹`);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('not a folder');
  });
});

describe('report --out where the system cannot make a folder', () => {
  // Under /proc, mkdir answers ENOENT below an existing folder: Node's recursive mkdir retried that forever and the
  // report (or a cron job's run) never ended. A child process, so that a hang fails the test instead of stopping it.
  it.runIf(fs.existsSync('/proc/self'))('refuses with exit 2 naming the folder, and ends', () => {
    const r = spawnSync(process.execPath, [BIN, '--db', db, 'report', '--period', '2024-11', '--out', '/proc/bidui-no-such-folder'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.signal, 'the report did not end').toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('无法创建输出目录 /proc/bidui-no-such-folder');
    expect(r.stderr).not.toContain('内部错误');
  });
});
