// The roster kinds and their names: which are tied to a period, which are reference rosters (domain.md §3, §5).

export const KINDS = ['dibao', 'tekun', 'fangpin', 'canji', 'liangbu', 'death', 'ext'] as const;
export type Kind = (typeof KINDS)[number];

/** Full names, as a clerk reads them in reports and messages. */
export const KIND_NAMES: Record<Kind, string> = {
  dibao: '低保',
  tekun: '特困',
  fangpin: '防返贫监测/脱贫人口',
  canji: '残疾人',
  liangbu: '两项补贴',
  death: '死亡/火化',
  ext: '外部核对名单',
};

/** A roster named in a sentence: "低保名单", "死亡/火化名单", "外部核对名单" (not "外部核对名单名单"). */
export function rosterName(kind: Kind): string {
  const n = KIND_NAMES[kind];
  return n.endsWith('名单') ? n : `${n}名单`;
}

/** Short names, as the rules' explanations say "低保名单", "防返贫名单". */
export const KIND_SHORT_NAMES: Record<Kind, string> = {
  dibao: '低保',
  tekun: '特困',
  fangpin: '防返贫',
  canji: '残疾人',
  liangbu: '两项补贴',
  death: '死亡',
  ext: '外部名单',
};

/** Reference rosters accumulate and are not tied to a period (domain.md §5). */
export const REFERENCE_KINDS = ['death', 'ext'] as const satisfies readonly Kind[];

/** Rosters of benefits (or of the persons a benefit is about), loaded per period: a person's "side" (domain.md §10). */
export const PERIOD_KINDS = ['dibao', 'tekun', 'fangpin', 'canji', 'liangbu'] as const satisfies readonly Kind[];
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export function isKind(s: string): s is Kind {
  return (KINDS as readonly string[]).includes(s);
}

export function isReferenceKind(k: Kind): boolean {
  return (REFERENCE_KINDS as readonly Kind[]).includes(k);
}

/** Names of several kinds, joined the way explanations list them: 低保、特困. */
export function shortNames(kinds: readonly string[]): string {
  return kinds.map((k) => (isKind(k) ? KIND_SHORT_NAMES[k] : k)).join('、');
}
