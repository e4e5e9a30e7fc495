// Places: where a roster row, and so a finding, belongs: (county, township) (domain.md §10). A row without a township
// belongs to 未知乡镇; with several counties in one database, a row loaded without any county to 未知县.

export const UNKNOWN_TOWNSHIP = '未知乡镇';

/** The township as a clerk reads it: its name, or 未知乡镇 when the rosters did not say. */
export function townshipName(t: string | null): string {
  return t ?? UNKNOWN_TOWNSHIP;
}

export const UNKNOWN_COUNTY = '未知县';

/** The county as a clerk reads it: its name, or 未知县. */
export function countyName(c: string | null): string {
  return c ?? UNKNOWN_COUNTY;
}
