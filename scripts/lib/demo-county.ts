// The demo county 「示例县」 as data: its invented people and families, what each roster (低保, 特困, 防返贫, 残疾人,
// 两项补贴, 火化数据, 财政供养人员) says about them month by month (2024-10 … 2024-12), and every case planted for a rule
// (and every near miss) declared next to the people it concerns with plant(...) / life(...). scripts/make-demo.ts writes
// the files and expected.json from it. A change between months (an exit, a death, a new 特困 approval) is one line.

import { IdFactory, excelNumber, isValidId, masked, typo, upgrade15, type Sex } from './fixture-ids.js';
import type { Person, PersonOpts } from './fixture-set.js';

export const COUNTY = '示例县';
export const M10 = '2024-10', M11 = '2024-11', M12 = '2024-12';
export const MONTHS = [M10, M11, M12];
/** Last day of each month: the 基准日 of a check. */
export const END: Record<string, string> = { [M10]: '2024-10-31', [M11]: '2024-11-30', [M12]: '2024-12-31' };

// ───────────────────────────── types ─────────────────────────────


/** A value that is the same every month, or given per month ({ '2024-11': … }; a missing month = undefined). */
export type PerMonth<T> = T | Partial<Record<string, T>>;

/** In which months a row is on its roster: always (nothing set), { from }, { until } (last month present), or { only }. */
export interface Presence {
  from?: string;
  until?: string;
  only?: string[];
}

/** Overrides for one member of a 低保 case or 防返贫 household (and the months the member is listed). */
export interface MemberSpec extends Presence {
  /** The ID cell as written (e.g. a damaged ID in one month); default the person's ID. */
  idCell?: PerMonth<string | number>;
  labor?: PerMonth<string>;
  health?: string;
  school?: string;
  /** 是否享受低保 / 是否特困供养人员 as written, when it contradicts the rosters. */
  flagDibao?: PerMonth<string>;
  flagTekun?: PerMonth<string>;
}
/** [person, 与户主关系, overrides]. */
export type Member = [Person, string, MemberSpec?];

export type Area = '城市' | '农村';
export type DibaoCategory = 'A类' | 'B类' | 'C类';

export interface DibaoCase extends Presence {
  /** 低保证号. */
  no: string;
  t: string;
  v: string;
  area: Area;
  /** The first member is the 户主. */
  members: Member[];
  mode: string;
  cat: DibaoCategory;
  start: string;
  /** 家庭人口数 and 保障人数. */
  family: number;
  covered: number;
  /** 渐退开始月份. */
  taper?: string;
  /** 在保状态 per month, when not the default (在保, or 渐退 with a taper). */
  status?: Partial<Record<string, string>>;
}
type DibaoOpts = Partial<Omit<DibaoCase, 'no' | 't' | 'v' | 'area' | 'members'>>;

export interface TekunRow extends Presence {
  t: string;
  v: string;
  area: Area;
  p: Person;
  support: string;
  care: string;
  school: string;
  start: string;
  idCell?: string;
  status?: Partial<Record<string, string>>;
}
type TekunOpts = Partial<Omit<TekunRow, 't' | 'v' | 'area' | 'p'>>;

export interface Risk {
  /** 识别监测时间. */
  at: string;
  /** 风险消除时间, shown from the month clearedFrom on (default: every month). */
  cleared?: string;
  clearedFrom?: string;
}
export interface FpHouse {
  /** 户编号. */
  hid: string;
  t: string;
  v: string;
  htype: string;
  monitor: string;
  members: Member[];
  risk?: Risk;
}
type FpOpts = { monitor?: string; risk?: Risk };

export type Category = '视力' | '听力' | '言语' | '肢体' | '智力' | '精神' | '多重';
export interface CanjiRow extends Presence {
  t: string;
  v: string;
  p: Person;
  cat: Category;
  grade: number;
  /** 残疾人证号: ID + category digit + grade digit (+ suffix). */
  cert: string;
  suffix?: string;
  idCell?: PerMonth<string | number>;
}
type CanjiOpts = Presence & { suffix?: string; idCell?: PerMonth<string | number> };

export interface LiangbuRow extends Presence {
  cj: CanjiRow;
  type: string;
  start: string;
  /** The 残疾等级 column, when it disagrees with the canji grade. */
  gradeCol?: number;
}
type LiangbuOpts = Partial<Omit<LiangbuRow, 'cj' | 'type'>>;

export interface Death {
  p: Person;
  date: string;
  addr: string;
  note: string;
}
export interface ExtRow {
  unit: string;
  p: Person;
  job: string;
}
export interface Plant {
  rule: string;
  period: string;
  id_number: string | null;
  name: string;
  township: string;
  expect: 'fires' | 'not';
  why: string;
  [extra: string]: unknown;
}
export type Life = { rule: string; id_number: string; name: string } & Record<string, string>;

// ───────────────────────────── places ─────────────────────────────
// 城关镇 101: 东关社区 / 西街社区 (城市), 北关村 (农村); 城南镇 102: 李庄村, 王营村, 南岗村; 河口乡 201: 河口村, 柳林村, 石桥村.

const GZ = '城关镇', CN = '城南镇', HK = '河口乡';
export const TOWN_ORDER = [GZ, CN, HK];
const TOWN_CODE: Record<string, string> = { [GZ]: '101', [CN]: '102', [HK]: '201' };
const VILLAGE_CODE: Record<string, string> = {
  东关社区: '001', 西街社区: '002', 北关村: '203',
  李庄村: '201', 王营村: '202', 南岗村: '203',
  河口村: '201', 柳林村: '202', 石桥村: '203',
};
export const VILLAGE_ORDER = Object.keys(VILLAGE_CODE);

export const RATE: Record<Area, Record<DibaoCategory, number>> = { 城市: { A类: 760, B类: 660, C类: 560 }, 农村: { A类: 480, B类: 400, C类: 320 } };
const CAT: Record<Category, number> = { 视力: 1, 听力: 2, 言语: 3, 肢体: 4, 智力: 5, 精神: 6, 多重: 7 };
export const GRADE = ['', '一级', '二级', '三级', '四级'];
export const LIFE = '困难残疾人生活补贴', CARE = '重度残疾人护理补贴';

// ───────────────────────────── month snapshots ─────────────────────────────

