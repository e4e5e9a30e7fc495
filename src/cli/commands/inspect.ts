// `bidui inspect <file>`: the loader's detection as a dry run — format, encoding, sheets, header, columns, ID quality.
import type { Command } from 'commander';
import { KIND_NAMES } from '../../model/index.js';
import { CommandContext } from '../context.js';
import type { Io } from '../io.js';
import { collect, parseArea, parseKind, parsePeriodOption, parsePositiveInt } from '../options.js';

interface InspectFlags {
  kind?: string;
  period?: string;
  sheet?: string;
  headerRow?: string;
  encoding?: string;
  area?: string;
  map?: string[];
}

export function registerInspect(program: Command, io: Io): void {
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
      const c = new CommandContext(io, cmd);
      const [{ inspectFile }, { formatReadReport }] = await Promise.all([import('../../jobs/inspect.js'), import('../load-report.js')]); // the readers only when needed
      const r = await inspectFile({
        file: c.path(file),
        kind: flags.kind ? parseKind(flags.kind) : undefined,
        period: parsePeriodOption(flags.period),
        encoding: flags.encoding,
        read: {
          sheet: flags.sheet,
          headerRow: parsePositiveInt(flags.headerRow, '--header-row'),
          area: parseArea(flags.area),
          map: flags.map ?? [],
          limits: c.config().limits,
        },
      });
      if (c.g.json) {
        c.out.json({ ...r.report, kindReason: r.kindReason });
        return;
      }
      c.out.data(`${r.fileName}（试读，未写入数据库）`);
      c.out.data(`  名单类型：${KIND_NAMES[r.kind]}（${r.kind}），${r.kindReason}`);
      c.out.data(formatReadReport(r.report, c.out, c.g.verbose));
      c.out.data(`  可导入：bidui load ${r.kind} "${file}" --period YYYY-MM`);
    });
}
