// Turns rule hits into findings: person and place from the source rows, provenance, stable id, lifecycle and status.
import {
  EFFECTIVE_MEASURES, LIFECYCLE, STATUS, type AnswerRecord, type FindingRecord, type FindingStatus, type Kind, type SourceRow,
} from '../model/index.js';
import { ageOn, idPersonInfo } from '../normalize/id-number.js';
import { monthDiff, periodEnd } from '../normalize/month.js';
import { hitKey, type RuleRun } from '../rules/runner.js';
import type { RuleHit } from '../rules/types.js';
import { countySides, crossCountyNote, type CountySide } from './county-sides.js';
import { detailHash, findingId } from './finding-id.js';
import { estimateOf, monthlyAmount } from './money.js';

/** For a person on several rosters, the 民政 roster places them (domain.md §6). */
const PLACE_ORDER: readonly Kind[] = ['dibao', 'tekun', 'liangbu', 'canji', 'fangpin', 'ext', 'death'];

export interface AssembleInput {
  period: string;
  key: string; // the database's finding key (hex)
  runs: RuleRun[];
  rows: Map<number, SourceRow>;
  /** Hits that exist only through a linked row (rules/runner.ts). */
  viaLink: ReadonlySet<string>;
  previous: FindingRecord[]; // the latest earlier checked period's current findings
  answers: Map<string, AnswerRecord>; // latest answer per finding id given before this period
}

function rank(k: Kind): number {
  return PLACE_ORDER.indexOf(k);
}

export function statusFrom(f: Pick<FindingRecord, 'detail_hash'>, answer: AnswerRecord | undefined): { status: FindingStatus; note: string | null } {
  if (!answer) return { status: STATUS.pending, note: null };
  if (answer.result === '不属实') {
    if (answer.detail_hash === f.detail_hash) return { status: STATUS.verified, note: `${answer.period} 核查为不属实${answer.explanation ? `：${answer.explanation}` : ''}` };
    return { status: STATUS.pending, note: `${answer.period} 核查为不属实，但此后情况有变化，请重新核查` };
  }
  if (answer.result === '属实' && answer.measure && EFFECTIVE_MEASURES.has(answer.measure)) {
    return { status: STATUS.ineffective, note: `${answer.period} 核查属实，整改措施“${answer.measure}”${answer.done_date ? `（${answer.done_date}完成）` : ''}，本期仍出现` };
  }
  return { status: STATUS.pending, note: `${answer.period} 已答复：${[answer.result, answer.measure].filter(Boolean).join('，')}` };
}

/** 依据疑似录错的身份证号 … 关联，请先核对身份 (domain.md §11): the linked rows, where they are. */
function linkNote(src: readonly SourceRow[]): string {
  const linked = src.filter((r) => r.link_raw !== null);
  const where = linked.map((r) => `「${r.link_raw}」（${r.file_name}「${r.sheet}」第 ${r.row_no} 行）`).join('、');
  return `〔依据疑似录错的身份证号${where}关联，请先核对身份〕`;
}

/**
 * One finding from a hit's rows on one county side. `all` is every row of a hit split across counties (null when it
 * is not split): the split finding gets its own id (the county joins the key) and names the other counties' rows.
 */
