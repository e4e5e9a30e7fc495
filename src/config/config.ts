// The config file (bidui.config.yaml): reading, structural validation, defaults. Rule parameters are validated by the rules room.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { BiduiError } from '../errors.js';
import { LIMIT_SETTINGS, type Limits } from '../ingest/formats/limits.js';
import { isKind, KINDS, type Kind } from '../model/index.js';
import { configPath } from './paths.js';

export const DEFAULT_CONFIG_FILE = 'bidui.config.yaml';

export interface InputSpec {
  kind: Kind;
  /**
   * Path or glob relative to the config file; `{period}` is replaced by YYYY-MM (also {yyyy} {mm} {yyyymm}).
   * `\` and `/` are both separators, on every platform (see inputs.ts).
   */
  path: string;
  optional: boolean;
  sheet?: string;
  encoding?: string;
  area?: '城市' | '农村';
  label?: string;
  /** The county of these files' rows when they have no 县区 column (several counties in one database, domain.md §10). */
  county?: string;
  header_row?: number;
  map?: Record<string, string>;
}

/** `limits:` of the config file in the readers' units (the format layer's limits.ts has the keys, ranges and defaults). Only what the file sets. */
export type LimitsSetting = Partial<Limits>;

/** Config key (rows_per_file, zip_entry_mb …) → the limit it sets. */
const LIMIT_BY_KEY = new Map(Object.entries(LIMIT_SETTINGS).map(([field, s]) => [s.key, { field: field as keyof Limits, ...s }]));

export interface Config {
  /** Where the file was read from (null: defaults only). */
  file: string | null;
  baseDir: string;
  county: string;
  db: string;
  out: string;
  /** Days the townships have to answer, counted from the report date. */
  deadlineDays: number;
  maskIds: boolean;
  /** Raw per-rule settings: { code: { enabled?: boolean, param: value } }. */
  rules: Record<string, Record<string, unknown>>;
  inputs: InputSpec[];
  /** Limits on input files (what the file sets; the readers' defaults apply to the rest). */
  limits: LimitsSetting;
}

// In YAML double quotes a backslash starts an escape: "名单\{period}" is an error, and "D:\new\table" silently
// becomes a line break and a tab. Windows paths go in single quotes, or without quotes.
const BACKSLASH_HINT = `Windows 路径请用单引号括起（如 path: '名单\\{period}\\低保*.xlsx'）或不加引号，也可以改用 /；双引号中的 \\ 是转义符`;

/** A path setting that was read as text; control characters in it come from "\n"-like escapes in double quotes. */
function pathText(file: string, key: string, v: unknown, what: string): string {
  if (typeof v !== 'string' || v === '') throw bad(file, key, what);
  if (/[\u0000-\u001f]/.test(v)) throw bad(file, key, `含有换行符或制表符（${JSON.stringify(v)}）。${BACKSLASH_HINT}`);
  return v;
}

function bad(file: string, key: string, problem: string): BiduiError {
  return new BiduiError(`配置文件 ${file}：${key} ${problem}。请修改后重试（可参考 bidui init 生成的示例）`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function loadConfig(explicit: string | undefined, cwd = process.cwd()): Config {
  const file = explicit ?? (fs.existsSync(path.join(cwd, DEFAULT_CONFIG_FILE)) ? path.join(cwd, DEFAULT_CONFIG_FILE) : null);
  if (file === null) return defaults(null, cwd);
  if (!fs.existsSync(file)) throw new BiduiError(`找不到配置文件 ${file}。可用 bidui init 生成一份`);
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(file, 'utf8')) ?? {};
  } catch (e) {
    const err = e as Error & { code?: string; linePos?: { line: number; col: number }[] };
    const where = err.linePos?.[0] ? `第 ${err.linePos[0].line} 行第 ${err.linePos[0].col} 列` : '';
    const fix = err.code === 'BAD_DQ_ESCAPE' ? BACKSLASH_HINT : '请检查缩进和冒号';
    throw new BiduiError(`配置文件 ${file} ${where}不是有效的 YAML：${err.message.split('\n')[0]}。${fix}`);
  }
  if (!isRecord(raw)) throw bad(file, '顶层', '应是“键: 值”的映射');
  const cfg = defaults(file, path.dirname(path.resolve(file)));
  const known = new Set(['county', 'db', 'out', 'deadline_days', 'mask_ids', 'rules', 'inputs', 'limits']);
  for (const key of Object.keys(raw)) if (!known.has(key)) throw bad(file, key, `不是可用的设置项（可用：${[...known].join('、')}）`);
  if (raw.county !== undefined) {
    if (typeof raw.county !== 'string') throw bad(file, 'county', '应为县（区）名称文字');
    cfg.county = raw.county;
  }
  for (const key of ['db', 'out'] as const) {
    if (raw[key] === undefined) continue;
    cfg[key] = configPath(cfg.baseDir, pathText(file, key, raw[key], '应为路径文字'));
  }
  if (raw.deadline_days !== undefined) {
    const d = raw.deadline_days;
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > 90) throw bad(file, 'deadline_days', `应为 1–90 的整数，收到 ${JSON.stringify(d)}`);
    cfg.deadlineDays = d;
  }
  if (raw.mask_ids !== undefined) {
    if (typeof raw.mask_ids !== 'boolean') throw bad(file, 'mask_ids', '应为 true 或 false');
    cfg.maskIds = raw.mask_ids;
  }
  if (raw.rules !== undefined && raw.rules !== null) {
    if (!isRecord(raw.rules)) throw bad(file, 'rules', '应为“规则代码: 设置”的映射');
    for (const [code, v] of Object.entries(raw.rules)) {
      if (v === null) continue;
      if (typeof v === 'boolean') cfg.rules[code] = { enabled: v };
      else if (isRecord(v)) cfg.rules[code] = v;
      else throw bad(file, `rules.${code}`, '应为设置的映射（如 enabled: false）或 true/false');
    }
  }
  if (raw.inputs !== undefined && raw.inputs !== null) {
    if (!Array.isArray(raw.inputs)) throw bad(file, 'inputs', '应为列表（每项以 - 开头）');
    cfg.inputs = raw.inputs.map((v, i) => parseInput(file, `inputs[${i + 1}]`, v));
  }
  if (raw.limits !== undefined && raw.limits !== null) cfg.limits = parseLimits(file, raw.limits);
  return cfg;
}

