// Runs the enabled rules for a period over the workset, reporting skipped and disabled rules by name and reason.
// Before the rules, the candidates for unusable IDs are found and (when id-typo-suspect runs) single candidates
// linked; after them, the findings that exist only through a link are told apart by running the rules once more on
// the linked persons' rows without the links.
import { checkpoint } from '../interrupt.js';
import type { Kind, SourceRow } from '../model/index.js';
import { periodEnd } from '../normalize/month.js';
import type { Db } from '../store/db.js';
import { kindsPresent, mappedFields } from '../store/imports.js';
import { ID_TYPO_RULE } from './id-typo-suspect.js';
import { applyLinks, dropTypoCandidates, findTypoCandidates } from './links.js';
import type { ResolvedRule } from './params.js';
import type { Params, Rule, RuleContext, RuleHit } from './types.js';
import { prepareWorkset, worksetRows } from './workset.js';

export interface RuleRun {
  rule: Rule;
  params: Params;
  state: 'ran' | 'skipped' | 'disabled';
  reason?: string;
  hits: RuleHit[];
  ms: number;
}

export interface RulesResult {
  runs: RuleRun[];
  /** Every row a hit names, from the snapshot the rules read (links applied). */
  rows: Map<number, SourceRow>;
  /** Hits (by hitKey) that exist only because a linked row took part under its candidate ID. */
  viaLink: Set<string>;
}

/** Rules whose findings are about the IDs themselves: links never make or unmake them. */
const ID_RULES = new Set(['id-invalid', 'id-name-mismatch', 'id-attr-mismatch', ID_TYPO_RULE]);

/** One finding's identity within a check: rule, person and extra key. */
export function hitKey(rule: string, hit: Pick<RuleHit, 'id_number' | 'key'>): string {
  return `${rule}|${hit.id_number ?? ''}|${hit.key ?? ''}`;
}

/** Runs the rules one after another; between two rules a Ctrl-C (signal) stops the check. */
export async function runRules(db: Db, period: string, rules: readonly ResolvedRule[], signal?: AbortSignal): Promise<RulesResult> {
  const present = kindsPresent(db, period);
  const columns = mappedFields(db, period);
  const drop = prepareWorkset(db, period);
  try {
    findTypoCandidates(db, periodEnd(period));
    const typo = rules.find((r) => r.rule.code === ID_TYPO_RULE);
    const linked = typo?.enabled ? applyLinks(db) : [];
    const runs: RuleRun[] = [];
    for (const { rule, enabled, params } of rules) {
      await checkpoint(signal);
      runs.push(runRule(db, period, rule, enabled, params, present, columns));
    }
    const rows = worksetRows(db, [...new Set(runs.flatMap((r) => r.hits.flatMap((h) => h.row_ids)))]);
    const viaLink = linked.length ? await withoutLinks(db, period, runs, linked, present, columns, signal) : new Set<string>();
    return { runs, rows, viaLink };
  } finally {
    dropTypoCandidates(db);
    drop();
  }
}

/**
 * The hits that need a link: those naming a linked row that the same rules do not give on the linked persons' rows
 * (and their households' and cases') with the links undone. The rules run again on that small neighbourhood only.
 */
async function withoutLinks(
  db: Db,
  period: string,
  runs: readonly RuleRun[],
  linked: readonly number[],
  present: Set<Kind>,
  columns: Map<Kind, Set<string>>,
  signal: AbortSignal | undefined,
): Promise<Set<string>> {
  const linkedSet = new Set(linked);
  const onLinked = (r: RuleRun) => (ID_RULES.has(r.rule.code) ? [] : r.hits.filter((h) => h.row_ids.some((id) => linkedSet.has(id))).map((h) => hitKey(r.rule.code, h)));
  const suspectRuns = runs.map((run) => ({ run, keys: onLinked(run) })).filter((s) => s.keys.length > 0);
  const suspects = suspectRuns.flatMap((s) => s.keys);
  if (suspects.length === 0) return new Set();
  db.exec(`ALTER TABLE temp.cur RENAME TO cur_linked`);
  try {
    // A household or case is one roster's (防返贫's, 低保's): its rows are found within that roster's range of the
    // (kind, ID) index, and a person's rows on the ID index — the whole snapshot is not scanned.
    db.prepare(
      `CREATE TEMP TABLE cur AS
         WITH l AS MATERIALIZED (SELECT * FROM cur_linked WHERE id IN (SELECT value FROM json_each(?))),
         near AS (
           SELECT c.id FROM l CROSS JOIN cur_linked c INDEXED BY cur_id ON c.id_number = l.id_number
           UNION SELECT c.id FROM cur_linked c INDEXED BY cur_kind_id
                  WHERE c.kind IN (SELECT kind FROM l WHERE household_id IS NOT NULL)
                    AND c.household_id IN (SELECT household_id FROM l WHERE household_id IS NOT NULL)
           UNION SELECT c.id FROM cur_linked c INDEXED BY cur_kind_id
                  WHERE c.kind IN (SELECT kind FROM l WHERE case_id IS NOT NULL)
                    AND c.case_id IN (SELECT case_id FROM l WHERE case_id IS NOT NULL)
         )
         SELECT c.* FROM near CROSS JOIN cur_linked c ON c.id = near.id`,
    ).run(JSON.stringify(linked));
    db.exec(`UPDATE cur SET id_number = NULL, sex = NULL, birth_date = NULL, linked = 0 WHERE linked = 1;
      CREATE INDEX temp.cur_sub_kind_id ON cur(kind, id_number, active); CREATE INDEX temp.cur_sub_id ON cur(id_number, linked, name);
      CREATE UNIQUE INDEX temp.cur_sub_row ON cur(id);`);
    // Only the rules with a hit on a linked row run again: the others have nothing a link could have made.
    const still = new Set<string>();
    for (const { run: r } of suspectRuns) {
      await checkpoint(signal);
      for (const h of runRule(db, period, r.rule, true, r.params, present, columns).hits) still.add(hitKey(r.rule.code, h));
    }
    return new Set(suspects.filter((k) => !still.has(k)));
  } finally {
    db.exec(`DROP TABLE IF EXISTS temp.cur; ALTER TABLE temp.cur_linked RENAME TO cur`);
  }
}

function runRule(
  db: Db,
  period: string,
  rule: Rule,
  enabled: boolean,
  params: Params,
  present: Set<Kind>,
  columns: Map<Kind, Set<string>>,
): RuleRun {
  if (!enabled) return { rule, params, state: 'disabled', reason: '配置中已停用', hits: [], ms: 0 };
  const ctx: RuleContext = {
    db,
    period,
    refDate: periodEnd(period),
    params,
    has: (k: Kind) => present.has(k),
    hasColumn: (k: Kind, f: string) => columns.get(k)?.has(f) ?? false,
  };
  const reason = rule.skipReason(ctx);
  if (reason) return { rule, params, state: 'skipped', reason: `跳过：${reason}`, hits: [], ms: 0 };
  const t0 = performance.now();
  const hits = rule.run(ctx);
  return { rule, params, state: 'ran', hits, ms: performance.now() - t0 };
}