function assembleOne(
  input: AssembleInput,
  run: RuleRun,
  hit: RuleHit,
  side: CountySide,
  all: readonly SourceRow[] | null,
  prev: ReadonlyMap<string, FindingRecord>,
  refDate: string,
  byPlace = false,
): FindingRecord {
  const src = side.rows;
  const place = src.find((r) => r.township !== null) ?? src[0];
  // The person is the one the ID names: a member's row must not lend its name to the 户主's finding.
  const own = hit.id_number ? src.filter((r) => r.id_number === hit.id_number) : src;
  const named = own.find((r) => r.name !== null);
  const kinds = [...new Set(src.map((r) => r.kind))];
  const key = byPlace
    ? `${hit.key ?? ''}|county:${side.county ?? ''}|township:${place?.township ?? ''}`
    : all
      ? `${hit.key ?? ''}|county:${side.county ?? ''}`
      : hit.key;
  const fid = findingId(input.key, run.rule.code, hit.id_number, key);
  // Sex and age always come from the ID itself (domain.md §3).
  const person = hit.id_number ? idPersonInfo(hit.id_number) : null;
  const viaLink = input.viaLink.has(hitKey(run.rule.code, hit));
  const detail = all ? { ...hit.detail, cross_county: [...new Set(side.elsewhere.map((r) => r.county!))].sort() } : hit.detail;
  // A link joins the substance: a finding verified as 不属实 before it depended on a link is looked at again.
  const dh = detailHash(viaLink ? { ...detail, via_link: true } : detail, kinds);
  const before = prev.get(fid);
  const monthsOpen = before ? monthDiff(input.period, before.first_seen) + 1 : 1;
  const estimate = estimateOf(src, hit.estimate, monthsOpen, all ?? undefined);
  let explanation = all ? `${hit.explanation}${crossCountyNote(side)}` : hit.explanation;
  if (viaLink) explanation = `${linkNote(all ?? src)}${explanation}`;
  const f: FindingRecord = {
    finding_id: fid,
    rule: run.rule.code,
    severity: run.rule.severity,
    period: input.period,
    id_number: hit.id_number,
    id_raw: hit.id_number ? null : (src[0]?.id_raw ?? null),
    name: named?.name ?? null,
    sex: person?.sex ?? null,
    age: person ? ageOn(person.birth_date, refDate) : null,
    township: place?.township ?? null,
    village: place?.village ?? null,
    kinds,
    sources: src.map((r) => ({ kind: r.kind, file: r.file_name, sheet: r.sheet, row: r.row_no })),
    explanation,
    detail,
    detail_hash: dh,
    lifecycle: before ? LIFECYCLE.persisting : LIFECYCLE.new,
    first_seen: before ? before.first_seen : input.period,
    months_open: monthsOpen,
    status: STATUS.pending,
    status_note: null,
    county: side.county,
    amount_monthly: monthlyAmount(src),
    amount_estimate: estimate.amount,
    estimate_months: estimate.amount === null ? null : estimate.months,
    via_link: viaLink,
  };
  const s = statusFrom(f, input.answers.get(fid));
  f.status = s.status;
  f.status_note = s.note;
  return f;
}

/**
 * The keys of a rule's hits that fall in two or more places (county, township) without being one split hit: a per-row
 * rule (id-invalid, id-typo-suspect, id-attr-mismatch) keys a row by kind, name and raw ID, and the same bad ID typed
 * in two townships' or two counties' rosters gives two hits of one key. Each place gets its own finding, the place
 * joining the key; a key seen in one place keeps the id it always had.
 */
function severalPlaces(run: RuleRun, sourceRows: (hit: RuleHit) => SourceRow[]): Set<string> {
  const placeNo = new Map<string, number>();
  const first = new Map<string, number>();
  const several = new Set<string>();
  for (const hit of run.hits) {
    // A hit without a key of its own is one per ID: the rule grouped its rows already.
    if (hit.key === undefined) continue;
    const sides = countySides(sourceRows(hit));
    if (sides.length !== 1) continue;
    const k = hitKey(run.rule.code, hit);
    const township = sides[0]!.rows.find((r) => r.township !== null)?.township ?? null;
    const place = JSON.stringify([sides[0]!.county, township]);
    let no = placeNo.get(place);
    if (no === undefined) placeNo.set(place, (no = placeNo.size));
    const was = first.get(k);
    if (was === undefined) first.set(k, no);
    else if (was !== no) several.add(k);
  }
  return several;
}

export function assembleFindings(input: AssembleInput): FindingRecord[] {
  const refDate = periodEnd(input.period);
  const prev = new Map(input.previous.map((f) => [f.finding_id, f]));
  const out: FindingRecord[] = [];
  const seen = new Set<string>();
  const sourceRows = (hit: RuleHit) => {
    const src = hit.row_ids.map((id) => input.rows.get(id)).filter((r): r is SourceRow => r !== undefined);
    return src.sort((a, b) => rank(a.kind) - rank(b.kind) || a.file_name.localeCompare(b.file_name) || a.row_no - b.row_no);
  };
  for (const run of input.runs) {
    if (run.state !== 'ran') continue;
    const several = severalPlaces(run, sourceRows);
    for (const hit of run.hits) {
      const src = sourceRows(hit);
      const sides = countySides(src);
      for (const side of sides) {
        const byPlace = sides.length === 1 && several.has(hitKey(run.rule.code, hit));
        const f = assembleOne(input, run, hit, side, sides.length > 1 ? src : null, prev, refDate, byPlace);
        if (seen.has(f.finding_id)) continue; // one finding per (rule, ID[, key][, county]) however many rows contribute
        seen.add(f.finding_id);
        out.push(f);
      }
    }
  }
  // Present last time, gone now: 已消除 — only for rules that actually ran (a skipped rule proves nothing).
  const ran = new Set(input.runs.filter((r) => r.state === 'ran').map((r) => r.rule.code));
  for (const p of input.previous) {
    if (seen.has(p.finding_id) || !ran.has(p.rule)) continue;
    out.push({ ...p, period: input.period, lifecycle: LIFECYCLE.resolved, status: STATUS.resolved, status_note: `上次出现于 ${p.period}`, months_open: p.months_open });
  }
  return out;
}
