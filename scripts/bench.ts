// npm run bench: generates deterministic synthetic rosters (scripts/bench-data.ts), runs the real CLI on them stage by
// stage in child processes (load, check, report, run), measures rows, seconds, rows/s and each child's peak RSS, and
// reads the same files with the parsing libraries alone (the floor). Prints a table per scale and writes JSON.
//
//   npx tsx scripts/bench.ts [--scale smoke|half|county|province …] [--out bench/results] [--keep] [--profile]
//
// Default scales: half and county (the linearity ratio). docs/performance.md explains the figures.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DataFile, Format, Kind, Manifest, Planted, ScaleName, ScaleParams } from './bench-data.js';
import { floorCommand } from './lib/bench-floor.js';
import { isMain } from './lib/is-main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let BIN = path.join(ROOT, 'bin/bidui.js');
const FLOOR_SOURCE = path.join(ROOT, 'scripts/lib/bench-floor.ts');
const PERIOD = '2024-11';
const MB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------------------
// Floor readers (scripts/lib/bench-floor.ts): the parsing libraries alone, each file in its own child process.

/**
 * Writes the floor readers into tmp as a plain JavaScript module (TypeScript's transpileModule, types stripped), with a
 * node_modules link beside it so its imports resolve, and returns how a child runs it: `node <file> --raw-… FILE`.
 * Run under tsx instead, every floor child would also pay tsx's loader (≈0.4 s, ≈30 MB), which bidui's own stages
 * (dist/, plain node) do not.
 */
async function floorScript(tmp: string): Promise<string> {
  const { default: ts } = await import('typescript');
  const js = ts.transpileModule(fs.readFileSync(FLOOR_SOURCE, 'utf8'), {
    fileName: FLOOR_SOURCE,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const file = path.join(tmp, 'bench-floor.mjs');
  fs.writeFileSync(file, js);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'junction');
  return file;
}

// ---------------------------------------------------------------------------------------------------------------------
// Arguments.

const SCALE_NAMES: ScaleName[] = ['smoke', 'half', 'county', 'province', 'csv1m'];

type RssPref = 'auto' | 'time' | 'probe';
interface Opts {
  scales: ScaleName[];
  out: string;
  keep: boolean;
  profile: boolean;
  rss: RssPref;
  run: boolean;
  provinceReport: boolean;
  stageTimeout: number | null;
  repeat: number;
}

function parseArgs(argv: string[]): Opts {
  const a: Opts = { scales: [], out: path.join(ROOT, 'bench/results'), keep: false, profile: false, rss: 'auto', run: true, provinceReport: false, stageTimeout: null, repeat: 1 };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i]!;
    const next = (): string => {
      if (i + 1 >= argv.length) fail(`${v} 需要一个值 / needs a value`);
      return argv[++i]!;
    };
    switch (v) {
      case '--scale':
        for (const s of next().split(',')) {
          if (!SCALE_NAMES.includes(s as ScaleName)) fail(`未知规模 unknown scale: ${s}（可用 ${SCALE_NAMES.join('|')}）`);
          a.scales.push(s as ScaleName);
        }
        break;
      case '--out':
        a.out = path.resolve(next());
        break;
      case '--keep':
        a.keep = true;
        break;
      case '--profile':
        a.profile = true;
        break;
      case '--rss': {
        const rss = next();
        if (rss !== 'auto' && rss !== 'time' && rss !== 'probe') fail('--rss auto|time|probe');
        a.rss = rss;
        break;
      }
      case '--no-run':
        a.run = false;
        break;
      case '--province-report':
        a.provinceReport = true;
        break;
      case '--bin':
        BIN = path.resolve(next());
        if (!fs.existsSync(BIN)) fail(`找不到 not found: ${BIN}`);
        break;
      case '--repeat':
        a.repeat = Number(next());
        if (!Number.isInteger(a.repeat) || a.repeat < 1) fail('--repeat N（N ≥ 1）');
        break;
      case '--stage-timeout':
        a.stageTimeout = Number(next());
        if (!(a.stageTimeout >= 0)) fail('--stage-timeout 秒数 / seconds (0 = none)');
        break;
      case '-h':
      case '--help':
        console.log(`用法 usage: npx tsx scripts/bench.ts [--scale ${SCALE_NAMES.join('|')} …] [--out DIR] [--keep] [--profile] [--repeat N] [--bin FILE] [--stage-timeout S] [--rss auto|time|probe] [--no-run] [--province-report]
  --scale            规模，可重复或用逗号分隔；默认 half,county（同时给出线性比） / scales (default half,county: linearity ratio)
  --out DIR          JSON 结果目录（默认 bench/results） / where the JSON goes
  --keep             数据保留在 bench/data/<规模>/，参数未变时复用 / keep generated data, reuse when parameters are unchanged
  --profile          每个 bidui 阶段加 --cpu-prof，打印耗时最多的函数 / CPU-profile every bidui stage, print top functions
  --rss              峰值内存测量方式：/usr/bin/time -v 或 process.resourceUsage() / how peak RSS is measured
  --no-run           不跑整体 run 阶段 / skip the whole-job run stage
  --province-report  省级规模也跑 report（无目标值） / also run report at province scale (no target)
  --stage-timeout S  单个阶段超过 S 秒即终止并记为失败（默认：省级 1200，其余不限；0 = 不限） / kill a stage after S seconds
  --repeat N         每个阶段跑 N 轮（每轮新数据库），取中位数；机器上有其他负载时用 / run every stage N times, keep the median
  --bin FILE         用另一份 CLI（例如改动前后的构建）代替 bin/bidui.js / benchmark another build of the CLI`);
        process.exit(0);
        break;
      default:
        fail(`未知参数 unknown argument: ${v}（--help 查看用法）`);
    }
  }
  if (a.scales.length === 0) a.scales = ['half', 'county'];
  a.scales = SCALE_NAMES.filter((s) => a.scales.includes(s));
  return a;
}

function fail(msg: string): never {
  process.stderr.write(`错误 error: ${msg}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------------------------------
// Child processes with peak RSS.

let RSS_METHOD: 'time' | 'probe' = 'probe';
let PROBE_FILE = '';
let HAS_TIMEOUT = false;
/** The sqlite3 command-line shell (CSV floor: `.import`), or null when it is not installed. */
let SQLITE3: string | null = null;
/** A python3 that has pandas and openpyxl (xlsx floor: `pandas.read_excel`), or null. */
let PANDAS: string | null = null;

function chooseRssMethod(pref: RssPref, tmp: string): 'time' | 'probe' {
  PROBE_FILE = path.join(tmp, 'rss-probe.mjs');
  fs.writeFileSync(
    PROBE_FILE,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); try { writeFileSync(process.env.BIDUI_BENCH_RSS_FILE, JSON.stringify({ maxRSS: u.maxRSS, user: u.userCPUTime, sys: u.systemCPUTime })); } catch {} });\n`,
  );
  HAS_TIMEOUT = spawnSync('timeout', ['5', process.execPath, '-e', '0']).status === 0;
  SQLITE3 = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).status === 0 ? 'sqlite3' : null;
  const py = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  PANDAS = spawnSync(py, ['-c', 'import pandas, openpyxl'], { encoding: 'utf8' }).status === 0 ? py : null;
  if (pref === 'probe') return 'probe';
  const probe = path.join(tmp, 'time-check.txt');
  const ok = fs.existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', '-o', probe, process.execPath, '-e', '0']).status === 0 && /Maximum resident set size/.test(fs.readFileSync(probe, 'utf8'));
  if (pref === 'time' && !ok) fail('/usr/bin/time -v 不可用 / not usable');
  return ok ? 'time' : 'probe';
}

