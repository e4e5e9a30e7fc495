// Cell → display text, shared by header detection and row classification.
import type { CellValue } from './types.js';

export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}
