// Deterministic synthetic rosters for `npm run bench`: counter-based seeded PRNG, valid GB 11643 IDs, invented names
// and places, realistic overlap between rosters. No real data. Writes xlsx with exceljs's streaming WorkbookWriter
// and CSV with plain streams, so memory stays flat at any scale. generate() returns (and writes) a manifest of the
// files with the rows each holds.
//
//   npx tsx scripts/bench-data.ts --scale county --dir bench/data/county
//
// Every attribute of a person is a pure function of (segment, index), and every household attribute a pure function of
// (segment, household index): rosters generated one after another agree on who is who without holding anyone in memory.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { idCheckChar } from '../src/normalize/id-check.js';
import { isMain } from './lib/is-main.js';

/** Bump when the output changes in a way the source hash would not show (it is part of the cache key anyway). */
export const GENERATOR_VERSION = 3;
export const PERIOD = '2024-11';
const REF = { y: 2024, m: 11, d: 30 }; // 基准日 of PERIOD

export const KINDS = ['dibao', 'tekun', 'fangpin', 'canji', 'liangbu', 'death', 'ext'] as const;
export type Kind = (typeof KINDS)[number];
export type Format = 'xlsx' | 'csv';
/** Encodings of the CSV files: UTF-8 with BOM, or GB18030 without. */
export type CsvEncoding = 'utf-8' | 'gb18030';

/** One scale: places, target rows per roster (liangbu follows from canji), file format and encoding per roster. */
export interface ScaleParams {
  seed: number;
  counties: number;
  townships: number;
  villages: number;
  rows: Record<Exclude<Kind, 'liangbu'>, number>;
  formats: Record<Kind, Format>;
  encodings?: Partial<Record<Kind, CsvEncoding>>;
}
export type ScaleName = 'smoke' | 'half' | 'county' | 'province' | 'csv1m';

/**
 * Named scales. `rows` are targets per roster (liangbu follows from canji: ≈ 37% of it). Ratios between rosters are the
 * same at every scale, so the probabilities below give proportionally the same overlaps and findings.
 */
export const SCALES: Record<ScaleName, ScaleParams> = {
  smoke: {
    seed: 20241101, counties: 1, townships: 4, villages: 6,
    rows: { dibao: 1500, tekun: 150, fangpin: 1200, canji: 600, death: 60, ext: 40 },
    formats: { dibao: 'xlsx', tekun: 'xlsx', canji: 'xlsx', fangpin: 'csv', liangbu: 'csv', death: 'csv', ext: 'csv' },
    encodings: { fangpin: 'gb18030' },
  },
  half: {
    seed: 20241101, counties: 1, townships: 18, villages: 20,
    rows: { dibao: 50_000, tekun: 5_000, fangpin: 40_000, canji: 20_000, death: 1_500, ext: 1_000 },
    formats: { dibao: 'xlsx', tekun: 'xlsx', canji: 'xlsx', fangpin: 'csv', liangbu: 'csv', death: 'csv', ext: 'csv' },
    encodings: { fangpin: 'gb18030' },
  },
  county: {
    seed: 20241101, counties: 1, townships: 18, villages: 20,
    rows: { dibao: 100_000, tekun: 10_000, fangpin: 80_000, canji: 40_000, death: 3_000, ext: 2_000 },
    formats: { dibao: 'xlsx', tekun: 'xlsx', canji: 'xlsx', fangpin: 'csv', liangbu: 'csv', death: 'csv', ext: 'csv' },
    encodings: { fangpin: 'gb18030' },
  },
  province: {
    seed: 20241101, counties: 20, townships: 15, villages: 25,
    rows: { dibao: 2_000_000, tekun: 200_000, fangpin: 1_600_000, canji: 800_000, death: 60_000, ext: 40_000 },
    formats: { dibao: 'csv', tekun: 'csv', canji: 'csv', fangpin: 'csv', liangbu: 'csv', death: 'csv', ext: 'csv' },
    encodings: { fangpin: 'gb18030' },
  },
  // One 1,000,000-row dibao CSV (UTF-8 with BOM, the generator's ID noise and value formats) for the CSV load rate and
  // the sqlite3 .import floor (docs/performance.md §K); the other rosters are small, so the scale is about that file.
  csv1m: {
    seed: 20241101, counties: 1, townships: 18, villages: 20,
    rows: { dibao: 1_000_000, tekun: 2_000, fangpin: 2_000, canji: 2_000, death: 100, ext: 100 },
    formats: { dibao: 'csv', tekun: 'csv', canji: 'csv', fangpin: 'csv', liangbu: 'csv', death: 'csv', ext: 'csv' },
    encodings: { fangpin: 'gb18030' },
  },
};

/** Rates that plant the findings (domain.md §6). Same at every scale. */
const P = {
  badId: 0.01, // rows whose ID is unusable (id-invalid), each roster independently
  noisyId: 0.012, // rows whose ID is messy but normalises to a valid one (spaces, full-width, x, ="…", 15 digits)
  urban: 0.35, // dibao households 城市
  danrenbao: 0.1, // of 1-person dibao households: 单人保
  danrenbaoNoBasis: 0.1, // of 单人保 persons: no qualifying disability (danrenbao-basis)
  partial: 0.015, // of multi-person 整户保 households: 保障人数 < 家庭人口 (partial-coverage)
  stopped: 0.02, // dibao households 停保
  taper: 0.013, // dibao households 渐退 (≈ 60% of them overdue: taper-overdue)
  dup: 0.003, // dibao persons listed twice, second time in another township (duplicate-in-roster)
  crossCounty: 0.001, // with several counties: active dibao persons paid again in another county (duplicate-in-roster, 跨县)
  sexWrong: 0.003, // tekun rows whose 性别 column contradicts the ID (id-attr-mismatch)
  nameWrong: 0.003, // canji rows of persons also on dibao or tekun, the name's last character changed (id-name-mismatch)
  tekunOverlap: 0.02, // dibao households whose head (≥ 60) is also on tekun (dibao-tekun-overlap)
  fangpinSkip: 0.01, // rural dibao/tekun households missing from fangpin (not-monitored)
  flagWrong: 0.004, // fangpin 是否享受低保/特困 flags that contradict the rosters (fangpin-flag-mismatch)
  fpOnlyNoLabor: 0.04, // fangpin-only persons with 丧失劳动力 (doudi-omission)
  monitored: 0.12, // fangpin households that are 监测对象
  riskCleared: 0.6, // of those: 风险已消除
  riskEarly: 0.05, // of those: cleared in < 6 months (risk-cleared-early)
  canjiFromDibao: 0.07, // dibao persons with a disability certificate
  canjiFromTekunOld: 0.1,
  canjiFromTekunAdult: 0.9, // working-age tekun with a qualifying disability; the rest: tekun-labor-check
  canjiFromFangpin: 0.02,
  subsidyOmitted: 0.03, // (a)/(b) of subsidy-omission
  subsidyToTekun: 0.05, // tekun with grade 1–2 still paid 护理补贴 (tekun-subsidy-overlap)
  subsidyNotEligible: 0.005, // canji-only persons paid 生活补贴 (subsidy-not-eligible)
  nursingWrongGrade: 0.01, // grade-3 persons paid 护理补贴 (nursing-grade)
  deathDibao: 0.006, // active dibao persons on the death roster (deceased-active)
  deathTekun: 0.03,
  deathFangpin: 0.01,
  deathCanji: 0.005,
  deathNoDate: 0.05,
  extDibao: 0.004, // dibao persons on the ext roster (ext-match)
  extTekun: 0.005,
};