/** What one child process did: exit, wall and CPU seconds, its own peak RSS, its output. */
interface Measurement {
  exit_code: number;
  timed_out: boolean;
  signal: string | null;
  seconds: number;
  peak_rss_mb: number | null;
  cpu_user_s: number | null;
  cpu_sys_s: number | null;
  load_avg: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <args>` as a child; returns exit code, wall seconds, peak RSS (MB) and CPU seconds of that child alone.
 * nodeFlags go before the script (e.g. --cpu-prof).
 */
function measure(args: string[], { cwd, nodeFlags = [], tmp, timeout = 0, exe }: { cwd: string; nodeFlags?: string[]; tmp: string; timeout?: number; exe?: string }): Measurement {
  const rssFile = path.join(tmp, `rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
  const env = { ...process.env, NO_COLOR: '1', CI: '1', BIDUI_BENCH_RSS_FILE: rssFile };
  let cmd: string;
  let cmdArgs: string[];
  if (RSS_METHOD === 'time') {
    // A stage timeout must kill node itself, not only the time wrapper: coreutils timeout sits in between
    // (its rusage includes the node child it reaps, so the peak RSS stays node's).
    const limit = timeout && HAS_TIMEOUT ? ['timeout', '-s', 'KILL', String(timeout)] : [];
    cmd = '/usr/bin/time';
    cmdArgs = ['-v', '-o', rssFile, ...limit, ...(exe ? [exe] : [process.execPath, ...nodeFlags]), ...args];
  } else if (exe) {
    // Another program (sqlite3, python3): no node probe; without /usr/bin/time its peak RSS stays unknown.
    cmd = exe;
    cmdArgs = args;
  } else {
    cmd = process.execPath;
    cmdArgs = ['--import', pathToFileURL(PROBE_FILE).href, ...nodeFlags, ...args];
  }
  const load = os.loadavg()[0];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, cmdArgs, { cwd, env, encoding: 'utf8', maxBuffer: 256 * MB, ...(timeout && !(RSS_METHOD === 'time' && HAS_TIMEOUT) ? { timeout: timeout * 1000, killSignal: 'SIGKILL' } : {}) });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const timedOut = Boolean(timeout) && seconds >= timeout && (r.status === 137 || r.signal === 'SIGKILL' || r.status === null);
  let peakKb: number | null = null;
  let user: number | null = null;
  let sys: number | null = null;
  try {
    const text = fs.readFileSync(rssFile, 'utf8');
    if (RSS_METHOD === 'time') {
      peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1]);
      user = Number(/User time \(seconds\): ([\d.]+)/.exec(text)?.[1]);
      sys = Number(/System time \(seconds\): ([\d.]+)/.exec(text)?.[1]);
    } else {
      const j = JSON.parse(text);
      peakKb = j.maxRSS;
      user = j.user / 1e6;
      sys = j.sys / 1e6;
    }
    fs.rmSync(rssFile, { force: true });
  } catch {
    // the child died before writing: leave RSS unknown
  }
  return {
    exit_code: r.status ?? (r.signal ? 128 : -1),
    timed_out: timedOut,
    signal: r.signal ?? null,
    seconds,
    // A killed child never reports its own peak: leave it unknown rather than show the wrapper's.
    peak_rss_mb: peakKb && !timedOut ? Math.round((peakKb / 1024) * 10) / 10 : null,
    cpu_user_s: user,
    cpu_sys_s: sys,
    // 1-minute load average when the stage started: other work on the machine skews the timings.
    load_avg: Math.round(load * 100) / 100,
    stdout: r.stdout ?? '',
    stderr: (r.stderr ?? '') + (r.error ? String(r.error) : ''),
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// CPU profiles: top functions by self time.

/** The parts of a V8 .cpuprofile read here. */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas?: number[];
}
interface ProfileRow {
  function?: string;
  area?: string;
  self_ms: number;
  percent: number;
}

