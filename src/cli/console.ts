// Chinese text on a Windows console whose code page is not UTF-8 (cmd.exe and PowerShell on a Chinese Windows: 936, GBK).
//
// What happens: written to the console window itself, Node passes text to Windows as UTF-16 (WriteConsoleW), so it
// reads correctly whatever the code page. Redirected or piped (`> 结果.txt`, `| more`, `| findstr`, PowerShell
// capturing the output), the bytes are UTF-8, and cmd's type/more/findstr and PowerShell read them as GBK: mojibake.
//
// What bidui does: keeps writing UTF-8 and, in that case only, says once how to switch the console to UTF-8. Not
// GBK output, because (1) GBK has no code for some rare characters in names (生僻字 such as 𠀀, which GB18030 and
// UTF-8 have), and a wrong name is worse than an unreadable one; (2) a file written with `>` would then be GBK or
// UTF-8 depending on the console it was made in, while findings.csv, the logs and --json are always UTF-8.
import { spawnSync } from 'node:child_process';

export interface ConsoleInfo {
  outIsTTY: boolean;
  errIsTTY: boolean;
  /** The console's code page (Windows), null when it cannot be told; asked only when it matters. */
  codePage(): number | null;
}

/** The number in chcp's answer, in any language: "活动代码页: 936", "Active code page: 65001", "Page de codes active : 850". */
export function parseChcp(output: string): number | null {
  const m = /(\d+)\D*$/.exec(output.trim());
  return m ? Number(m[1]) : null;
}

/** The code page of the console this process runs in, from chcp (inherits the console). */
export function windowsCodePage(): number | null {
  const r = spawnSync('chcp.com', { encoding: 'latin1', timeout: 3000, windowsHide: true, stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 && r.stdout ? parseChcp(r.stdout) : null;
}

export function processConsole(): ConsoleInfo {
  return {
    outIsTTY: Boolean(process.stdout.isTTY),
    errIsTTY: Boolean(process.stderr.isTTY),
    codePage: windowsCodePage,
  };
}

const UTF8_CODE_PAGE = 65001;

/**
 * The one-time note for a Windows console that will misread redirected output, or null. The command lines in it
 * are ASCII, so that they survive even where the Chinese does not.
 */
export function consoleNote(platform: NodeJS.Platform, c: ConsoleInfo): string | null {
  if (platform !== 'win32' || (c.outIsTTY && c.errIsTTY)) return null;
  const cp = c.codePage();
  if (cp === null || cp === UTF8_CODE_PAGE) return null;
  return [
    `提示：bidui 的输出是 UTF-8 编码，而当前控制台的代码页是 ${cp}${cp === 936 ? '（GBK）' : ''}；重定向到文件或经管道交给 type、more、findstr、PowerShell 时中文会显示为乱码。`,
    '  cmd: chcp 65001    PowerShell: [Console]::OutputEncoding = [Text.Encoding]::UTF8    (then run bidui again)',
    '  写到文件里的结果用记事本打开即可正常显示；--json 的输出始终是 UTF-8。',
    '',
  ].join('\n');
}
