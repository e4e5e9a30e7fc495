// Writes the demo county 「示例县」 (scripts/lib/demo-county.ts) under fixtures/demo/: three months (2024-10 … 2024-12) of
// 低保, 特困, 防返贫, 残疾人 and 两项补贴 rosters in the formats counties really send (system .xlsx, BIFF8 .xls with a title
// row, GBK .csv), the reference rosters (火化数据 per month, 财政供养人员), the demo config, README.md and expected.json.
//
// Run: npx tsx scripts/make-demo.ts      (deterministic: same bytes on every run, no clock, no randomness)
// test/fixtures/regenerate.test.ts checks that the committed fixtures/demo/ is exactly what this writes.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  COUNTY, END, GRADE, LIFE, M11, MONTHS, RATE, TOWN_ORDER, VILLAGE_ORDER, ageAt, buildCounty, caseStatus, defaultLabor, defaultSchool,
  perMonth, present, statusIn, type County, type MemberSpec, type Plant,
} from './lib/demo-county.js';
import type { Person } from './lib/fixture-set.js';
import { isMain } from './lib/is-main.js';
import { Sheet, biff8Buffer, csvText, encodeText, xlsxBuffer } from './lib/write-workbooks.js';

const FIXED_DATE = new Date(Date.UTC(2025, 0, 3, 0, 0, 0)); // "date made" of every workbook
const LIMIT = 60 * 1024;

/** Rosters list township by township, village by village (stable: declaration order within a village). */
const byTown = (a: { t: string; v: string }, b: { t: string; v: string }): number =>
  TOWN_ORDER.indexOf(a.t) - TOWN_ORDER.indexOf(b.t) || VILLAGE_ORDER.indexOf(a.v) - VILLAGE_ORDER.indexOf(b.v);
const idCellOf = (spec: Pick<MemberSpec, 'idCell'> | undefined, p: Person, m: string): string | number => perMonth(spec?.idCell, m) ?? p.id;
const cn = (m: string): string => `${m.slice(0, 4)}年${+m.slice(5)}月`;

// ───────────────────────────── rosters ─────────────────────────────

/** The county's roster files, one month at a time, into outDir; every file written is listed with its size. */
class DemoFiles {
  readonly written: [string, number][] = [];

  constructor(
    private readonly c: County,
    private readonly outDir: string,
  ) {}

