// `bidui check --period P`: runs the rule catalogue, compares with the last checked period, prints the summary.
import type { Command } from 'commander';
import { checkPeriod } from '../../jobs/check.js';
import { printSummary, summaryJson } from '../check-summary.js';
import { CommandContext } from '../context.js';
import { enforceFailOn, parseFailOn } from '../fail-on.js';
import type { Io } from '../io.js';
import { requirePeriod } from '../options.js';

interface CheckFlags {
  period?: string;
  rule?: string[];
  failOn?: string;
}

export function registerCheck(program: Command, io: Io): void {
  program
    .command('check')
    .description('按规则目录比对本月名单，生成疑点并与上一次比对的月份对照（新增/持续/已消除）')
    .option('--period <YYYY-MM>', '比对月份（必填）')
    .option('--rule <code...>', '只运行这些规则（其余规则本月已有的结果保留）')
    .option('--fail-on <疑点|any>', '存在该级别的未核实疑点时以退出码 1 结束（供定时任务判断）')
    .addHelpText('after', '\n示例：\n  bidui check --period 2024-11\n  bidui check --period 2024-11 --rule deceased-active taper-overdue\n  bidui check --period 2024-11 --fail-on 疑点 --json')
    .action(async (flags: CheckFlags, cmd: Command) => {
      const c = new CommandContext(io, cmd);
      const period = requirePeriod(flags.period);
      const failOn = parseFailOn(flags.failOn);
      await c.withDb(async (db, cfg) => {
        const r = await checkPeriod(db, cfg, period, { only: flags.rule, signal: c.io.signal });
        if (c.g.json) c.out.json(summaryJson(r));
        else printSummary(r, c.out);
        enforceFailOn(r.findings, failOn);
      }, `bidui check --period ${period}`);
    });
}
