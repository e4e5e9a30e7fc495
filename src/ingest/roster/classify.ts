// Tells data rows from what is not a person: blank separators (merged copies alone make no row), totals wherever
// their label sits (小计, 合计, 总计：73人, 东街社区小计, 本页小计, an Excel table's totals row), footers
// (填报人：… 审核人：… 盖章) and titles between pasted blocks. A row holding an ID-like value in a person column is
// always data: a count or sum in the ID, name or amount column never makes a person, and no person is ever dropped
// because of a word in another cell.
import type { ColumnMap } from './columns.js';
import type { RawRow } from '../formats/types.js';

export type RowKind = 'data' | 'blank' | 'subtotal' | 'footer' | 'title';

/** A totals label at the start of a cell: 小计, 合计, 本页小计, 全村合计, 总计：73人 … */
const TOTAL_START = /^(?:本页|本表|本村|本社区|本乡|本镇|本乡镇|本街道|全村|全乡|全镇|全县|全部|各村|总)?(?:小计|合计|总计|共计|累计|汇总|总和|总数|总人数)/;
/** … or at the end: 东街社区小计, 东关村合计, 城关镇汇总：120人. */
const TOTAL_END = /(?:小计|合计|总计|汇总)(?:[:：]?[\d,.]*(?:人|户|元|个|条|名)?)?$/;
/** 共 73 人, 共计12户. */
const TOTAL_COUNT = /^共计?[\d,.]+(?:人|户|元|名)/;
const FOOTER = /填报人|审核人|负责人|制表人|填表人|填报日期|制表日期|盖章|签字|签章|审批人|经办人[:：]/;
/** Words of a roster's title, 填报单位 or date line (a title between pasted blocks). */
const TITLE = /花名册|名册|名单|明细|统计表|汇总表|一览表|台账|清册|情况表|登记表|信息表|审批表|发放表|公示|年度|\d+月份?|[一二三四五六七八九十]+月|填报单位|填表单位|单位[:：]|日期[:：]|制表|第.{1,3}页/;
/** A character every TOTAL_*, FOOTER or TITLE word has: cells without one (nearly all) need no closer look. */
const MARKER = /[小合总共累汇计填审负制盖签批经名册明统一台清情登信发公年月单日第页]/;
/** An ID-like value: 15+ ID characters in a row, or a masked ID (410522********1234). */
const ID_LIKE = /[0-9Xx]{15,}|[0-9]{6}[*＊]{4,}/;

const SPACES = /\s+/g;

/** Whether a cell holds something a person's ID could be (a count or a sum cannot). Runs on every row: no copies. */
function idLike(v: RawRow['cells'][number] | undefined): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'number') return v >= 1e14;
  if (typeof v !== 'string' || v.length < 10) return false;
  if (ID_LIKE.test(v)) return true;
  return v.indexOf(' ') >= 0 || v.indexOf('\u3000') >= 0 ? ID_LIKE.test(v.replace(SPACES, '')) : false;
}

/** A person's name as rosters write it: two to five Han characters (with a middle dot for minority names). */
const NAME = /^[\u3400-\u9fff][\u3400-\u9fff·•]{1,5}$/u;

/** Whether a person column of the row holds an ID (or 残疾人证号). */
export function holdsPersonId(row: RawRow, cmap: ColumnMap): boolean {
  for (const m of cmap.members) if (m.id !== null && idLike(row.cells[m.id])) return true;
  const cert = cmap.fields.get('cert_number');
  return cert !== undefined && idLike(row.cells[cert]);
}

/** Whether the name column holds what reads as a person's name (not a label such as 合计). */
function holdsName(row: RawRow, cmap: ColumnMap, labels: Set<string> | undefined): boolean {
  const i = cmap.members[0]?.name;
  if (i === null || i === undefined) return false;
  const v = row.cells[i];
  if (typeof v !== 'string') return false;
  const t = v.trim();
  return NAME.test(t) && !labels?.has(t);
}

/**
 * What the row is. `hasPersonId`: holdsPersonId(row, cmap), when the caller already knows it. Runs on every row, so
 * the usual data row (an ID of its own in its ID column) is decided at once.
 */
export function classifyRow(row: RawRow, cmap: ColumnMap, hasPersonId = holdsPersonId(row, cmap)): RowKind {
  // The usual row: an ID of its own in a person column.
  if (hasPersonId && row.merged === undefined) return 'data';
  let own = 0;
  let strings = 0;
  let formulas = false;
  /** Texts that are labels (totals, footer or title words): a name cell holding one of them is not a name. */
  let labels: Set<string> | undefined;
  let total = false;
  let footer = false;
  let title = false;
  const merged = row.merged;
  for (let i = 0; i < row.cells.length; i++) {
    const c = row.cells[i];
    if (c === null || c === undefined) continue;
    // Text of spaces only is empty (checked only when it starts with a space, so nearly never).
    if (typeof c === 'string' && (c.length === 0 || (isSpace(c.charCodeAt(0)) && c.trim() === ''))) continue;
    if (merged?.[i] !== true) own++;
    if (row.formulas?.[i]) formulas = true;
    if (typeof c !== 'string') continue;
    strings++;
    if (!MARKER.test(c)) continue;
    const t = c.trim();
    const compact = t.replace(SPACES, '');
    if (TOTAL_START.test(compact) || TOTAL_END.test(compact) || TOTAL_COUNT.test(compact)) total = true;
    else if (FOOTER.test(compact)) footer = true;
    else if (TITLE.test(compact)) title = true;
    else continue;
    (labels ??= new Set()).add(t);
  }
  // Only copies of merged cells above it (乡镇 merged down over an empty separator row): nothing of its own.
  if (own === 0) return 'blank';
  if (hasPersonId) return 'data';
  if (holdsName(row, cmap, labels)) return 'data';
  if (total || row.tableTotals) return 'subtotal';
  if (footer) return 'footer';
  // Sums without a label (formulas, no text at all).
  if (strings === 0 && formulas) return 'subtotal';
  // A title has one or two texts (title, date) and nothing else.
  if (title && own <= 3 && distinctTexts(row) <= 2) return 'title';
  return 'data';
}

function isSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0x3000 || code === 0xfeff;
}

function distinctTexts(row: RawRow): number {
  const texts = new Set<string>();
  for (const c of row.cells) if (typeof c === 'string' && c.trim() !== '') texts.add(c.trim());
  return texts.size;
}