// ---------------------------------------------------------------------------------------------------------------------
// Counter-based PRNG: every draw is a hash of (seed, tag, a, b); order of generation never changes a value.

function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}
function tagOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
const TAGS = new Map<string, number>();
function tag(s: string): number {
  let t = TAGS.get(s);
  if (t === undefined) TAGS.set(s, (t = tagOf(s)));
  return t;
}
let SEED = 0;
function h32(name: string, a: number, b = 0): number {
  return mix(SEED ^ mix(tag(name) ^ mix((a >>> 0) ^ mix((b >>> 0) + 0x9e3779b9))));
}
function unit(name: string, a: number, b = 0): number {
  return h32(name, a, b) / 4294967296;
}
function pick<T>(arr: readonly T[], name: string, a: number, b = 0): T {
  return arr[h32(name, a, b) % arr.length]!;
}
/** Weighted choice: weights as [[value, weight], …]. */
function weighted<T>(table: readonly (readonly [T, number])[], name: string, a: number, b = 0): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let r = unit(name, a, b) * total;
  for (const [v, w] of table) {
    if ((r -= w) < 0) return v;
  }
  return table[table.length - 1]![0];
}

// ---------------------------------------------------------------------------------------------------------------------
// Identity numbers (GB 11643-1999), dates, names and places.

const DAY = 86_400_000;
const REF_DAY = Date.UTC(REF.y, REF.m - 1, REF.d) / DAY;
const dayCache = new Map<number, [number, number, number]>();
/** Day number → [yyyy, mm, dd] (cached: a few tens of thousands of distinct days). */
function ymdOf(day: number): [number, number, number] {
  let v = dayCache.get(day);
  if (!v) {
    const d = new Date(day * DAY);
    v = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    dayCache.set(day, v);
  }
  return v;
}
const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/**
 * Person segments. A person is (segment, k); (birth day, sequence number) is a bijection of k within the segment, and
 * segments own disjoint sequence ranges, so IDs never collide (capacity = days × seqSpan per segment).
 */
interface Segment {
  name: string;
  /** Ages at 基准日, inclusive. */
  ages: [number, number];
  seqBase: number;
  seqSpan: number;
  /** Persons come in household blocks of HH. */
  household?: boolean;
  /** Youngest birth day, number of birth days, and the stride through them (set below). */
  dayHi: number;
  range: number;
  stride: number;
}
const SEGMENTS: Segment[] = ([
  { name: 'dibao', ages: [0, 90], seqBase: 0, seqSpan: 300, household: true },
  { name: 'tekun-old', ages: [60, 95], seqBase: 300, seqSpan: 100 },
  { name: 'tekun-minor', ages: [3, 17], seqBase: 400, seqSpan: 100 },
  { name: 'tekun-adult', ages: [18, 59], seqBase: 500, seqSpan: 100 },
  { name: 'fangpin', ages: [0, 85], seqBase: 600, seqSpan: 100, household: true },
  { name: 'canji', ages: [0, 90], seqBase: 700, seqSpan: 100 },
  { name: 'other', ages: [18, 95], seqBase: 800, seqSpan: 100 },
  { name: 'tekun-ageout', ages: [18, 19], seqBase: 900, seqSpan: 100 },
] as const).map((seg) => ({ ...seg, ages: [seg.ages[0], seg.ages[1]], dayHi: 0, range: 0, stride: 0 }));
const S = { dibao: 0, tekunOld: 1, tekunMinor: 2, tekunAdult: 3, fangpin: 4, canji: 5, other: 6, tekunAgeOut: 7 };
const EXT_OFFSET = 1_500_000; // ext's own persons in segment `other` (death uses k from 0)
const HH = 5; // household block: persons 5h … 5h+size-1

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
for (const [i, seg] of SEGMENTS.entries()) {
  const [lo, hi] = seg.ages;
  seg.dayHi = REF_DAY - Math.ceil(lo * 365.2425) - 1; // youngest birth day
  seg.range = Math.floor((hi + 1 - lo) * 365.2425) - 3; // number of birth days
  let p = 7919 + i * 104;
  while (gcd(p, seg.range) !== 1) p++;
  seg.stride = p;
}

const COUNTY_CODES = Array.from({ length: 40 }, (_, c) => `41${pad2(1 + (c % 17))}${pad2(21 + Math.floor(c / 17) * 10 + (c % 7))}`);
const OUTSIDE_CODES = ['320521', '340822', '370181', '130634', '610125'];

const SURNAMES = ('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈' +
  '姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤').split('');
const MALE = '伟强军磊勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林海峰建国志文德福贵生春东山德成永长庆兴'.split('');
const FEMALE = '芳娜敏静丽艳娟霞秀英华慧巧美兰玉萍红娥琴云莲凤花春梅桂香菊珍翠淑雪荣爱琳秋月彩霞燕红丹'.split('');

const T_PRE = '柳杨桃李槐桑松柏枣梨石沙河湖泉溪山岭坡岗青白红黄金银马牛龙凤安平和兴福寿康宁永长'.split('');
const T_SUF = '河桥店集营庄寨湾坪埠口园'.split('');
const V_PRE = '东西南北前后上中下大小新老高丰胜利光明建设团结红星幸福和平'.split('');
const V_SUF = ['庄', '家庄', '屯', '沟', '洼', '铺', '堡', '岭', '坡', '店', '寨', '湾'];
const U_NAMES = ['东风', '西苑', '南关', '北街', '人民路', '解放路', '建设路', '文化路', '新华', '朝阳', '光明', '和平'];

/** Names of the synthetic counties (a 县区 column carries them when the data has several). */
const COUNTY_NAMES = Array.from({ length: 40 }, (_, c) => `${T_PRE[(c * 7 + 3) % T_PRE.length]}${'山川源阳城平'[c % 6]}县`);

/** Township 0 is 城关镇 in every county, as in real life: places are (county, township). */
function townName(c: number, t: number, nTown: number): string {
  if (t === 0) return '城关镇';
  const i = c * nTown + t;
  return T_PRE[i % T_PRE.length] + T_SUF[Math.floor(i / T_PRE.length) % T_SUF.length] + (h32('town-kind', i) % 5 === 0 ? '乡' : '镇');
}
function villageName(t: number, v: number, urban: boolean): string {
  if (urban) return U_NAMES[(v + t) % U_NAMES.length] + (v >= U_NAMES.length ? String(Math.floor(v / U_NAMES.length) + 1) : '') + '社区';
  return V_PRE[(v + 7 * t) % V_PRE.length] + V_SUF[Math.floor(v / V_PRE.length + t) % V_SUF.length] + '村';
}

interface Place {
  /** County index, county code, township and village names. */
  c: number;
  code: string;
  township: string;
  village: string;
}

/** A synthetic person: segment and index, clean ID, name, sex, birth date, age at 基准日, place. */
interface Person {
  seg: number;
  k: number;
  id: string;
  name: string;
  male: boolean;
  y: number;
  m: number;
  d: number;
  age: number;
  place: Place;
}

