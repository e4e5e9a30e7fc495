// Parsing and validating flag values shared by several commands (periods, kinds, areas).
import { BiduiError } from '../errors.js';
import { isKind, KIND_NAMES, KINDS, type Kind } from '../model/index.js';
import { parsePeriod } from '../normalize/month.js';

export function parseKind(s: string): Kind {
  if (isKind(s)) return s;
  const byName = KINDS.find((k) => KIND_NAMES[k] === s || KIND_NAMES[k].startsWith(s));
  if (byName) return byName;
  throw new BiduiError(`不认识的名单类型「${s}」。可用类型：${KINDS.map((k) => `${k}（${KIND_NAMES[k]}）`).join('，')}`);
}

export function parsePeriodOption(s: string | undefined, flag = '--period'): string | null {
  if (s === undefined) return null;
  const p = parsePeriod(s);
  if (!p) throw new BiduiError(`${flag} 的值「${s}」不是有效的月份，应写成 YYYY-MM，例如 ${flag} 2024-11`);
  return p;
}

export function requirePeriod(s: string | undefined, flag = '--period'): string {
  const p = parsePeriodOption(s, flag);
  if (!p) throw new BiduiError(`缺少 ${flag}：请指明比对月份，例如 ${flag} 2024-11`);
  return p;
}

export function parseArea(s: string | undefined): '城市' | '农村' | undefined {
  if (s === undefined) return undefined;
  if (s === '城市' || s === '城镇' || s === 'urban') return '城市';
  if (s === '农村' || s === 'rural') return '农村';
  throw new BiduiError(`--area 的值应为 农村 或 城市，收到「${s}」`);
}

export function parsePositiveInt(s: string | undefined, flag: string): number | undefined {
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s) || Number(s) < 1) throw new BiduiError(`${flag} 应为正整数（Excel 行号），收到「${s}」`);
  return Number(s);
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
