// What a returned township workbook means, decided without touching the database: each row of its 疑点清单 checked
// against the manifest and the findings' places, giving the refusals (with row numbers and reasons) and the answers to
// store. The feedback job reads what this needs, calls it, and writes what it returns.
import { checkAnswer } from '../findings/answers.js';
import type { FeedbackTable } from '../ingest/feedback.js';
import { ANSWER_COLUMNS, isCurrent, townshipName, type AnswerField, type IncomingAnswer } from '../model/index.js';
import type { CellValue } from '../normalize/cell-value.js';
import { normalizeHeader } from '../normalize/header.js';
import { cellKey, changedColumns, columnHash, type Manifest, type ManifestRow } from '../report/manifest.js';
import { LIST_ID_HEADER } from '../report/township-workbook.js';
import type { FindingPlace } from '../store/findings.js';

export interface RowRefusal {
  sheet: string;
  row: number;
  finding_id: string | null;
  reason: string;
}

/** A whole file refused: the reason is the message shown. */
export class FileRefused extends Error {}

export interface ParsedRow {
  sheet: string;
  rowNo: number;
  id: string;
  locked: CellValue[];
  answer: Partial<Record<AnswerField, CellValue>>;
  dateText: string | undefined;
  /** Headers of the row's cells that hold a formula (an answer or a locked cell computed, not written). */
  formulas: string[];
}

export interface RowPlan {
  refusals: RowRefusal[];
  /** Valid answers, one per finding, in file order. */
  answers: IncomingAnswer[];
  /** Rows of the list left empty. */
  blank: number;
  /** Findings of the manifest not found in the file. */
  missing: number;
  notes: string[];
}

/** Where the answer came from, for the history. */
export interface AnswerSource {
  fileName: string;
  sha256: string;
}

