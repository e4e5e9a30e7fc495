// `bidui load <kind> <file...> --period YYYY-MM`: reads rosters and stores them with provenance.
import type { Command } from 'commander';
import path from 'node:path';
import { isReferenceKind, KIND_NAMES } from '../../model/index.js';
import { CommandContext } from '../context.js';
import type { Io } from '../io.js';
import { collect, parseArea, parseKind, parsePeriodOption, parsePositiveInt, requirePeriod } from '../options.js';

interface LoadFlags {
  period?: string;
  sheet?: string;
  headerRow?: string;
  encoding?: string;
  area?: string;
  label?: string;
  county?: string;
  map?: string[];
}

export function registerLoad(program: Command, io: Io): void {
  program
    .command('load')
    .description('导入名单：按表头识别列，规范化身份证号等，连同来源（文件、工作表、行号）存入数据库')
    .argument('<kind>', '名单类型：dibao 低保 | tekun 特困 | fangpin 防返贫 | canji 残疾人 | liangbu 两项补贴 | death 死亡/火化 | ext 外部名单')
    .argument('<file...>', '一个或多个文件（.xlsx .xls .et .csv，也可以是扩展名为 .xls 的网页/文本文件）')
    .option('--period <YYYY-MM>', '比对月份（death、ext 可省略）')
    .option('--sheet <名称或序号>', '只读这个工作表（默认：自动找含名单的工作表，多个乡镇工作表一并导入）')
    .option('--header-row <行号>', '表头所在的 Excel 行号（两行表头时写下面那一行）')
    .option('--encoding <编码>', 'CSV 编码：utf-8、gb18030（兼容 gbk）等；默认自动识别')
    .option('--area <农村|城市>', '文件中没有城乡类别列时，整份名单的城乡类别')
    .option('--label <名称>', 'ext 名单的类别名称，例如 财政供养人员（默认取文件名）')
    .option('--county <名称>', '文件中没有县区列时，这些行所属的县（区）（默认取配置文件的 county；一个库汇集几个县时使用）')
    .option('--map <字段=表头>', '手工指定列，可重复，例如 --map id_number=证件号码', collect)
    .addHelpText('after', '\n示例：\n  bidui load dibao 城关镇低保.xlsx 城南镇低保.xls --period 2024-11\n  bidui load ext 财政供养人员.csv --label 财政供养人员\n  bidui load canji 残疾人.xlsx --period 2024-11 --map id_number=证件号')
    .action(async (kindArg: string, fileArgs: string[], flags: LoadFlags, cmd: Command) => {
      const c = new CommandContext(io, cmd);
      const files = c.files(fileArgs);
      const kind = parseKind(kindArg);
      const period = isReferenceKind(kind) ? parsePeriodOption(flags.period) : requirePeriod(flags.period);
      const read = {
        sheet: flags.sheet,
        headerRow: parsePositiveInt(flags.headerRow, '--header-row'),
        area: parseArea(flags.area),
        label: flags.label,
        map: flags.map ?? [],
      };
      await c.withDb(async (db, cfg) => {
        // The readers and the spinner only when a load runs (check and report start faster without them).
        const [{ loadFiles }, { formatReadReport }, { Progress }] = await Promise.all([import('../../jobs/load.js'), import('../load-report.js'), import('../progress.js')]);
        const progress = new Progress(c.out);
        const county = flags.county ?? cfg.county;
        const req = { kind, period, files: files.map((f) => f.file), encoding: flags.encoding, read: { ...read, county, limits: cfg.limits }, signal: c.io.signal };
        const outcomes = await loadFiles(db, req, (file, n) =>
          progress.update(`正在导入 ${path.basename(file)}：已读 ${n} 人`),
        );
        progress.done();
        if (c.g.json) {
          c.out.json(outcomes.map((o, i) => (o.outcome === 'loaded' ? { file: files[i]!.shown, outcome: o.outcome, replaced: o.replaced, report: o.report } : { ...o, file: files[i]!.shown })));
          return;
        }
        const where = `${KIND_NAMES[kind]}（${kind}）${period ? ` ${period}` : ''}`;
        for (const o of outcomes) {
          if (o.outcome === 'unchanged') {
            c.out.data(`${path.basename(o.file)}：内容与 ${o.loadedAt.slice(0, 19).replace('T', ' ')} 导入的相同，未作更改（${where}）`);
            continue;
          }
          c.out.data(`${o.replaced ? '已替换' : '已导入'} ${path.basename(o.file)} → ${where}`);
          c.out.data(formatReadReport(o.report, c.out, c.g.verbose));
        }
      }, `bidui load ${kind}${period ? ` --period ${period}` : ''}`);
    });
}