function parseLimits(file: string, v: unknown): LimitsSetting {
  if (!isRecord(v)) throw bad(file, 'limits', '应为“上限名称: 数值”的映射');
  const out: LimitsSetting = {};
  for (const [key, value] of Object.entries(v)) {
    const def = LIMIT_BY_KEY.get(key);
    if (!def) throw bad(file, `limits.${key}`, `不是可用的上限（可用：${[...LIMIT_BY_KEY.keys()].join('、')}）`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < def.min || value > def.max) {
      throw bad(file, `limits.${key}`, `（${def.what}）应为 ${def.min}–${def.max} 的整数，收到 ${JSON.stringify(value)}`);
    }
    out[def.field] = value * def.unit;
  }
  return out;
}

function parseInput(file: string, key: string, v: unknown): InputSpec {
  if (!isRecord(v)) throw bad(file, key, '应为包含 kind 和 path 的映射');
  const allowed = new Set(['kind', 'path', 'optional', 'sheet', 'encoding', 'area', 'label', 'county', 'header_row', 'map']);
  for (const k of Object.keys(v)) if (!allowed.has(k)) throw bad(file, `${key}.${k}`, `不是可用的设置（可用：${[...allowed].join('、')}）`);
  if (typeof v.kind !== 'string' || !isKind(v.kind)) throw bad(file, `${key}.kind`, `应为 ${KINDS.join('、')} 之一，收到 ${JSON.stringify(v.kind)}`);
  const spec: InputSpec = { kind: v.kind, path: pathText(file, `${key}.path`, v.path, '应为文件路径（可含 {period} 和 * 通配符）'), optional: false };
  if (v.optional !== undefined) {
    if (typeof v.optional !== 'boolean') throw bad(file, `${key}.optional`, '应为 true 或 false');
    spec.optional = v.optional;
  }
  for (const k of ['sheet', 'encoding', 'label', 'county'] as const) {
    if (v[k] === undefined) continue;
    if (typeof v[k] !== 'string' && typeof v[k] !== 'number') throw bad(file, `${key}.${k}`, '应为文字');
    spec[k] = String(v[k]);
  }
  if (v.area !== undefined) {
    if (v.area !== '农村' && v.area !== '城市') throw bad(file, `${key}.area`, '应为 农村 或 城市');
    spec.area = v.area;
  }
  if (v.header_row !== undefined) {
    if (typeof v.header_row !== 'number' || !Number.isInteger(v.header_row) || v.header_row < 1) throw bad(file, `${key}.header_row`, '应为正整数');
    spec.header_row = v.header_row;
  }
  if (v.map !== undefined) {
    if (!isRecord(v.map) || Object.values(v.map).some((x) => typeof x !== 'string')) throw bad(file, `${key}.map`, '应为“字段: 表头”的映射');
    spec.map = v.map as Record<string, string>;
  }
  return spec;
}

function defaults(file: string | null, baseDir: string): Config {
  return { file, baseDir, county: '', db: path.resolve(baseDir, 'bidui.db'), out: path.resolve(baseDir, 'out'), deadlineDays: 15, maskIds: false, rules: {}, inputs: [], limits: {} };
}
