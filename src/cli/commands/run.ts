// `bidui run [--period P]`: the monthly job for cron — load every configured input, check, report; one lock, one log.
import type { Command } from 'commander';
import path from 'node:path';
import { expandInput } from '../../config/inputs.js';
import { BiduiError, EXIT } from '../../errors.js';
import { KIND_NAMES, REFERENCE_KINDS } from '../../normalize/kinds.js';
import { previousPeriod } from '../../normalize/month.js';
import { openDb } from '../../store/db.js';
import { acquireLock } from '../../store/lock.js';
import { loadConfig } from '../../config/config.js';
import { checkPeriod } from '../checking.js';
import { dbPath, globals } from '../context.js';
import { loadFiles, type FileOutcome } from '../loading.js';
import { parsePeriodOption } from '../options.js';
import { Output } from '../output.js';
import { Progress } from '../progress.js';
import { RunLog } from '../run-log.js';
import { failOnReached, parseFailOn, printSummary, summaryJson } from './check.js';

interface RunFlags {
  period?: string;
  report?: boolean; // --no-report
  failOn?: string;
}

export function registerRun(program: Command): void {
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
      const g = globals(cmd);
      const out = new Output(g);
      const cfg = loadConfig(g.config);
      const period = parsePeriodOption(flags.period) ?? previousPeriod(new Date());
      const failOn = parseFailOn(flags.failOn);
      if (cfg.inputs.length === 0) {
        throw new BiduiError(`配置文件${cfg.file ? ` ${cfg.file} ` : ''}中没有 inputs（每月名单的位置）。请先运行 bidui init 并填写 inputs`);
      }
      // Every required file must exist before anything is touched.
      const plan = cfg.inputs.map((spec) => ({ spec, ...expandInput(spec, period, cfg.baseDir) }));
      const missing = plan.filter((p) => p.files.length === 0 && !p.spec.optional);
      if (missing.length) {
        throw new BiduiError(
          `找不到 ${period} 的名单文件：\n${missing.map((m) => `  ${KIND_NAMES[m.spec.kind]}（${m.spec.kind}）：${m.pattern}`).join('\n')}\n请把文件放到上述位置，或在配置文件中把该项标为 optional: true`,
        );
      }
      const db = dbPath(g, cfg);
      const lock = acquireLock(path.resolve(db), `bidui run --period ${period}`);
      const log = new RunLog(path.join(cfg.out, 'logs'), period);
      const say = (s: string) => {
        log.write(s);
        out.info(s);
      };
      if (lock.staleCleared) say(`清除了已中断任务留下的锁（进程 ${lock.staleCleared.pid}，开始于 ${lock.staleCleared.started}）`);
      say(`开始 ${period} 的每月任务，数据库 ${path.resolve(db)}，日志 ${log.file}`);
      const handle = openDb(db);
      try {
        const loads: { kind: string; file: string; outcome: string; persons?: number; idProblems?: number }[] = [];
        const progress = new Progress(out);
        for (const p of plan) {
          if (p.files.length === 0) {
            say(`跳过 ${KIND_NAMES[p.spec.kind]}：没有匹配 ${p.pattern} 的文件（optional）`);
            continue;
          }
          const isRef = REFERENCE_KINDS.includes(p.spec.kind);
          const outcomes: FileOutcome[] = await loadFiles(
            handle,
            {
              kind: p.spec.kind,
              period: isRef ? null : period,
              files: p.files,
              encoding: p.spec.encoding,
              read: {
                sheet: p.spec.sheet,
                headerRow: p.spec.header_row,
                area: p.spec.area,
                label: p.spec.label,
                map: Object.entries(p.spec.map ?? {}).map(([k, v]) => `${k}=${v}`),
              },
            },
            (file, n) => progress.update(`正在导入 ${path.basename(file)}：已读 ${n} 人`),
          );
          progress.done();
          for (const o of outcomes) {
            if (o.outcome === 'unchanged') {
              say(`${KIND_NAMES[p.spec.kind]}：${path.basename(o.file)} 与已导入的内容相同，未作更改`);
              loads.push({ kind: p.spec.kind, file: o.file, outcome: 'unchanged' });
            } else {
              const r = o.report;
              const problems = r.persons - r.idStatus.valid - r.idStatus.upgraded;
              say(`${KIND_NAMES[p.spec.kind]}：${o.replaced ? '已替换' : '已导入'} ${path.basename(o.file)}，${r.persons} 人，身份证号问题 ${problems}，拒收 ${r.rejected} 行`);
              loads.push({ kind: p.spec.kind, file: o.file, outcome: o.replaced ? 'replaced' : 'loaded', persons: r.persons, idProblems: problems });
            }
          }
        }
        const result = checkPeriod(handle, cfg, period);
        const summary = summaryJson(result);
        say(`比对完成：${summary.totals.findings} 条（新增 ${summary.totals.new}，持续 ${summary.totals.persisting}，已消除 ${summary.totals.resolved}，整改未见效 ${summary.totals.ineffective}）`);
        let report = null;
        if (flags.report !== false) {
          const { reportPeriod } = await import('../reporting.js');
          report = await reportPeriod(handle, cfg, { period, out: cfg.out, mask: cfg.maskIds });
          say(`核查表已写入 ${report.dir}（${report.files.filter((f) => f.type === 'township').length} 个乡镇）`);
        }
        if (g.json) out.json({ period, db: path.resolve(db), log: log.file, loads, check: summary, report });
        else if (!g.quiet) printSummary(result, out);
        say('每月任务完成');
        if (failOnReached(result.findings, failOn)) throw new BiduiError(`存在未核实的${failOn === 'any' ? '' : '“疑点”级别'}结果（--fail-on ${failOn}）`, EXIT.findings);
      } catch (e) {
        log.write(`失败：${(e as Error).message}`);
        throw e;
      } finally {
        handle.close();
        log.close();
        lock.release();
      }
    });
}
