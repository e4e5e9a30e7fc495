// `bidui rules`: the rule catalogue with the parameters in force (config applied).
import type { Command } from 'commander';
import { resolvedRules } from '../../jobs/check.js';
import { formatParams } from '../../rules/params.js';
import { CommandContext } from '../context.js';
import type { Io } from '../io.js';
import { renderTable } from '../table.js';

export function registerRules(program: Command, io: Io): void {
  program
    .command('rules')
    .description('列出比对规则：代码、名称、级别、当前生效的参数')
    .addHelpText('after', '\n示例：\n  bidui rules\n  bidui rules --json')
    .action((_flags: unknown, cmd: Command) => {
      const c = new CommandContext(io, cmd);
      const rules = resolvedRules(c.config());
      if (c.g.json) {
        c.out.json(rules.map(({ rule, enabled, params }) => ({ code: rule.code, name: rule.name, severity: rule.severity, enabled, params, description: rule.describe(params) })));
        return;
      }
      c.out.data(renderTable(['代码', '名称', '级别', '启用', '参数'], rules.map(({ rule, enabled, params }) => [rule.code, rule.name, rule.severity, enabled ? '是' : '否', formatParams(rule, params)])));
      if (c.g.verbose) for (const { rule, params } of rules) c.out.data(`\n${rule.code} ${rule.name}：${rule.describe(params)}`);
    });
}
