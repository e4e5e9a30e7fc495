// Plain-text tables that line up with Chinese characters (two columns wide each) in a terminal.

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000) ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number, right: boolean): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? gap + s : s + gap;
}

/** Columns whose header starts with '#' are right-aligned numbers (the '#' is not shown). */
export function renderTable(headers: string[], rows: (string | number)[][]): string {
  const right = headers.map((h) => h.startsWith('#'));
  const heads = headers.map((h) => (h.startsWith('#') ? h.slice(1) : h));
  const cells = rows.map((r) => r.map((c) => String(c)));
  const widths = heads.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i]!, right[i]!)).join('  ').trimEnd();
  return [line(heads), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