/** Where a profile frame lives: a package, a directory of dist/, node internals, or a VM category (GC, idle…). */
function areaOf(cf: CallFrame): string {
  const u = cf.url;
  if (u.includes('node_modules/')) {
    const rest = u.split('node_modules/').pop()!.split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (u.includes('/dist/')) return `dist/${u.split('/dist/')[1]!.split('/')[0]}`;
  if (u.startsWith('node:')) return 'node internals';
  if (u) return path.basename(u);
  return cf.functionName || '(native)';
}

/** Self time per function (top n) and per area (package / dist directory / GC), from a .cpuprofile. */
function profileTables(profileFile: string, n = 12): { total_ms: number; top: ProfileRow[]; areas: ProfileRow[] } {
  const prof = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  const deltas = prof.timeDeltas ?? [];
  for (let i = 0; i < prof.samples.length; i++) {
    const node = byId.get(prof.samples[i]!)!;
    const dt = Math.max(0, deltas[i + 1] ?? deltas[i] ?? 0);
    total += dt;
    const cf = node.callFrame;
    const url = cf.url.startsWith('file:') ? path.relative(ROOT, fileURLToPath(cf.url)) : cf.url;
    const where = url ? `${url}:${cf.lineNumber + 1}` : '';
    const key = `${cf.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + dt);
    const area = areaOf(cf);
    areas.set(area, (areas.get(area) ?? 0) + dt);
  }
  const rows = (m: Map<string, number>, k: 'function' | 'area'): ProfileRow[] => [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ [k]: name, self_ms: Math.round(us / 1000), percent: total ? Math.round((us / total) * 1000) / 10 : 0 }));
  return { total_ms: Math.round(total / 1000), top: rows(self, 'function'), areas: rows(areas, 'area') };
}

// ---------------------------------------------------------------------------------------------------------------------
// Formatting: a table that lines up with Chinese text (CJK characters take two columns).

function width(s: unknown): number {
  let w = 0;
  for (const ch of String(s)) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}
function padTo(s: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}
function table(headers: string[], rows: string[][], rightCols: number[] = []): string {
  const ws = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (r: string[]): string => r.map((c, i) => padTo(String(c), ws[i]!, rightCols.includes(i))).join('  ');
  return [line(headers), ws.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
const fmtInt = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : Math.round(n).toLocaleString('en'));
const fmtSec = (s: number | null | undefined): string => (s === null || s === undefined ? '—' : s.toFixed(2));
const fmtMb = (m: number | null | undefined): string => (m === null || m === undefined ? '—' : m.toFixed(0));
const mark = (ok: boolean | null | undefined): string => (ok === true ? '✓' : ok === false ? '✗' : '–');

// ---------------------------------------------------------------------------------------------------------------------
// Targets (issue: 2-core machine). Rates hold at every scale but smoke; absolute times are for the named scale.

const TARGETS = {
  xlsxLoadRate: 40_000,
  xlsxVsRaw: 1.5,
  csvLoadRate: 150_000,
  /** CSV load rate ÷ the sqlite3 shell's `.import` rate of the same file, in the same run (issue 16). */
  csvVsSqlite3: 0.55,
  /** The 1,000,000-row CSV (csv1m scale): peak RSS of its load. */
  csv1mRssMb: 400,
  /** xlsx load rate ÷ pandas.read_excel's rate on the same file, and the rate that goes with it (issue 16). */
  xlsxVsPandas: 8,
  xlsxLoadRatePandas: 45_000,
  countyCheck: 3,
  countyReport: 5,
  /** The whole county `run` (issue 16; issue 6 asked for ≤ 15 s). */
  countyRun: 6,
  provinceLoadCheck: 180,
  provinceRssMb: 1024,
  linearity: 1.2, // per-row cost at county ÷ per-row cost at half
};

const KIND_ZH: Record<Kind, string> = { dibao: '低保', tekun: '特困', fangpin: '防返贫', canji: '残疾人', liangbu: '两项补贴', death: '死亡', ext: '外部名单' };

// ---------------------------------------------------------------------------------------------------------------------
// Results.

interface Target {
  text: string;
  ok: boolean;
}

/** One stage of one scale as the JSON holds it: measured (exit_code, seconds, …), or skipped with a note. */
interface Stage {
  id: string;
  label: string;
  stage: string;
  kind?: Kind;
  format?: Format;
  file?: string;
  bytes?: number;
  skipped?: boolean;
  note?: string;
  rows?: number | null;
  rows_read?: number | null;
  id_problems?: number | null;
  exit_code?: number;
  timed_out?: boolean;
  seconds?: number;
  rows_per_s?: number | null;
  peak_rss_mb?: number | null;
  cpu_user_s?: number | null;
  cpu_sys_s?: number | null;
  load_avg?: number;
  stderr_tail?: string;
  findings?: number;
  files?: number;
  township_workbooks?: number;
  output_bytes?: number;
  profile?: string;
  profile_total_ms?: number;
  profile_top?: ProfileRow[];
  profile_areas?: ProfileRow[];
  samples_s?: number[];
  peak_rss_mb_max?: number;
  target?: Target;
  vs_raw?: number | null;
  /** CSV loads: sqlite3 .import seconds ÷ load seconds (load rate as a share of sqlite3's). */
  vs_sqlite3?: number | null;
  /** xlsx loads: pandas seconds ÷ load seconds (how many times faster than pandas). */
  vs_pandas?: number | null;
}
/** A stage that ran (whatever its exit code). */
type Measured = Stage & { exit_code: number; seconds: number; peak_rss_mb: number | null };
const measured = (s: Stage | undefined): s is Measured => Boolean(s) && !s!.skipped && s!.seconds !== undefined;

interface Findings {
  total: number;
  by_rule: Record<string, number>;
  skipped_rules: { code: string; reason: string }[];
  townships: number | null;
  /** Findings split across counties (跨县), beside the persons planted paid 低保 in two counties (each gives ≥ 2). */
  cross_county: number | null;
  cross_county_planted: number;
}

interface LoadSummary {
  files: number;
  rows: number;
  seconds: number;
  rows_per_s: number;
  raw_seconds: number;
  ratio_vs_raw: number;
  /** CSV: sqlite3 .import seconds of the same files ÷ load seconds (null: no sqlite3). */
  sqlite3_seconds?: number | null;
  ratio_vs_sqlite3?: number | null;
  /** xlsx: pandas.read_excel seconds of the same files ÷ load seconds (null: no pandas). */
  pandas_seconds?: number | null;
  ratio_vs_pandas?: number | null;
}
interface Summary {
  load_xlsx?: LoadSummary;
  load_csv?: LoadSummary;
  load_seconds: number;
  check_seconds: number | null;
  report_seconds: number | null;
  run_seconds: number | null;
  load_check_seconds: number | null;
  findings: number | null;
  max_peak_rss_mb: number;
  failed_stages: string[];
}
interface TargetRow {
  name: string;
  target: string;
  value: number | string | null;
  unit: string;
  ok: boolean | null;
}

/** Everything measured at one scale (the JSON's scales.<scale>). */
interface ScaleResult {
  scale: ScaleName;
  params: ScaleParams;
  stages: Stage[];
  notes: string[];
  data?: {
    dir: string | null;
    kept: boolean;
    cached: boolean;
    hash: string;
    generation_seconds: number;
    rows: number;
    bytes: number;
    files: DataFile[];
    ids: Manifest['ids'];
    planted: Planted;
  };
  stage_timeout_s?: number | null;
  repeat?: number;
  findings?: Findings;
  summary?: Summary;
  targets?: TargetRow[];
}

/** What bidui load --json reports per file, as far as it is read here. */
interface LoadReport {
  persons: number;
  rowsRead: number;
  idStatus: { valid: number; upgraded: number };
}
/** The JSON of bidui check --json, as far as it is read here. */
interface CheckJson {
  totals?: { findings: number; cross_county?: number };
  rules: { code: string; state: string; count: number; reason: string }[];
  townships?: unknown[];
}

// ---------------------------------------------------------------------------------------------------------------------
// One scale.

async function benchScale(scale: ScaleName, opts: Opts, tmpRoot: string, commands: Set<string>, floor: string): Promise<ScaleResult> {
  const { generate, cachedManifest, SCALES } = await import('./bench-data.js');
  const result: ScaleResult = { scale, params: SCALES[scale], stages: [], notes: [] };
  const log = (s: string): void => {
    process.stderr.write(s + '\n');
  };

  // ---- data ----
  const dataDir = opts.keep ? path.join(ROOT, 'bench/data', scale) : fs.mkdtempSync(path.join(tmpRoot, `data-${scale}-`));
  let manifest = opts.keep ? cachedManifest(scale, dataDir) : null;
  const genT0 = performance.now();
  if (manifest) {
    log(`[${scale}] 复用已生成的数据 reusing data in ${path.relative(ROOT, dataDir)} (hash ${manifest.hash})`);
  } else {
    if (opts.keep) fs.rmSync(dataDir, { recursive: true, force: true });
    log(`[${scale}] 生成合成数据 generating synthetic data → ${dataDir}`);
    let lastKind = '';
    let lastN = 0;
    const tty = process.stderr.isTTY;
    manifest = await generate(scale, dataDir, {
      onProgress: (kind, n, final) => {
        if (kind !== lastKind) lastN = 0;
        lastKind = kind;
        if (tty) {
          process.stderr.write(`\r  ${kind}: ${n.toLocaleString('en')} rows${final ? '\n' : ''}`);
        } else if (final || n - lastN >= 500_000) {
          // when stderr is a file: one line per finished file and per half million rows
          process.stderr.write(`  ${kind}: ${n.toLocaleString('en')} rows${final ? '' : ' …'}\n`);
          lastN = n;
        }
      },
    });
  }
  result.data = {
    dir: opts.keep ? path.relative(ROOT, dataDir) : null,
    kept: opts.keep,
    cached: opts.keep && performance.now() - genT0 < 1000 && manifest.seconds > 1,
    hash: manifest.hash,
    generation_seconds: manifest.seconds,
    rows: manifest.rows,
    bytes: manifest.bytes,
    files: manifest.files,
    ids: manifest.ids,
    planted: manifest.planted,
  };

  let work = '';
  let current: Stage[] = [];
  const timeout = opts.stageTimeout ?? (scale === 'province' ? 1200 : 0);
  result.stage_timeout_s = timeout || null;
  const profDir = path.join(opts.out, 'profiles', scale);
  if (opts.profile) fs.mkdirSync(profDir, { recursive: true });
  const stage = (s: Stage): Stage => {
    current.push(s);
    const status = s.skipped ? `跳过 skipped: ${s.note}` : s.exit_code === 0 ? `${fmtSec(s.seconds)} s, ${fmtInt(s.rows)} rows, ${fmtMb(s.peak_rss_mb)} MB` : s.timed_out ? `超时 TIMED OUT after ${fmtSec(s.seconds)} s` : `失败 FAILED (exit ${s.exit_code})`;
    log(`  ${s.label}: ${status}`);
    return s;
  };
  const bidui = <J>(id: string, label: string, args: string[], extra: Partial<Stage> & { stage: string }): { s: Measured; json: J | null } => {
    const nodeFlags = opts.profile ? ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-name', `${id.replace(/[^\w.-]+/g, '_')}.cpuprofile`] : [];
    const m = measure([BIN, ...args], { cwd: work, nodeFlags, tmp: tmpRoot, timeout });
    let json: J | null = null;
    try {
      json = m.stdout.trim() ? (JSON.parse(m.stdout) as J) : null;
    } catch {
      // not JSON (an error message); kept in stderr_tail
    }
    const s: Measured = { id, label, ...extra, exit_code: m.exit_code, ...(m.timed_out ? { timed_out: true } : {}), seconds: round(m.seconds), peak_rss_mb: m.peak_rss_mb, cpu_user_s: m.cpu_user_s, cpu_sys_s: m.cpu_sys_s, load_avg: m.load_avg };
    if (m.exit_code !== 0) s.stderr_tail = m.stderr.slice(-2000);
    if (opts.profile) Object.assign(s, profileOf(path.join(profDir, `${id.replace(/[^\w.-]+/g, '_')}.cpuprofile`)));
    return { s, json };
  };
  function profileOf(pf: string): Partial<Stage> {
    if (!opts.profile || !fs.existsSync(pf)) return {};
    try {
      const t = profileTables(pf);
      return { profile: path.relative(ROOT, pf), profile_total_ms: t.total_ms, profile_top: t.top, profile_areas: t.areas };
    } catch (e) {
      return { profile: path.relative(ROOT, pf), profile_top: [{ function: `(could not read profile: ${(e as Error).message})`, self_ms: 0, percent: 0 }] };
    }
  }

  // One pass over every stage, on a fresh database; --repeat runs several and keeps each stage's median.
  const pipeline = (rep: number): Stage[] => {
    work = fs.mkdtempSync(path.join(tmpRoot, `work-${scale}-`));
    current = [];
    if (opts.repeat > 1) log(`  — 第 ${rep + 1}/${opts.repeat} 轮 pass ${rep + 1} of ${opts.repeat}`);
    try {
      // ---- startup (fixed cost in every stage below) ----
      {
        const { s } = bidui('startup', '启动 startup (bidui --help)', ['--help'], { stage: 'startup', rows: 0 });
        s.rows_per_s = null;
        stage(s);
      }

      // ---- raw floors ----
      for (const f of manifest.files) {
        const file = path.join(dataDir, f.file);
        const args = f.format === 'xlsx' ? [floor, '--raw-xlsx', file] : [floor, '--raw-csv', file, '--encoding', f.encoding ?? 'utf-8'];
        const profName = `raw-${f.format}_${f.kind}.cpuprofile`;
        const nodeFlags = opts.profile ? ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-name', profName] : [];
        const m = measure(args, { cwd: work, tmp: tmpRoot, timeout, nodeFlags });
        let rows = null;
        try {
          rows = JSON.parse(m.stdout).rows;
        } catch {
          // failed; exit code says so
        }
        stage({
          id: `raw-${f.format}:${f.kind}`,
          label: `原始读取 raw ${f.format === 'xlsx' ? 'exceljs WorkbookReader' : 'csv-parse'} ${f.file}`,
          stage: `raw-${f.format}`, kind: f.kind, format: f.format, file: f.file, bytes: f.bytes,
          rows, exit_code: m.exit_code, ...(m.timed_out ? { timed_out: true } : {}), seconds: round(m.seconds), rows_per_s: rows ? Math.round(rows / m.seconds) : null,
          peak_rss_mb: m.peak_rss_mb, cpu_user_s: m.cpu_user_s, cpu_sys_s: m.cpu_sys_s, load_avg: m.load_avg,
          ...(m.exit_code !== 0 ? { stderr_tail: m.stderr.slice(-2000) } : {}),
          ...profileOf(path.join(profDir, profName)),
        });
      }

      // ---- other tools' floors: sqlite3's own CSV .import, pandas.read_excel (skipped with a note when missing) ----
      for (const f of manifest.files) {
        const file = path.join(dataDir, f.file);
        if (f.format === 'csv') {
          const id = `raw-sqlite3:${f.kind}`;
          const label = `原始导入 sqlite3 .import ${f.file}`;
          if (!SQLITE3) {
            stage({ id, label, stage: 'raw-sqlite3', kind: f.kind, format: f.format, file: f.file, skipped: true, note: '未安装 sqlite3 命令行 / no sqlite3 shell' });
            continue;
          }
          // The same file into a fresh table of a fresh database (one transaction, every column TEXT); the count
          // afterwards is of the rows stored (+1: the header line .import took the column names from).
          const sdb = path.join(work, `sqlite3-${f.kind}.db`);
          const m = measure([sdb, '-cmd', '.mode csv', `.import "${file.replace(/[\\"]/g, (c) => `\\${c}`)}" t`, 'SELECT count(*) FROM t;'], { cwd: work, tmp: tmpRoot, timeout, exe: SQLITE3 });
          fs.rmSync(sdb, { force: true });
          const n = Number(m.stdout.trim().split('\n').pop());
          const rows = m.exit_code === 0 && Number.isInteger(n) ? n + 1 : null;
          stage({
            id, label, stage: 'raw-sqlite3', kind: f.kind, format: f.format, file: f.file, bytes: f.bytes,
            rows, exit_code: m.exit_code, ...(m.timed_out ? { timed_out: true } : {}), seconds: round(m.seconds), rows_per_s: rows ? Math.round(rows / m.seconds) : null,
            peak_rss_mb: m.peak_rss_mb, cpu_user_s: m.cpu_user_s, cpu_sys_s: m.cpu_sys_s, load_avg: m.load_avg,
            ...(f.encoding && f.encoding !== 'utf-8' ? { note: `${f.encoding} 字节原样存入，不解码 / stored as bytes, not decoded` } : {}),
            ...(m.exit_code !== 0 ? { stderr_tail: m.stderr.slice(-2000) } : {}),
          });
        } else {
          const id = `raw-pandas:${f.kind}`;
          const label = `原始读取 pandas read_excel ${f.file}`;
          if (!PANDAS) {
            stage({ id, label, stage: 'raw-pandas', kind: f.kind, format: f.format, file: f.file, skipped: true, note: '没有可用的 python3 pandas/openpyxl / pandas not installed' });
            continue;
          }
          const m = measure(['-c', 'import sys, pandas as pd\nd = pd.read_excel(sys.argv[1], sheet_name=None, header=None)\nprint(sum(len(x) for x in d.values()))', file], { cwd: work, tmp: tmpRoot, timeout, exe: PANDAS });
          const n = Number(m.stdout.trim().split('\n').pop());
          const rows = m.exit_code === 0 && Number.isInteger(n) ? n : null;
          stage({
            id, label, stage: 'raw-pandas', kind: f.kind, format: f.format, file: f.file, bytes: f.bytes,
            rows, exit_code: m.exit_code, ...(m.timed_out ? { timed_out: true } : {}), seconds: round(m.seconds), rows_per_s: rows ? Math.round(rows / m.seconds) : null,
            peak_rss_mb: m.peak_rss_mb, cpu_user_s: m.cpu_user_s, cpu_sys_s: m.cpu_sys_s, load_avg: m.load_avg,
            ...(m.exit_code !== 0 ? { stderr_tail: m.stderr.slice(-2000) } : {}),
          });
        }
      }

      // ---- load, one child per file ----
      const db = path.join(work, 'bench.db');
      let loadedRows = 0;
      for (const f of manifest.files) {
        const args = ['--db', db, '--json', '--quiet', 'load', f.kind, path.join(dataDir, f.file)];
        if (f.kind !== 'death' && f.kind !== 'ext') args.push('--period', PERIOD);
        if (f.label) args.push('--label', f.label);
        const { s, json } = bidui<{ report?: LoadReport }[]>(`load:${f.kind}`, `导入 load ${KIND_ZH[f.kind]} ${f.kind} (${f.format})`, args, { stage: 'load', kind: f.kind, format: f.format, file: f.file, bytes: f.bytes });
        const rep = Array.isArray(json) ? json[0]?.report : null;
        s.rows = rep ? rep.persons : null;
        s.rows_read = rep ? rep.rowsRead : null;
        s.id_problems = rep ? rep.persons - rep.idStatus.valid - rep.idStatus.upgraded : null;
        s.rows_per_s = s.rows && s.exit_code === 0 ? Math.round(s.rows / s.seconds) : null;
        loadedRows += s.rows ?? 0;
        stage(s);
      }

      // ---- check ----
      let findings: number | null = null;
      const loadsOnly = scale === 'csv1m';
      if (loadsOnly) {
        for (const [id, label] of [['check', '比对 check'], ['report', '核查表 report'], ['run', '每月任务 run (load+check+report)']]) {
          stage({ id: id!, label: label!, stage: id!, skipped: true, note: 'csv1m 只测导入 / csv1m measures loads only' });
        }
      } else {
        const { s, json } = bidui<CheckJson>('check', '比对 check', ['--db', db, '--json', '--quiet', 'check', '--period', PERIOD], { stage: 'check', rows: loadedRows });
        s.rows_per_s = s.exit_code === 0 ? Math.round(loadedRows / s.seconds) : null;
        if (json?.totals) {
          findings = json.totals.findings;
          s.findings = findings;
          result.findings = {
            total: findings,
            by_rule: Object.fromEntries(json.rules.filter((r) => r.state === 'ran').map((r) => [r.code, r.count])),
            skipped_rules: json.rules.filter((r) => r.state !== 'ran').map((r) => ({ code: r.code, reason: r.reason })),
            townships: json.townships?.length ?? null,
            cross_county: json.totals.cross_county ?? null,
            cross_county_planted: manifest.planted.crossCountyDuplicates ?? 0,
          };
        }
        stage(s);
      }

      // ---- report ----
      if (loadsOnly) {
        // done above
      } else {
        const reportWanted = scale !== 'province' || opts.provinceReport;
        if (!commands.has('report')) {
          stage({ id: 'report', label: '核查表 report', stage: 'report', skipped: true, note: 'CLI 尚无 report 命令 / no report command in this build' });
        } else if (!reportWanted) {
          stage({ id: 'report', label: '核查表 report', stage: 'report', skipped: true, note: '省级默认不跑 / not at province (--province-report)' });
        } else {
          const { s, json } = bidui<{ files?: { type: string }[] }>('report', '核查表 report', ['--db', db, '--json', '--quiet', 'report', '--period', PERIOD, '--out', path.join(work, 'out')], { stage: 'report', rows: findings });
          s.rows_per_s = s.exit_code === 0 && findings ? Math.round(findings / s.seconds) : null;
          if (json?.files) {
            s.files = json.files.length;
            s.township_workbooks = json.files.filter((f) => f.type === 'township').length;
            s.output_bytes = dirBytes(path.join(work, 'out'));
          }
          stage(s);
        }

        // ---- the whole monthly job, as cron runs it ----
        if (!opts.run || scale === 'province') {
          stage({ id: 'run', label: '每月任务 run (load+check+report)', stage: 'run', skipped: true, note: scale === 'province' ? '省级不跑 / not at province' : '--no-run' });
        } else if (!commands.has('run')) {
          stage({ id: 'run', label: '每月任务 run (load+check+report)', stage: 'run', skipped: true, note: 'CLI 尚无 run 命令 / no run command in this build' });
        } else {
          const runDir = path.join(work, 'run');
          fs.mkdirSync(runDir);
          const q = (s: string): string => JSON.stringify(s);
          const yaml = [
            `county: ${q('示例县（基准测试）')}`,
            `db: ${q(path.join(runDir, 'run.db'))}`,
            `out: ${q(path.join(runDir, 'out'))}`,
            'inputs:',
            ...manifest.files.flatMap((f) => [`  - kind: ${f.kind}`, `    path: ${q(path.join(dataDir, f.file))}`, ...(f.label ? [`    label: ${q(f.label)}`] : [])]),
          ].join('\n');
          fs.writeFileSync(path.join(runDir, 'bidui.config.yaml'), yaml + '\n');
          const args = ['--config', path.join(runDir, 'bidui.config.yaml'), '--json', '--quiet', 'run', '--period', PERIOD];
          if (!commands.has('report')) args.push('--no-report');
          const { s, json } = bidui<{ check?: CheckJson }>('run', '每月任务 run (load+check+report)', args, { stage: 'run', rows: loadedRows });
          s.rows_per_s = s.exit_code === 0 ? Math.round(loadedRows / s.seconds) : null;
          if (json?.check?.totals) s.findings = json.check.totals.findings;
          stage(s);
        }
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
    return current;
  };

  try {
    const passes: Stage[][] = [];
    for (let rep = 0; rep < opts.repeat; rep++) passes.push(pipeline(rep));
    result.repeat = opts.repeat;
    result.stages = passes[0]!.map((first, i) => {
      if (passes.length === 1 || first.skipped) return first;
      // The pass with the median time for this stage (all passes' seconds are kept alongside).
      const samples = passes.map((p) => p[i]).filter((x): x is Measured => measured(x) && x.id === first.id);
      const sorted = [...samples].sort((a, b) => a.seconds - b.seconds);
      const med = sorted.find((x) => x.exit_code !== 0) ?? sorted[Math.floor((sorted.length - 1) / 2)]!;
      return { ...med, samples_s: samples.map((x) => x.seconds), peak_rss_mb_max: Math.max(...samples.map((x) => x.peak_rss_mb ?? 0)) };
    });
  } finally {
    if (!opts.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }

  summarise(result);
  return result;
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) n += fs.statSync(path.join(e.parentPath ?? e.path, e.name)).size;
  }
  return n;
}

