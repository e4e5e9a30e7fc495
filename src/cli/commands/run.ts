// `bidui run [--period P]`: the monthly job for cron — load every configured input, check, report; one lock, one log.
import type { Command } from 'commander';
import path from 'node:path';
import { previousPeriod } from '../../normalize/month.js';
import { printSummary, summaryJson } from '../check-summary.js';
import { CommandContext } from '../context.js';
import { enforceFailOn, parseFailOn } from '../fail-on.js';
import type { Io } from '../io.js';
import { parsePeriodOption } from '../options.js';

interface RunFlags {
  period?: string;
  report?: boolean; // --no-report
  failOn?: string;
}

export function registerRun(program: Command, io: Io): void {
  program
    .command('run')
    .description('每月任务（适合定时任务）：按配置文件导入全部名单 → 比对 → 生成核查表；同一数据库同时只允许一个任务')
    .option('--period <YYYY-MM>', '比对月份（默认上个月）')
    .option('--no-report', '只导入和比对，不生成核查表')
    .option('--fail-on <疑点|any>', '存在该级别的未核实疑点时以退出码 1 结束')
    .addHelpText(
      'after',
      '\n示例：\n  bidui run --period 2024-11\n  bidui --config /data/bidui/bidui.config.yaml --quiet run\n\n定时任务（每月 5 日 02:00 比对上个月）：\n  0 2 5 * * cd /data/bidui && /usr/bin/env bidui --quiet run >> run.log 2>&1',
    )
    .action(async (flags: RunFlags, cmd: Command) => {
      const c = new CommandContext(io, cmd);
      const cfg = c.config();
      const period = parsePeriodOption(flags.period) ?? previousPeriod(new Date());
      const failOn = parseFailOn(flags.failOn);
      const [{ runMonth }, { Progress }] = await Promise.all([import('../../jobs/run.js'), import('../progress.js')]); // the readers only when needed
      const progress = new Progress(c.out);
      const r = await runMonth({
        cfg,
        dbFile: c.dbFile(cfg),
        period,
        report: flags.report !== false,
        say: (s) => {
          progress.done();
          c.out.info(s);
        },
        onProgress: (file, n) => progress.update(`正在导入 ${path.basename(file)}：已读 ${n} 人`),
        signal: c.io.signal,
      });
      progress.done();
      if (c.g.json) c.out.json({ period, db: r.db, log: r.log, loads: r.loads, check: summaryJson(r.check), report: r.report });
      else if (!c.g.quiet) printSummary(r.check, c.out);
      enforceFailOn(r.check.findings, failOn);
    });
}