type HouseholdStatus = '停保' | '渐退' | '在保';
interface DibaoHousehold {
  h: number;
  size: number;
  urban: boolean;
  members: Person[];
  head: Person;
  single: boolean;
  status: HouseholdStatus;
  active: boolean;
  familySize: number;
  covered: number;
  place: Place;
}

class World {
  private readonly nTown: number;
  private readonly nVill: number;
  private readonly places = new Map<string, Place>();

  constructor(private readonly p: ScaleParams) {
    this.nTown = p.townships;
    this.nVill = p.villages;
  }

  /** County, township and village of a place key (household or single person). */
  place(key: string, a: number, urban: boolean): Place {
    const c = h32(key + ':c', a) % this.p.counties;
    const t = h32(key + ':t', a) % this.nTown;
    const v = h32(key + ':v', a) % this.nVill;
    const k = `${c}/${t}/${v}/${urban ? 1 : 0}`;
    let pl = this.places.get(k);
    if (!pl) {
      pl = { c, code: COUNTY_CODES[c]!, township: townName(c, t, this.nTown), village: villageName(t, v, urban) };
      this.places.set(k, pl);
    }
    return pl;
  }

  /** A place in county c (a person listed in a second county). */
  placeIn(c: number, key: string, a: number, urban: boolean): Place {
    const t = h32(key + ':t', a) % this.nTown;
    const v = h32(key + ':v', a) % this.nVill;
    return { c, code: COUNTY_CODES[c]!, township: townName(c, t, this.nTown), village: villageName(t, v, urban) };
  }

  /** Place of a household (segments dibao/fangpin) or of a single person. */
  placeOf(seg: number, k: number): Place {
    if (SEGMENTS[seg]!.household) return this.place(`hh${seg}`, Math.floor(k / HH), seg === S.dibao && this.urban(Math.floor(k / HH)));
    return this.place(`p${seg}`, k, false);
  }

  urban(h: number): boolean {
    return unit('urban', h) < P.urban;
  }

  /** The person (seg, k): clean ID, name, sex, birth date, age at 基准日. */
  person(seg: number, k: number): Person {
    const sg = SEGMENTS[seg]!;
    const r = k % sg.range;
    const layer = Math.floor(k / sg.range);
    if (layer >= sg.seqSpan) throw new Error(`segment ${sg.name} is full (k=${k})`);
    const day = sg.dayHi - ((r * sg.stride) % sg.range);
    const seq = sg.seqBase + ((layer + (mix(r ^ (seg << 24)) % sg.seqSpan)) % sg.seqSpan);
    const [y, m, d] = ymdOf(day);
    const place = this.placeOf(seg, k);
    const region = unit('born-out', seg, k) < 0.03 ? pick(OUTSIDE_CODES, 'out-code', seg, k) : place.code;
    const first17 = region + y + pad2(m) + pad2(d) + pad(seq, 3);
    const male = seq % 2 === 1;
    const age = REF.y - y - (REF.m < m || (REF.m === m && REF.d < d) ? 1 : 0);
    const hh = sg.household ? Math.floor(k / HH) : -1;
    const surname = sg.household && h32('own-surname', seg, k) % 6 !== 0 ? pick(SURNAMES, 'surname', seg * 7919, hh) : pick(SURNAMES, 'surname', seg, k);
    const pool = male ? MALE : FEMALE;
    const given = pick(pool, 'given1', seg, k) + (unit('given-len', seg, k) < 0.7 ? pick(pool, 'given2', seg, k) : '');
    return { seg, k, id: first17 + idCheckChar(first17), name: surname + given, male, y, m, d, age, place };
  }

  // ---- households of the dibao and fangpin-only segments -----------------------------------------------------------

  hhSize(seg: number, h: number): number {
    return weighted([[1, 30], [2, 25], [3, 20], [4, 15], [5, 10]], 'hh-size', seg, h);
  }

  /** All attributes of dibao household h. */
  dibaoHousehold(h: number): DibaoHousehold {
    const size = this.hhSize(S.dibao, h);
    const urban = this.urban(h);
    const members: Person[] = [];
    for (let i = 0; i < size; i++) members.push(this.person(S.dibao, h * HH + i));
    const head = members.reduce((a, b) => (b.y * 10000 + b.m * 100 + b.d < a.y * 10000 + a.m * 100 + a.d ? b : a));
    const single = size === 1 && unit('danrenbao', h) < P.danrenbao;
    const partial = !single && size > 1 && unit('partial', h) < P.partial;
    const st = unit('hh-status', h);
    const status: HouseholdStatus = st < P.stopped ? '停保' : st < P.stopped + P.taper ? '渐退' : '在保';
    return {
      h, size, urban, members, head, single, status,
      active: status !== '停保',
      familySize: single ? 2 + (h32('family', h) % 3) : partial ? size + 1 : size,
      covered: size,
      place: members[0]!.place,
    };
  }

  dibaoMemberActive(hh: DibaoHousehold): boolean {
    return hh.active;
  }