function round(x: number, d = 3): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/** Totals per stage family and the verdicts against the targets. */
function summarise(r: ScaleResult): void {
  const ok = (s: Stage | undefined): s is Measured => measured(s) && s.exit_code === 0;
  const st = (id: string): Stage | undefined => r.stages.find((s) => s.id === id);
  const sum = (arr: Stage[], k: 'rows' | 'seconds'): number => arr.reduce((a, s) => a + (s[k] ?? 0), 0);
  const loads = r.stages.filter((s): s is Measured => s.stage === 'load' && ok(s));
  const xl = loads.filter((s) => s.format === 'xlsx');
  const csv = loads.filter((s) => s.format === 'csv');
  const rawFor = (s: Stage): Stage | undefined => st(`raw-${s.format}:${s.kind}`);
  const toolFor = (s: Stage): Stage | undefined => st(`${s.format === 'csv' ? 'raw-sqlite3' : 'raw-pandas'}:${s.kind}`);
  const loadSummary = (files: Measured[]): LoadSummary => {
    const raw = files.map(rawFor).filter(ok);
    const tool = files.map(toolFor);
    const toolSeconds = tool.every(ok) ? sum(tool as Stage[], 'seconds') : null;
    const toolKey = files[0]?.format === 'csv' ? 'sqlite3' : 'pandas';
    return {
      files: files.length, rows: sum(files, 'rows'), seconds: round(sum(files, 'seconds')), rows_per_s: Math.round(sum(files, 'rows') / sum(files, 'seconds')), raw_seconds: round(sum(raw, 'seconds')), ratio_vs_raw: round(sum(files, 'seconds') / sum(raw, 'seconds'), 2),
      [`${toolKey}_seconds`]: toolSeconds === null ? null : round(toolSeconds),
      [`ratio_vs_${toolKey}`]: toolSeconds === null ? null : round(toolSeconds / sum(files, 'seconds'), 2),
    };
  };
  const check = st('check');
  const report = st('report');
  const run = st('run');
  const loadSeconds = round(sum(loads, 'seconds'));
  const sm: Summary = {
    ...(xl.length ? { load_xlsx: loadSummary(xl) } : {}),
    ...(csv.length ? { load_csv: loadSummary(csv) } : {}),
    load_seconds: loadSeconds,
    check_seconds: ok(check) ? check.seconds : null,
    report_seconds: ok(report) ? report.seconds : null,
    run_seconds: ok(run) ? run.seconds : null,
    load_check_seconds: ok(check) ? round(loadSeconds + check.seconds) : null,
    findings: r.findings?.total ?? null,
    max_peak_rss_mb: Math.max(0, ...r.stages.filter((s) => s.stage !== 'startup' && !String(s.stage).startsWith('raw')).map((s) => s.peak_rss_mb ?? 0)),
    failed_stages: r.stages.filter((s) => !s.skipped && s.exit_code !== 0).map((s) => s.id),
  };
  r.summary = sm;

  // Per-stage targets and the headline verdicts.
  const scale = r.scale;
  const rated = scale !== 'smoke';
  const t: TargetRow[] = [];
  const add = (name: string, target: string, value: number | string | null, okv: boolean | null, unit = ''): void => {
    t.push({ name, target, value, unit, ok: okv });
  };
  for (const s of r.stages) {
    if (!ok(s)) {
      if (!s.skipped) s.target = { text: '完成 completes', ok: false };
      continue;
    }
    if (!rated) continue;
    if (s.stage === 'load' && s.format === 'xlsx') {
      const raw = rawFor(s);
      const ratio = ok(raw) ? s.seconds / raw.seconds : null;
      s.vs_raw = ratio === null ? null : round(ratio, 2);
      const pd = toolFor(s);
      s.vs_pandas = ok(pd) ? round(pd.seconds / s.seconds, 1) : null;
      const pdText = s.vs_pandas === null ? '' : `; ≥${TARGETS.xlsxVsPandas}× pandas (${s.vs_pandas}×)`;
      const pdOk = s.vs_pandas === null || (s.vs_pandas >= TARGETS.xlsxVsPandas && (s.rows_per_s ?? 0) >= TARGETS.xlsxLoadRatePandas);
      s.target = { text: `≥${TARGETS.xlsxLoadRate / 1000}k/s, ≤${TARGETS.xlsxVsRaw}×raw (${s.vs_raw ?? '?'}×)${pdText}`, ok: (s.rows_per_s ?? 0) >= TARGETS.xlsxLoadRate && ratio !== null && ratio <= TARGETS.xlsxVsRaw && pdOk };
    } else if (s.stage === 'load' && s.format === 'csv') {
      const raw = rawFor(s);
      s.vs_raw = ok(raw) ? round(s.seconds / raw.seconds, 2) : null;
      const sq = toolFor(s);
      s.vs_sqlite3 = ok(sq) ? round(sq.seconds / s.seconds, 2) : null;
      const sqText = s.vs_sqlite3 === null ? '' : `, ≥${TARGETS.csvVsSqlite3}× sqlite3 (${s.vs_sqlite3}×)`;
      const big = scale === 'csv1m' && s.kind === 'dibao';
      const rssOk = !big || (s.peak_rss_mb !== null && s.peak_rss_mb <= TARGETS.csv1mRssMb);
      s.target = { text: `≥${TARGETS.csvLoadRate / 1000}k/s${sqText}${big ? `, RSS ≤${TARGETS.csv1mRssMb} MB` : ''}`, ok: (s.rows_per_s ?? 0) >= TARGETS.csvLoadRate && (s.vs_sqlite3 === null || s.vs_sqlite3 >= TARGETS.csvVsSqlite3) && rssOk };
    } else if (s.stage === 'check' && scale === 'county') s.target = { text: `≤${TARGETS.countyCheck} s`, ok: s.seconds <= TARGETS.countyCheck };
    else if (s.stage === 'report' && scale === 'county') s.target = { text: `≤${TARGETS.countyReport} s (${fmtInt(s.rows)} findings)`, ok: s.seconds <= TARGETS.countyReport };
    else if (s.stage === 'run' && scale === 'county') s.target = { text: `≤${TARGETS.countyRun} s`, ok: s.seconds <= TARGETS.countyRun };
    if (scale === 'province' && (s.stage === 'load' || s.stage === 'check')) {
      const rssOk = s.peak_rss_mb !== null && s.peak_rss_mb <= TARGETS.provinceRssMb;
      s.target = s.target ? { text: `${s.target.text}; RSS ≤${TARGETS.provinceRssMb} MB`, ok: s.target.ok && rssOk } : { text: `RSS ≤${TARGETS.provinceRssMb} MB`, ok: rssOk };
    }
  }
  add('所有阶段完成 every stage completes', 'exit 0', sm.failed_stages.length ? sm.failed_stages.join(',') : 'all', sm.failed_stages.length === 0);
  if (rated && sm.load_xlsx) {
    add('xlsx 导入速度 xlsx load rate (all xlsx files)', `≥ ${fmtInt(TARGETS.xlsxLoadRate)} rows/s`, sm.load_xlsx.rows_per_s, sm.load_xlsx.rows_per_s >= TARGETS.xlsxLoadRate, 'rows/s');
    add('xlsx 导入 ÷ exceljs 原始读取 xlsx load ÷ raw exceljs read', `≤ ${TARGETS.xlsxVsRaw}×`, sm.load_xlsx.ratio_vs_raw, sm.load_xlsx.ratio_vs_raw <= TARGETS.xlsxVsRaw, '×');
  }
  if (rated && sm.load_xlsx) {
    const v = sm.load_xlsx.ratio_vs_pandas ?? null;
    add('xlsx 导入 ÷ pandas read_excel (all xlsx files)', `≥ ${TARGETS.xlsxVsPandas}× pandas`, v ?? '— 无 pandas / no pandas', v === null ? null : v >= TARGETS.xlsxVsPandas, v === null ? '' : '×');
    add('xlsx 导入速度 (pandas verdict) xlsx load rate', `≥ ${fmtInt(TARGETS.xlsxLoadRatePandas)} rows/s`, sm.load_xlsx.rows_per_s, sm.load_xlsx.rows_per_s >= TARGETS.xlsxLoadRatePandas, 'rows/s');
  }
  if (rated && sm.load_csv) {
    add('CSV 导入速度 CSV load rate (all CSV files)', `≥ ${fmtInt(TARGETS.csvLoadRate)} rows/s`, sm.load_csv.rows_per_s, sm.load_csv.rows_per_s >= TARGETS.csvLoadRate, 'rows/s');
    const v = sm.load_csv.ratio_vs_sqlite3 ?? null;
    add('CSV 导入 ÷ sqlite3 .import (all CSV files)', `≥ ${TARGETS.csvVsSqlite3}× sqlite3`, v ?? '— 无 sqlite3 / no sqlite3', v === null ? null : v >= TARGETS.csvVsSqlite3, v === null ? '' : '×');
  }
  if (scale === 'csv1m') {
    const big = st('load:dibao');
    const sq = st('raw-sqlite3:dibao');
    add('百万行 CSV 导入 1M-row CSV load (dibao.csv)', `≥ ${fmtInt(TARGETS.csvLoadRate)} rows/s`, ok(big) ? big.rows_per_s ?? null : null, ok(big) ? (big.rows_per_s ?? 0) >= TARGETS.csvLoadRate : false, 'rows/s');
    add('百万行 CSV ÷ sqlite3 .import 1M-row CSV ÷ sqlite3', `≥ ${TARGETS.csvVsSqlite3}×`, ok(big) && ok(sq) ? round(sq.seconds / big.seconds, 2) : '— 无 sqlite3 / no sqlite3', ok(big) && ok(sq) ? sq.seconds / big.seconds >= TARGETS.csvVsSqlite3 : null, ok(big) && ok(sq) ? '×' : '');
    add('百万行 CSV 峰值内存 1M-row CSV peak RSS', `≤ ${TARGETS.csv1mRssMb} MB`, ok(big) ? big.peak_rss_mb : null, ok(big) && big.peak_rss_mb !== null ? big.peak_rss_mb <= TARGETS.csv1mRssMb : null, 'MB');
  }
  if (scale === 'county') {
    add('比对 check (county)', `≤ ${TARGETS.countyCheck} s`, sm.check_seconds, sm.check_seconds !== null && sm.check_seconds <= TARGETS.countyCheck, 's');
    add(`核查表 report (${fmtInt(sm.findings)} findings)`, `≤ ${TARGETS.countyReport} s`, sm.report_seconds, sm.report_seconds !== null ? sm.report_seconds <= TARGETS.countyReport : null, 's');
    add('每月任务 whole run (county)', `≤ ${TARGETS.countyRun} s`, sm.run_seconds, sm.run_seconds !== null ? sm.run_seconds <= TARGETS.countyRun : null, 's');
  }
  if (scale === 'province') {
    add('导入+比对 load + check (province)', `≤ ${TARGETS.provinceLoadCheck} s`, sm.load_check_seconds, sm.load_check_seconds !== null && sm.load_check_seconds <= TARGETS.provinceLoadCheck, 's');
    add('峰值内存 peak RSS of any stage (province)', `≤ ${TARGETS.provinceRssMb} MB`, sm.max_peak_rss_mb, sm.max_peak_rss_mb <= TARGETS.provinceRssMb, 'MB');
  }
  r.targets = t;
}

