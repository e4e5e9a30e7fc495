// `bidui report --period P --out DIR`: township workbooks, the county workbook, findings.csv and the dashboard page for a
// checked period.
import type { Command } from 'commander';
import path from 'node:path';
import type { ReportSummary } from '../../jobs/report.js';
import { CommandContext } from '../context.js';
import type { Io } from '../io.js';
import { requirePeriod } from '../options.js';
import type { Output } from '../output.js';
import { renderTable } from '../table.js';

const FILE_NAMES: Record<string, string> = { county: '县级汇总', csv: '疑点明细 CSV', html: '县级看板', pooled: '多县汇总' };

function print(s: ReportSummary, out: Output): void {
  const towns = s.files.filter((f) => f.type === 'township');
  const pooled = s.files.some((f) => f.county !== undefined);
  out.data(`已生成 ${s.period} 的核查表，输出目录：${s.dir}${s.masked ? '（身份证号已脱敏）' : ''}`);
  if (towns.length) {
    out.data(
      renderTable(
        [...(pooled ? ['县'] : []), '乡镇', '#待核查', '#整改未见效', '#已核实', '#身份证号异常', '文件'],
        towns.map((f) => [
          ...(pooled ? [f.county ?? ''] : []), f.township ?? '', f.rows, f.ineffective ?? 0, f.verified ?? 0, f.idProblems ?? 0,
          pooled ? path.relative(s.dir, f.file) : path.basename(f.file),
        ]),
      ),
    );
  } else {
    out.data('本月没有需要乡镇核查的疑点。');
  }
  for (const f of s.files.filter((x) => x.type !== 'township')) {
    out.data(`${f.county ? `${f.county} ` : ''}${pooled && !f.county && f.type === 'html' ? '多县汇总看板' : FILE_NAMES[f.type]}：${f.file}${f.type === 'html' ? '（双击用浏览器打开）' : `（${f.rows} 条）`}`);
  }
  if (s.dropped.length) {
    out.warn(`注意：以前为本月生成的这些文件本次没有再生成（这些乡镇本月已没有疑点），已从输出目录中移除：${s.dropped.join('、')}`);
  }
  out.info(`用时 ${(s.ms / 1000).toFixed(1)} 秒`);
}

export function registerReport(program: Command, io: Io): void {
  program
    .command('report')
    .description('生成乡镇疑点核查表、县级汇总、findings.csv 和县级看板网页（写入 <输出目录>/<月份>/）')
    .option('--period <YYYY-MM>', '比对月份（必填）')
    .option('--out <目录>', '输出目录（默认取配置文件的 out，否则 ./out）')
    .option('--mask-ids', '身份证号脱敏显示（如 410102********1234），用于发往县外的名单')
    .option('--county <名称>', '多个县合库时，只生成这个县的文件（<输出目录>/<月份>/<县>/）')
    .option('--township <名称>', '只生成这个乡镇的核查表（没有乡镇的疑点用 未知乡镇；多个县都有同名乡镇时同时给出 --county）')
    .option('--stale-ok', '比对之后名单又有变化时，仍按上次比对的结果生成（默认拒绝并提示重新比对）')
    .option('--no-html', '不生成县级看板.html（图表网页）')
    .addHelpText('after', '\n示例：\n  bidui report --period 2024-11\n  bidui report --period 2024-11 --out 核查表 --mask-ids\n  bidui report --period 2024-11 --township 城关镇\n  bidui report --period 2024-11 --county 甲县 --township 城关镇\n  bidui report --period 2024-11 --no-html')
    .action(async (flags: { period?: string; out?: string; maskIds?: boolean; county?: string; township?: string; staleOk?: boolean; html?: boolean }, cmd: Command) => {
      const c = new CommandContext(io, cmd);
      const period = requirePeriod(flags.period);
      await c.withDb(async (db, cfg) => {
        const { reportPeriod } = await import('../../jobs/report.js'); // loads the workbook writer only when needed
        const s = await reportPeriod(db, cfg, {
          period,
          out: flags.out !== undefined ? c.path(flags.out) : cfg.out,
          mask: Boolean(flags.maskIds) || cfg.maskIds,
          county: flags.county,
          township: flags.township,
          staleOk: Boolean(flags.staleOk),
          signal: c.io.signal,
          html: flags.html !== false,
        });
        if (c.g.json) c.out.json(s);
        else print(s, c.out);
      });
    });
}