/** Present in month m? spec: undefined (always), { from }, { until } (last month present), or { only: [...] }. */
export function present(spec: Presence, m: string): boolean {
  if (spec.only) return spec.only.includes(m);
  if (spec.from && m < spec.from) return false;
  if (spec.until && m > spec.until) return false;
  return true;
}
export const statusIn = (spec: { status?: Partial<Record<string, string>> }, m: string, dflt: string): string => spec.status?.[m] ?? dflt;
export function caseStatus(c: DibaoCase, m: string): string {
  return statusIn(c, m, c.taper ? '渐退' : '在保');
}
export function perMonth<T>(v: PerMonth<T> | undefined, m: string): T | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Partial<Record<string, T>>)[m] : (v as T | undefined);
}
/** Full years at a date YYYY-MM-DD. */
export function ageAt(p: Person, ymd: string): number {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const by = +p.birth.slice(0, 4), bm = +p.birth.slice(4, 6), bd = +p.birth.slice(6, 8);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
/** 劳动技能 the 防返贫 roster shows when none is declared. */
export function defaultLabor(p: Person, school: string): string {
  const age = ageAt(p, '2024-11-30');
  if (age < 16 || school !== '非在校生') return '无劳动力';
  return age >= 60 ? '弱劳动力或半劳动力' : '普通劳动力';
}
/** 在校生状况 the 防返贫 roster shows when none is declared. */
export function defaultSchool(p: Person): string {
  const age = ageAt(p, '2024-09-01');
  if (age < 6) return '学龄前儿童';
  if (age < 16) return '义务教育';
  return '非在校生';
}

// ───────────────────────────── the registry ─────────────────────────────

/** Everything declared about the county; the declaring functions are bound, so a builder can destructure them. */
export class County {
  private readonly ids = new IdFactory();
  readonly byName = new Map<string, Person>();
  readonly planted: Plant[] = [];
  readonly lifecycle: Life[] = [];
  readonly dibaoCases: DibaoCase[] = [];
  readonly tekunRows: TekunRow[] = [];
  readonly fpHouses: FpHouse[] = [];
  readonly canjiRows: CanjiRow[] = [];
  readonly liangbuRows: LiangbuRow[] = [];
  /** 火化数据, by the month the file was received. */
  readonly deaths: Record<string, Death[]> = { [M10]: [], [M11]: [], [M12]: [] };
  readonly extRows: ExtRow[] = [];
  private caseSeq = 0;
  private fpSeq = 0;

  /** An invented person. opts.region (default 410522, the demo county); opts.legacy15: the rosters may carry a 15-digit number. */
  P = (name: string, sex: Sex, birth: string, opts: PersonOpts = {}): Person => {
    if (this.byName.has(name)) throw new Error(`duplicate person name ${name}`);
    const region = opts.region ?? '410522';
    let p: Person;
    if (opts.legacy15) {
      const id15 = this.ids.next15(region, birth.slice(2), sex, name);
      p = { name, sex, birth, id15, id: upgrade15(id15) };
    } else {
      p = { name, sex, birth, id: this.ids.next(region, birth, sex, name, opts.check ?? 'digit') };
    }
    if (!isValidId(p.id)) throw new Error(`bad id for ${name}`);
    this.byName.set(name, p);
    return p;
  };

  /** A deliberately planted case: expect 'fires' or 'not' for rule in period. */
  plant = (rule: string, period: string, who: Person, township: string, expect: 'fires' | 'not', why: string, extra: Record<string, unknown> = {}): void => {
    this.planted.push({
      rule,
      period,
      id_number: (rule === 'id-invalid' || rule === 'id-typo-suspect') && expect === 'fires' ? null : who.id,
      name: who.name,
      township,
      expect,
      why,
      ...extra,
    });
  };

  /** Month-over-month status of a planted finding: [2024-10, 2024-11, 2024-12]. */
  life = (rule: string, p: Person, statuses: [string, string, string]): void => {
    this.lifecycle.push({ rule, id_number: p.id, name: p.name, [M10]: statuses[0], [M11]: statuses[1], [M12]: statuses[2] });
  };

  /** A 低保 case. members: [person, 与户主关系]; the first is the 户主. family: 家庭人口数 (default = members). */
  dibao = (t: string, v: string, area: Area, members: Member[], opts: DibaoOpts = {}): DibaoCase => {
    this.caseSeq++;
    const c: DibaoCase = {
      no: `410522${TOWN_CODE[t]}${VILLAGE_CODE[v]}${String(this.caseSeq).padStart(4, '0')}`,
      t, v, area, members, mode: '整户保', cat: 'B类', start: '2020-03', family: members.length, covered: members.length, ...opts,
    };
    this.dibaoCases.push(c);
    return c;
  };

  /** A 特困 person. */
  tekun = (t: string, v: string, area: Area, p: Person, opts: TekunOpts = {}): TekunRow => {
    const r: TekunRow = { t, v, area, p, support: '分散供养', care: '具备生活自理能力', school: '非在校', start: '2016-05', ...opts };
    this.tekunRows.push(r);
    return r;
  };

  /** A 防返贫 household. members: [person, 与户主关系, overrides {labor, health, school, only, ...}]. */
  fangpin = (t: string, v: string, htype: string, members: Member[], opts: FpOpts = {}): FpHouse => {
    this.fpSeq++;
    const h: FpHouse = { hid: `410522${TOWN_CODE[t]}${VILLAGE_CODE[v]}${String(this.fpSeq).padStart(4, '0')}`, t, v, htype, monitor: '', members, ...opts };
    this.fpHouses.push(h);
    return h;
  };

  /** A 残疾人 certificate holder. */
  canji = (t: string, v: string, p: Person, cat: Category, grade: number, opts: CanjiOpts = {}): CanjiRow => {
    const r: CanjiRow = { t, v, p, cat, grade, cert: p.id + CAT[cat] + grade + (opts.suffix ?? ''), ...opts };
    this.canjiRows.push(r);
    return r;
  };

  /** A subsidy row; the 残疾等级 column is the canji grade unless opts.gradeCol says otherwise. */
  liangbu = (cj: CanjiRow, type: string, opts: LiangbuOpts = {}): void => {
    this.liangbuRows.push({ cj, type, start: '2021-01', ...opts });
  };

  /** A 火化 record, in the file received in month `file`. */
  death = (file: string, p: Person, date: string, addr: string, note = ''): void => {
    this.deaths[file]!.push({ p, date, addr, note });
  };

  /** A 财政供养人员 row. */
  ext = (unit: string, p: Person, job: string): void => {
    this.extRows.push({ unit, p, job });
  };

  dibaoActive(p: Person, m: string): boolean {
    return this.dibaoCases.some((c) => present(c, m) && !/停保|退出|注销/.test(caseStatus(c, m)) && c.members.some(([q]) => q === p));
  }
  tekunActive(p: Person, m: string): boolean {
    return this.tekunRows.some((r) => present(r, m) && !/停保|退出|注销/.test(statusIn(r, m, '在保')) && r.p === p);
  }
}

/** The whole county, declared afresh (every call gives the same people and the same IDs). */
export function buildCounty(): County {
  const c = new County();
  chengguan(c);
  chengnan(c);
  hekou(c);
  identity(c);
  ordinaryFamilies(c);
  offRoster(c);
  return c;
}

// ═══════════════ 城关镇 ═══════════════

function chengguan(c: County): void {
  const { P, plant, life, dibao, tekun, fangpin, canji, liangbu, death, ext } = c;
  // 东关社区 / 西街社区: 城市低保 (not on the 防返贫 roster, and not expected there).
  const zgq = P('赵国庆', '男', '19620314'), sxl = P('孙秀兰', '女', '19640702', { region: '410523' });
  dibao(GZ, '东关社区', '城市', [[zgq, '户主'], [sxl, '配偶']], { start: '2018-05', cat: 'A类' });
  plant('not-monitored', M11, zgq, GZ, 'not', '城市低保（城乡类别=城市）不在防返贫名单中，不提示');

  const qjj = P('钱建军', '男', '19750921'), zlj = P('周丽娟', '女', '19780130'), qwb = P('钱文博', '男', '20080617');
  dibao(GZ, '东关社区', '城市', [[qjj, '户主'], [zlj, '配偶', { idCell: { [M11]: excelNumber(zlj.id) } }], [qwb, '之子']], { start: '2021-03' });
  plant('id-invalid', M11, zlj, GZ, 'fires', `低保_2024-11.xlsx 中身份证号是数值单元格 ${excelNumber(zlj.id)}（Excel 只保留 15 位）`, { kind: 'dibao', id_status: 'truncated', raw: String(excelNumber(zlj.id)) });

  const wwd = P('吴卫东', '男', '19801105'), zxh = P('郑小红', '女', '19820418'), wjy = P('吴佳怡', '女', '20120909');
  dibao(GZ, '东关社区', '城市', [[wwd, '户主'], [zxh, '配偶'], [wjy, '之女']], { start: '2022-08', cat: 'C类' });
  ext('城关镇中心小学', zxh, '教师');
  plant('ext-match', M11, zxh, GZ, 'fires', '低保在保，同时在财政供养人员名单（城关镇中心小学 教师）');
  life('ext-match', zxh, ['新增', '持续', '持续']);

  const fym = P('冯玉梅', '女', '19581201');
  dibao(GZ, '西街社区', '城市', [[fym, '户主']], { mode: '单人保', family: 3, covered: 1, start: '2019-07', cat: 'A类' });
  plant('danrenbao-basis', M11, fym, GZ, 'fires', '单人保（家庭3人保1人），残疾人名单中没有此人');
  life('danrenbao-basis', fym, ['新增', '持续', '持续']);
  plant('partial-coverage', M11, fym, GZ, 'not', '保障1人<家庭3人，但施保方式为单人保');

  const czg = P('陈志刚', '男', '19850226');
  dibao(GZ, '西街社区', '城市', [[czg, '户主']], { mode: '单人保', family: 4, covered: 1, start: '2021-11', cat: 'A类' });
  const czgCj = canji(GZ, '西街社区', czg, '精神', 3);
  liangbu(czgCj, LIFE, { start: '2021-12' });
  plant('danrenbao-basis', M11, czg, GZ, 'not', '单人保，残疾人名单为精神三级（认可）');
  plant('subsidy-omission', M11, czg, GZ, 'not', '低保∩残疾人，已领困难残疾人生活补贴');

  const cml = P('褚明亮', '男', '19700519');
  dibao(GZ, '西街社区', '城市', [[cml, '户主']], { start: '2019-02', until: M11 });
  const cmlCj = canji(GZ, '西街社区', cml, '肢体', 3);
  liangbu(cmlCj, LIFE, { start: '2019-04' });
  plant('subsidy-not-eligible', M11, cml, GZ, 'not', '领生活补贴且低保在保');
  plant('subsidy-not-eligible', M12, cml, GZ, 'fires', '12月已退出低保（名单中不再有），生活补贴照发');
  life('subsidy-not-eligible', cml, ['absent', 'absent', '新增']);

  const wsz = P('卫淑珍', '女', '19390408');
  dibao(GZ, '西街社区', '城市', [[wsz, '户主']], { start: '2015-01', cat: 'A类' });
  death(M11, wsz, '2024-11-17', '示例县城关镇西街社区');
  plant('deceased-active', M11, wsz, GZ, 'not', '火化日期 2024-11-17 在比对月内（不早于 2024-11-01），本月不提示');
  plant('deceased-active', M12, wsz, GZ, 'fires', '2024-11-17 火化，12月仍在低保名单');
  life('deceased-active', wsz, ['absent', 'absent', '新增']);

  const jzq = P('蒋志强', '男', '19761010'), smh = P('沈美华', '女', '19790303', { region: '410526' });
  dibao(GZ, '东关社区', '城市', [[jzq, '户主'], [smh, '配偶']], { start: '2020-06', taper: '2024-04', cat: 'C类' });
  plant('taper-overdue', M11, jzq, GZ, 'fires', '渐退开始 2024-04，满 6 个月（2024-10）仍在册');
  plant('taper-overdue', M11, smh, GZ, 'fires', '同户成员，渐退开始 2024-04');
  life('taper-overdue', jzq, ['新增', '持续', '持续']);
  life('taper-overdue', smh, ['新增', '持续', '持续']);

  const hbl = P('韩宝林', '男', '19680722');
  dibao(GZ, '东关社区', '城市', [[hbl, '户主']], { start: '2017-04', status: { [M10]: '停保', [M11]: '停保', [M12]: '停保' } });
  ext('县水利局', hbl, '工勤人员');
  plant('ext-match', M11, hbl, GZ, 'not', '在财政供养人员名单，但低保行状态为停保（不在保）');

  const yww = P('杨文华', '女', '19500211');
  dibao(GZ, '西街社区', '城市', [[yww, '户主']], { start: '2016-09', cat: 'A类' });
  const zjx = P('朱建新', '男', '19660830'), qgz = P('秦桂芝', '女', '19671212'), zxy = P('朱晓雨', '女', '20050505');
  dibao(GZ, '东关社区', '城市', [[zjx, '户主'], [qgz, '配偶'], [zxy, '之女']], { start: '2023-01' });
  const myz = P('马玉珍', '女', '19470815');
  dibao(GZ, '东关社区', '城市', [[myz, '户主']], { start: '2014-10', cat: 'A类' });
  const lgq = P('刘国强', '男', '19690228'), dxm = P('杜小梅', '女', '19710619'), lsy = P('刘思远', '男', '20041002');
  dibao(GZ, '西街社区', '城市', [[lgq, '户主'], [dxm, '配偶'], [lsy, '之子']], { start: '2022-03', cat: 'C类' });
  const hdc = P('黄德才', '男', '19531103');
  dibao(GZ, '西街社区', '城市', [[hdc, '户主']], { start: '2018-12', cat: 'A类' });

  const kfr = P('孔繁荣', '男', '19440505');
  tekun(GZ, '西街社区', '城市', kfr, { start: '2013-04' });

  // Canji / liangbu in the 社区 (no 低保).
  const pys = P('潘玉山', '男', '19530614');
  canji(GZ, '东关社区', pys, '视力', 1);
  plant('subsidy-omission', M11, pys, GZ, 'fires', '(b) 视力一级，不是特困，没有重度残疾人护理补贴');
  life('subsidy-omission', pys, ['新增', '持续', '持续']);
  const ygy = P('严桂英', '女', '19480129');
  liangbu(canji(GZ, '东关社区', ygy, '多重', 1, { suffix: 'B1' }), CARE, { start: '2016-03' });
  const gsf = P('郭素芬', '女', '19650907');
  liangbu(canji(GZ, '西街社区', gsf, '肢体', 3), CARE, { start: '2022-05' });
  plant('nursing-grade', M11, gsf, GZ, 'fires', '领重度残疾人护理补贴，残疾人名单为肢体三级');
  life('nursing-grade', gsf, ['新增', '持续', '持续']);
  canji(GZ, '东关社区', P('田晓峰', '男', '19880707'), '听力', 4);

  // 北关村: 农村.
  const xcs = P('许长顺', '男', '19550120'), hyl = P('何玉兰', '女', '19570606');
  dibao(GZ, '北关村', '农村', [[xcs, '户主'], [hyl, '配偶']], { start: '2016-01' });
  fangpin(GZ, '北关村', '脱贫户', [[xcs, '户主'], [hyl, '配偶', { health: '长期慢性病' }]]);

  const ljg = P('吕建国', '男', '19720404'), scp = P('施翠萍', '女', '19740915');
  const lh = P('吕浩', '男', '19960312'), lt = P('吕婷', '女', '19990808');
  dibao(GZ, '北关村', '农村', [[ljg, '户主'], [scp, '配偶']], { family: 4, covered: 2, start: '2021-06', cat: 'C类' });
  fangpin(GZ, '北关村', '脱贫户', [[ljg, '户主', { health: '患有大病' }], [scp, '配偶'], [lh, '之子'], [lt, '之女']]);
  ext('城关镇第二小学', lt, '教师');
  plant('partial-coverage', M11, ljg, GZ, 'fires', '低保证号下保障2人<家庭人口4人，整户保（记在户主名下）');
  life('partial-coverage', ljg, ['新增', '持续', '持续']);
  plant('ext-match', M11, lt, GZ, 'not', '在财政供养人员名单，但只在防返贫名单（未纳入低保，不在比对范围）');

  const zds = P('张德胜', '男', '19691123');
  dibao(GZ, '北关村', '农村', [[zds, '户主']], { start: '2019-10', taper: '2024-05', status: { [M12]: '退出' }, cat: 'C类' });
  fangpin(GZ, '北关村', '一般农户', [[zds, '户主']], { monitor: '边缘易致贫户', risk: { at: '2023-08-14' } });
  plant('taper-overdue', M11, zds, GZ, 'fires', '渐退开始 2024-05，2024-11 满 6 个月仍在册');
  life('taper-overdue', zds, ['absent', '新增', '已消除']);

  const xez = P('许二柱', '男', '19660510'), xly = P('许兰英', '女', '19680808');
  dibao(GZ, '北关村', '农村', [[xez, '户主'], [xly, '配偶']], { start: '2020-12' });
  fangpin(GZ, '北关村', '脱贫户', [[xez, '户主'], [xly, '配偶']]);
  fangpin(GZ, '北关村', '脱贫户', [
    [P('许金锁', '男', '19720315'), '户主'], [P('宋桂芳', '女', '19740722'), '配偶'],
    [P('许梦洁', '女', '20031201'), '之女'], [P('许梦阳', '男', '20110214'), '之子'],
  ]);

  const ydh = P('尤大海', '男', '19790818');
  tekun(GZ, '北关村', '农村', ydh, { start: '2018-07' });
  fangpin(GZ, '北关村', '脱贫户', [[ydh, '户主', { labor: '弱劳动力或半劳动力', health: '长期慢性病' }]]);
  plant('tekun-labor-check', M11, ydh, GZ, 'fires', '特困，45 岁，残疾人名单中没有认可的残疾');
  life('tekun-labor-check', ydh, ['新增', '持续', '持续']);

  const sjm = P('宋建民', '男', '19590505');
  liangbu(canji(GZ, '北关村', sjm, '肢体', 1), CARE, { start: '2018-01' });
}

// ═══════════════ 城南镇 ═══════════════

function chengnan(c: County): void {
  const { P, plant, life, dibao, tekun, fangpin, canji, liangbu, death } = c;
  // 李庄村
  const lcg = P('李长庚', '男', '19500309'), wxy = P('王秀英', '女', '19521010');
  const lcy = P('李春燕', '女', '19900616');
  dibao(CN, '李庄村', '农村', [[lcg, '户主'], [wxy, '配偶'], [lcy, '之女']], { start: '2017-05', cat: 'A类' });
  fangpin(CN, '李庄村', '脱贫户', [[lcg, '户主', { labor: '丧失劳动力', health: '长期慢性病' }], [wxy, '配偶']]);
  plant('duplicate-in-roster', M11, lcy, CN, 'fires', '低保名单两行在保：城南镇李庄村（父母户）与河口乡柳林村（夫家户），跨乡镇');
  life('duplicate-in-roster', lcy, ['新增', '持续', '持续']);

  const lsr = P('李守仁', '男', '19400707'), zgh = P('赵桂花', '女', '19420202');
  dibao(CN, '李庄村', '农村', [[lsr, '户主'], [zgh, '配偶']], { start: '2023-06', cat: 'A类' });
  fangpin(CN, '李庄村', '一般农户', [[lsr, '户主', { labor: '丧失劳动力', health: '长期慢性病' }], [zgh, '配偶', { labor: '丧失劳动力', health: '长期慢性病' }]], {
    monitor: '边缘易致贫户', risk: { at: '2023-03-16', cleared: '2024-01-10' },
  });
  plant('risk-cleared-no-labor', M11, lsr, CN, 'fires', '户内2人均丧失劳动力，却标注风险已消除（记在户主名下）');
  life('risk-cleared-no-labor', lsr, ['新增', '持续', '持续']);
  plant('risk-cleared-early', M11, lsr, CN, 'not', '识别 2023-03，消除 2024-01，监测 10 个月');
  plant('doudi-omission', M11, lsr, CN, 'not', '丧失劳动力，已在低保');

  const lm = P('李明', '男', '19830525'), lf = P('刘芳', '女', '19850909', { region: '410523' });
  const lzx = P('李子轩', '男', '20101111'), lzh = P('李子涵', '女', '20140404');
  dibao(CN, '李庄村', '农村', [[lm, '户主'], [lf, '配偶'], [lzx, '之子'], [lzh, '之女']], { start: '2022-09', cat: 'C类' });
  fangpin(CN, '李庄村', '脱贫户', [[lm, '户主'], [lf, '配偶'], [lzx, '之子'], [lzh, '之女']]);

  fangpin(CN, '李庄村', '脱贫户', [[P('李文斌', '男', '19680909'), '户主'], [P('田秀梅', '女', '19700303'), '配偶'], [P('李浩然', '男', '19940630'), '之子']]);

  const lxl = P('李小龙', '男', '20061110');
  tekun(CN, '李庄村', '农村', lxl, { start: '2016-03' });
  fangpin(CN, '李庄村', '脱贫户', [[lxl, '户主', { school: '非在校生', labor: '普通劳动力' }]]);
  plant('tekun-age-out', M11, lxl, CN, 'fires', '生于 2006-11-10，2024-11-30 满 18 周岁，2016-03 纳入时 9 岁，非在校');
  plant('tekun-age-out', M10, lxl, CN, 'not', '2024-10-31 时 17 周岁');
  life('tekun-age-out', lxl, ['absent', '新增', '持续']);
  plant('tekun-labor-check', M11, lxl, CN, 'fires', '特困，18 岁，非在校，无残疾记录');
  life('tekun-labor-check', lxl, ['absent', '新增', '持续']);

  const ltz = P('李铁柱', '男', '19741010');
  tekun(CN, '李庄村', '农村', ltz, { start: '2012-08', care: '部分丧失生活自理能力' });
  canji(CN, '李庄村', ltz, '智力', 2);
  fangpin(CN, '李庄村', '脱贫户', [[ltz, '户主', { labor: '丧失劳动力', health: '残疾' }]]);
  plant('tekun-labor-check', M11, ltz, CN, 'not', '特困，50 岁，残疾人名单为智力二级（认可）');
  plant('subsidy-omission', M11, ltz, CN, 'not', '智力二级，但在特困（特困自有照料护理费）');

  const ldw = P('李德旺', '男', '19460214', { legacy15: true });
  tekun(CN, '李庄村', '农村', ldw, { start: '2010-01', support: '集中供养', care: '部分丧失生活自理能力', idCell: ldw.id15 });
  fangpin(CN, '李庄村', '脱贫户', [[ldw, '户主', { labor: '丧失劳动力', health: '长期慢性病' }]]);
  plant('id-invalid', M11, ldw, CN, 'not', `特困名单身份证号为 15 位旧号 ${ldw.id15}，升为 18 位（upgraded，可比对）`, { kind: 'tekun', id_status: 'upgraded', raw: ldw.id15 });
  plant('not-monitored', M11, ldw, CN, 'not', '15 位旧号升位后与防返贫名单 18 位号码相同，已纳入');

  canji(CN, '李庄村', P('李秀云', '女', '19761212'), '视力', 3);

  // 王营村
  const wls = P('王老栓', '男', '19360909');
  dibao(CN, '王营村', '农村', [[wls, '户主']], { start: '2014-03', cat: 'A类', until: M11 });
  fangpin(CN, '王营村', '脱贫户', [[wls, '户主', { labor: '丧失劳动力', health: '长期慢性病', until: M11 }]]);
  death(M10, wls, '2024-09-20', '示例县城南镇王营村', '补录（9月火化）');
  plant('deceased-active', M11, wls, CN, 'fires', '2024-09-20 火化，仍在低保和防返贫名单');
  life('deceased-active', wls, ['新增', '持续', '已消除']);

  const wjh = P('王建华', '男', '19721220'), lxc = P('李小翠', '女', '19750515');
  dibao(CN, '王营村', '农村', [[wjh, '户主'], [lxc, '配偶']], { start: '2020-07' });
  canji(CN, '王营村', wjh, '肢体', 3);
  fangpin(CN, '王营村', '脱贫户', [[wjh, '户主', { labor: '弱劳动力或半劳动力', health: '残疾' }], [lxc, '配偶']]);
  plant('subsidy-omission', M11, wjh, CN, 'fires', '(a) 低保在保且持残疾人证（肢体三级），没有困难残疾人生活补贴');
  life('subsidy-omission', wjh, ['新增', '持续', '持续']);

  const wfy = P('王凤英', '女', '19560128');
  dibao(CN, '王营村', '农村', [[wfy, '户主']], { start: '2020-04', cat: 'A类', status: { [M12]: '停保' } });
  tekun(CN, '王营村', '农村', wfy, { start: '2024-11', from: M11 });
  fangpin(CN, '王营村', '脱贫户', [[wfy, '户主', { labor: '丧失劳动力', health: '患有大病' }]]);
  plant('dibao-tekun-overlap', M11, wfy, CN, 'fires', '11月认定特困，低保未停');
  life('dibao-tekun-overlap', wfy, ['absent', '新增', '已消除']);

  const wdh = P('王大海', '男', '19620112'), zcl = P('张翠兰', '女', '19630927');
  dibao(CN, '王营村', '农村', [[wdh, '户主'], [zcl, '配偶']], { start: '2021-02' });
  fangpin(CN, '王营村', '脱贫户', [[wdh, '户主'], [zcl, '配偶']]);
  fangpin(CN, '王营村', '脱贫户', [
    [P('王树林', '男', '19771111'), '户主'], [P('赵丽', '女', '19790422'), '配偶'],
    [P('王一帆', '男', '20080505'), '之子', { school: '普通高中' }], [P('王一诺', '女', '20130818'), '之女'],
  ]);

  const wjl = P('王佳乐', '男', '20070305');
  tekun(CN, '王营村', '农村', wjl, { start: '2015-06' });
  fangpin(CN, '王营村', '脱贫户', [[wjl, '户主', { school: '非在校生', labor: '普通劳动力' }]]);
  plant('tekun-age-out', M11, wjl, CN, 'not', '生于 2007-03-05，17 周岁（非在校）');
  plant('tekun-labor-check', M11, wjl, CN, 'not', '未满 18 周岁');

  const wyf = P('王有福', '男', '19580303');
  tekun(CN, '王营村', '农村', wyf, { start: '2019-03', support: '集中供养', care: '完全丧失生活自理能力' });
  liangbu(canji(CN, '王营村', wyf, '肢体', 1), CARE, { start: '2017-06' });
  fangpin(CN, '王营村', '脱贫户', [[wyf, '户主', { labor: '丧失劳动力', health: '残疾' }]]);
  plant('tekun-subsidy-overlap', M11, wyf, CN, 'fires', '特困（集中供养）同时领重度残疾人护理补贴');
  life('tekun-subsidy-overlap', wyf, ['新增', '持续', '持续']);

  const wmd = P('王满囤', '男', '19410909');
  tekun(CN, '王营村', '农村', wmd, { start: '2011-05', support: '集中供养', care: '部分丧失生活自理能力' });
  fangpin(CN, '王营村', '脱贫户', [[wmd, '户主', { labor: '丧失劳动力', health: '长期慢性病' }]]);

  const zds2 = P('周大山', '男', '19670308');
  canji(CN, '王营村', zds2, '肢体', 4, { idCell: { [M11]: typo(zds2.id) } });
  plant('id-invalid', M11, zds2, CN, 'fires', `残疾人_2024-11.xlsx 身份证号两位顺序颠倒 ${typo(zds2.id)}（校验位不符）`, { kind: 'canji', id_status: 'bad_checksum', raw: typo(zds2.id) });

  // 南岗村
  const sdl = P('孙大力', '男', '19640414'), mhm = P('马红梅', '女', '19660626'), sxb = P('孙小兵', '男', '20070707');
  dibao(CN, '南岗村', '农村', [[sdl, '户主'], [mhm, '配偶'], [sxb, '之子']], { start: '2018-11' });
  fangpin(CN, '南岗村', '脱贫户', [[sdl, '户主'], [mhm, '配偶'], [sxb, '之子', { school: '普通高中' }]]);

  const gyz = P('高玉珍', '女', '19610808');
  dibao(CN, '南岗村', '农村', [[gyz, '户主']], { mode: '单人保', family: 3, covered: 1, start: '2020-10', cat: 'A类' });
  const gyzCj = canji(CN, '南岗村', gyz, '智力', 2);
  liangbu(gyzCj, LIFE, { start: '2020-11' });
  liangbu(gyzCj, CARE, { start: '2020-11' });
  fangpin(CN, '南岗村', '脱贫户', [
    [gyz, '户主', { labor: '丧失劳动力', health: '残疾' }], [P('孙建业', '男', '19600101'), '配偶'], [P('孙丽丽', '女', '19880316'), '之女'],
  ]);
  plant('danrenbao-basis', M11, gyz, CN, 'not', '单人保，残疾人名单为智力二级（认可）');
  plant('duplicate-in-roster', M11, gyz, CN, 'not', '两项补贴两行，但补贴类型不同（生活补贴＋护理补贴）');

  const slx = P('孙立新', '男', '19780218');
  dibao(CN, '南岗村', '农村', [[slx, '户主']], { start: '2021-08', taper: '2024-06', cat: 'C类' });
  fangpin(CN, '南岗村', '脱贫户', [[slx, '户主']]);
  plant('taper-overdue', M11, slx, CN, 'not', '渐退开始 2024-06，到 2024-11 只有 5 个月');
  plant('taper-overdue', M12, slx, CN, 'fires', '渐退开始 2024-06，2024-12 满 6 个月');
  life('taper-overdue', slx, ['absent', 'absent', '新增']);

  const mdf = P('马德福', '男', '19440303'), scl = P('孙翠兰', '女', '19501010');
  dibao(CN, '南岗村', '农村', [[mdf, '户主'], [scl, '配偶']], { start: '2023-09', cat: 'A类' });
  fangpin(CN, '南岗村', '一般农户', [[mdf, '户主', { labor: '丧失劳动力', health: '长期慢性病' }], [scl, '配偶', { labor: '弱劳动力或半劳动力' }]], {
    monitor: '边缘易致贫户', risk: { at: '2023-05-22', cleared: '2024-01-18' },
  });
  plant('risk-cleared-no-labor', M11, mdf, CN, 'not', '风险已消除，但配偶为弱劳动力或半劳动力（不是整户无劳动力）');

  const mcs = P('马春生', '男', '19580606');
  dibao(CN, '南岗村', '农村', [[mcs, '户主']], { start: '2017-02' });
  fangpin(CN, '南岗村', '脱贫户', [[mcs, '户主']]);

  const syx = P('孙雨萱', '女', '20060412');
  tekun(CN, '南岗村', '农村', syx, { start: '2014-09', school: '普通高中' });
  fangpin(CN, '南岗村', '脱贫户', [[syx, '户主', { school: '普通高中' }]]);
  plant('tekun-age-out', M11, syx, CN, 'not', '18 周岁，但在校状况为普通高中');
  plant('tekun-labor-check', M11, syx, CN, 'not', '18 周岁，在读普通高中（豁免）');

  const mls = P('马老四', '男', '19461212');
  tekun(CN, '南岗村', '农村', mls, { start: '2015-10' });
  fangpin(CN, '南岗村', '脱贫户', [[mls, '户主', { labor: '丧失劳动力', health: '长期慢性病', flagTekun: '否' }]]);
  plant('fangpin-flag-mismatch', M11, mls, CN, 'fires', '防返贫“是否特困供养人员”=否，但特困在保');
  life('fangpin-flag-mismatch', mls, ['新增', '持续', '持续']);

  const gcq = P('葛长青', '男', '19660403');
  liangbu(canji(CN, '南岗村', gcq, '听力', 3), LIFE, { start: '2023-02' });
  plant('subsidy-not-eligible', M11, gcq, CN, 'fires', '领困难残疾人生活补贴，不在低保');
  life('subsidy-not-eligible', gcq, ['新增', '持续', '持续']);

  const djy = P('邓建业', '男', '19710826');
  liangbu(canji(CN, '南岗村', djy, '肢体', 2), CARE, { start: '2019-09', gradeCol: 3 });
  plant('nursing-grade', M11, djy, CN, 'not', '两项补贴表残疾等级列写三级，但残疾人名单为肢体二级（以残疾人名单为准）');
}

// ═══════════════ 河口乡 ═══════════════

function hekou(c: County): void {
  const { P, plant, life, dibao, tekun, fangpin, canji, liangbu, death } = c;
  // 河口村
  const hjg = P('何建国', '男', '19581028'), zgl = P('周桂兰', '女', '19600115');
  dibao(HK, '河口村', '农村', [[hjg, '户主'], [zgl, '配偶']], { start: '2016-06' });
  fangpin(HK, '河口村', '脱贫户', [[hjg, '户主'], [zgl, '配偶', { health: '长期慢性病' }]]);

  const hxj = P('何小军', '男', '19900202');
  dibao(HK, '河口村', '农村', [[hxj, '户主']], { start: '2019-05', cat: 'A类' });
  const hxjCj = canji(HK, '河口村', hxj, '视力', 2);
  liangbu(hxjCj, LIFE, { start: '2019-06' });
  liangbu(hxjCj, CARE, { start: '2019-06' });
  fangpin(HK, '河口村', '脱贫户', [[hxj, '户主', { labor: '弱劳动力或半劳动力', health: '残疾' }]]);
  plant('duplicate-in-roster', M11, hxj, HK, 'not', '两项补贴两行，补贴类型不同');
  plant('subsidy-omission', M11, hxj, HK, 'not', '低保∩残疾人（视力二级），两项补贴都有');

  const hdy = P('何大勇', '男', '19801212'), lfl = P('刘凤兰', '女', '19520404');
  dibao(HK, '河口村', '农村', [[hdy, '户主'], [lfl, '之母']], { start: '2020-09', until: M10 });
  fangpin(HK, '河口村', '脱贫户', [[hdy, '户主', { flagDibao: { [M11]: '是' } }], [lfl, '之母', { flagDibao: { [M11]: '是' } }]]);
  plant('fangpin-flag-mismatch', M11, hdy, HK, 'fires', '11月已退出低保，防返贫名单“是否享受低保”仍为是');
  plant('fangpin-flag-mismatch', M11, lfl, HK, 'fires', '同户，11月已退出低保，标志未更新');
  life('fangpin-flag-mismatch', hdy, ['absent', '新增', '已消除']);
  life('fangpin-flag-mismatch', lfl, ['absent', '新增', '已消除']);

  const hyf = P('何永福', '男', '19500919');
  dibao(HK, '河口村', '农村', [[hyf, '户主']], { start: '2018-03', status: { [M10]: '停保', [M11]: '停保', [M12]: '停保' } });
  tekun(HK, '河口村', '农村', hyf, { start: '2024-08' });
  fangpin(HK, '河口村', '脱贫户', [[hyf, '户主', { labor: '丧失劳动力', health: '长期慢性病' }]]);
  plant('dibao-tekun-overlap', M11, hyf, HK, 'not', '2024-08 转为特困，低保行状态为停保');

  const hsy = P('何守义', '男', '19380808');
  tekun(HK, '河口村', '农村', hsy, { start: '2009-12', support: '集中供养', care: '完全丧失生活自理能力' });
  fangpin(HK, '河口村', '脱贫户', [[hsy, '户主', { labor: '丧失劳动力', health: '长期慢性病' }]]);
  death(M10, hsy, '2024-10-22', '示例县河口乡河口村');
  plant('deceased-active', M10, hsy, HK, 'not', '2024-10-22 火化，在比对月 2024-10 内');
  plant('deceased-active', M11, hsy, HK, 'fires', '2024-10-22 火化，11月仍在特困和防返贫名单');
  life('deceased-active', hsy, ['absent', '新增', '持续']);

  const hcs = P('何长寿', '男', '19430217');
  tekun(HK, '河口村', '农村', hcs, { start: '2014-07' });
  fangpin(HK, '河口村', '脱贫户', [[hcs, '户主', { labor: '丧失劳动力', health: '长期慢性病' }]]);

  const hdm = P('何德明', '男', '19790409'), zy = P('郑艳', '女', '19811130'), hym = P('何一鸣', '男', '20090820');
  const early = { at: '2024-06-13', clearedFrom: M11, cleared: '2024-11-06' };
  fangpin(HK, '河口村', '一般农户', [[hdm, '户主'], [zy, '配偶', { health: '患有大病' }], [hym, '之子']], { monitor: '突发严重困难户', risk: early });
  for (const p of [hdm, zy, hym]) {
    plant('risk-cleared-early', M11, p, HK, 'fires', '识别 2024-06，2024-11 标注风险消除，仅 5 个月');
    life('risk-cleared-early', p, ['absent', '新增', '持续']);
  }

  fangpin(HK, '河口村', '脱贫户', [[P('何德水', '男', '19651010'), '户主'], [P('邹秀英', '女', '19671225'), '配偶']]);
  canji(HK, '河口村', P('韦志明', '男', '19800606'), '言语', 3);

  // 柳林村
  // 李春燕 (城南镇李庄村, her parents' 低保 case) married here: listed in both cases.
  const lzq = P('柳志强', '男', '19880108'), lcy = c.byName.get('李春燕')!, lsq = P('柳思琪', '女', '20150321');
  dibao(HK, '柳林村', '农村', [[lzq, '户主'], [lcy, '配偶'], [lsq, '之女']], { start: '2022-11', cat: 'C类' });
  fangpin(HK, '柳林村', '脱贫户', [[lzq, '户主'], [lcy, '配偶'], [lsq, '之女']]);

  const lch = P('柳春花', '女', '19450505');
  dibao(HK, '柳林村', '农村', [[lch, '户主']], { start: '2015-08', cat: 'A类' });
  fangpin(HK, '柳林村', '脱贫户', [[lch, '户主', { labor: '丧失劳动力', health: '长期慢性病' }]]);
  plant('doudi-omission', M11, lch, HK, 'not', '丧失劳动力，已在低保');

  const lcr = P('柳长河', '男', '19490713'), wgl = P('王桂兰', '女', '19511020');
  dibao(HK, '柳林村', '农村', [[lcr, '户主'], [wgl, '配偶']], { start: '2016-04' });
  fangpin(HK, '柳林村', '脱贫户', [[lcr, '户主', { labor: '丧失劳动力', health: '长期慢性病' }], [wgl, '配偶']]);

  const ljs = P('柳金山', '男', '19550505');
  tekun(HK, '柳林村', '农村', ljs, { start: '2017-11', care: '部分丧失生活自理能力' });
  canji(HK, '柳林村', ljs, '肢体', 1);
  fangpin(HK, '柳林村', '脱贫户', [[ljs, '户主', { labor: '丧失劳动力', health: '残疾' }]]);
  plant('subsidy-omission', M11, ljs, HK, 'not', '肢体一级，无护理补贴，但在特困');

  const ldc = P('柳大成', '男', '19700206'), cxy = P('陈小燕', '女', '19720707');
  fangpin(HK, '柳林村', '脱贫户', [[ldc, '户主'], [cxy, '配偶']], { monitor: '脱贫不稳定户', risk: { at: '2024-04-09', cleared: '2024-10-15' } });
  plant('risk-cleared-early', M11, ldc, HK, 'not', '识别 2024-04，消除 2024-10，正好 6 个月');

  fangpin(HK, '柳林村', '脱贫户', [
    [P('柳建设', '男', '19750518'), '户主'], [P('孟凡英', '女', '19770209'), '配偶'], [P('柳欣怡', '女', '20060930'), '之女', { school: '中职' }],
  ]);
  liangbu(canji(HK, '柳林村', P('孟庆华', '女', '19701121'), '精神', 2), CARE, { start: '2020-02' });

  // 石桥村
  const sl = P('石磊', '男', '19750717');
  dibao(HK, '石桥村', '农村', [[sl, '户主']], { start: '2023-04', cat: 'A类' });
  plant('not-monitored', M11, sl, HK, 'fires', '农村低保在保，不在防返贫名单');
  life('not-monitored', sl, ['新增', '持续', '持续']);

  const sxl2 = P('石秀兰', '女', '19521111');
  dibao(HK, '石桥村', '农村', [[sxl2, '户主']], { start: '2024-12', from: M12, cat: 'A类' });
  fangpin(HK, '石桥村', '一般农户', [[sxl2, '户主', { labor: { [M10]: '弱劳动力或半劳动力', [M11]: '丧失劳动力', [M12]: '丧失劳动力' }, health: '患有大病' }]], {
    monitor: '突发严重困难户', risk: { at: '2024-10-11' },
  });
  plant('doudi-omission', M11, sxl2, HK, 'fires', '11月劳动技能改为丧失劳动力，不在低保、特困');
  life('doudi-omission', sxl2, ['absent', '新增', '已消除']);

  const smc = P('石满仓', '男', '19581212'), lyq = P('刘玉芹', '女', '19600220'), sjj = P('石建军', '男', '19850330');
  fangpin(HK, '石桥村', '脱贫户', [[smc, '户主'], [lyq, '配偶'], [sjj, '之子', { labor: '弱劳动力或半劳动力', health: '残疾' }]]);
  canji(HK, '石桥村', sjj, '精神', 3);
  plant('doudi-omission', M11, sjj, HK, 'fires', '防返贫人员，残疾人名单为精神三级（重度），不在低保、特困');
  life('doudi-omission', sjj, ['新增', '持续', '持续']);

  const sbg = P('石宝贵', '男', '19560425');
  dibao(HK, '石桥村', '农村', [[sbg, '户主']], { start: '2019-01' });
  fangpin(HK, '石桥村', '脱贫户', [[sbg, '户主', { labor: '丧失劳动力', health: '长期慢性病' }]]);

  const sgs = P('石根生', '男', '19490404');
  tekun(HK, '石桥村', '农村', sgs, { start: '2012-02' });
  fangpin(HK, '石桥村', '脱贫户', [[sgs, '户主', { labor: '丧失劳动力', health: '长期慢性病' }]]);

  const sclin = P('石长林', '男', '19630808'), lxz = P('罗秀珍', '女', '19650317');
  fangpin(HK, '石桥村', '脱贫户', [[sclin, '户主'], [lxz, '配偶', { idCell: { [M11]: masked(lxz.id) } }], [P('石小虎', '男', '19901205'), '之子']]);
  plant('id-invalid', M11, lxz, HK, 'fires', `防返贫_2024-11.csv 身份证号为脱敏号码 ${masked(lxz.id)}`, { kind: 'fangpin', id_status: 'masked', raw: masked(lxz.id) });

  canji(HK, '石桥村', P('罗建平', '男', '19920914'), '智力', 4);
}

// ═══════════════ ordinary families (no planted case: every roster agrees about them) ═══════════════

function ordinaryFamilies(c: County): void {
  const { P, dibao, tekun, fangpin, canji, liangbu } = c;
  dibao(GZ, '东关社区', '城市', [[P('邢建平', '男', '19610719'), '户主'], [P('包秀珍', '女', '19630227'), '配偶']], { start: '2019-09' });
  dibao(GZ, '西街社区', '城市', [[P('裴志华', '男', '19770506'), '户主'], [P('柏丽', '女', '19801224'), '配偶'], [P('裴子墨', '男', '20090315'), '之子']], { start: '2023-05', cat: 'C类' });
  dibao(GZ, '东关社区', '城市', [[P('姜玉兰', '女', '19441108'), '户主']], { start: '2012-06', cat: 'A类' });
  canji(GZ, '西街社区', P('滕建勇', '男', '19830416'), '肢体', 4);
  const scg = P('宋长贵', '男', '19520803');
  dibao(GZ, '北关村', '农村', [[scg, '户主']], { start: '2018-02', cat: 'A类' });
  fangpin(GZ, '北关村', '脱贫户', [[scg, '户主', { health: '长期慢性病' }]]);
  fangpin(GZ, '北关村', '脱贫户', [[P('许长江', '男', '19601030'), '户主'], [P('范秀英', '女', '19620514'), '配偶']]);

  fangpin(CN, '李庄村', '脱贫户', [
    [P('李国富', '男', '19570327'), '户主'], [P('张桂英', '女', '19590913'), '配偶'], [P('李强', '男', '19820621'), '之子'],
    [P('陈静', '女', '19841008', { region: '410527' }), '儿媳'], [P('李思雨', '女', '20081212'), '之孙女', { school: '普通高中' }],
    [P('李思博', '男', '20160730'), '之孙子'],
  ]);
  const wjs = P('王建设', '男', '19740215'), fxy = P('冯秀云', '女', '19760829'), wc = P('王晨', '男', '20060606');
  dibao(CN, '王营村', '农村', [[wjs, '户主'], [fxy, '配偶'], [wc, '之子']], { start: '2022-01' });
  fangpin(CN, '王营村', '脱贫户', [[wjs, '户主', { health: '长期慢性病' }], [fxy, '配偶'], [wc, '之子', { school: '中职' }]]);
  canji(CN, '王营村', P('王丽娜', '女', '19930309'), '听力', 3);
  fangpin(CN, '南岗村', '脱贫户', [[P('马建军', '男', '19690125'), '户主'], [P('孙秀芳', '女', '19710430'), '配偶'], [P('马超', '男', '19951117'), '之子']]);
  const syt = P('孙有田', '男', '19470618');
  tekun(CN, '南岗村', '农村', syt, { start: '2013-09' });
  fangpin(CN, '南岗村', '脱贫户', [[syt, '户主', { labor: '丧失劳动力', health: '长期慢性病' }]]);

  const hcs2 = P('何春生', '男', '19630901'), wxl = P('吴秀兰', '女', '19651126');
  dibao(HK, '河口村', '农村', [[hcs2, '户主'], [wxl, '配偶']], { start: '2021-04' });
  fangpin(HK, '河口村', '脱贫户', [[hcs2, '户主'], [wxl, '配偶', { health: '长期慢性病' }]]);
  fangpin(HK, '河口村', '脱贫户', [
    [P('何强', '男', '19860512'), '户主'], [P('胡晓丽', '女', '19880719'), '配偶'], [P('何子墨', '男', '20121010'), '之子'], [P('何子萱', '女', '20180202'), '之女'],
  ]);
  liangbu(canji(HK, '河口村', P('何秀梅', '女', '19750220'), '肢体', 2), CARE, { start: '2021-07' });
  const lsy2 = P('柳三元', '男', '19591208');
  dibao(HK, '柳林村', '农村', [[lsy2, '户主']], { start: '2020-01' });
  fangpin(HK, '柳林村', '脱贫户', [[lsy2, '户主', { health: '长期慢性病' }]]);
  canji(HK, '柳林村', P('柳明', '男', '20010808'), '言语', 4);
  fangpin(HK, '石桥村', '脱贫户', [[P('石金贵', '男', '19660303'), '户主'], [P('孔秀兰', '女', '19680616'), '配偶'], [P('石鑫', '男', '19920909'), '之子']]);
  const rgy = P('罗桂英', '女', '19410421');
  dibao(HK, '石桥村', '农村', [[rgy, '户主']], { start: '2016-11', cat: 'A类' });
  fangpin(HK, '石桥村', '脱贫户', [[rgy, '户主', { labor: '丧失劳动力', health: '长期慢性病' }]]);
}

// ═══════════════ people on no roster ═══════════════

// ═══════════════ 身份核对（2024-12，河口乡石桥村）═══════════════

function identity(c: County): void {
  const { P, plant, dibao, tekun, canji } = c;
  // 特困人员冯玉兰 12 月又被纳入低保，低保名单上的身份证号两位颠倒：号码无效，但特困名单有同名的有效号码且只有这一个 → 疑似录错并关联，
  // 关联后才发现低保特困重复享受（依据疑似录错的号码关联，请先核对身份）。
  const fyl = P('冯玉兰', '女', '19480310');
  tekun(HK, '石桥村', '农村', fyl, { start: '2019-06' });
  dibao(HK, '石桥村', '农村', [[fyl, '户主', { idCell: typo(fyl.id) }]], { only: [M12], start: '2024-12', mode: '单人保', cat: 'A类' });
  plant('id-typo-suspect', M12, fyl, HK, 'fires', `低保_2024-12 身份证号两位颠倒 ${typo(fyl.id)}；特困名单中同名的有效号码是唯一候选，关联到它`);
  plant('dibao-tekun-overlap', M12, fyl, HK, 'fires', '只因关联才发现：低保行的号码录错，关联后与特困名单同一人');

  // 同一身份证号，特困名单写侯桂英，残疾人名单写侯桂荣 → 同一身份证号姓名不一致；侯秀霞在残疾人名单中姓名中间多一个空格 → 不提示。
  const hgy = P('侯桂英', '女', '19520822'), hxx = P('侯秀霞', '女', '19581103');
  tekun(HK, '石桥村', '农村', hgy, { start: '2017-03' });
  canji(HK, '石桥村', { ...hgy, name: '侯桂荣' }, '肢体', 2, { only: [M12] });
  plant('id-name-mismatch', M12, hgy, HK, 'fires', '特困名单「侯桂英」、残疾人名单「侯桂荣」用同一个身份证号');
  tekun(HK, '石桥村', '农村', hxx, { start: '2018-09' });
  canji(HK, '石桥村', { ...hxx, name: '侯 秀霞' }, '视力', 3, { only: [M12] });
  plant('id-name-mismatch', M12, hxx, HK, 'not', '「侯 秀霞」去掉空格后与「侯秀霞」相同，不是两个姓名');

  // 特困名单的性别列与身份证号不符（号码是男性，性别列写“女”）→ 提示；同一人在残疾人名单中性别写对了，不另提示。
  const zgx = P('郑国兴', '男', '19500126');
  tekun(HK, '石桥村', '农村', { ...zgx, sex: '女' }, { start: '2015-11', only: [M12] });
  plant('id-attr-mismatch', M12, zgx, HK, 'fires', '特困名单性别列写“女”，身份证号第 17 位是男性');
}

function offRoster(c: County): void {
  const { P, death, ext } = c;
  // Other 火化 records (people on no roster), 财政供养人员 on no roster.
  death(M10, P('常有才', '男', '19350611'), '2024-10-05', '示例县城关镇北关村');
  death(M10, P('贾桂珍', '女', '19400317'), '2024-10-13', '示例县城南镇李庄村');
  death(M10, P('段明远', '男', '19510824'), '2024-10-28', '示例县河口乡柳林村');
  death(M11, P('苗春花', '女', '19381002'), '2024-11-03', '示例县城关镇东关社区');
  death(M11, P('雷振东', '男', '19440129'), '2024-11-21', '示例县城南镇王营村');
  death(M12, P('彭秀英', '女', '19361115'), '2024-12-06', '示例县河口乡石桥村');
  death(M12, P('鲁大成', '男', '19470502'), '2024-12-14', '示例县城关镇西街社区');
  death(M12, P('邵桂芝', '女', '19420718', { region: '410523' }), '2024-12-25', '汤阴县（户籍外县）');
  ext('县人民医院', P('任志远', '男', '19860315'), '医师');
  ext('县财政局', P('钟晓燕', '女', '19900821'), '科员');
  ext('城南镇人民政府', P('袁海涛', '男', '19830411'), '科员');
  ext('河口乡卫生院', P('邱美玲', '女', '19920126'), '护士');
  ext('县第一高级中学', P('阎振华', '男', '19790930'), '教师');
}
