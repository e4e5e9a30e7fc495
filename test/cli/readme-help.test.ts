// Every command is documented in the README and has Chinese help with an example; bad usage gets exit 2 with usage.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { BIN, cli, ROOT } from '../helpers/cli.js';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const commands = buildProgram().commands.map((c) => c.name()).filter((n) => n !== 'help');

describe('README and --help', () => {
  it('knows all the commands of design.md', async () => {
    expect(commands.sort()).toEqual(['check', 'feedback', 'findings', 'init', 'inspect', 'load', 'report', 'rules', 'run', 'status']);
  });

  for (const name of commands) {
    it(`bidui ${name} is in the README and has help with an example`, async () => {
      expect(readme).toContain(`bidui ${name}`);
      const r = await cli([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('示例');
      expect(r.stdout).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('README shows the two quick-start commands and the crontab line', async () => {
    expect(readme).toContain('npm install && npm run demo');
    expect(readme).toContain('npm test');
    expect(readme).toMatch(/^0 2 5 \* \* .*bidui --quiet run/m);
  });

  it('an unknown flag is exit 2 with the usage in Chinese', async () => {
    const r = await cli(['check', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知选项 --bogus');
    expect(r.stderr).toContain('用法：bidui check');
  });

  it('a bad period is exit 2 and says how to write it', async () => {
    const r = await cli(['check', '--period', '2024-13']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('应写成 YYYY-MM');
  });

  it('output into a pipe whose reader has gone (`| head -1`) is not an error', async () => {
    const child = spawn(process.execPath, [BIN, 'rules'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.destroy(); // the reader is gone before bidui writes a byte: every write gets EPIPE
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('an unknown command is exit 2', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知命令');
  });
});

describe('check --rule', () => {
  it('accepts several rule codes and reruns only those, keeping the other rules\' results', async () => {
    const { tempDir: mk } = await import('../helpers/cli.js');
    const dir = mk();
    const db = path.join(dir, 'x.db');
    const { fixture } = await import('../helpers/cli.js');
    expect((await cli(['--db', db, 'load', 'dibao', fixture('kinds', 'dibao.xlsx'), '--period', '2024-11'])).code).toBe(0);
    expect((await cli(['--db', db, 'load', 'tekun', fixture('kinds', 'tekun.xlsx'), '--period', '2024-11'])).code).toBe(0);
    const all = JSON.parse((await cli(['--db', db, '--json', 'check', '--period', '2024-11'])).stdout);
    const some = await cli(['--db', db, '--json', 'check', '--period', '2024-11', '--rule', 'dibao-tekun-overlap', 'id-invalid']);
    expect(some.code).toBe(0);
    const s = JSON.parse(some.stdout);
    expect(s.totals.findings).toBe(all.totals.findings);
    expect(s.rules.map((r: { code: string }) => r.code)).toEqual(all.rules.map((r: { code: string }) => r.code));
    const bad = await cli(['--db', db, 'check', '--period', '2024-11', '--rule', 'no-such-rule']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('没有这条规则：no-such-rule');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