interface LinearityRow {
  id: string;
  label: string;
  half_rows: number;
  county_rows: number;
  half_seconds: number;
  county_seconds: number;
  rows_ratio: number;
  time_ratio: number;
  cost_per_row_ratio: number;
  rss_ratio: number | null;
}
interface Linearity {
  base: 'half';
  scale: 'county';
  target: string;
  ok: boolean;
  worst: { id: string; cost_per_row_ratio: number } | null;
  total: Omit<LinearityRow, 'id' | 'label' | 'rss_ratio'>;
  stages: LinearityRow[];
}

/** Cost growth from half to county: per-row cost ratio per stage (1.0 = linear). */
function linearity(half: ScaleResult, county: ScaleResult): Linearity {
  const rows: LinearityRow[] = [];
  for (const c of county.stages) {
    const h = half.stages.find((x) => x.id === c.id);
    if (!measured(h) || !measured(c) || c.exit_code !== 0 || h.exit_code !== 0 || !c.rows || !h.rows) continue;
    const rowsRatio = c.rows / h.rows;
    const timeRatio = c.seconds / h.seconds;
    rows.push({ id: c.id, label: c.label, half_rows: h.rows, county_rows: c.rows, half_seconds: h.seconds, county_seconds: c.seconds, rows_ratio: round(rowsRatio, 2), time_ratio: round(timeRatio, 2), cost_per_row_ratio: round(timeRatio / rowsRatio, 2), rss_ratio: h.peak_rss_mb && c.peak_rss_mb ? round(c.peak_rss_mb / h.peak_rss_mb, 2) : null });
  }
  const tot = (r: ScaleResult): number => r.stages.filter((s): s is Measured => measured(s) && s.exit_code === 0 && ['load', 'check', 'report'].includes(s.stage)).reduce((a, s) => a + s.seconds, 0);
  const hs = tot(half);
  const cs = tot(county);
  const hr = half.data!.rows;
  const cr = county.data!.rows;
  const total = { half_rows: hr, county_rows: cr, half_seconds: round(hs), county_seconds: round(cs), rows_ratio: round(cr / hr, 2), time_ratio: round(cs / hs, 2), cost_per_row_ratio: round(cs / hs / (cr / hr), 2) };
  // Linear means every stage of the CLI is linear, not just the sum (a quadratic check hides behind fast loads).
  const worst = rows.filter((s) => !s.id.startsWith('raw-') && s.id !== 'startup').reduce<LinearityRow | null>((a, s) => (!a || s.cost_per_row_ratio > a.cost_per_row_ratio ? s : a), null);
  return { base: 'half', scale: 'county', target: `cost per row ratio ≤ ${TARGETS.linearity} for every CLI stage`, ok: total.cost_per_row_ratio <= TARGETS.linearity && (!worst || worst.cost_per_row_ratio <= TARGETS.linearity), worst: worst ? { id: worst.id, cost_per_row_ratio: worst.cost_per_row_ratio } : null, total, stages: rows };
}