function normId(v: CellValue | undefined): string {
  return cellKey(v ?? null).normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function lockedHashes(values: readonly CellValue[]): string {
  return values.map((v) => columnHash(v)).join(',');
}

/** The rows of the workbook's 疑点清单 tables: the id, the locked cells in manifest order, the answer cells. */
export function parseRows(tables: readonly FeedbackTable[], m: Manifest): ParsedRow[] {
  const out: ParsedRow[] = [];
  for (const t of tables) {
    const id = t.columns.get(normalizeHeader(LIST_ID_HEADER))!;
    const locked = m.columns.map((h) => {
      const i = t.columns.get(normalizeHeader(h));
      if (i === undefined) throw new FileRefused(`工作表「${t.sheet}」缺少灰色列「${h}」（被删除或改名）。请用原表重新填写`);
      return i;
    });
    const answers = ANSWER_COLUMNS.map((c) => ({ field: c.field, index: t.columns.get(normalizeHeader(c.header)) }));
    // A renamed or deleted answer column would read as empty and what the clerk wrote in it would be dropped unseen.
    const lost = ANSWER_COLUMNS.filter((_, k) => answers[k]!.index === undefined).map((c) => `「${c.header}」`).join('');
    if (lost) {
      throw new FileRefused(`工作表「${t.sheet}」第 ${t.headerRow} 行的表头缺少填写列${lost}（被删除或改名）。请把表头改回${lost}，或用原表重新填写，否则这一列填写的内容无法登记`);
    }
    const checked = [
      { header: LIST_ID_HEADER, index: id },
      ...m.columns.map((h, k) => ({ header: h, index: locked[k]! })),
      ...ANSWER_COLUMNS.flatMap((c, k) => (answers[k]!.index === undefined ? [] : [{ header: c.header, index: answers[k]!.index! }])),
    ];
    for (const r of t.rows) {
      const answer: Partial<Record<AnswerField, CellValue>> = {};
      let dateText: string | undefined;
      for (const a of answers) {
        if (a.index === undefined) continue;
        answer[a.field] = r.cells[a.index] ?? null;
        if (a.field === 'done_date') dateText = r.text?.[a.index];
      }
      const formulas = r.formulas ? checked.filter((c) => r.formulas![c.index]).map((c) => c.header) : [];
      out.push({ sheet: t.sheet, rowNo: r.rowNo, id: normId(r.cells[id]), locked: locked.map((i) => r.cells[i] ?? null), answer, dateText, formulas });
    }
  }
  return out;
}

/** Why a row whose id is not in this workbook's manifest does not belong here. */
function whyNotHere(id: string, m: Manifest, places: FindingPlace[] | undefined): string {
  const present = (places ?? []).filter(isCurrent);
  const here = present.find((p) => p.period === m.period);
  if (here) {
    // 城关镇 of one county is not 城关镇 of another: counties are named when both are known and differ.
    const otherCounty = here.county !== null && m.county !== '' && here.county !== m.county;
    if (here.township !== m.township || otherCounty) {
      const place = (county: string | null, township: string | null) => `${otherCounty && county ? `${county} ` : ''}${townshipName(township)}`;
      return `这条疑点属于「${place(here.county, here.township)}」，不属于本表（${place(m.county, m.township)}），不能在本表中答复`;
    }
    if (here.status === '已核实') return '这条疑点此前已核实为不属实，不在本表的疑点清单中，无需答复';
    return '这条疑点不在本表的疑点清单中（是否从别的表复制而来？）';
  }
  if (present.length) {
    return `这条疑点属于 ${[...new Set(present.map((p) => p.period))].join('、')} 的比对结果，不属于本表（${m.period}）`;
  }
  return `疑点编号「${id}」不存在（疑点编号被改动？）`;
}

/**
 * Checks every row: its id against the manifest (changed, deleted, copied from another workbook), its locked cells
 * against their hashes, its answer against the allowed values; a finding answered twice differently is refused as a
 * whole. `places` tells where the ids of the file occur in the database.
 */
export function planRows(rows: readonly ParsedRow[], m: Manifest, places: ReadonlyMap<string, FindingPlace[]>, source: AnswerSource): RowPlan {
  const refusals: RowRefusal[] = [];
  const byId = new Map<string, ManifestRow>(m.rows.map((r) => [r.finding_id, r]));
  /** Manifest ids a refusal already speaks for (a changed or deleted id): not also "missing". */
  const explained = new Set<string>();
  const refuse = (r: ParsedRow, reason: string, id: string | null = r.id || null) =>
    refusals.push({ sheet: r.sheet, row: r.rowNo, finding_id: id, reason });

  // Ids present in the file, to tell a changed id (its row's locked cells match a manifest row now missing) from a stray row.
  const seenIds = new Set(rows.map((r) => r.id).filter((id) => byId.has(id)));
  const missingByContent = new Map<string, string>();
  for (const mr of m.rows) if (!seenIds.has(mr.finding_id)) missingByContent.set(mr.hashes.join(','), mr.finding_id);

  const candidates: { r: ParsedRow; answer: IncomingAnswer }[] = [];
  const firstRow = new Map<string, { r: ParsedRow; values: string }>();
  let blank = 0;
  for (const r of rows) {
    const check = checkAnswer(r.answer, r.dateText);
    const lockedHash = lockedHashes(r.locked);
    if (r.id === '') {
      if (check.ok && check.blank) continue; // a note or footer row below the table
      const was = missingByContent.get(lockedHash);
      if (was) explained.add(was);
      refuse(r, was ? `疑点编号被删除（原为 ${was}）` : '疑点编号为空，无法对应到疑点。本表只能答复下发的疑点：自己添加的行请删除（新发现的情况请另行报告）；误删的疑点编号请从原表复制回来');
      continue;
    }
    if (r.formulas.length) {
      // A formula's value is not what the clerk wrote, and its cached result may be anything (domain.md §8).
      refuse(r, `单元格「${r.formulas.join('」「')}」是公式，不是填写的内容。请直接填写文字或日期（不要用公式），或用原表重新填写`);
      continue;
    }
    const mine = byId.get(r.id);
    if (!mine) {
      const was = missingByContent.get(lockedHash);
      if (was) explained.add(was);
      refuse(r, was ? `疑点编号被改动（原为 ${was}）` : whyNotHere(r.id, m, places.get(r.id)));
      continue;
    }
    const changed = changedColumns(m, mine, r.locked);
    if (changed.length) {
      refuse(r, `灰色（锁定）列被改动：${changed.join('、')}。这些列由系统生成，请改回原样或用原表重新填写`);
      continue;
    }
    if (!check.ok) {
      refuse(r, check.reasons.join('；'));
      continue;
    }
    const values = check.blank ? '' : JSON.stringify(check.values);
    const before = firstRow.get(r.id);
    if (before) {
      if (before.values !== values) refuse(r, `同一疑点在表中出现两次且填写不同（另见「${before.r.sheet}」第 ${before.r.rowNo} 行）`);
      continue;
    }
    firstRow.set(r.id, { r, values });
    if (check.blank) {
      blank++;
      continue;
    }
    const here = places.get(r.id)?.find((p) => p.period === m.period && isCurrent(p));
    if (!here) {
      refuse(r, `${m.period} 的比对结果中已没有这条疑点（重新比对过？），无法登记答复`);
      continue;
    }
    candidates.push({
      r,
      answer: {
        ...check.values,
        finding_id: r.id,
        period: m.period,
        township: m.township,
        detail_hash: here.detail_hash,
        source_file: source.fileName,
        source_sha256: source.sha256,
        source_sheet: r.sheet,
        source_row: r.rowNo,
      },
    });
  }
  // A candidate answered twice is refused as a whole (both rows), not half-taken.
  const refusedIds = new Set(refusals.map((x) => x.finding_id));
  const answers = candidates.filter((c) => !refusedIds.has(c.r.id)).map((c) => c.answer);
  const missing = m.rows.filter((mr) => !firstRow.has(mr.finding_id) && !refusedIds.has(mr.finding_id) && !explained.has(mr.finding_id)).length;
  const notes = missing ? [`本表下发的 ${m.rows.length} 条疑点中有 ${missing} 条在回收的表中找不到（行被删除？），视为未答复`] : [];
  return { refusals, answers, blank, missing, notes };
}

/**
 * A file named after another township than the one its manifest holds (a workbook sent under the wrong name, or
 * another township's table filled in): the answers belong to the findings they name, but the county should know.
 */
export function fileNameNote(fileName: string, m: Manifest, townships: readonly string[]): string | null {
  if (m.township === null || fileName.includes(m.township)) return null;
  const named = townships.filter((t) => t !== m.township && t !== '' && fileName.includes(t)).sort((a, b) => b.length - a.length)[0];
  if (!named) return null;
  return `文件名写的是「${named}」，表中却是「${m.township}」的疑点；已按「${m.township}」登记。请确认乡镇没有报错文件（或改用本乡镇的表）`;
}
