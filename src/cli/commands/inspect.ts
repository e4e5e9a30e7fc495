// `bidui inspect <file>`: the loader's detection as a dry run — format, encoding, sheets, header, columns, ID quality.
import type { Command } from 'commander';
import { guessKind } from '../../ingest/guess-kind.js';
import { openFile } from '../../ingest/open-file.js';
import { readRoster } from '../../ingest/read-roster.js';
import { KIND_NAMES } from '../../normalize/kinds.js';
import { globals } from '../context.js';
import { refDateFor } from '../loading.js';
import { formatReadReport } from '../load-report.js';
import { collect, parseArea, parseKind, parsePeriodOption, parsePositiveInt } from '../options.js';
import { Output } from '../output.js';

interface InspectFlags {
  kind?: string;
  period?: string;
  sheet?: string;
  headerRow?: string;
  encoding?: string;
  area?: string;
  map?: string[];
}

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('试读文件（不写数据库）：显示格式、编码、工作表、表头行、列映射和身份证号质量')
    .argument('<file>', '要检查的文件')
    .option('--kind <类型>', '按哪类名单识别列（默认根据表头猜测）')
    .option('--period <YYYY-MM>', '比对月份（用于判断出生日期是否晚于基准日；默认本月）')
    .option('--sheet <名称或序号>', '只看这个工作表')
    .option('--header-row <行号>', '表头所在的 Excel 行号')
    .option('--encoding <编码>', 'CSV 编码，默认自动识别')
    .option('--area <农村|城市>', '整份名单的城乡类别')
    .option('--map <字段=表头>', '手工指定列，可重复', collect)
    .addHelpText('after', '\n示例：\n  bidui inspect 某县2024年11月农村低保花名册.xls\n  bidui inspect 名单.csv --kind canji --encoding gb18030')
    .action(async (file: string, flags: InspectFlags, cmd: Command) => {
      const g = globals(cmd);
      const out = new Output(g);
      const period = parsePeriodOption(flags.period);
      let kind = flags.kind ? parseKind(flags.kind) : null;
      let reason = '由 --kind 指定';
      if (!kind) {
        const guessed = await guessKind(await openFile(file, { encoding: flags.encoding }));
        kind = guessed.kind;
        reason = guessed.reason;
      }
      const opened = await openFile(file, { encoding: flags.encoding });
      const report = await readRoster(
        opened,
        {
          kind,
          refDate: period ? refDateFor(kind, period) : new Date().toISOString().slice(0, 10),
          sheet: flags.sheet,
          headerRow: parsePositiveInt(flags.headerRow, '--header-row'),
          area: parseArea(flags.area),
          map: flags.map ?? [],
        },
        () => undefined, // a dry run: rows are counted in the report, nothing is stored
      );
      if (g.json) {
        out.json({ ...report, kindReason: reason });
        return;
      }
      out.data(`${opened.fileName}（试读，未写入数据库）`);
      out.data(`  名单类型：${KIND_NAMES[kind]}（${kind}），${reason}`);
      out.data(formatReadReport(report, out, g.verbose));
      out.data(`  可导入：bidui load ${kind} "${file}" --period YYYY-MM`);
    });
}
