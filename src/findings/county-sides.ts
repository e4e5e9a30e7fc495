// Several counties in one database (domain.md §10): a finding on a person with benefit rows in two counties becomes one
// finding per county side, each county verifying its own rows; death and external rows are evidence, never a side.
import { KIND_SHORT_NAMES, PERIOD_KINDS, type Kind, type SourceRow } from '../model/index.js';

export interface CountySide {
  county: string | null;
  /** The side's own rows and the evidence rows (death, ext). */
  rows: SourceRow[];
  /** The other sides' benefit rows (each of a known county), for the explanation (empty: not split). */
  elsewhere: SourceRow[];
}

const isSide = (r: SourceRow) => (PERIOD_KINDS as readonly Kind[]).includes(r.kind);

/** The county sides of a finding's rows: one (not split) unless benefit rows lie in two or more counties. */
export function countySides(rows: readonly SourceRow[]): CountySide[] {
  // A benefit row of no known county (loaded without a county) belongs to every side: it splits nothing.
  const counties = [...new Set(rows.filter(isSide).map((r) => r.county))].filter((c): c is string => c !== null);
  if (counties.length <= 1) return [{ county: counties[0] ?? rows.find((r) => r.county !== null)?.county ?? null, rows: [...rows], elsewhere: [] }];
  return counties
    .sort((a, b) => a.localeCompare(b, 'zh-CN'))
    .map((county) => ({
      county,
      rows: rows.filter((r) => !isSide(r) || r.county === county || r.county === null),
      elsewhere: rows.filter((r) => isSide(r) && r.county !== county && r.county !== null),
    }));
}

/** （跨县：…） what the other counties hold, for a split finding's explanation. */
export function crossCountyNote(side: CountySide): string {
  const by = new Map<string, SourceRow[]>();
  for (const r of side.elsewhere) {
    const c = r.county!;
    by.set(c, [...(by.get(c) ?? []), r]);
  }
  const parts = [...by].map(
    ([county, rs]) => `${county}：${rs.map((r) => `${KIND_SHORT_NAMES[r.kind]}名单 ${r.file_name}「${r.sheet}」第 ${r.row_no} 行`).join('、')}`,
  );
  return `（跨县：本人另在${parts.join('；')}；本表只核查本县的记录）`;
}
