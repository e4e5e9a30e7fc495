// The schedule `bidui init` prints: a crontab line, and a schtasks command that survives cmd.exe and then schtasks'
// own argument splitting (both simulated here by their documented rules) with spaces, Chinese and & in the folder.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleFor, windowsArg } from '../../src/cli/schedule.js';
import { cli, ROOT, tempDir } from '../helpers/cli.js';

/** What cmd.exe hands to the program: " toggles quoting; outside quotes ^x is x, and & | < > would end the command. */
function throughCmd(line: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '^') {
      out += line[++i];
      continue;
    } else if (!quoted && /[&|<>]/.test(ch)) throw new Error(`cmd.exe would act on ${ch} at ${i}: ${line}`);
    out += ch;
  }
  return out;
}

/** How a Windows program built with the C runtime splits its command line into arguments. */
function crtSplit(line: string): string[] {
  const args: string[] = [];
  let cur = '';
  let started = false;
  let quoted = false;
  for (let i = 0; i < line.length; ) {
    const ch = line[i]!;
    if (ch === '\\') {
      let n = 0;
      while (line[i + n] === '\\') n++;
      if (line[i + n] === '"') {
        cur += '\\'.repeat(Math.floor(n / 2));
        if (n % 2) cur += '"';
        i += n + (n % 2);
      } else {
        cur += '\\'.repeat(n);
        i += n;
      }
      started = true;
    } else if (ch === '"') {
      quoted = !quoted;
      started = true;
      i++;
    } else if (!quoted && /\s/.test(ch)) {
      if (started) args.push(cur);
      cur = '';
      started = false;
      i++;
    } else {
      cur += ch;
      started = true;
      i++;
    }
  }
  if (started) args.push(cur);
  return args;
}

const win = path.win32;

describe('the schtasks command (Windows semantics)', () => {
  it('for D:\\民政\\bidui, exactly', () => {
    const s = scheduleFor('D:\\民政\\bidui', 'D:\\民政\\bidui\\out', win);
    expect(s.schtasks).toBe('schtasks /Create /TN "bidui 每月比对" /SC MONTHLY /D 5 /ST 02:00 /TR "cmd /c cd /d \\"D:\\民政\\bidui\\" && bidui --quiet run >> run.log 2>&1"');
    expect(s.logs).toBe('D:\\民政\\bidui\\out\\logs\\');
  });

  for (const dir of ['D:\\民政\\bidui', 'C:\\Users\\张 三\\Documents\\低保 比对', 'D:\\民政&残联\\(2024) bidui', 'D:\\', '\\\\server\\share\\民政']) {
    it(`schtasks receives the task for ${dir} whole`, () => {
      const args = crtSplit(throughCmd(scheduleFor(dir, win.join(dir, 'out'), win).schtasks));
      expect(args).toEqual(['schtasks', '/Create', '/TN', 'bidui 每月比对', '/SC', 'MONTHLY', '/D', '5', '/ST', '02:00', '/TR', `cmd /c cd /d "${dir}" && bidui --quiet run >> run.log 2>&1`]);
    });
  }

  it('is the line the README shows', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`\n${scheduleFor('D:\\民政\\bidui', 'D:\\民政\\bidui\\out', win).schtasks}\n`);
  });

  it('one argument for a C-runtime program, whatever it holds', () => {
    for (const s of ['a b', 'a"b', 'D:\\', 'a\\\\"b\\', '中文 \\"x\\"']) expect(crtSplit(windowsArg(s))).toEqual([s]);
  });
});

describe('the crontab line', () => {
  it('quotes the folder for sh and escapes % for cron', () => {
    expect(scheduleFor('/data/bidui', '/data/bidui/out').cron).toBe('0 2 5 * * cd /data/bidui && /usr/bin/env bidui --quiet run >> cron.log 2>&1');
    expect(scheduleFor('/data/民政 bidui', '/data/民政 bidui/out').cron).toBe("0 2 5 * * cd '/data/民政 bidui' && /usr/bin/env bidui --quiet run >> cron.log 2>&1");
    expect(scheduleFor("/data/o'k 100%", '/x').cron).toBe("0 2 5 * * cd '/data/o'\\''k 100\\%' && /usr/bin/env bidui --quiet run >> cron.log 2>&1");
  });
});

describe('bidui init prints both for the folder it initialised', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('bidui-init-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('crontab line, schtasks command and the log folder, with the absolute path', async () => {
    const r = await cli(['init', '民政 数据', '--county', '测试县'], { cwd: dir });
    expect(r.code).toBe(0);
    const target = path.join(dir, '民政 数据');
    expect(fs.existsSync(path.join(target, 'bidui.config.yaml'))).toBe(true);
    expect(r.stdout).toContain(`0 2 5 * * cd '${target}' && /usr/bin/env bidui --quiet run >> cron.log 2>&1`);
    expect(r.stdout).toContain(`schtasks /Create /TN "bidui 每月比对" /SC MONTHLY /D 5 /ST 02:00 /TR "cmd /c cd /d \\"${target}\\" && bidui --quiet run >> run.log 2>&1"`);
    expect(r.stdout).toContain(`每次运行的完整日志在 ${path.join(target, 'out', 'logs')}${path.sep}`);
  });

  it('--json gives the same as data', async () => {
    const r = await cli(['--json', 'init', 'j'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, string>;
    expect(j).toEqual({ config: path.join(dir, 'j', 'bidui.config.yaml'), ...scheduleFor(path.join(dir, 'j'), path.join(dir, 'j', 'out')) });
  });
});
