// Expands a configured input (a path with {period} placeholders and * ? wildcards) into the files it names.
// The path is first made absolute in the platform's terms (planInput, pure: tested with path.win32 anywhere); the
// folders before the first wildcard are taken literally, the rest is matched by tinyglobby with every character
// other than * and ? escaped, so folders such as 名单(2024) or [县] match themselves.
import fs from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import type { InputSpec } from './config.js';
import { configPath, nativeSeparators, type PathApi } from './paths.js';

export function fillPeriod(pattern: string, period: string): string {
  const [y, m] = period.split('-') as [string, string];
  return pattern.replaceAll('{period}', period).replaceAll('{yyyymm}', y + m).replaceAll('{yyyy}', y).replaceAll('{mm}', m);
}

export interface InputPlan {
  /** The absolute path or pattern, as shown to the clerk (the platform's separators). */
  pattern: string;
  /** The folder the wildcards are matched in: every folder before the first segment with * or ?. */
  dir: string;
  /** The glob relative to `dir` ('/'-separated, literal characters escaped); null when there is no wildcard. */
  glob: string | null;
}

const WILDCARD = /[*?]/;

/** Whether a written path has wildcards (* ?) to expand. */
export const hasWildcard = (p: string): boolean => WILDCARD.test(p);
// Characters picomatch would read as glob syntax; the clerk's config only has * and ? wildcards.
const GLOB_SYNTAX = /[()[\]{}|!+@\\]/g;

function escapeSegment(seg: string): string {
  return seg.replace(GLOB_SYNTAX, '\\$&');
}

/** Where an input's files are, for a period; relative paths are taken from baseDir (the config file's folder). */
export function planInput(configured: string, period: string, baseDir: string, api: PathApi = path): InputPlan {
  return planPath(fillPeriod(configured, period), baseDir, api);
}

/** Where the files a path with * ? wildcards names are (`\` and `/` both separators); relative to baseDir. */
export function planPath(written: string, baseDir: string, api: PathApi = path): InputPlan {
  const given = nativeSeparators(written, api);
  const pattern = configPath(baseDir, written, api);
  const wild = given.search(WILDCARD);
  if (wild < 0) return { pattern, dir: api.dirname(pattern), glob: null };
  // Only the written text can hold wildcards (baseDir is a real folder, whatever its name).
  const cut = given.lastIndexOf(api.sep, wild) + 1;
  const dir = api.resolve(baseDir, given.slice(0, cut) || '.');
  const glob = given.slice(cut).split(api.sep).filter((s) => s !== '' && s !== '.').map(escapeSegment).join('/');
  return { pattern, dir, glob };
}

/**
 * The files a plan names on this machine, sorted. Matching ignores case where the file system does (Windows, macOS);
 * lock files and hidden files (.~lock.名单.xlsx#) are skipped.
 */
export function filesOf(plan: InputPlan, platform: NodeJS.Platform = process.platform): string[] {
  if (plan.glob === null) return fs.statSync(plan.pattern, { throwIfNoEntry: false })?.isFile() ? [plan.pattern] : [];
  const found = globSync(plan.glob, {
    cwd: plan.dir,
    onlyFiles: true,
    expandDirectories: false,
    caseSensitiveMatch: platform !== 'win32' && platform !== 'darwin',
    ignore: ['**/~$*'],
  });
  return found.map((f) => path.join(plan.dir, f)).sort();
}

/** Files matched by the input for the period, sorted; relative paths are taken from baseDir. */
export function expandInput(spec: InputSpec, period: string, baseDir: string): { pattern: string; files: string[] } {
  const plan = planInput(spec.path, period, baseDir);
  return { pattern: plan.pattern, files: filesOf(plan) };
}