  private put(rel: string, bytes: Buffer): void {
    const p = path.join(this.outDir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (bytes.length > LIMIT) throw new Error(`${rel} is ${bytes.length} bytes (limit ${LIMIT})`);
    fs.writeFileSync(p, bytes);
    this.written.push([rel, bytes.length]);
  }

  private xlsx(sheets: Sheet[], creator: string): Promise<Buffer> {
    return xlsxBuffer(sheets, { creator, date: FIXED_DATE, headerRow: true });
  }

  // ── 低保: system export (.xlsx), one row per covered person, header on row 1, ID columns formatted as text.
  async dibao(m: string): Promise<number> {
    const sh = new Sheet('低保对象');
    sh.add(['序号', '乡镇(街道)', '村(社区)', '低保证号', '户主姓名', '户主身份证号', '成员姓名', '成员身份证号', '与户主关系', '城乡类别',
      '保障人数', '家庭人口数', '施保方式', '保障类别', '户月保障金额(元)', '最初享受月份', '渐退开始月份', '在保状态']);
    sh.textCols = new Set([3, 5, 7]);
    sh.widths = [6, 10, 10, 16, 9, 21, 9, 21, 9, 8, 8, 10, 9, 9, 14, 12, 12, 9];
    let n = 0;
    for (const c of [...this.c.dibaoCases].sort(byTown)) {
      if (!present(c, m)) continue;
      const head = c.members[0]![0];
      const amount = RATE[c.area][c.cat] * c.covered;
      for (const [p, rel, spec] of c.members) {
        const idv = idCellOf(spec, p, m);
        sh.add([++n, c.t, c.v, c.no, head.name, head.id, p.name, typeof idv === 'number' ? { num: idv } : idv, rel, c.area,
          c.covered, c.family, c.mode, c.cat, amount, c.start, c.taper ?? '', caseStatus(c, m)]);
      }
    }
    this.put(`${m}/低保_${m}.xlsx`, await this.xlsx([sh], `${COUNTY}民政局`));
    return n;
  }

  // ── 特困: hand-kept BIFF8 .xls: title row, 填报单位 row, header on row 3, 合计 and footer rows.
  tekun(m: string): number {
    const sh = new Sheet('特困人员');
    const hdr = ['序号', '乡镇', '村(社区)', '姓名', '性别', '身份证号码', '户籍类型', '供养方式', '生活自理能力', '在校状况', '最初享受月份', '保障金额(元)', '状态'];
    const last = String.fromCharCode(64 + hdr.length);
    sh.add([`${COUNTY}${cn(m)}特困人员救助供养花名册`]);
    sh.merges.push(`A1:${last}1`);
    sh.add([`填报单位：${COUNTY}民政局社会救助股　　　　　　　　　　统计截止：${END[m]!.replace(/-/g, '.')}`]);
    sh.merges.push(`A2:${last}2`);
    sh.add(hdr);
    sh.widths = [5, 8, 10, 8, 5, 21, 8, 10, 16, 9, 12, 12, 6];
    let n = 0, total = 0;
    for (const r of [...this.c.tekunRows].sort(byTown)) {
      if (!present(r, m)) continue;
      const amount = r.support === '集中供养' ? 860 : 690;
      total += amount;
      sh.add([++n, r.t, r.v, r.p.name, r.p.sex, r.idCell ?? r.p.id, r.area, r.support, r.care, r.school, r.start.replace('-', '.'), amount, statusIn(r, m, '在保')]);
    }
    const sum = sh.add(['合计', null, null, `${n}人`, null, null, null, null, null, null, null, total]);
    sh.merges.push(`A${sum}:C${sum}`);
    const f = sh.add(['填报人：刘某某　　　　审核人：张某某　　　　（盖章）']);
    sh.merges.push(`A${f}:${last}${f}`);
    this.put(`${m}/特困_${m}.xls`, biff8Buffer([sh]));
    return n;
  }

  // ── 防返贫: 全国防返贫监测信息系统 export, CSV in GBK, CRLF.
  fangpin(m: string): number {
    const sh = new Sheet('防返贫');
    sh.add(['省', '市', '县', '乡(镇)', '行政村', '户编号', '人编号', '姓名', '证件号码', '与户主关系', '户类型', '监测对象类别', '劳动技能',
      '健康状况', '在校生状况', '风险是否消除', '识别监测时间', '风险消除时间', '是否享受低保', '是否特困供养人员']);
    let n = 0;
    for (const h of [...this.c.fpHouses].sort(byTown)) {
      const risk = h.risk ?? null;
      const cleared = risk && risk.cleared && (!risk.clearedFrom || m >= risk.clearedFrom);
      h.members.forEach(([p, rel, o = {}], k) => {
        if (!present(o, m)) return;
        const school = o.school ?? defaultSchool(p);
        const labor = perMonth(o.labor, m) ?? defaultLabor(p, school);
        const health = o.health ?? (ageAt(p, '2024-11-30') >= 65 ? '长期慢性病' : '健康');
        const fd = perMonth(o.flagDibao, m) ?? (this.c.dibaoActive(p, m) ? '是' : '否');
        const ft = perMonth(o.flagTekun, m) ?? (this.c.tekunActive(p, m) ? '是' : '否');
        sh.add(['河南省', '安阳市', COUNTY, h.t, h.v, h.hid, `${h.hid}${String(k + 1).padStart(2, '0')}`, p.name, idCellOf(o, p, m), rel,
          h.htype, h.monitor, labor, health, school,
          risk ? (cleared ? '是' : '否') : '', risk ? risk.at : '', cleared ? risk.cleared : '', fd, ft]);
        n++;
      });
    }
    this.put(`${m}/防返贫_${m}.csv`, encodeText(csvText(sh), 'gbk'));
    return n;
  }

  // ── 残疾人: 残联 export (.xlsx).
  async canji(m: string): Promise<number> {
    const sh = new Sheet('持证残疾人');
    sh.add(['序号', '姓名', '性别', '身份证号', '残疾人证号', '残疾类别', '残疾等级', '所属乡镇', '所属村(社区)']);
    sh.textCols = new Set([3, 4]);
    sh.widths = [6, 9, 5, 21, 24, 9, 9, 10, 12];
    let n = 0;
    for (const r of [...this.c.canjiRows].sort(byTown)) {
      if (!present(r, m)) continue;
      sh.add([++n, r.p.name, r.p.sex, idCellOf(r, r.p, m), r.cert, r.cat, GRADE[r.grade], r.t, r.v]);
    }
    this.put(`${m}/残疾人_${m}.xlsx`, await this.xlsx([sh], `${COUNTY}残疾人联合会`));
    return n;
  }

  // ── 两项补贴 (.xlsx): one row per person and subsidy.
  async liangbu(m: string): Promise<number> {
    const sh = new Sheet('两项补贴发放');
    sh.add(['序号', '乡镇', '村(社区)', '姓名', '身份证号', '残疾人证号', '残疾类别', '残疾等级', '补贴类型', '发放金额(元)', '享受起始月份']);
    sh.textCols = new Set([4, 5]);
    sh.widths = [6, 8, 10, 9, 21, 24, 9, 9, 20, 12, 12];
    let n = 0;
    const rows = [...this.c.liangbuRows].sort((a, b) => byTown(a.cj, b.cj));
    for (const r of rows) {
      if (!present(r, m)) continue;
      const grade = r.gradeCol ?? r.cj.grade;
      const amount = r.type === LIFE ? 80 : grade === 1 ? 100 : 80;
      sh.add([++n, r.cj.t, r.cj.v, r.cj.p.name, r.cj.p.id, r.cj.cert, r.cj.cat, GRADE[grade], r.type, amount, r.start]);
    }
    this.put(`${m}/两项补贴_${m}.xlsx`, await this.xlsx([sh], `${COUNTY}民政局`));
    return n;
  }

  // ── 火化数据 (UTF-8 with BOM): the 殡葬 exchange received that month.
  deaths(m: string): number {
    const sh = new Sheet('火化');
    sh.add(['序号', '死者姓名', '性别', '年龄', '身份证号码', '户籍地址', '火化日期', '殡仪馆', '数据来源', '备注']);
    this.c.deaths[m]!.forEach((d, i) => {
      sh.add([i + 1, d.p.name, d.p.sex, ageAt(d.p, d.date), d.p.id, d.addr, d.date, `${COUNTY}殡仪馆`, '殡葬', d.note]);
    });
    this.put(`reference/火化数据_${m}.csv`, encodeText(csvText(sh), 'utf-8-bom'));
    return this.c.deaths[m]!.length;
  }

  // ── 财政供养人员 (.xlsx): the external list checked against the rosters.
  async ext(): Promise<number> {
    const sh = new Sheet('财政供养人员');
    sh.add(['单位', '姓名', '身份证号', '职务']);
    sh.textCols = new Set([2]);
    sh.widths = [18, 9, 21, 10];
    for (const r of this.c.extRows) sh.add([r.unit, r.p.name, r.p.id, r.job]);
    this.put('reference/财政供养人员.xlsx', await this.xlsx([sh], `${COUNTY}财政局`));
    return this.c.extRows.length;
  }
}

// ───────────────────────────── config, README, expected ─────────────────────────────

const CONFIG = `# 示例县演示配置（bidui）：3 个乡镇、2024年10月—12月三个月的名单，人员均为虚构。
# 运行 npm run demo 会依次对三个月执行 bidui run；也可以手工执行：
#   node bin/bidui.js --config fixtures/demo/bidui.config.yaml --db out/demo.db run --period 2024-11

# 县（区）名称：写在核查表和县级汇总的标题中
county: ${COUNTY}

# 核查表输出目录（相对于本配置文件）：仓库根目录下的 out/，每月一个子目录
out: ../../out

# 每月要导入的名单。path 相对于本配置文件，{period} 替换为比对月份（如 2024-11）
inputs:
  # 低保：民政系统导出的 .xlsx，表头在第 1 行，有“城乡类别”列
  - kind: dibao
    path: "{period}/低保_{period}.xlsx"
  # 特困：手工维护的 .xls（BIFF8），表头上方有标题行和填报单位行，末尾有合计和落款
  - kind: tekun
    path: "{period}/特困_{period}.xls"
  # 防返贫监测对象/脱贫人口：系统导出的 CSV，GBK 编码（程序可自动识别，这里写明）
  - kind: fangpin
    path: "{period}/防返贫_{period}.csv"
    encoding: gbk
  # 残疾人：残联导出的持证残疾人名单
  - kind: canji
    path: "{period}/残疾人_{period}.xlsx"
  # 两项补贴：困难残疾人生活补贴、重度残疾人护理补贴发放名单（一人一补贴一行）
  - kind: liangbu
    path: "{period}/两项补贴_{period}.xlsx"
  # 火化数据：殡葬部门每月交换一次，逐月累积（参考名单，不分月份）
  - kind: death
    path: "reference/火化数据_*.csv"
  # 外部核对名单：财政供养人员
  - kind: ext
    path: reference/财政供养人员.xlsx
    label: 财政供养人员
`;

function readme(persons: number): string {
  const lines = [
    `# 示例县演示数据`,
    ``,
    `「${COUNTY}」是虚构的演示县：城关镇（东关社区、西街社区、北关村）、城南镇（李庄村、王营村、南岗村）、河口乡（河口村、柳林村、石桥村），` +
      `共 ${persons} 个虚构人员，身份证号由程序生成（校验位正确，非真实人员）。`,
    `比对月份：2024-10、2024-11、2024-12，每月一个目录：`,
    ``,
    `- \`低保_<月份>.xlsx\`：低保系统导出，表头在第 1 行；`,
    `- \`特困_<月份>.xls\`：手工维护的 .xls（BIFF8），有标题行、合计行和落款；`,
    `- \`防返贫_<月份>.csv\`：防返贫监测系统导出，GBK 编码；`,
    `- \`残疾人_<月份>.xlsx\`、\`两项补贴_<月份>.xlsx\`：残联持证名单和两项补贴发放名单。`,
    ``,
    `\`reference/\` 下是参考名单：\`火化数据_<月份>.csv\`（UTF-8 带 BOM，每月一批，累积使用）和 \`财政供养人员.xlsx\`（外部核对名单）。`,
    ``,
    `每条比对规则都埋有真实疑点和“差一点”不该报的情况，2024-11 还有几个被弄坏的身份证号（数值单元格、脱敏、校验位错）；` +
      `月份之间有变化（死亡、退出、新认定），可看到疑点的新增、持续和已消除。埋点清单见 \`expected.json\`，配置见 \`bidui.config.yaml\`。`,
    ``,
    `重新生成：\`npx tsx scripts/make-demo.ts\`；运行演示：\`npm run demo\`。`,
  ];
  return lines.join('\n') + '\n';
}

// ════════════════════════════ main ════════════════════════════

const RULE_ORDER = ['id-invalid', 'duplicate-in-roster', 'dibao-tekun-overlap', 'deceased-active', 'doudi-omission', 'fangpin-flag-mismatch',
  'not-monitored', 'taper-overdue', 'tekun-age-out', 'tekun-labor-check', 'danrenbao-basis', 'partial-coverage', 'subsidy-not-eligible',
  'subsidy-omission', 'nursing-grade', 'tekun-subsidy-overlap', 'risk-cleared-no-labor', 'risk-cleared-early', 'ext-match'];

export interface DemoSummary {
  /** Roster files written, relative to outDir, with their sizes. */
  written: [string, number][];
  persons: number;
  planted: number;
  lifecycle: number;
}

/** Writes the demo county into outDir (emptied first): month folders, reference/, bidui.config.yaml, README.md, expected.json. */
export async function makeDemo(outDir: string): Promise<DemoSummary> {
  const c = buildCounty();
  const files = new DemoFiles(c, outDir);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const counts: Record<string, Record<string, number>> = {};
  for (const m of MONTHS) {
    counts[m] = {
      dibao: await files.dibao(m),
      tekun: files.tekun(m),
      fangpin: files.fangpin(m),
      canji: await files.canji(m),
      liangbu: await files.liangbu(m),
      death: files.deaths(m),
    };
  }
  await files.ext();
  const persons = c.byName.size;
  fs.writeFileSync(path.join(outDir, 'bidui.config.yaml'), CONFIG);
  fs.writeFileSync(path.join(outDir, 'README.md'), readme(persons));

  for (const r of RULE_ORDER) {
    if (!c.planted.some((x) => x.rule === r && x.period === M11 && x.expect === 'fires')) throw new Error(`no case fires for ${r} in ${M11}`);
  }
  const order = (x: { rule: string }): number => RULE_ORDER.indexOf(x.rule);
  const byExpect = (a: Plant, b: Plant): number => (a.expect === b.expect ? 0 : a.expect === 'fires' ? -1 : 1);
  const expected = {
    county: COUNTY,
    months: MONTHS,
    townships: TOWN_ORDER,
    persons,
    rows: Object.fromEntries(MONTHS.map((m) => [m, counts[m]])),
    note:
      'planted: the cases deliberately built in (default parameters). Not an exhaustive list: other findings may appear incidentally. ' +
      'id_number is null for id-invalid hits (the row has no usable ID; raw is the cell as written). ' +
      'lifecycle: status of the finding in each month when the three months are checked in order (absent = no finding).',
    planted: [...c.planted].sort((a, b) => order(a) - order(b) || byExpect(a, b) || a.period.localeCompare(b.period)),
    lifecycle: [...c.lifecycle].sort((a, b) => order(a) - order(b)),
  };
  fs.writeFileSync(path.join(outDir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
  return { written: files.written, persons, planted: c.planted.length, lifecycle: c.lifecycle.length };
}

if (isMain(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = path.join(root, 'fixtures', 'demo');
  const s = await makeDemo(outDir);
  for (const [rel, size] of s.written) console.log(`${String(size).padStart(6)}  ${path.relative(root, outDir)}/${rel}`);
  console.log(`demo written: ${s.persons} persons, ${s.planted} planted cases, ${s.lifecycle} lifecycle entries`);
}
