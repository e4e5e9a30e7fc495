// Which county a row belongs to (domain.md §10): its 县区 column, else the county the load was given. A column holding
// only a division code (410121), or the given county's name with the province and city in front (河南省郑州市某县),
// names that same county: the given name is kept, so that one county's files never split into two.

const DIVISION_CODE = /^\d{6}$/;

export function countyOf(column: string | null, given: string | null): string | null {
  if (column === null) return given;
  if (given === null) return column;
  if (DIVISION_CODE.test(column) || column.endsWith(given)) return given;
  return column;
}
