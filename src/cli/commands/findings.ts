// `bidui findings --period P --format json|csv`: machine-readable findings with the English keys of design.md §2.
import type { Command } from 'commander';
import { BiduiError } from '../../errors.js';
import { staleReason } from '../../jobs/status.js';
import { isCurrent } from '../../model/index.js';
import { findingExport, findingsExportCsv } from '../../report/findings-export.js';
import { ruleByCode } from '../../rules/registry.js';
import { findingsOf, getCheck } from '../../store/findings.js';
import { CommandContext } from '../context.js';
import type { Io } from '../io.js';
import { requirePeriod } from '../options.js';

export function registerFindings(program: Command, io: Io): void {
  program
    .command('findings')
    .description('导出某月的比对结果（机器可读，英文键名）')
    .option('--period <YYYY-MM>', '比对月份（必填）')
    .option('--format <json|csv>', '输出格式', 'json')
    .option('--all', '包括本月已消除的疑点')
    .option('--mask-ids', '身份证号脱敏（配置文件 mask_ids: true 时总是脱敏）')
    .addHelpText('after', '\n示例：\n  bidui findings --period 2024-11 --format csv > findings.csv\n  bidui findings --period 2024-11 --format json | jq length')
    .action(async (flags: { period?: string; format: string; all?: boolean; maskIds?: boolean }, cmd: Command) => {
      const c = new CommandContext(io, cmd);
      const period = requirePeriod(flags.period);
      if (flags.format !== 'json' && flags.format !== 'csv') throw new BiduiError(`--format 应为 json 或 csv，收到「${flags.format}」`);
      await c.withDb((db, cfg) => {
        const check = getCheck(db, period);
        if (!check) throw new BiduiError(`${period} 还没有比对过。请先运行 bidui check --period ${period}`);
        const stale = staleReason(db, period);
        if (stale) c.out.warn(`注意：${stale}，以下结果可能已过时。请重新运行 bidui check --period ${period}`);
        const mask = Boolean(flags.maskIds) || cfg.maskIds;
        const rows = findingsOf(db, period)
          .filter((f) => flags.all || isCurrent(f))
          .map((f) => findingExport(f, (code) => ruleByCode(code)?.name ?? code, mask));
        if (flags.format === 'json') c.out.json(rows);
        else c.io.out(findingsExportCsv(rows));
      });
    });
}
