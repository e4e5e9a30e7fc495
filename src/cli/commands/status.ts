// `bidui status`: per period, what is loaded, whether it was checked, how many findings and answers.
import { ESTIMATE_LABEL } from '../../findings/money.js';
import type { Command } from 'commander';
import { countyName, KIND_NAMES, isKind, townshipName } from '../../model/index.js';
import { statusOf } from '../../jobs/status.js';
import { CommandContext } from '../context.js';
import type { Io } from '../io.js';
import { renderTable } from '../table.js';

export function registerStatus(program: Command, io: Io): void {
  program
    .command('status')
    .description('查看数据库现状：每个月份导入了哪些名单（文件、人数、身份证号问题）、是否已比对、疑点数和已收回的核查结果')
    .addHelpText('after', '\n示例：\n  bidui status\n  bidui --db /data/bidui/county.db status --json')
    .action(async (_flags: unknown, cmd: Command) => {
      const c = new CommandContext(io, cmd);
      await c.withDb((db, cfg) => {
        const status = statusOf(db);
        const dbFile = c.dbFile(cfg);
        if (c.g.json) {
          c.out.json({ db: dbFile, periods: status });
          return;
        }
        c.out.data(`数据库：${dbFile}`);
        if (status.length === 0) {
          c.out.data('还没有导入任何名单。先运行：bidui load <类型> <文件> --period YYYY-MM');
          return;
        }
        for (const p of status) {
          c.out.data(`\n${p.period ?? '参考名单（不分月份）'}`);
          if (p.imports.length) {
            c.out.data(
              renderTable(
                ['名单', '文件', '#人数', '#身份证号问题', '#拒收行', '导入时间'],
                p.imports.map((i) => [isKind(i.kind) ? KIND_NAMES[i.kind] : i.kind, i.file, i.rows, i.idProblems, i.rejected, i.loadedAt.slice(0, 19).replace('T', ' ')]),
              ),
            );
          }
          if (p.period === null) continue;
          if (!p.checked) c.out.data(`未比对（运行 bidui check --period ${p.period}）`);
          else {
            const f = p.findings!;
            c.out.data(
              `已比对于 ${p.checked.at.slice(0, 19).replace('T', ' ')}${p.checked.comparedWith ? `（对照 ${p.checked.comparedWith}）` : ''}：疑点 ${f.open} 条（新增 ${f.new}，持续 ${f.persisting}，已消除 ${f.resolved}，已核实 ${f.verified}，整改未见效 ${f.ineffective}）；已收回核查结果 ${p.answers} 条`,
            );
            if (f.estimate !== null) c.out.data(`涉及金额（${ESTIMATE_LABEL}）：${f.estimate.toFixed(2)} 元`);
            if (p.counties.length) {
              c.out.data(
                renderTable(
                  ['县', '#疑点', '#其中跨县', '涉及金额（估算）'],
                  p.counties.map((x) => [countyName(x.county), x.open, x.crossCounty, x.estimate === null ? '' : x.estimate.toFixed(2)]),
                ),
              );
            }
            if (p.links.length) {
              const total = p.links.reduce((n, l) => n + l.count, 0);
              c.out.data(
                `按疑似录错的身份证号关联了 ${total} 行（${p.links.map((l) => `${p.counties.length && l.county ? l.county : ''}${townshipName(l.township)} ${l.count}`).join('，')}），因关联才出现的疑点 ${f.viaLink} 条，请先核对这些人的身份`,
              );
            }
            if (p.changedSinceCheck.length) {
              c.out.warn(`比对之后名单有变化，以上结果已过时：${p.changedSinceCheck.join('；')}。请重新运行 bidui check --period ${p.period}`);
            }
            if (p.comparisonChanged) {
              c.out.warn(`以上结果已过时：${p.comparisonChanged}。请重新运行 bidui check --period ${p.period}`);
            }
          }
        }
      });
    });
}
