// Rule parameters from the config file: defaults, validation with clear messages, and the enabled switch.
import { BiduiError } from '../errors.js';
import type { ParamDef, ParamValue, Params, Rule } from './types.js';

export interface ResolvedRule {
  rule: Rule;
  enabled: boolean;
  params: Params;
}

function check(def: ParamDef, v: unknown, where: string): ParamValue {
  const fail = (expect: string) => new BiduiError(`配置 ${where} 应为${expect}，收到 ${JSON.stringify(v)}。请修改配置文件`);
  if (def.type === 'int') {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw fail(`整数（${def.min ?? ''}–${def.max ?? ''}）`);
    if ((def.min !== undefined && v < def.min) || (def.max !== undefined && v > def.max)) throw fail(`${def.min}–${def.max} 之间的整数`);
    return v;
  }
  if (def.type === 'bool') {
    if (typeof v !== 'boolean') throw fail(' true 或 false');
    return v;
  }
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,，、\s]+/).filter(Boolean) : null;
  if (!list || list.some((x) => typeof x !== 'string' && typeof x !== 'number')) throw fail('列表');
  const items = list.map(String);
  const badItem = def.allowed ? items.find((x) => !def.allowed!.includes(x)) : undefined;
  if (badItem !== undefined) throw fail(`列表，取值限于 ${def.allowed!.join('、')}（「${badItem}」不在其中）`);
  return items;
}

export function resolveRules(rules: readonly Rule[], config: Record<string, Record<string, unknown>>): ResolvedRule[] {
  const codes = new Set(rules.map((r) => r.code));
  for (const code of Object.keys(config)) {
    if (!codes.has(code)) throw new BiduiError(`配置 rules.${code}：没有这条规则。可用规则：${[...codes].join('、')}`);
  }
  return rules.map((rule) => {
    const raw = config[rule.code] ?? {};
    const params: Params = {};
    for (const def of rule.params) params[def.name] = def.default;
    let enabled = true;
    for (const [k, v] of Object.entries(raw)) {
      const where = `rules.${rule.code}.${k}`;
      if (k === 'enabled') {
        if (typeof v !== 'boolean') throw new BiduiError(`配置 ${where} 应为 true 或 false，收到 ${JSON.stringify(v)}`);
        enabled = v;
        continue;
      }
      const def = rule.params.find((p) => p.name === k);
      if (!def) {
        const names = rule.params.map((p) => p.name);
        throw new BiduiError(`配置 ${where}：规则 ${rule.code} 没有参数 ${k}。可用参数：${['enabled', ...names].join('、')}`);
      }
      params[k] = check(def, v, where);
    }
    return { rule, enabled, params };
  });
}

export function formatParams(rule: Rule, params: Params): string {
  if (rule.params.length === 0) return '—';
  return rule.params
    .map((d) => {
      const v = params[d.name];
      return `${d.label}=${Array.isArray(v) ? v.join('、') : typeof v === 'boolean' ? (v ? '是' : '否') : String(v)}`;
    })
    .join('；');
}
