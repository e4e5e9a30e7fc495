// Writes fixtures/pooled/: three invented counties pooled in one database (domain.md §10), two months, with the
// cross-county cases planted and listed in fixtures/pooled/expected.json.
//
// Run: npx tsx scripts/make-pooled.ts      (deterministic: same bytes on every run)
// 甲县 and 乙县 send their own 低保 rosters (loaded with `county:` in the config); the city's 特困 roster covers all three
// counties in one file with a 县区 column; the cremation list has no county. 城关镇 exists in every county.
// test/fixtures/regenerate.test.ts checks that the committed files are exactly what this writes.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IdFactory, type Sex } from './lib/fixture-ids.js';
import { isMain } from './lib/is-main.js';
import { csvText, encodeText, Sheet, xlsxBuffer } from './lib/write-workbooks.js';

const FIXED_DATE = new Date(Date.UTC(2024, 11, 2, 0, 0, 0));
const PERIODS = ['2024-10', '2024-11'] as const;
type Period = (typeof PERIODS)[number];

interface Person {
  name: string;
  id: string;
}

/** One 低保 or 特困 row of a county, in the months it is listed. */
interface Listed {
  county: string;
  township: string;
  village: string;
  person: Person;
  amount: number;
  months: readonly Period[];
}

/** A finding the fixture must give in a month: rule, person, and the (county, township) of each side. */
interface Want {
  rule: string;
  id: string;
  name: string;
  sides: [county: string, township: string][];
  months: readonly Period[];
  note: string;
}

const REGION: Record<string, string> = { 甲县: '410521', 乙县: '410522', 丙县: '410523' };

/** The persons of the three counties, each roster row they are listed on, and the findings they must give. */
function people(): { dibao: Listed[]; tekun: Listed[]; deaths: { person: Person; date: string }[]; want: Want[] } {
  const ids = new IdFactory();
  const person = (name: string, county: string, birth: string, sex: Sex): Person => ({ name, id: ids.next(REGION[county]!, birth, sex, name) });
  const dibao: Listed[] = [];
  const tekun: Listed[] = [];
  const deaths: { person: Person; date: string }[] = [];
  const want: Want[] = [];
  const both = PERIODS;
  const nov = ['2024-11'] as const;
  // 1. 刘一 is paid 低保 in 甲县 城关镇 (both months) and, from November, in 乙县 城关镇 too: one finding per county.
  const liu = person('刘一', '甲县', '19580312', '男');
  dibao.push({ county: '甲县', township: '城关镇', village: '东关社区', person: liu, amount: 450, months: both });
  dibao.push({ county: '乙县', township: '城关镇', village: '南街社区', person: liu, amount: 480, months: nov });
  want.push({ rule: 'duplicate-in-roster', id: liu.id, name: liu.name, sides: [['甲县', '城关镇'], ['乙县', '城关镇']], months: nov, note: '跨县重复享受低保' });

  // 2. 陈二: 低保 in 乙县 石桥镇 and 特困 in 丙县 (the city's file, 县区 column): 乙县 pays less and carries the estimate.
  const chen = person('陈二', '乙县', '19450607', '女');
  dibao.push({ county: '乙县', township: '石桥镇', village: '石桥村', person: chen, amount: 500, months: both });
  tekun.push({ county: '丙县', township: '城关镇', village: '北关社区', person: chen, amount: 800, months: both });
  want.push({ rule: 'dibao-tekun-overlap', id: chen.id, name: chen.name, sides: [['丙县', '城关镇'], ['乙县', '石桥镇']], months: both, note: '乙县低保与丙县特困' });

  // 3. 周三: 低保 and 特困 both in 甲县 河口乡: one finding, no 跨县.
  const zhou = person('周三', '甲县', '19400215', '男');
  dibao.push({ county: '甲县', township: '河口乡', village: '河口村', person: zhou, amount: 400, months: both });
  tekun.push({ county: '甲县', township: '河口乡', village: '河口村', person: zhou, amount: 780, months: both });
  want.push({ rule: 'dibao-tekun-overlap', id: zhou.id, name: zhou.name, sides: [['甲县', '河口乡']], months: both, note: '同一县内，不拆分' });

  // 4–5. Cremated persons still paid, one in each county's 城关镇 (the cremation list has no county: evidence only).
  const wu = person('吴四', '甲县', '19361120', '女');
  dibao.push({ county: '甲县', township: '城关镇', village: '西关社区', person: wu, amount: 450, months: both });
  deaths.push({ person: wu, date: '2024-06-15' });
  want.push({ rule: 'deceased-active', id: wu.id, name: wu.name, sides: [['甲县', '城关镇']], months: both, note: '甲县城关镇' });
  const zheng = person('郑五', '乙县', '19330901', '男');
  dibao.push({ county: '乙县', township: '城关镇', village: '南街社区', person: zheng, amount: 480, months: both });
  deaths.push({ person: zheng, date: '2024-08-03' });
  want.push({ rule: 'deceased-active', id: zheng.id, name: zheng.name, sides: [['乙县', '城关镇']], months: both, note: '乙县城关镇（与甲县城关镇是两个乡镇）' });

  // 6. 王六 listed twice within 甲县 (城关镇 and 河口乡): one finding, in 甲县.
  const wang = person('王六', '甲县', '19520730', '女');
  dibao.push({ county: '甲县', township: '城关镇', village: '东关社区', person: wang, amount: 450, months: both });
  dibao.push({ county: '甲县', township: '河口乡', village: '河口村', person: wang, amount: 400, months: both });
  want.push({ rule: 'duplicate-in-roster', id: wang.id, name: wang.name, sides: [['甲县', '城关镇']], months: both, note: '同一县内两个乡镇，不拆分' });

  // Ordinary persons: one roster each, nothing to find.
  const plain: [string, string, string, string, string, Sex][] = [
    ['甲县', '城关镇', '东关社区', '孙七', '19600101', '男'],
    ['甲县', '河口乡', '河口村', '李八', '19620505', '女'],
    ['乙县', '城关镇', '南街社区', '赵九', '19550303', '男'],
    ['乙县', '石桥镇', '石桥村', '钱十', '19580808', '女'],
  ];
  for (const [county, township, village, name, birth, sex] of plain) dibao.push({ county, township, village, person: person(name, county, birth, sex), amount: 420, months: both });
  const tekunPlain: [string, string, string, string, string, Sex][] = [
    ['丙县', '城关镇', '北关社区', '冯一', '19380404', '男'],
    ['乙县', '石桥镇', '石桥村', '褚二', '19410909', '女'],
  ];
  for (const [county, township, village, name, birth, sex] of tekunPlain) tekun.push({ county, township, village, person: person(name, county, birth, sex), amount: 780, months: both });

  return { dibao, tekun, deaths, want };
}

