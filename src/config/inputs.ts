// Expands a configured input (path with {period} placeholders and * ? wildcards) into the files it names.
import fs from 'node:fs';
import path from 'node:path';
import type { InputSpec } from './config.js';

export function fillPeriod(pattern: string, period: string): string {
  const [y, m] = period.split('-') as [string, string];
  return pattern.replaceAll('{period}', period).replaceAll('{yyyymm}', y + m).replaceAll('{yyyy}', y).replaceAll('{mm}', m);
}

function segmentRegex(seg: string): RegExp {
  const body = seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Files matched by the input for the period, sorted; relative paths are taken from baseDir. */
export function expandInput(spec: InputSpec, period: string, baseDir: string): { pattern: string; files: string[] } {
  const pattern = path.resolve(baseDir, fillPeriod(spec.path, period));
  if (!/[*?]/.test(pattern)) return { pattern, files: fs.existsSync(pattern) ? [pattern] : [] };
  const root = path.parse(pattern).root;
  let current = [root];
  for (const seg of pattern.slice(root.length).split(path.sep).filter(Boolean)) {
    const next: string[] = [];
    for (const dir of current) {
      if (!/[*?]/.test(seg)) {
        const p = path.join(dir, seg);
        if (fs.existsSync(p)) next.push(p);
        continue;
      }
      let names: string[] = [];
      try {
        names = fs.readdirSync(dir);
      } catch {
        continue;
      }
      const re = segmentRegex(seg);
      for (const n of names) if (re.test(n) && !n.startsWith('~$')) next.push(path.join(dir, n));
    }
    current = next;
  }
  return { pattern, files: current.filter((f) => fs.statSync(f).isFile()).sort() };
}
