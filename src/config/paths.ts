// Paths as a clerk writes them, on Windows and elsewhere: `\` or `/`, drive letters, UNC shares. Every function takes
// the path implementation (node:path by default), so the Windows rules are tested with path.win32 on any machine.
import path from 'node:path';
import { BiduiError } from '../errors.js';

export type PathApi = path.PlatformPath;

/**
 * A path written in the config file, in the platform's own separators. A clerk on Windows writes `名单\{period}\x.xlsx`;
 * the same file read on Linux means the same folders, so `\` is a separator there too (never part of a name).
 */
export function nativeSeparators(p: string, api: PathApi = path): string {
  return api.sep === '\\' ? p.replaceAll('/', '\\') : p.replaceAll('\\', '/');
}

/** A path from the config file (db, out, inputs), absolute: relative ones are taken from the config file's folder. */
export function configPath(baseDir: string, p: string, api: PathApi = path): string {
  return api.resolve(baseDir, nativeSeparators(p, api));
}

/**
 * A path from the command line, absolute: relative ones are taken from the directory the command was run in.
 * On Windows a backslash before a closing quote escapes it: `--out "D:\民政\核查表\"` arrives as `D:\民政\核查表"`, and
 * anything after it on the line is glued on. A double quote is never part of a Windows file name: one at the end is
 * dropped; one inside means the rest of the line was swallowed, which only the clerk can repair.
 */
export function argPath(cwd: string, p: string, api: PathApi = path): string {
  let given = p;
  if (api.sep === '\\') {
    given = p.replace(/"+$/, '');
    if (given.includes('"')) {
      const cut = given.slice(0, given.indexOf('"'));
      throw new BiduiError(
        `路径「${p}」中有双引号：在 cmd 和 PowerShell 中，引号前的 \\ 会让引号失效，后面的内容都并进了这个路径。请去掉路径末尾的 \\，写成 "${cut.replace(/\\+$/, '')}"`,
      );
    }
  }
  return api.resolve(cwd, given);
}
