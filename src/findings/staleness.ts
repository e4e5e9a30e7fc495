// Whether a period's findings still describe its rosters: the files a check read against the files loaded now.
import { rosterName, type CheckRecord, type LoadedFile } from '../model/index.js';

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

/** An earlier check as a later one may have been compared with it: its period and when it finished. */
export interface CheckMoment {
  period: string;
  finished_at: string;
}

/**
 * Whether a period's 新增/持续/已消除 still rest on the check it was compared with (domain.md §7), one Chinese sentence,
 * or null. `latest` is now the latest earlier check: an earlier month checked for the first time after this one,
 * or checked again (a roster replaced), leaves this month's comparison out of date.
 */
export function comparisonChange(check: Pick<CheckRecord, 'compared_with' | 'finished_at'>, latest: CheckMoment | null): string | null {
  if ((latest?.period ?? null) !== check.compared_with) {
    if (latest === null) return `当时对照的 ${check.compared_with} 已没有比对结果，新增/持续/已消除已不准确`;
    return `${latest.period} 是在本月比对之后才比对的，本月当时${check.compared_with ? `对照的是 ${check.compared_with}` : '没有可对照的月份'}，新增/持续/已消除已不准确`;
  }
  if (latest && latest.finished_at > check.finished_at) {
    return `对照月份 ${latest.period} 在本月比对之后重新比对过，新增/持续/已消除可能已不准确`;
  }
  return null;
}
