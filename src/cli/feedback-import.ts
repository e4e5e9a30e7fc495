// Importing filled township workbooks: each row checked against the manifest; refusals with row numbers and reasons;
// the answers stored only when all is well or --partial (the core of `bidui feedback`).
import path from 'node:path';
import { BiduiError } from '../errors.js';
import { ANSWER_COLUMNS, checkAnswer, planAnswer, type AnswerField, type AnswerPlan, type IncomingAnswer } from '../findings/answers.js';
import { statusFrom } from '../findings/assemble.js';
import { readFeedbackWorkbook, type FeedbackTable } from '../ingest/read-feedback.js';
import type { CellValue } from '../normalize/cell-value.js';
import { normalizeHeader } from '../normalize/header.js';
import { cellKey, changedColumns, columnHash, MANIFEST_MARK, manifestIntact, parseManifest, type Manifest, type ManifestRow } from '../report/manifest.js';
import { townshipName } from '../report/model.js';
import { LIST_ID_HEADER, SHEETS } from '../report/township-workbook.js';
import {
  answerHistory, checkedPeriodsAfter, findingPlaces, insertAnswer, linkSuperseded, updateStatuses, type FindingPlace,
} from '../store/answers.js';
import { metaValue, type Db } from '../store/db.js';
import { answersBefore, findingsOf, getCheck } from '../store/findings.js';

export interface RowRefusal {
  sheet: string;
  row: number;
  finding_id: string | null;
  reason: string;
}

export interface FileResult {
  file: string;
  sha256: string | null;
  period: string | null;
  township: string | null;
  /** Answers were stored (false: a file-level problem, or refused rows without --partial). */
  imported: boolean;
  /** Why the whole file was refused. */
  error: string | null;
  /** New answers stored (archived late answers included). */
  accepted: number;
  refused: number;
  /** Same answer as already stored. */
  unchanged: number;
  /** Valid answers not stored because other rows were refused and --partial was not given. */
  pending: number;
  /** Rows of the list left empty. */
  blank: number;
  /** Findings of the manifest not found in the file. */
  missing: number;
  refusals: RowRefusal[];
  notes: string[];
}

export interface TownshipCount {
  period: string;
  township: string;
  accepted: number;
  refused: number;
  unchanged: number;
  pending: number;
  blank: number;
}

export interface FeedbackSummary {
  files: FileResult[];
  townships: TownshipCount[];
}

const REQUIRED_HEADERS = [LIST_ID_HEADER, ANSWER_COLUMNS[0].header];

class FileRefused extends Error {}

interface ParsedRow {
  table: FeedbackTable;
  rowNo: number;
  id: string;
  locked: CellValue[];
  answer: Partial<Record<AnswerField, CellValue>>;
  dateText: string | undefined;
}

