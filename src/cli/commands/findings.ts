// `bidui findings --period P --format json|csv`: machine-readable findings with the English keys of design.md §2.
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { BiduiError } from '../../errors.js';
import { isCurrent, type FindingRecord } from '../../model/index.js';
import { ruleByCode } from '../../rules/registry.js';
import { findingsOf, getCheck } from '../../store/findings.js';
import { CommandContext } from '../context.js';
import type { Io } from '../io.js';
import { requirePeriod } from '../options.js';

export function findingExport(f: FindingRecord) {
  return {
    finding_id: f.finding_id,
    rule: f.rule,
    rule_name: ruleByCode(f.rule)?.name ?? f.rule,
    severity: f.severity,
    period: f.period,
    id_number: f.id_number ?? f.id_raw,
    name: f.name,
    township: f.township,
    village: f.village,
    kinds: f.kinds,
    sources: f.sources,
    explanation: f.explanation,
    status: f.status,
    lifecycle: f.lifecycle,
    first_seen: f.first_seen,
    months_open: f.months_open,
    status_note: f.status_note,
  };
}

export function registerFindings(program: Command, io: Io): void {
  program
    .command('findings')
    .description('导出某月的比对结果（机器可读，英文键名）')
    .option('--period <YYYY-MM>', '比对月份（必填）')
    .option('--format <json|csv>', '输出格式', 'json')
    .option('--all', '包括本月已消除的疑点')
    .addHelpText('after', '\n示例：\n  bidui findings --period 2024-11 --format csv > findings.csv\n  bidui findings --period 2024-11 --format json | jq length')
    .action(async (flags: { period?: string; format: string; all?: boolean }, cmd: Command) => {
      const c = new CommandContext(io, cmd);
      const period = requirePeriod(flags.period);
      if (flags.format !== 'json' && flags.format !== 'csv') throw new BiduiError(`--format 应为 json 或 csv，收到「${flags.format}」`);
      await c.withDb((db) => {
        if (!getCheck(db, period)) throw new BiduiError(`${period} 还没有比对过。请先运行 bidui check --period ${period}`);
        const rows = findingsOf(db, period)
          .filter((f) => flags.all || isCurrent(f))
          .map(findingExport);
        if (flags.format === 'json') {
          c.out.json(rows);
          return;
        }
        const cols = Object.keys(rows[0] ?? findingExport({ kinds: [], sources: [] } as unknown as FindingRecord));
        c.out.data(
          stringify(
            rows.map((r) => ({ ...r, kinds: r.kinds.join(';'), sources: r.sources.map((s) => `${s.kind}:${s.file}:${s.sheet}:${s.row}`).join(';') })),
            { header: true, columns: cols },
          ),
        );
      });
    });
}