function dibaoSheet(rows: Listed[], county: string, p: Period): Sheet {
  const sh = new Sheet('低保对象');
  sh.add(['序号', '乡镇', '村(社区)', '姓名', '身份证号', '与户主关系', '保障人数', '月保障金额', '最初享受月份', '在保状态']);
  sh.textCols = new Set([4]);
  let n = 0;
  for (const r of rows.filter((x) => x.county === county && x.months.includes(p))) sh.add([++n, r.township, r.village, r.person.name, r.person.id, '户主', 1, r.amount, '2023-05', '在保']);
  return sh;
}

/** The city's 特困 roster: all three counties in one file, a 县区 column naming each row's county. */
function tekunSheet(rows: Listed[], p: Period): Sheet {
  const sh = new Sheet('特困人员');
  sh.add(['县区', '乡镇', '村(社区)', '姓名', '身份证号', '供养方式', '供养金额', '最初享受月份', '在保状态']);
  sh.textCols = new Set([4]);
  for (const r of rows.filter((x) => x.months.includes(p))) sh.add([r.county, r.township, r.village, r.person.name, r.person.id, '分散供养', r.amount, '2022-03', '在保']);
  return sh;
}

/** Every file of fixtures/pooled (path relative to it → bytes), sorted by path. */
export async function pooledFiles(): Promise<Map<string, Buffer>> {
  const { dibao, tekun, deaths, want } = people();
  const out = new Map<string, Buffer>();
  for (const p of PERIODS) {
    out.set(`${p}/低保_甲县_${p}.xlsx`, await xlsxBuffer([dibaoSheet(dibao, '甲县', p)], { creator: '甲县民政局', date: FIXED_DATE, headerRow: true }));
    out.set(`${p}/低保_乙县_${p}.csv`, encodeText(csvText(dibaoSheet(dibao, '乙县', p)), 'utf-8-bom'));
    out.set(`${p}/特困_全市_${p}.xlsx`, await xlsxBuffer([tekunSheet(tekun, p)], { creator: '示例市社会救助中心', date: FIXED_DATE, headerRow: true }));
  }
  const death = new Sheet('火化数据');
  death.add(['姓名', '身份证号', '死亡日期', '数据来源']);
  for (const d of deaths) death.add([d.person.name, d.person.id, d.date, '殡葬']);
  out.set('reference/火化数据.csv', encodeText(csvText(death), 'utf-8'));
  const expected = {
    note: '三个虚构县的名单合在一个数据库：每条应出的疑点（规则、身份证号、每个县一方的县和乡镇、出现的月份）',
    counties: Object.keys(REGION),
    findings: want.map((w) => ({ rule: w.rule, id_number: w.id, name: w.name, sides: w.sides.map(([county, township]) => ({ county, township })), periods: w.months, note: w.note })),
  };
  out.set('expected.json', Buffer.from(JSON.stringify(expected, null, 2) + '\n'));
  out.set('bidui.config.yaml', Buffer.from(CONFIG));
  out.set('README.md', Buffer.from(README));
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

const CONFIG = `# 多县合库示例（bidui）：甲县、乙县、丙县三个虚构县，2024年10月—11月，人员均为虚构。
#   node bin/bidui.js --config fixtures/pooled/bidui.config.yaml --db out/pooled.db run --period 2024-11
# 每行名单的县：文件里有“县区”列就用它；没有就用这里 inputs 的 county:；都没有才用顶层的 county:（单县安装只写这一个）。
# 多个县时核查表按县分文件夹：out/2024-11/甲县/城关镇_疑点核查表.xlsx、out/2024-11/甲县/县级汇总.xlsx，另有跨县的 out/2024-11/汇总.xlsx。

out: ../../out/pooled

inputs:
  # 甲县、乙县各自报送的低保名单（文件里没有县区列，由 county: 指明）
  - kind: dibao
    path: "{period}/低保_甲县_{period}.xlsx"
    county: 甲县
  - kind: dibao
    path: "{period}/低保_乙县_{period}.csv"
    county: 乙县
  # 市救助中心汇总的特困名单：一个文件包含三个县，“县区”列写明每行的县
  - kind: tekun
    path: "{period}/特困_全市_{period}.xlsx"
  # 火化数据：全市一份，只作核对依据（不属于任何一个县的待遇）
  - kind: death
    path: reference/火化数据.csv
`;

const README = `# 多县合库示例（fixtures/pooled）

三个虚构县（甲县、乙县、丙县）的名单合在一个数据库，两个月（2024-10、2024-11）。每个县都有“城关镇”。

- 甲县、乙县各报一份低保名单（\`低保_甲县_*.xlsx\`、\`低保_乙县_*.csv\`，没有县区列，配置里用 \`county:\` 指明）；
- 市救助中心的特困名单 \`特困_全市_*.xlsx\` 一个文件包含三个县，“县区”列写明每行的县；
- 火化数据 \`reference/火化数据.csv\` 没有县，只作核对依据。

应出的疑点（含每个县一方的县和乡镇）见 \`expected.json\`：跨县重复享受低保（11 月起）、乙县低保与丙县特困重叠，
各县各一条；同一县内的重复和重叠不拆分。由 \`npx tsx scripts/make-pooled.ts\` 生成（确定性），人员和号码均为虚构。
`;

/** Writes fixtures/pooled into outDir (replacing it); returns how many files. */
export async function makePooled(outDir: string): Promise<number> {
  const files = await pooledFiles();
  fs.rmSync(outDir, { recursive: true, force: true });
  for (const [name, bytes] of files) {
    fs.mkdirSync(path.dirname(path.join(outDir, name)), { recursive: true });
    fs.writeFileSync(path.join(outDir, name), bytes);
  }
  return files.size;
}

if (isMain(import.meta.url)) {
  const n = await makePooled(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pooled'));
  console.log(`fixtures/pooled: ${n} files`);
}
