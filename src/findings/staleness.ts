// Whether a period's findings still describe its rosters: the files a check read against the files loaded now.
import { rosterName, type LoadedFile } from '../model/index.js';

const key = (f: LoadedFile) => `${f.kind}|${f.period ?? ''}|${f.file}`;

/**
 * What changed in the rosters since the check, one Chinese line per file (empty: nothing). A check recorded before
 * load states were kept (null) cannot be judged and counts as current.
 */
export function rosterChanges(checked: readonly LoadedFile[] | null, now: readonly LoadedFile[]): string[] {
  if (checked === null) return [];
  const before = new Map(checked.map((f) => [key(f), f]));
  const after = new Map(now.map((f) => [key(f), f]));
  const out: string[] = [];
  for (const [k, f] of after) {
    const was = before.get(k);
    if (!was) out.push(`${rosterName(f.kind)} ${f.file} 是比对之后导入的`);
    else if (was.sha256 !== f.sha256) out.push(`${rosterName(f.kind)} ${f.file} 在比对之后被替换`);
  }
  for (const [k, f] of before) if (!after.has(k)) out.push(`${rosterName(f.kind)} ${f.file} 在比对之后已不在数据库中`);
  return out;
}