function normId(v: CellValue | undefined): string {
  return cellKey(v ?? null).normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function columnIndexes(table: FeedbackTable, m: Manifest) {
  const id = table.columns.get(normalizeHeader(LIST_ID_HEADER))!;
  const locked = m.columns.map((h) => {
    const i = table.columns.get(normalizeHeader(h));
    if (i === undefined) throw new FileRefused(`工作表「${table.sheet}」缺少灰色列「${h}」（被删除或改名）。请用原表重新填写`);
    return i;
  });
  const answers = ANSWER_COLUMNS.map((c) => ({ field: c.field, index: table.columns.get(normalizeHeader(c.header)) }));
  return { id, locked, answers };
}

function parseRows(tables: FeedbackTable[], m: Manifest): ParsedRow[] {
  const out: ParsedRow[] = [];
  for (const t of tables) {
    const ix = columnIndexes(t, m);
    for (const r of t.rows) {
      const answer: Partial<Record<AnswerField, CellValue>> = {};
      let dateText: string | undefined;
      for (const a of ix.answers) {
        if (a.index === undefined) continue;
        answer[a.field] = r.cells[a.index] ?? null;
        if (a.field === 'done_date') dateText = r.text[a.index];
      }
      out.push({ table: t, rowNo: r.rowNo, id: normId(r.cells[ix.id]), locked: ix.locked.map((i) => r.cells[i] ?? null), answer, dateText });
    }
  }
  return out;
}

/** Why a row whose id is not in this workbook's manifest does not belong here. */
function whyNotHere(id: string, m: Manifest, places: FindingPlace[] | undefined): string {
  const present = (places ?? []).filter((p) => p.lifecycle !== '已消除');
  const here = present.find((p) => p.period === m.period);
  if (here) {
    if (here.township !== m.township) return `这条疑点属于「${townshipName(here.township)}」，不属于本表（${townshipName(m.township)}），不能在本表中答复`;
    if (here.status === '已核实') return '这条疑点此前已核实为不属实，不在本表的疑点清单中，无需答复';
    return '这条疑点不在本表的疑点清单中（是否从别的表复制而来？）';
  }
  if (present.length) {
    return `这条疑点属于 ${[...new Set(present.map((p) => p.period))].join('、')} 的比对结果，不属于本表（${m.period}）`;
  }
  return `疑点编号「${id}」不存在（疑点编号被改动？）`;
}

function emptyResult(file: string): FileResult {
  return { file, sha256: null, period: null, township: null, imported: false, error: null, accepted: 0, refused: 0, unchanged: 0, pending: 0, blank: 0, missing: 0, refusals: [], notes: [] };
}

/** Re-derives the statuses of later checked periods that these new answers change (domain.md §7). */
function refreshLaterStatuses(db: Db, period: string, ids: Set<string>): string[] {
  const notes: string[] = [];
  for (const q of checkedPeriodsAfter(db, period)) {
    const answers = answersBefore(db, q);
    const updates = findingsOf(db, q, { current: true })
      .filter((f) => ids.has(f.finding_id))
      .map((f) => ({ f, s: statusFrom(f, answers.get(f.finding_id)) }))
      .filter(({ f, s }) => s.status !== f.status || s.note !== f.status_note)
      .map(({ f, s }) => ({ finding_id: f.finding_id, status: s.status, status_note: s.note }));
    const n = updateStatuses(db, q, updates);
    if (n) notes.push(`已更新 ${q} 比对结果中 ${n} 条疑点的状态`);
  }
  return notes;
}

export function importFeedbackFile(db: Db, file: string, opts: { partial: boolean; now?: Date }): FileResult {
  const res = emptyResult(file);
  try {
    const wb = readFeedbackWorkbook(file, { required: REQUIRED_HEADERS, manifestMark: MANIFEST_MARK });
    res.sha256 = wb.sha256;
    if (!wb.manifest) throw new FileRefused('找不到隐藏的校验页，不是 bidui report 生成的核查表，或校验页已被删除。请用下发的原表填写');
    const m = parseManifest(wb.manifest);
    if (!m) throw new FileRefused('隐藏的校验页不完整或已损坏。请用下发的原表填写');
    res.period = m.period;
    res.township = m.township;
    if (!manifestIntact(metaValue(db, 'finding_key')!, m)) {
      throw new FileRefused('隐藏的校验页与本数据库不符或已被改动（这份表是用别的数据库生成的吗？）');
    }
    if (!getCheck(db, m.period)) throw new FileRefused(`数据库中没有 ${m.period} 的比对结果（用错了数据库？）`);
    if (wb.tables.length === 0) {
      throw new FileRefused(`找不到“${SHEETS.list}”表格：没有一个工作表的表头同时含有“${REQUIRED_HEADERS.join('”和“')}”。请不要修改表头`);
    }
    const rows = parseRows(wb.tables, m);
    const byId = new Map<string, ManifestRow>(m.rows.map((r) => [r.finding_id, r]));
    /** Manifest ids a refusal already speaks for (a changed or deleted id): not also "missing". */
    const explained = new Set<string>();
    const refuse = (r: ParsedRow, reason: string, id: string | null = r.id || null) =>
      res.refusals.push({ sheet: r.table.sheet, row: r.rowNo, finding_id: id, reason });

    // Ids present in the file, to tell a changed id (its row's locked cells match a manifest row now missing) from a stray row.
    const seenIds = new Set(rows.map((r) => r.id).filter((id) => byId.has(id)));
    const missingByContent = new Map<string, string>();
    for (const mr of m.rows) if (!seenIds.has(mr.finding_id)) missingByContent.set(mr.hashes.join(','), mr.finding_id);
    const strays = rows.filter((r) => r.id !== '' && !byId.has(r.id)).map((r) => r.id);
    const places = findingPlaces(db, [...new Set([...strays, ...m.rows.map((r) => r.finding_id)])]);

    const candidates: { r: ParsedRow; answer: IncomingAnswer }[] = [];
    const firstRow = new Map<string, { r: ParsedRow; values: string }>();
    for (const r of rows) {
      const check = checkAnswer(r.answer, r.dateText);
      const lockedHash = lockedHashes(r.locked);
      if (r.id === '') {
        if (check.ok && check.blank) continue; // a note or footer row below the table
        const was = missingByContent.get(lockedHash);
        if (was) explained.add(was);
        refuse(r, was ? `疑点编号被删除（原为 ${was}）` : '疑点编号为空，无法对应到疑点');
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
        if (before.values !== values) refuse(r, `同一疑点在表中出现两次且填写不同（另见「${before.r.table.sheet}」第 ${before.r.rowNo} 行）`);
        continue;
      }
      firstRow.set(r.id, { r, values });
      if (check.blank) {
        res.blank++;
        continue;
      }
      const here = places.get(r.id)?.find((p) => p.period === m.period && p.lifecycle !== '已消除');
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
          source_file: path.basename(file),
          source_sha256: wb.sha256,
          source_sheet: r.table.sheet,
          source_row: r.rowNo,
        },
      });
    }
    // A candidate answered twice is refused as a whole (both rows), not half-taken.
    const refusedIds = new Set(res.refusals.map((x) => x.finding_id));
    const good = candidates.filter((c) => !refusedIds.has(c.r.id));
    res.missing = m.rows.filter((mr) => !firstRow.has(mr.finding_id) && !refusedIds.has(mr.finding_id) && !explained.has(mr.finding_id)).length;
    if (res.missing) res.notes.push(`本表下发的 ${m.rows.length} 条疑点中有 ${res.missing} 条在回收的表中找不到（行被删除？），视为未答复`);
    res.refused = res.refusals.length;
    if (res.refused && !opts.partial) {
      res.pending = good.length;
      return res;
    }
    const history = answerHistory(db, good.map((c) => c.r.id));
    const plans: AnswerPlan[] = good.map((c) => planAnswer(c.answer, history.get(c.r.id) ?? []));
    const importedAt = (opts.now ?? new Date()).toISOString();
    db.transaction(() => {
      for (const p of plans) {
        if (p.action === 'unchanged') {
          res.unchanged++;
        } else if (p.action === 'archive') {
          insertAnswer(db, p.answer, importedAt, p.supersededBy);
          res.accepted++;
        } else {
          const id = insertAnswer(db, p.answer, importedAt);
          if (p.supersedes !== null) linkSuperseded(db, p.supersedes, id);
          res.accepted++;
        }
      }
      const changedIds = new Set(plans.filter((p) => p.action === 'insert').map((p) => p.answer.finding_id));
      if (changedIds.size) res.notes.push(...refreshLaterStatuses(db, m.period, changedIds));
    })();
    const archived = plans.filter((p) => p.action === 'archive').length;
    if (archived) res.notes.push(`${archived} 条答复比已登记的更新月份的答复旧，仅存入历史`);
    res.imported = true;
    return res;
  } catch (e) {
    if (e instanceof FileRefused) {
      res.error = e.message;
      return res;
    }
    if (e instanceof BiduiError) {
      res.error = e.message;
      return res;
    }
    throw e;
  }
}

function lockedHashes(values: readonly CellValue[]): string {
  return values.map((v) => columnHash(v)).join(',');
}

export function importFeedback(db: Db, files: readonly string[], opts: { partial: boolean; now?: Date }): FeedbackSummary {
  const results = files.map((f) => importFeedbackFile(db, f, opts));
  const by = new Map<string, TownshipCount>();
  for (const r of results) {
    if (r.period === null) continue;
    const k = `${r.period}|${townshipName(r.township)}`;
    const t = by.get(k) ?? { period: r.period, township: townshipName(r.township), accepted: 0, refused: 0, unchanged: 0, pending: 0, blank: 0 };
    t.accepted += r.accepted;
    t.refused += r.refused;
    t.unchanged += r.unchanged;
    t.pending += r.pending;
    t.blank += r.blank;
    by.set(k, t);
  }
  return { files: results, townships: [...by.values()] };
}

