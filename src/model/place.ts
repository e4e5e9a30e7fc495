// Places: where a roster row, and so a finding, belongs. A row without a township belongs to 未知乡镇.

export const UNKNOWN_TOWNSHIP = '未知乡镇';

/** The township as a clerk reads it: its name, or 未知乡镇 when the rosters did not say. */
export function townshipName(t: string | null): string {
  return t ?? UNKNOWN_TOWNSHIP;
}
