// Guesses which roster kind a file holds from its headers (for `inspect` without --kind).
import { HEADER_FIELDS, KINDS, type Kind } from '../../model/index.js';
import { detectHeader, HEADER_SCAN_ROWS } from './header.js';
import type { OpenedFile, RawRow } from '../formats/types.js';

/** Fields that only one kind has, with the kind they point to. */
const TELLING: Map<string, Kind[]> = new Map(
  HEADER_FIELDS.filter((d) => d.kinds !== 'all').flatMap((d) => d.aliases.map((a) => [a, d.kinds as Kind[]] as const)),
);

export async function guessKind(file: OpenedFile): Promise<{ kind: Kind; reason: string }> {
  const score = new Map<Kind, number>(KINDS.map((k) => [k, 0]));
  const seen: string[] = [];
  for await (const sheet of file.sheets()) {
    const rows: RawRow[] = [];
    for await (const r of sheet.rows()) {
      rows.push(r);
      if (rows.length >= HEADER_SCAN_ROWS) break;
    }
    const header = detectHeader(rows, new Set(), new Set());
    if (!header) continue;
    for (const col of header.columns) {
      const kinds = col.candidates.map((c) => TELLING.get(c)).find(Boolean);
      if (!kinds) continue;
      seen.push(col.display);
      for (const k of kinds) score.set(k, score.get(k)! + 1 / kinds.length);
    }
  }
  const [best, n] = [...score].sort((a, b) => b[1] - a[1])[0]!;
  if (n === 0) return { kind: 'ext', reason: '表头中没有某类名单特有的列，按外部核对名单（ext）检查' };
  return { kind: best, reason: `根据表头 ${seen.slice(0, 6).join('、')} 判断` };
}
