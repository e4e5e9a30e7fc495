// Writing constant lists into SQL: kind names and other fixed words, quoted as SQL string literals.

/** `'dibao', 'tekun'` for `kind IN (…)`; an empty list gives `''`, which matches nothing. */
export function sqlList(values: readonly string[]): string {
  return values.length ? values.map(sqlText).join(', ') : `''`;
}

export function sqlText(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
