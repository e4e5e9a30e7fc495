// The monthly job's schedule for a folder, ready to paste: a crontab line (Linux, macOS) and a schtasks command
// (Windows Task Scheduler), both running `bidui --quiet run` in the folder on the 5th at 02:00.
import path from 'node:path';
import type { PathApi } from '../config/paths.js';

export interface Schedule {
  /** One line for `crontab -e`. */
  cron: string;
  /** One command for cmd.exe (not PowerShell, whose quoting differs), run once to create the task. */
  schtasks: string;
  /** Where each run writes its full log (<out>/logs/). */
  logs: string;
}

const TASK_NAME = 'bidui 每月比对';

/** A word for sh: single quotes, a quote inside closed, escaped and reopened. */
function shQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * One argument as a Windows program (schtasks) splits its command line (the C runtime's rules): in double quotes,
 * a quote is \", and backslashes are doubled where they come before a quote.
 */
export function windowsArg(s: string): string {
  let out = '"';
  let slashes = 0;
  for (const ch of s) {
    if (ch === '\\') {
      slashes++;
      continue;
    }
    out += ch === '"' ? '\\'.repeat(2 * slashes + 1) + '"' : '\\'.repeat(slashes) + ch;
    slashes = 0;
  }
  return out + '\\'.repeat(2 * slashes) + '"';
}

/**
 * cmd.exe reads the line before schtasks does: its own quotes toggle at every ", \" included, so the parts between
 * a \" pair (here: the folder) are outside its quotes, where & | < > ^ need a caret.
 */
function cmdLine(line: string): string {
  let inQuotes = false;
  let out = '';
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    out += !inQuotes && /[&|<>^]/.test(ch) ? `^${ch}` : ch;
  }
  return out;
}

/** The schedule for a folder holding bidui.config.yaml whose output folder is `out` (absolute). */
export function scheduleFor(dir: string, out: string, api: PathApi = path): Schedule {
  // In a crontab line % means a line break unless escaped.
  const cron = `0 2 5 * * cd ${shQuote(dir)} && /usr/bin/env bidui --quiet run >> cron.log 2>&1`.replaceAll('%', '\\%');
  const task = `cmd /c cd /d "${dir}" && bidui --quiet run >> run.log 2>&1`;
  const schtasks = cmdLine(`schtasks /Create /TN "${TASK_NAME}" /SC MONTHLY /D 5 /ST 02:00 /TR ${windowsArg(task)}`);
  return { cron, schtasks, logs: api.join(out, 'logs') + api.sep };
}
