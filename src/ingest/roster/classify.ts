// Tells data rows from blank separators, 小计/合计 rows and footers (填报人：… 审核人：… 盖章).
import { cellText } from '../formats/cell-text.js';
import type { ColumnMap } from './columns.js';
import type { RawRow } from '../formats/types.js';

export type RowKind = 'data' | 'blank' | 'subtotal' | 'footer';

const SUBTOTAL = /^(小计|合计|总计|共计|累计)/;
const FOOTER = /填报人|审核人|负责人|制表人|填表人|填报日期|制表日期|盖章|签字|签章/;
/** A character every SUBTOTAL or FOOTER word has: cells without one (nearly all) need no closer look. */
const MARKER = /[小合总共累填审负制盖签]/;

function personCellsEmpty(row: RawRow, cmap: ColumnMap): boolean {
  for (const m of cmap.members) {
    if (m.id !== null && cellText(row.cells[m.id]) !== '' && !FOOTER.test(cellText(row.cells[m.id]))) return false;
  }
  const cert = cmap.fields.get('cert_number');
  return cert === undefined || cellText(row.cells[cert]) === '';
}

export function classifyRow(row: RawRow, cmap: ColumnMap): RowKind {
  let any = false;
  let subtotal = false;
  let footer = false;
  for (const c of row.cells) {
    const t = cellText(c);
    if (t === '') continue;
    any = true;
    if (!MARKER.test(t)) continue;
    const compact = t.replace(/\s+/g, '');
    if (SUBTOTAL.test(compact)) subtotal = true;
    else if (FOOTER.test(compact)) footer = true;
  }
  if (!any) return 'blank';
  if ((subtotal || footer) && personCellsEmpty(row, cmap)) return subtotal ? 'subtotal' : 'footer';
  return 'data';
}
