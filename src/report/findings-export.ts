// `bidui findings`: the machine-readable findings with the English keys of design.md §2, as JSON records or CSV
// (csv.ts: formula-safe, one record per finding). With masking, every ID-like value is masked as in the workbooks.
import type { FindingRecord } from '../model/index.js';
import { csvText } from './csv.js';
import { idText, text } from './model.js';

export function findingExport(f: FindingRecord, ruleName: (code: string) => string, mask: boolean) {
  return {
    finding_id: f.finding_id,
    rule: f.rule,
    rule_name: ruleName(f.rule),
    severity: f.severity,
    period: f.period,
    id_number: idText(f, mask) || null,
    name: f.name === null ? null : text(f.name, mask),
    county: f.county === null ? null : text(f.county, mask),
    township: f.township === null ? null : text(f.township, mask),
    village: f.village === null ? null : text(f.village, mask),
    kinds: f.kinds,
    sources: f.sources.map((s) => ({ ...s, file: text(s.file, mask), sheet: text(s.sheet, mask) })),
    explanation: text(f.explanation, mask),
    status: f.status,
    lifecycle: f.lifecycle,
    first_seen: f.first_seen,
    months_open: f.months_open,
    status_note: f.status_note === null ? null : text(f.status_note, mask),
    /** 月发放金额 (yuan per month); null when the rosters give no amount. */
    amount_monthly: f.amount_monthly,
    /** 疑似多发金额（估算，以核查为准）; null when the rule estimates nothing or the amount is unknown. */
    amount_estimate: f.amount_estimate,
    /** The finding exists only through a row whose unusable ID was linked to a candidate (id-typo-suspect). */
    via_link: f.via_link,
  };
}

export type FindingExport = ReturnType<typeof findingExport>;

const KEYS = Object.keys(findingExport({ kinds: [], sources: [], explanation: '' } as unknown as FindingRecord, String, false)) as (keyof FindingExport)[];

/** The same records as CSV: kinds joined by ';', each source as kind:file:sheet:row, joined by ';'. */
export function findingsExportCsv(rows: readonly FindingExport[]): string {
  const records = rows.map((r) =>
    KEYS.map((k) => {
      if (k === 'kinds') return r.kinds.join(';');
      if (k === 'sources') return r.sources.map((s) => `${s.kind}:${s.file}:${s.sheet}:${s.row}`).join(';');
      if (k === 'via_link') return r.via_link ? 1 : 0;
      return r[k] as string | number | null;
    }),
  );
  return csvText([KEYS, ...records], { bom: true });
}
