// A Windows console that is not UTF-8 (cmd.exe or PowerShell with code page 936), simulated: when bidui says how to
// switch, that it says it once and only then, and that the data it writes stays UTF-8.
import { describe, expect, it } from 'vitest';
import { consoleNote, parseChcp, windowsCodePage, type ConsoleInfo } from '../../src/cli/console.js';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../helpers/cli.js';

function windows(cp: number | null, tty: { out: boolean; err: boolean }): ConsoleInfo & { asked: number } {
  const c = {
    outIsTTY: tty.out,
    errIsTTY: tty.err,
    asked: 0,
    codePage() {
      c.asked++;
      return cp;
    },
  };
  return c;
}

describe('reading chcp', () => {
  it('finds the code page in any language', () => {
    expect(parseChcp('活动代码页: 936\r\n')).toBe(936);
    expect(parseChcp('Active code page: 65001\r\n')).toBe(65001);
    expect(parseChcp('Page de codes active : 850.\r\n')).toBe(850);
    expect(parseChcp('')).toBeNull();
    expect(parseChcp('chcp 不是内部或外部命令')).toBeNull();
  });

  it('there is no chcp here: no code page, no error', () => {
    if (process.platform !== 'win32') expect(windowsCodePage()).toBeNull();
  });
});

describe('when to say how to switch the console', () => {
  it('not on Linux or macOS', () => {
    expect(consoleNote('linux', windows(936, { out: false, err: false }))).toBeNull();
    expect(consoleNote('darwin', windows(936, { out: false, err: false }))).toBeNull();
  });

  it('not when both streams are the console window itself (shown right whatever the code page); chcp is not even run', () => {
    const c = windows(936, { out: true, err: true });
    expect(consoleNote('win32', c)).toBeNull();
    expect(c.asked).toBe(0);
  });

  it('redirected or piped on code page 936: how to switch, in cmd and in PowerShell', () => {
    for (const tty of [{ out: false, err: true }, { out: true, err: false }, { out: false, err: false }]) {
      const note = consoleNote('win32', windows(936, tty))!;
      expect(note).toContain('当前控制台的代码页是 936（GBK）');
      expect(note).toContain('cmd: chcp 65001');
      expect(note).toContain('PowerShell: [Console]::OutputEncoding = [Text.Encoding]::UTF8');
    }
    expect(consoleNote('win32', windows(437, { out: false, err: true }))).toContain('代码页是 437；');
  });

  it('not when the console is already UTF-8, or its code page cannot be told', () => {
    expect(consoleNote('win32', windows(65001, { out: false, err: true }))).toBeNull();
    expect(consoleNote('win32', windows(null, { out: false, err: true }))).toBeNull();
  });
});

describe('bidui in a simulated Windows console', () => {
  async function run(args: string[], c?: ConsoleInfo, platform: NodeJS.Platform = 'win32') {
    let stdout = '';
    let stderr = '';
    const io: Io = { out: (t) => (stdout += t), err: (t) => (stderr += t), errIsTTY: false, env: { NO_COLOR: '1' }, cwd: ROOT, platform, console: c };
    const code = await main(['node', 'bidui', ...args], io);
    return { code, stdout, stderr };
  }

  it('piped on code page 936: the note once on stderr; --json on stdout unchanged, UTF-8', async () => {
    const piped = await run(['--json', 'rules'], windows(936, { out: false, err: true }));
    const plain = await run(['--json', 'rules']);
    expect(piped.code).toBe(0);
    expect(piped.stderr.match(/chcp 65001/g)).toHaveLength(1);
    expect(piped.stdout).toBe(plain.stdout);
    expect(JSON.stringify(JSON.parse(piped.stdout))).toContain('身份证号码无效');
  });

  it('no note with --quiet (the scheduled task), on a UTF-8 console, or on Linux', async () => {
    expect((await run(['--quiet', 'rules'], windows(936, { out: false, err: false }))).stderr).toBe('');
    expect((await run(['rules'], windows(65001, { out: false, err: true }))).stderr).toBe('');
    expect((await run(['rules'], windows(936, { out: false, err: true }), 'linux')).stderr).toBe('');
  });
});