function printScale(r: ScaleResult): void {
  const rows = r.stages.map((s) => [
    s.label,
    s.skipped ? '—' : fmtInt(s.rows),
    s.skipped ? '—' : fmtSec(s.seconds),
    s.skipped ? '—' : fmtInt(s.rows_per_s),
    s.skipped ? '—' : fmtMb(s.peak_rss_mb),
    s.skipped ? `跳过 skipped: ${s.note}` : s.target?.text ?? '',
    s.skipped ? '–' : s.timed_out ? '✗ 超时 timeout' : s.exit_code !== 0 ? `✗ exit ${s.exit_code}` : mark(s.target?.ok),
  ]);
  const d = r.data!;
  console.log(`\n══ 规模 scale: ${r.scale} — ${fmtInt(d.rows)} 行 rows in ${d.files.length} 个文件 files (${(d.bytes / MB).toFixed(1)} MB), 生成 generated in ${d.generation_seconds} s${d.cached ? '（复用缓存 cached）' : ''} ══`);
  console.log(table(['阶段 Stage', '行数 Rows', '秒 Seconds', '行/秒 Rows/s', '峰值内存 Peak RSS MB', '目标 Target', '结果 Result'], rows, [1, 2, 3, 4]));
  if (r.findings) {
    const by = Object.entries(r.findings.by_rule).map(([k, v]) => `${k} ${fmtInt(v)}`).join(', ');
    console.log(`\n疑点 findings: ${fmtInt(r.findings.total)}（${by}）${r.findings.skipped_rules.length ? `；未运行 skipped: ${r.findings.skipped_rules.map((x) => x.code).join(', ')}` : ''}`);
    if (r.findings.cross_county_planted) console.log(`跨县疑点 cross-county findings: ${fmtInt(r.findings.cross_county ?? 0)}（埋入 planted: ${fmtInt(r.findings.cross_county_planted)} 人在两县领低保，每人至少 2 条 ≥ 2 findings each）`);
  }
  console.log('\n汇总 Summary vs targets:');
  console.log(table(['指标 Measure', '目标 Target', '实测 Measured', '结果 Result'], r.targets!.map((t) => [t.name, t.target, typeof t.value === 'number' ? `${t.unit === 'rows/s' ? fmtInt(t.value) : t.value} ${t.unit}`.trim() : String(t.value ?? '—'), mark(t.ok)]), []));
  for (const s of r.stages) {
    if (!s.profile_top) continue;
    console.log(`\nCPU 热点 profile — ${s.label} (${s.profile}, ${fmtInt(s.profile_total_ms)} ms sampled):`);
    console.log(table(['自身耗时 self ms', '%', '函数 function'], s.profile_top.map((p) => [fmtInt(p.self_ms), p.percent.toFixed(1), p.function ?? '']), [0, 1]));
    if (s.profile_areas) console.log('按模块 by area: ' + s.profile_areas.slice(0, 8).map((a) => `${a.area} ${a.percent.toFixed(1)}%`).join(', '));
  }
}

