// `bidui feedback <file...>`: imports filled township workbooks and reports, per file and township, what was taken and refused.
import type { Command } from 'commander';
import { BiduiError, EXIT } from '../../errors.js';
import type { FeedbackSummary } from '../../jobs/feedback.js';
import { townshipName } from '../../model/index.js';
import { CommandContext } from '../context.js';
import type { Io } from '../io.js';
import type { Output } from '../output.js';
import { renderTable } from '../table.js';

function print(s: FeedbackSummary, out: Output, partial: boolean): void {
  for (const f of s.files) {
    const where = f.period ? `（${townshipName(f.township)}，${f.period}）` : '';
    if (f.error) {
      out.data(`✗ ${f.file}${where}：未导入。${f.error}`);
      continue;
    }
    const head = f.imported
      ? `✓ ${f.file}${where}：新登记 ${f.accepted} 条，未变化 ${f.unchanged} 条，拒收 ${f.refused} 行，未填写 ${f.blank} 条`
      : `✗ ${f.file}${where}：未导入。有 ${f.refused} 行被拒收（其余 ${f.pending} 条有效答复未登记）；请修正后重新导入，或加 --partial 只导入其余行`;
    out.data(head);
    for (const x of f.refusals) out.data(`    「${x.sheet}」第 ${x.row} 行${x.finding_id ? `（疑点编号 ${x.finding_id}）` : ''}：${x.reason}`);
    for (const n of f.notes) out.data(`    注：${n}`);
  }
  if (s.townships.length) {
    out.data('');
    out.data(
      renderTable(
        ['乡镇', '月份', '#新登记', '#拒收', '#未变化', '#未登记', '#未填写'],
        s.townships.map((t) => [t.township, t.period, t.accepted, t.refused, t.unchanged, t.pending, t.blank]),
      ),
    );
  }
  if (!partial && s.files.some((f) => !f.imported && !f.error)) out.info('提示：加 --partial 可以先导入有效行，被拒收的行修正后再导入。');
}

export function registerFeedback(program: Command, io: Io): void {
  program
    .command('feedback')
    .description('导入乡镇填写后报回的核查表：按疑点编号登记核查结果，拒收被改动或不属于本表的行并说明原因')
    .argument('<file...>', '一个或多个填好的核查表（.xlsx；WPS/LibreOffice 另存的也可以）')
    .option('--partial', '有行被拒收时，仍导入其余有效行（默认：整个文件都不导入）')
    .addHelpText('after', '\n示例：\n  bidui feedback 城关镇_疑点核查表.xlsx\n  bidui feedback 回收/*.xlsx --partial\n  bidui feedback 城关镇_疑点核查表.xlsx --json')
    .action(async (fileArgs: string[], flags: { partial?: boolean }, cmd: Command) => {
      const c = new CommandContext(io, cmd);
      const files = c.files(fileArgs);
      const { importFeedback } = await import('../../jobs/feedback.js'); // loads the workbook readers only when needed
      await c.withDb(async (db) => {
        const partial = Boolean(flags.partial);
        const s = await importFeedback(db, files.map((f) => f.file), { partial, signal: c.io.signal });
        // Files are named as the clerk gave them.
        s.files.forEach((f, i) => (f.file = files[i]!.shown));
        if (c.g.json) c.out.json(s);
        else print(s, c.out, partial);
        const bad = s.files.filter((f) => f.error || f.refused);
        if (bad.length) {
          const rows = s.files.reduce((n, f) => n + f.refused, 0);
          const skipped = s.files.filter((f) => !f.imported).length;
          throw new BiduiError(`${bad.length} 个文件有问题（其中 ${skipped} 个未导入），共 ${rows} 行被拒收；原因见上`, EXIT.user);
        }
      }, 'bidui feedback');
    });
}