  tekunOverlapHead(hh: DibaoHousehold): Person | null {
    return unit('tk-overlap', hh.h) < P.tekunOverlap && hh.head.age >= 60 ? hh.head : null;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Cell values: IDs (clean, messy, unusable), months, dates.

const FULL_WIDTH = (s: string): string => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** IDs written unusable (id-invalid) and messy but normalisable, over all files. */
interface IdCounts {
  badIds: number;
  noisyIds: number;
}

/**
 * The ID as it appears in the file's cell: a string, a number (xlsx numeric cell) or '' (missing). Unusable and messy
 * IDs are counted in counts.
 */
function idCell(pers: Person, roster: string, row: number, xlsx: boolean, counts: IdCounts): string | number {
  const id = pers.id;
  const u = unit('id-bad', tag(roster), row);
  if (u < P.badId) {
    counts.badIds++;
    const kind = weighted([['checksum', 35], ['truncated', 20], ['masked', 10], ['date', 10], ['format', 15], ['missing', 10]], 'bad-kind', tag(roster), row);
    switch (kind) {
      case 'checksum': {
        const chars = '10X98765432';
        return id.slice(0, 17) + chars[(chars.indexOf(id[17]!) + 1 + (h32('bad-cs', row) % 10)) % 11];
      }
      case 'truncated':
        if (xlsx) return Number(id.slice(0, 17)) * 10; // a numeric cell: Excel kept 15 significant digits
        if (idCheckChar(id.slice(0, 15) + '00') !== '0') return id.slice(0, 15) + '000';
        return `${id[0]}.${id.slice(1, 6)}E+17`;
      case 'masked':
        return id.slice(0, 6) + '********' + id.slice(14);
      case 'date': {
        const f = id.slice(0, 10) + '13' + id.slice(12, 17);
        return f + idCheckChar(f);
      }
      case 'format':
        return id.slice(0, 9) + id.slice(10);
      default:
        return '';
    }
  }
  if (u < P.badId + P.noisyId) {
    counts.noisyIds++;
    const kind = weighted([['spaces', 30], ['fullwidth', 20], ['lower', 10], ['quoted', xlsx ? 0 : 15], ['legacy15', 15], ['apos', 10]], 'noisy-kind', tag(roster), row);
    switch (kind) {
      case 'spaces':
        return ` ${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)} `;
      case 'fullwidth':
        return FULL_WIDTH(id);
      case 'lower':
        return id.toLowerCase();
      case 'quoted':
        return `="${id}"`;
      case 'legacy15':
        if (pers.y >= 1900 && pers.y <= 1999) return xlsx ? Number(id.slice(0, 6) + id.slice(8, 17)) : id.slice(0, 6) + id.slice(8, 17);
        return id;
      default:
        return `'${id}`;
    }
  }
  return id;
}

function monthText(y: number, m: number, style: number): string {
  switch (style) {
    case 1:
      return `${y}年${m}月`;
    case 2:
      return `${y}${pad2(m)}`;
    case 3:
      return `${y}.${pad2(m)}`;
    default:
      return `${y}-${pad2(m)}`;
  }
}
function monthStyle(roster: string, row: number): number {
  return weighted([[0, 80], [1, 10], [2, 6], [3, 4]], 'month-style', tag(roster), row);
}
/** YYYY-MM `n` months before 2024-11 (n ≥ 0) as [y, m]. */
function monthsBefore(n: number): [number, number] {
  const t = REF.y * 12 + (REF.m - 1) - n;
  return [Math.floor(t / 12), (t % 12) + 1];
}

// ---------------------------------------------------------------------------------------------------------------------
// Writers.

/** A cell value as written: text, a number (a numeric xlsx cell), or empty. */
type Value = string | number | null | undefined;

function csvField(v: Value): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One roster file being written, row by row. */
interface RosterOut {
  readonly file: string;
  /** The CSV encoding; undefined for xlsx. */
  readonly encoding?: CsvEncoding;
  /** Data rows written so far. */
  rows: number;
  add(values: Value[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * With several counties, every roster carries a 县区 column (before 乡镇): add(values, place) puts the county's name
 * there. With one county the files are as they always were.
 */
class CountyColumn {
  constructor(
    private readonly out: RosterOut,
    private readonly at: number,
  ) {}
  get file(): string {
    return this.out.file;
  }
  get encoding(): CsvEncoding | undefined {
    return this.out.encoding;
  }
  get rows(): number {
    return this.out.rows;
  }
  add(values: Value[], place: Place | null): Promise<void> {
    if (this.at < 0) return this.out.add(values);
    return this.out.add([...values.slice(0, this.at), place ? COUNTY_NAMES[place.c]! : null, ...values.slice(this.at)]);
  }
  close(): Promise<void> {
    return this.out.close();
  }
}

class CsvOut implements RosterOut {
  private readonly ws: fs.WriteStream;
  private lines: string[] = [];
  rows = 0;

  constructor(
    readonly file: string,
    headers: string[],
    readonly encoding: CsvEncoding,
  ) {
    this.ws = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
    if (encoding === 'utf-8') this.ws.write(Buffer.from([0xef, 0xbb, 0xbf]));
    this.lines.push(headers.join(','));
  }
  async add(values: Value[]): Promise<void> {
    this.lines.push(values.map(csvField).join(','));
    this.rows++;
    if (this.lines.length >= 4000) await this.flush();
  }
  private async flush(): Promise<void> {
    if (!this.lines.length) return;
    const text = this.lines.join('\r\n') + '\r\n';
    this.lines = [];
    const buf = this.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
    if (!this.ws.write(buf)) await once(this.ws, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.ws.end();
    await finished(this.ws);
  }
}

interface XlsxOpts {
  sheet: string;
  /** A title row above the header. */
  title?: string;
  /** A 填表说明 sheet before the data sheet. */
  notes?: string[];
}

class XlsxOut implements RosterOut {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly ws: ExcelJS.Worksheet;
  rows = 0;

  constructor(
    readonly file: string,
    headers: string[],
    opts: XlsxOpts,
  ) {
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
    this.wb.creator = 'bidui bench (synthetic data)';
    if (opts.notes) {
      const n = this.wb.addWorksheet('填表说明');
      for (const line of opts.notes) n.addRow([line]).commit();
      n.commit();
    }
    this.ws = this.wb.addWorksheet(opts.sheet);
    if (opts.title) this.ws.addRow([opts.title]).commit();
    this.ws.addRow(headers).commit();
  }
  async add(values: Value[]): Promise<void> {
    this.ws.addRow(values.map((v) => (v === '' || v === undefined ? null : v))).commit();
    // Let the zip stream drain now and then (the writer has no backpressure of its own).
    if (++this.rows % 2000 === 0) await new Promise((r) => setImmediate(r));
  }
  async close(): Promise<void> {
    this.ws.commit();
    await this.wb.commit();
  }
}

function openOut(dir: string, kind: Kind, params: ScaleParams, headers: string[], xlsxOpts: XlsxOpts): CountyColumn {
  const format = params.formats[kind];
  const file = path.join(dir, `${kind}.${format}`);
  const own = headers.includes('县(市、区)'); // fangpin has its own county column
  const at = params.counties > 1 && !own ? Math.max(0, headers.indexOf('乡镇')) : -1;
  const all = at < 0 ? headers : [...headers.slice(0, at), '县区', ...headers.slice(at)];
  const out = format === 'xlsx' ? new XlsxOut(file, all, xlsxOpts) : new CsvOut(file, all, params.encodings?.[kind] ?? 'utf-8');
  return new CountyColumn(out, at);
}

// ---------------------------------------------------------------------------------------------------------------------
// The rosters.

const AMOUNT_URBAN = [620, 680, 720, 760, 810];
const AMOUNT_RURAL = [380, 410, 450, 480, 520];
const CAT_TABLE: [number, number][] = [[1, 10], [2, 15], [3, 3], [4, 45], [5, 10], [6, 12], [7, 5]];
const GRADE_TABLE: [number, number][] = [[1, 7], [2, 12], [3, 31], [4, 50]];
const CAT_NAMES: Record<number, string> = { 1: '视力', 2: '听力', 3: '言语', 4: '肢体', 5: '智力', 6: '精神', 7: '多重' };
const GRADE_NAMES: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' };

/** Qualifying disability for tekun working-age (domain.md §6 tekun-labor-check). */
function qualifies(cat: number, grade: number): boolean {
  return ((cat === 5 || cat === 6) && grade <= 3) || (cat === 4 && grade <= 2) || (cat === 1 && grade === 1) || (cat === 7 && grade <= 2);
}

/** Disability of a canji person (category, grade), with a forced profile for some groups. */
function disability(pers: Person, profile: 'qualifying' | 'danrenbao' | 'not-qualifying' | 'mild' | 'any'): { cat: number; grade: number } {
  const a = pers.seg * 1_000_003 + pers.k;
  let cat = weighted(CAT_TABLE, 'cat', a);
  let grade = weighted(GRADE_TABLE, 'grade', a);
  if (profile === 'qualifying') {
    if (!qualifies(cat, grade)) [cat, grade] = pick<[number, number]>([[4, 1], [4, 2], [5, 2], [6, 3], [5, 1], [7, 2], [1, 1], [6, 2]], 'q', a);
  } else if (profile === 'danrenbao') {
    // 单人保 basis: grade 1–2, or 智力/精神 grade 3; a few have none (danrenbao-basis)
    if (unit('drb-nobasis', a) < P.danrenbaoNoBasis) [cat, grade] = [4, 4];
    else if (grade > 2 && !((cat === 5 || cat === 6) && grade === 3)) grade = 1 + (h32('drb-grade', a) % 2);
  } else if (profile === 'not-qualifying') {
    if (qualifies(cat, grade)) [cat, grade] = [2, 4];
  } else if (profile === 'mild') {
    if (unit('mild-severe', a) > 0.1 && (grade <= 2 || ((cat === 5 || cat === 6) && grade === 3))) grade = 4;
  }
  return { cat, grade };
}

/** Rows planted for each finding (domain.md §6), as counted while writing. */
export interface Planted {
  dibaoTekunOverlap: number;
  duplicates: number;
  taperOverdue: number;
  partialCoverage: number;
  danrenbaoNoBasis: number;
  notMonitored: number;
  flagsWrong: number;
  fangpinOnlyNoLabor: number;
  riskClearedEarly: number;
  deathOfActive: number;
  extOfActive: number;
  subsidyOmitted: number;
  subsidyToTekun: number;
  subsidyNotEligible: number;
  nursingWrongGrade: number;
  tekunAgeOut: number;
  tekunAdultNoDisability: number;
  /** Persons paid 低保 in two counties (one finding per county side); 0 with one county. */
  crossCountyDuplicates: number;
  sexColumnWrong: number;
  nameDiffers: number;
}

/** One generated file: the data rows it holds (header and title rows not counted) and its size. */
export interface DataFile {
  kind: Kind;
  file: string;
  format: Format;
  encoding: CsvEncoding | null;
  rows: number;
  bytes: number;
  /** The list's label (ext), as `bidui load --label` takes it. */
  label?: string;
}

/** What generate() wrote (dir/manifest.json): every file with its row count, and the cases planted. */
export interface Manifest {
  generator: string;
  version: number;
  scale: string;
  hash: string;
  period: string;
  params: ScaleParams;
  files: DataFile[];
  rows: number;
  bytes: number;
  ids: IdCounts;
  planted: Planted;
  seconds: number;
  note: string;
}

export interface GenerateOptions {
  /** Called every 50k rows of a file and once more (final = true) when the file is complete. */
  onProgress?: (kind: Kind, rows: number, final?: boolean) => void;
  /** Parameters to use instead of the named scale's. */
  params?: ScaleParams;
}

/** The parameters of a named scale, or undefined. */
export function scaleParams(name: string): ScaleParams | undefined {
  return Object.hasOwn(SCALES, name) ? SCALES[name as ScaleName] : undefined;
}

/**
 * Generates every roster of the scale into dir. Returns the manifest (also written to dir/manifest.json, last).
 * onProgress(kind, rows, final) is called every 50k rows and once more (final = true) when the file is complete.
 */
export async function generate(scaleName: string, dir: string, { onProgress = () => {}, params: override }: GenerateOptions = {}): Promise<Manifest> {
  const params = override ?? scaleParams(scaleName);
  if (!params) throw new Error(`unknown scale ${scaleName} (${Object.keys(SCALES).join(', ')})`);
  SEED = params.seed >>> 0;
  const t0 = performance.now();
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(path.join(dir, 'manifest.json'), { force: true });
  const w = new World(params);
  const counts: IdCounts = { badIds: 0, noisyIds: 0 };
  const planted: Planted = {
    dibaoTekunOverlap: 0, duplicates: 0, taperOverdue: 0, partialCoverage: 0, danrenbaoNoBasis: 0, notMonitored: 0,
    flagsWrong: 0, fangpinOnlyNoLabor: 0, riskClearedEarly: 0, deathOfActive: 0, extOfActive: 0,
    subsidyOmitted: 0, subsidyToTekun: 0, subsidyNotEligible: 0, nursingWrongGrade: 0, tekunAgeOut: 0, tekunAdultNoDisability: 0,
    crossCountyDuplicates: 0,
    sexColumnWrong: 0,
    nameDiffers: 0,
  };
  const files: DataFile[] = [];
  const progress = (kind: Kind, out: CountyColumn): void => {
    if (out.rows % 50_000 === 0) onProgress(kind, out.rows);
  };
  const done = async (kind: Kind, out: CountyColumn, extra: { label?: string } = {}): Promise<void> => {
    await out.close();
    onProgress(kind, out.rows, true);
    files.push({ kind, file: path.basename(out.file), format: params.formats[kind], encoding: out.encoding ?? null, rows: out.rows, bytes: fs.statSync(out.file).size, ...extra });
  };
  const countyName = params.counties === 1 ? '示例县' : '示例市';
  const xlsxTitle = (what: string): string => `${countyName}${PERIOD.slice(0, 4)}年${Number(PERIOD.slice(5))}月${what}（合成测试数据）`;

  // ---- dibao -------------------------------------------------------------------------------------------------------
  let out = openOut(dir, 'dibao', params, ['序号', '乡镇', '村(社区)', '户主姓名', '户主身份证号', '姓名', '身份证号', '与户主关系', '城乡类别', '保障人数', '家庭人口', '施保方式', '月保障金额', '最初享受月份', '渐退开始月份', '在保状态'], { sheet: '低保花名册', title: xlsxTitle('城乡低保对象花名册') });
  const xl = (kind: Kind): boolean => params.formats[kind] === 'xlsx';
  let H0 = 0;
  const dups: Person[] = [];
  const crossDibao: Person[] = [];
  {
    let row = 0;
    for (let h = 0; out.rows < params.rows.dibao; h++) {
      const hh = w.dibaoHousehold(h);
      H0 = h + 1;
      const amountPer = pick(hh.urban ? AMOUNT_URBAN : AMOUNT_RURAL, 'amount', h);
      const [sy, sm] = monthsBefore(1 + (h32('start', h) % 110));
      let taper = '';
      if (hh.status === '渐退') {
        const n = 1 + (h32('taper', h) % 13); // 1..13 months ago
        const [ty, tm] = monthsBefore(n);
        taper = monthText(ty, tm, 0);
        if (n >= 6) planted.taperOverdue += hh.size;
      }
      if (hh.familySize > hh.covered && !hh.single) planted.partialCoverage++;
      const relation = (m: Person): string => {
        if (m === hh.head) return '户主';
        const diff = m.y - hh.head.y;
        if (diff < 10) return m.male === hh.head.male ? '兄弟姐妹' : '配偶';
        if (diff < 40) return m.male ? '子' : '女';
        return m.male ? '孙子' : '孙女';
      };
      for (const m of hh.members) {
        const vals = (place: Place): Value[] => [
          ++row, place.township, place.village, hh.head.name, hh.head.id, m.name, idCell(m, 'dibao', row, xl('dibao'), counts), relation(m),
          hh.urban ? '城市' : '农村', hh.covered, hh.familySize, hh.single ? '单人保' : '整户保',
          xl('dibao') ? amountPer * hh.covered : String(amountPer * hh.covered) + (h32('yuan', row) % 20 === 0 ? '元' : ''),
          monthText(sy, sm, monthStyle('dibao', row)), taper, hh.status,
        ];
        await out.add(vals(hh.place), hh.place);
        progress('dibao', out);
        if (hh.active && unit('dup', m.k) < P.dup) dups.push(m);
        else if (hh.active && params.counties > 1 && unit('x-dup', m.k) < P.crossCounty) crossDibao.push(m);
      }
    }
    // Persons listed a second time, in another township (跨乡镇).
    for (const m of dups) {
      const hh = w.dibaoHousehold(Math.floor(m.k / HH));
      const other = w.place('dup-place', m.k, hh.urban);
      await out.add([++row, other.township, other.village, m.name, m.id, m.name, m.id, '户主', hh.urban ? '城市' : '农村', 1, 1, '整户保', 450, monthText(2024, 3, 0), '', '在保'], other);
      planted.duplicates++;
    }
    // Persons paid 低保 in a second county too (跨县重复享受): one finding for each county.
    if (params.counties > 1) {
      for (const m of crossDibao) {
        const hh = w.dibaoHousehold(Math.floor(m.k / HH));
        const other = w.placeIn((m.place.c + 1 + (h32('x-county', m.k) % (params.counties - 1))) % params.counties, 'x-place', m.k, hh.urban);
        await out.add([++row, other.township, other.village, m.name, m.id, m.name, m.id, '户主', hh.urban ? '城市' : '农村', 1, 1, '整户保', 450, monthText(2024, 2, 0), '', '在保'], other);
        planted.crossCountyDuplicates++;
      }
    }
  }
  await done('dibao', out);

  // ---- tekun -------------------------------------------------------------------------------------------------------
  const T = params.rows.tekun;
  let nOverlap = 0;
  for (let h = 0; h < H0; h++) if (w.tekunOverlapHead(w.dibaoHousehold(h))) nOverlap++;
  const nAgeOut = Math.max(1, Math.round(T * 0.004));
  const nMinor = Math.round(T * 0.04);
  const nAdult = Math.round(T * 0.1);
  const nOld = Math.max(0, T - nOverlap - nAgeOut - nMinor - nAdult);
  const tekunSegs = [[S.tekunOld, nOld], [S.tekunMinor, nMinor], [S.tekunAdult, nAdult], [S.tekunAgeOut, nAgeOut]];
  const tekunArea = (pers: Person): '城市' | '农村' => (unit('tk-urban', pers.seg, pers.k) < 0.2 ? '城市' : '农村');
  out = openOut(dir, 'tekun', params, ['序号', '乡镇', '村(社区)', '姓名', '性别', '身份证号', '供养方式', '城乡类别', '生活自理能力', '在校状况', '最初享受月份', '月保障金额', '在保状态'], { sheet: '特困供养人员', title: xlsxTitle('特困供养人员名册') });
  {
    let row = 0;
    const write = async (pers: Person, area: string, place: Place): Promise<void> => {
      const a = pers.seg * 1_000_003 + pers.k;
      let start;
      let school = '';
      if (pers.seg === S.tekunAgeOut) {
        start = monthsBefore(24 + (h32('tk-start', a) % 60)); // entered as a minor
        school = unit('ageout-school', a) < 0.3 ? '普通高中' : '';
        if (!school) planted.tekunAgeOut++;
      } else if (pers.seg === S.tekunMinor) {
        start = monthsBefore(1 + (h32('tk-start', a) % Math.max(1, pers.age * 12 - 12)));
        school = pers.age >= 6 ? pick(['义务教育', '义务教育', '普通高中', '中职'], 'school', a) : '';
      } else {
        // entered as an adult: never earlier than the month after the 18th birthday
        const maxBack = Math.max(1, Math.min(110, (pers.age - 18) * 12));
        start = monthsBefore(1 + (h32('tk-start', a) % maxBack));
      }
      const stopped = unit('tk-stopped', a) < 0.02;
      const sexWrong = unit('tk-sex', a) < P.sexWrong;
      if (sexWrong) planted.sexColumnWrong++;
      await out.add([
        ++row, place.township, place.village, pers.name, pers.male !== sexWrong ? '男' : '女', idCell(pers, 'tekun', row, xl('tekun'), counts),
        unit('tk-mode', a) < 0.75 ? '分散供养' : '集中供养', area,
        pick(['全自理', '全自理', '半护理', '全护理'], 'selfcare', a), school, monthText(start[0], start[1], monthStyle('tekun', row)),
        area === '城市' ? 1100 : 780, stopped ? '停保' : '在保',
      ], place);
      progress('tekun', out);
    };
    for (let h = 0; h < H0; h++) {
      const hh = w.dibaoHousehold(h);
      const head = w.tekunOverlapHead(hh);
      if (!head) continue;
      if (hh.active) planted.dibaoTekunOverlap++;
      await write(head, hh.urban ? '城市' : '农村', hh.place);
    }
    for (const [seg, n] of tekunSegs) {
      for (let k = 0; k < n; k++) {
        const pers = w.person(seg, k);
        await write(pers, tekunArea(pers), pers.place);
      }
    }
  }
  await done('tekun', out);

  // ---- fangpin -----------------------------------------------------------------------------------------------------
  out = openOut(dir, 'fangpin', params, ['县(市、区)', '乡镇', '村', '户编号', '人编号', '姓名', '身份证号', '与户主关系', '户类型', '监测对象类别', '劳动技能', '健康状况', '在校生状况', '风险是否消除', '风险识别时间', '风险消除时间', '是否享受低保', '是否特困供养人员'], { sheet: '防返贫监测对象' });
  let H4 = 0;
  {
    let row = 0;
    let fpHousehold = 0;
    const flag = (truth: boolean, a: number, which: string): string => {
      const wrong = unit('flag-wrong-' + which, a) < P.flagWrong;
      if (wrong) planted.flagsWrong++;
      return truth !== wrong ? '是' : '否';
    };
    const labor = (pers: Person, a: number, fpOnly: boolean): string => {
      if (pers.age < 16) return '无劳动力';
      if (fpOnly) {
        if (unit('fp-nolabor', a) < P.fpOnlyNoLabor) {
          planted.fangpinOnlyNoLabor++;
          return '丧失劳动力';
        }
        return pers.age >= 65 ? pick(['弱劳动力或半劳动力', '无劳动力'], 'labor-old', a) : weighted([['普通劳动力', 70], ['技能劳动力', 15], ['弱劳动力或半劳动力', 15]], 'labor', a);
      }
      if (pers.age >= 65) return weighted([['丧失劳动力', 30], ['弱劳动力或半劳动力', 40], ['无劳动力', 30]], 'labor-old', a);
      return weighted([['普通劳动力', 60], ['技能劳动力', 15], ['弱劳动力或半劳动力', 15], ['丧失劳动力', 10]], 'labor', a);
    };
    /** One fangpin household: members with their dibao/tekun truth. */
    const household = async (members: { pers: Person; dibao: boolean; tekun: boolean }[], place: Place, fpOnly: boolean): Promise<boolean> => {
      const hid = fpHousehold++;
      const code = place.code + pad(hid, 9);
      const monitored = unit('monitored', hid) < P.monitored;
      const cleared = monitored && unit('cleared', hid) < P.riskCleared;
      const early = cleared && unit('early', hid) < P.riskEarly;
      const identified = monthsBefore(20 + (h32('ident', hid) % 36));
      const clearedAt = cleared ? monthsBefore(Math.max(1, 20 + (h32('ident', hid) % 36) - (early ? 2 + (h32('early-n', hid) % 4) : 6 + (h32('clear-n', hid) % 14)))) : null;
      if (early) planted.riskClearedEarly += members.length;
      const monitorType = monitored ? pick(['脱贫不稳定户', '边缘易致贫户', '突发严重困难户'], 'mtype', hid) : '';
      const hhType = monitored ? (h32('hhtype', hid) % 3 === 0 ? '脱贫户' : '监测户') : h32('hhtype', hid) % 5 === 0 ? '一般农户' : '脱贫户';
      let i = 0;
      for (const { pers, dibao, tekun } of members) {
        const a = pers.seg * 1_000_003 + pers.k;
        ++row;
        await out.add([
          params.counties > 1 ? COUNTY_NAMES[place.c]! : place.code, place.township, place.village, code, code + pad2(++i), pers.name, idCell(pers, 'fangpin', row, false, counts),
          i === 1 ? '户主' : pers.male ? '子' : '配偶', hhType, monitorType, labor(pers, a, fpOnly),
          weighted([['健康', 70], ['长期慢性病', 15], ['患有大病', 5], ['残疾', 10]], 'health', a),
          pers.age >= 6 && pers.age <= 18 ? '在校生' : '', monitored ? (cleared ? '是' : '否') : '',
          monitored ? monthText(identified[0], identified[1], 0) : '', clearedAt ? monthText(clearedAt[0], clearedAt[1], 0) : '',
          flag(dibao, a, 'd'), flag(tekun, a, 't'),
        ], place);
        progress('fangpin', out);
        if (out.rows >= params.rows.fangpin) return false;
      }
      return true;
    };
    let more = true;
    for (let h = 0; h < H0 && more; h++) {
      const hh = w.dibaoHousehold(h);
      if (hh.urban) continue;
      if (unit('fp-skip', h) < P.fangpinSkip) {
        if (hh.active) planted.notMonitored += hh.size;
        continue;
      }
      const head = w.tekunOverlapHead(hh);
      more = await household(hh.members.map((m) => ({ pers: m, dibao: hh.active, tekun: m === head })), hh.place, false);
    }
    for (const [seg, n] of tekunSegs) {
      for (let k = 0; k < n && more; k++) {
        const pers = w.person(seg, k);
        if (tekunArea(pers) !== '农村') continue;
        if (unit('fp-skip-tk', seg, k) < P.fangpinSkip) {
          planted.notMonitored++;
          continue;
        }
        more = await household([{ pers, dibao: false, tekun: true }], pers.place, false);
      }
    }
    for (let h = 0; more; h++) {
      const size = w.hhSize(S.fangpin, h);
      const members = [];
      for (let i = 0; i < size; i++) members.push({ pers: w.person(S.fangpin, h * HH + i), dibao: false, tekun: false });
      H4 = h + 1;
      more = await household(members, members[0].pers.place, true);
    }
  }
  await done('fangpin', out);
  const fangpinOnlyExists = (k: number): boolean => Math.floor(k / HH) < H4 && k % HH < w.hhSize(S.fangpin, Math.floor(k / HH));

  // ---- canji + liangbu (one pass: liangbu follows from the certificate holders) ---------------------------------------
  out = openOut(dir, 'canji', params, ['序号', '乡镇', '村(社区)', '姓名', '性别', '身份证号', '残疾人证号', '残疾类别', '残疾等级', '发证日期'], {
    sheet: '残疾人名单', notes: ['填表说明', '1. 本表为合成测试数据，不含任何真实个人信息。', '2. 残疾人证号 = 身份证号 + 残疾类别 + 残疾等级。'],
  });
  const lb = openOut(dir, 'liangbu', params, ['乡镇', '村(社区)', '姓名', '身份证号', '残疾人证号', '残疾类别', '残疾等级', '补贴类型', '补贴金额', '最初享受月份'], { sheet: '两项补贴' });
  let nCanjiOnly = 0;
  {
    let row = 0;
    let lbRow = 0;
    const C = params.rows.canji;
    const write = async (
      pers: Person,
      place: Place,
      profile: Parameters<typeof disability>[1],
      { dibaoActive, tekun }: { dibaoActive: boolean; tekun: boolean },
    ): Promise<boolean> => {
      const { cat, grade } = disability(pers, profile);
      const a = pers.seg * 1_000_003 + pers.k;
      ++row;
      let id = idCell(pers, 'canji', row, xl('canji'), counts);
      const cert = pers.id + cat + grade + (h32('cert-b', a) % 10 === 0 ? 'B' + (1 + (h32('cert-bn', a) % 3)) : '');
      if (id !== '' && typeof id === 'string' && unit('canji-noid', a) < 0.01) id = ''; // ID derived from the certificate
      const catText = h32('cat-text', a) % 4 === 0 ? String(cat) : CAT_NAMES[cat];
      const gradeText = h32('grade-text', a) % 5 === 0 ? `${grade}级` : GRADE_NAMES[grade];
      const issued = monthsBefore(6 + (h32('issued', a) % 120));
      const nameWrong = (dibaoActive || tekun) && unit('cj-name', a) < P.nameWrong;
      if (nameWrong) planted.nameDiffers++;
      const name = nameWrong ? pers.name.slice(0, -1) + (pers.name.endsWith('英') ? '荣' : '英') : pers.name;
      await out.add([row, place.township, place.village, name, pers.male ? '男' : '女', id, cert, catText, gradeText, `${issued[0]}-${pad2(issued[1])}-${pad2(1 + (h32('issued-d', a) % 28))}`], place);
      progress('canji', out);
      // liangbu
      const subsidies: string[] = [];
      if (dibaoActive) {
        if (unit('lb-omit-a', a) < P.subsidyOmitted) planted.subsidyOmitted++;
        else subsidies.push('困难残疾人生活补贴');
      } else if (pers.seg === S.canji && unit('lb-not-eligible', a) < P.subsidyNotEligible) {
        subsidies.push('困难残疾人生活补贴');
        planted.subsidyNotEligible++;
      }
      if (grade <= 2) {
        if (tekun) {
          if (unit('lb-tekun', a) < P.subsidyToTekun) {
            subsidies.push('重度残疾人护理补贴');
            planted.subsidyToTekun++;
          }
        } else if (unit('lb-omit-b', a) < P.subsidyOmitted) planted.subsidyOmitted++;
        else subsidies.push('重度残疾人护理补贴');
      } else if (grade === 3 && unit('lb-wrong-grade', a) < P.nursingWrongGrade) {
        subsidies.push('重度残疾人护理补贴');
        planted.nursingWrongGrade++;
      }
      for (const s of subsidies) {
        ++lbRow;
        const st = monthsBefore(2 + (h32('lb-start', a, s.length) % 60));
        await lb.add([place.township, place.village, pers.name, idCell(pers, 'liangbu', lbRow, false, counts), cert, CAT_NAMES[cat], GRADE_NAMES[grade], s, s.startsWith('困难') ? 90 : 100, monthText(st[0], st[1], 0)], place);
      }
      return out.rows < C;
    };
    let more = true;
    for (let h = 0; h < H0 && more; h++) {
      const hh = w.dibaoHousehold(h);
      const head = w.tekunOverlapHead(hh);
      for (const m of hh.members) {
        if (!(hh.single || unit('cj-dibao', m.k) < P.canjiFromDibao)) continue;
        if (hh.single && unit('drb-nobasis', m.seg * 1_000_003 + m.k) < P.danrenbaoNoBasis) planted.danrenbaoNoBasis++;
        more = await write(m, hh.place, hh.single ? 'danrenbao' : 'any', { dibaoActive: hh.active, tekun: m === head });
        if (!more) break;
      }
    }
    for (const [seg, n] of tekunSegs) {
      for (let k = 0; k < n && more; k++) {
        const pers = w.person(seg, k);
        if (seg === S.tekunAdult) {
          if (unit('cj-tk-adult', k) >= P.canjiFromTekunAdult) {
            planted.tekunAdultNoDisability++;
            continue;
          }
          more = await write(pers, pers.place, 'qualifying', { dibaoActive: false, tekun: true });
        } else if (seg === S.tekunOld && unit('cj-tk-old', k) < P.canjiFromTekunOld) {
          more = await write(pers, pers.place, 'any', { dibaoActive: false, tekun: true });
        }
      }
    }
    for (let k = 0; k < H4 * HH && more; k++) {
      if (!fangpinOnlyExists(k) || unit('cj-fp', k) >= P.canjiFromFangpin) continue;
      const pers = w.person(S.fangpin, k);
      more = await write(pers, pers.place, 'mild', { dibaoActive: false, tekun: false });
    }
    for (let k = 0; more; k++) {
      const pers = w.person(S.canji, k);
      nCanjiOnly = k + 1;
      more = await write(pers, pers.place, 'any', { dibaoActive: false, tekun: false });
    }
  }
  await done('canji', out);
  await done('liangbu', lb);

  // ---- death -------------------------------------------------------------------------------------------------------
  out = openOut(dir, 'death', params, ['姓名', '身份证号', '性别', '死亡日期', '数据来源', '乡镇'], { sheet: '死亡人员' });
  {
    let row = 0;
    const De = params.rows.death;
    const write = async (pers: Person, place: Place): Promise<boolean> => {
      const a = pers.seg * 1_000_003 + pers.k;
      ++row;
      let date = '';
      if (unit('death-nodate', a) >= P.deathNoDate) {
        const [y, m] = monthsBefore(1 + (h32('death-m', a) % 46));
        const d = 1 + (h32('death-d', a) % 28);
        date = weighted([[`${y}-${pad2(m)}-${pad2(d)}`, 70], [`${y}/${m}/${d}`, 20], [`${y}年${m}月${d}日`, 10]], 'death-fmt', a);
      }
      await out.add([pers.name, idCell(pers, 'death', row, false, counts), pers.male ? '男' : '女', date, pick(['公安', '殡葬', '卫健', '医保'], 'death-src', a), place.township], place);
      progress('death', out);
      return out.rows < De;
    };
    let more = true;
    for (let h = 0; h < H0 && more; h++) {
      const hh = w.dibaoHousehold(h);
      for (const m of hh.members) {
        if (!hh.active || unit('death-dibao', m.k) >= P.deathDibao) continue;
        planted.deathOfActive++;
        if (!(more = await write(m, hh.place))) break;
      }
    }
    for (let k = 0; k < nOld && more; k++) {
      if (unit('death-tk', k) >= P.deathTekun) continue;
      planted.deathOfActive++;
      const pers = w.person(S.tekunOld, k);
      more = await write(pers, pers.place);
    }
    for (let k = 0; k < H4 * HH && more; k++) {
      if (!fangpinOnlyExists(k) || unit('death-fp', k) >= P.deathFangpin) continue;
      planted.deathOfActive++;
      const pers = w.person(S.fangpin, k);
      more = await write(pers, pers.place);
    }
    for (let k = 0; k < nCanjiOnly && more; k++) {
      if (unit('death-cj', k) >= P.deathCanji) continue;
      const pers = w.person(S.canji, k);
      more = await write(pers, pers.place);
    }
    for (let k = 0; more; k++) {
      const pers = w.person(S.other, k);
      more = await write(pers, pers.place);
    }
  }
  await done('death', out);

  // ---- ext ---------------------------------------------------------------------------------------------------------
  out = openOut(dir, 'ext', params, ['姓名', '身份证号', '工作单位', '人员类别'], { sheet: '财政供养人员' });
  {
    let row = 0;
    const E = params.rows.ext;
    const UNITS = ['县教育局', '县卫健委', '县农业农村局', '县水利局', '县交通运输局', '县财政局', '县人民医院', '县第一中学'];
    const write = async (pers: Person): Promise<boolean> => {
      const a = pers.seg * 1_000_003 + pers.k;
      ++row;
      await out.add([pers.name, idCell(pers, 'ext', row, false, counts), pick(UNITS, 'unit', a), pick(['在编', '在编', '聘用', '退休'], 'ext-type', a)], null);
      progress('ext', out);
      return out.rows < E;
    };
    let more = true;
    for (let h = 0; h < H0 && more; h++) {
      const hh = w.dibaoHousehold(h);
      for (const m of hh.members) {
        if (unit('ext-dibao', m.k) >= P.extDibao) continue;
        if (hh.active) planted.extOfActive++;
        if (!(more = await write(m))) break;
      }
    }
    for (let k = 0; k < nOld && more; k++) {
      if (unit('ext-tk', k) >= P.extTekun) continue;
      planted.extOfActive++;
      more = await write(w.person(S.tekunOld, k));
    }
    for (let k = EXT_OFFSET; more; k++) more = await write(w.person(S.other, k));
  }
  await done('ext', out, { label: '财政供养人员' });

  files.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  const manifest = {
    generator: 'scripts/bench-data.ts',
    version: GENERATOR_VERSION,
    scale: scaleName,
    hash: paramsHash(params),
    period: PERIOD,
    params,
    files,
    rows: files.reduce((s, f) => s + f.rows, 0),
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    ids: counts,
    planted,
    seconds: Math.round(performance.now() - t0) / 1000,
    note: 'Synthetic data: invented names and places, generated IDs with valid check characters. No real person.',
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

let sourceHash: string | undefined;
/** Cache key: the scale's parameters, the rates and this file's own source. */
export function paramsHash(params: ScaleParams): string {
  sourceHash ??= createHash('sha256').update(fs.readFileSync(fileURLToPath(import.meta.url))).digest('hex');
  return createHash('sha256').update(JSON.stringify({ v: GENERATOR_VERSION, params, P, PERIOD, src: sourceHash })).digest('hex').slice(0, 16);
}

/** The manifest of dir when it matches the scale's parameters and every file is present; else null. */
export function cachedManifest(scaleName: string, dir: string): Manifest | null {
  const params = scaleParams(scaleName);
  if (!params) return null;
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    if (m.hash !== paramsHash(params)) return null;
    for (const f of m.files) if (fs.statSync(path.join(dir, f.file)).size !== f.bytes) return null;
    return m;
  } catch {
    return null;
  }
}

// CLI: npx tsx scripts/bench-data.ts --scale county --dir bench/data/county
if (isMain(import.meta.url)) {
  const arg = (name: string, dflt: string): string => {
    const i = process.argv.indexOf(name);
    return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
  };
  const scale = arg('--scale', 'smoke');
  const dir = path.resolve(arg('--dir', path.join('bench/data', scale)));
  const m = await generate(scale, dir, { onProgress: (kind, n, final) => final && process.stderr.write(`生成 generated ${kind}: ${n.toLocaleString('en')} rows\n`) });
  console.log(JSON.stringify({ dir, rows: m.rows, bytes: m.bytes, seconds: m.seconds, files: m.files, ids: m.ids, planted: m.planted }, null, 2));
}