function printLinearity(l: Linearity): void {
  console.log('\n══ 线性 Linearity: county ÷ half ══');
  console.log(table(['阶段 Stage', '行数比 rows ×', '耗时比 time ×', '每行成本比 cost/row ×', '内存比 RSS ×'], [...l.stages.map((s) => [s.label, s.rows_ratio.toFixed(2), s.time_ratio.toFixed(2), s.cost_per_row_ratio.toFixed(2), s.rss_ratio?.toFixed(2) ?? '—']), ['合计 load+check+report', l.total.rows_ratio.toFixed(2), l.total.time_ratio.toFixed(2), l.total.cost_per_row_ratio.toFixed(2), '']], [1, 2, 3, 4]));
  console.log(`每行成本比 cost-per-row ratio: 合计 total ${l.total.cost_per_row_ratio}, 最差 worst ${l.worst ? `${l.worst.id} ${l.worst.cost_per_row_ratio}` : '—'} (目标 target ${l.target}) ${mark(l.ok)}`);
}

// ---------------------------------------------------------------------------------------------------------------------

/** The commit measured and whether the tree had local changes (read-only git queries; null outside a checkout). */
function gitState(): { commit: string; dirty: boolean | null } | null {
  const git = (...a: string[]) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return null;
  const dirty = git('status', '--porcelain', '--untracked-files=no');
  return { commit: head.stdout.trim(), dirty: dirty.status === 0 ? dirty.stdout.trim().length > 0 : null };
}

