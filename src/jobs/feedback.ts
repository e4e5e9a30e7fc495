// The feedback job: imports filled township workbooks. Per file: read (workbook + manifest) → a pure plan (refusals and
// answers, feedback-plan.ts) → write the answers, only when every row is good or --partial; then the statuses of
// later checked periods that these answers change.
import { BiduiError, EXIT } from '../errors.js';
import { checkpoint } from '../interrupt.js';
import { statusFrom } from '../findings/assemble.js';
import { planAnswer, type AnswerPlan } from '../findings/answers.js';
import { readFeedbackWorkbook } from '../ingest/feedback.js';
import { ANSWER_COLUMNS, townshipName } from '../model/index.js';
import { MANIFEST_MARK, manifestIntact, parseManifest } from '../report/manifest.js';
import { LIST_ID_HEADER, SHEETS } from '../report/township-workbook.js';
import { answerHistory, answersBefore, insertAnswer, linkSuperseded } from '../store/answers.js';
import { metaValue, type Db } from '../store/db.js';
import { checkedPeriodsAfter, findingPlaces, findingsOf, getCheck, placesOf, updateStatuses } from '../store/findings.js';
import { FileRefused, fileNameNote, parseRows, planRows, type RowRefusal } from './feedback-plan.js';

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

export interface FeedbackOptions {
  partial: boolean;
  now?: Date;
  /** Ctrl-C: stops before the next file's answers are written. */
  signal?: AbortSignal;
}

const REQUIRED_HEADERS = [LIST_ID_HEADER, ANSWER_COLUMNS[0].header];

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

export async function importFeedbackFile(db: Db, file: string, opts: FeedbackOptions): Promise<FileResult> {
  const res = emptyResult(file);
  try {
    // Read.
    const wb = await readFeedbackWorkbook(file, { required: REQUIRED_HEADERS, manifestMark: MANIFEST_MARK });
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
    const misnamed = fileNameNote(wb.fileName, m, placesOf(db, m.period).map((p) => p.township ?? ''));
    const rows = parseRows(wb.tables, m);
    const places = findingPlaces(db, [...new Set([...rows.map((r) => r.id).filter(Boolean), ...m.rows.map((r) => r.finding_id)])]);

    // Plan.
    const plan = planRows(rows, m, places, { fileName: wb.fileName, sha256: wb.sha256 });
    res.refusals = plan.refusals;
    res.refused = plan.refusals.length;
    res.blank = plan.blank;
    res.missing = plan.missing;
    res.notes.push(...plan.notes);
    if (res.refused && !opts.partial) {
      res.pending = plan.answers.length;
      return res;
    }
    const history = answerHistory(db, plan.answers.map((a) => a.finding_id));
    const plans: AnswerPlan[] = plan.answers.map((a) => planAnswer(a, history.get(a.finding_id) ?? []));

    // Write.
    await checkpoint(opts.signal);
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
    if (misnamed) res.notes.push(misnamed);
    res.imported = true;
    return res;
  } catch (e) {
    if (e instanceof BiduiError && e.exitCode === EXIT.interrupted) throw e;
    if (e instanceof FileRefused || e instanceof BiduiError) {
      res.error = e.message;
      return res;
    }
    throw e;
  }
}

export async function importFeedback(db: Db, files: readonly string[], opts: FeedbackOptions): Promise<FeedbackSummary> {
  const results: FileResult[] = [];
  for (const f of files) results.push(await importFeedbackFile(db, f, opts));
  const by = new Map<string, TownshipCount>();
  /** Townships whose 未填写 comes from an imported file (a later refused copy does not replace it). */
  const blankImported = new Set<string>();
  for (const r of results) {
    if (r.period === null) continue;
    const k = `${r.period}|${townshipName(r.township)}`;
    const t = by.get(k) ?? { period: r.period, township: townshipName(r.township), accepted: 0, refused: 0, unchanged: 0, pending: 0, blank: 0 };
    t.accepted += r.accepted;
    t.refused += r.refused;
    t.unchanged += r.unchanged;
    t.pending += r.pending;
    // Rows left empty are a state of the township's workbook, not events: the last imported copy's count, not a sum
    // (a refused file and its corrected copy, or the same file given twice, would count every empty row twice).
    if (r.imported || !blankImported.has(k)) t.blank = r.blank;
    if (r.imported) blankImported.add(k);
    by.set(k, t);
  }
  return { files: results, townships: [...by.values()] };
}