async function main() {
  const argv = process.argv.slice(2);
  // A floor read by hand (npx tsx scripts/bench.ts --raw-xlsx FILE); the measured ones run bench-floor.mjs directly.
  if (await floorCommand(argv)) return;
  const opts = parseArgs(argv);
  if (BIN === path.join(ROOT, 'bin/bidui.js') && !fs.existsSync(path.join(ROOT, 'dist/cli/main.js'))) fail('找不到 dist/cli/main.js：请先 npm run build（或用 npm run bench） / build first');
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bidui-bench-'));
  RSS_METHOD = chooseRssMethod(opts.rss, tmpRoot);
  const floor = await floorScript(tmpRoot);
  // Which commands this build of the CLI has (report/run may still be in progress elsewhere).
  const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const commands = new Set([...(help.stdout ?? '').matchAll(/^\s{2}(\w+)\b/gm)].map((m) => m[1]!));
  const cpus = os.cpus();
  const out = {
    schema: 'bidui-bench/1',
    started_at: new Date().toISOString(),
    command: ['tsx', 'scripts/bench.ts', ...argv].join(' '),
    bin: path.relative(ROOT, BIN).startsWith('..') ? BIN : path.relative(ROOT, BIN),
    git: gitState(),
    machine: { cpus: cpus.length, cpu_model: cpus[0]?.model ?? null, total_mem_mb: Math.round(os.totalmem() / MB), node: process.version, platform: `${process.platform} ${os.release()}`, arch: process.arch },
    rss_method: RSS_METHOD === 'time' ? '/usr/bin/time -v (child maxrss)' : 'process.resourceUsage().maxRSS in the child (--import probe)',
    profiled: opts.profile,
    period: PERIOD,
    targets: TARGETS,
    scales: {} as Partial<Record<ScaleName, ScaleResult>>,
    linearity: null as Linearity | null,
    finished_at: undefined as string | undefined,
    ok: undefined as boolean | undefined,
  };
  if (opts.profile) console.error('注意：--profile 会拖慢各阶段，计时不可与目标比较 / profiling slows every stage; timings are not comparable with the targets');
  let failed = false;
  try {
    for (const scale of opts.scales) {
      const r = await benchScale(scale, opts, tmpRoot, commands, floor);
      out.scales[scale] = r;
      printScale(r);
      if (r.summary!.failed_stages.length) failed = true;
    }
    if (out.scales.half && out.scales.county) {
      out.linearity = linearity(out.scales.half, out.scales.county);
      printLinearity(out.linearity);
    }
  } finally {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
  out.finished_at = new Date().toISOString();
  out.ok = !failed;
  fs.mkdirSync(opts.out, { recursive: true });
  const stamp = out.started_at.replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const file = path.join(opts.out, `bench-${opts.scales.join('-')}-${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  fs.writeFileSync(path.join(opts.out, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`\n结果 results: ${path.relative(process.cwd(), file).startsWith("..") ? file : path.relative(process.cwd(), file)}`);
  if (failed) {
    console.error('有阶段失败（见上表与 JSON 中的 stderr_tail） / some stages failed (see stderr_tail in the JSON)');
    process.exitCode = 1;
  }
}

if (isMain(import.meta.url)) await main();
