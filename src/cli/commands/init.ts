// `bidui init [dir]`: writes a commented Chinese bidui.config.yaml (never overwrites one) and shows how to schedule the
// monthly job for that folder (crontab and Windows Task Scheduler).
import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG_FILE } from '../../config/config.js';
import { configTemplate } from '../../config/template.js';
import { BiduiError } from '../../errors.js';
import { RULES } from '../../rules/registry.js';
import { CommandContext } from '../context.js';
import type { Io } from '../io.js';
import { scheduleFor } from '../schedule.js';

export function registerInit(program: Command, io: Io): void {
  program
    .command('init')
    .description('在目录中生成带中文说明的配置文件 bidui.config.yaml（县名、数据库、输出目录、规则参数、每月名单路径）')
    .argument('[dir]', '目标目录', '.')
    .option('--county <名称>', '县（区）名称', '某县')
    .option('--force', '覆盖已有的配置文件')
    .addHelpText('after', '\n示例：\n  bidui init /data/bidui --county 示例县\n  bidui init D:\\民政\\bidui --county 示例县\n  cd /data/bidui && bidui run --period 2024-11')
    .action((dir: string, flags: { county: string; force?: boolean }, cmd: Command) => {
      const c = new CommandContext(io, cmd);
      const target = c.path(dir);
      fs.mkdirSync(target, { recursive: true });
      const file = path.join(target, DEFAULT_CONFIG_FILE);
      const shown = path.join(dir, DEFAULT_CONFIG_FILE);
      if (fs.existsSync(file) && !flags.force) throw new BiduiError(`${shown} 已存在，未覆盖。如需重新生成请加 --force`);
      fs.writeFileSync(file, configTemplate(RULES, flags.county), { mode: 0o600 });
      const s = scheduleFor(target, path.join(target, 'out')); // the template's out
      if (c.g.json) {
        c.out.json({ config: file, ...s });
        return;
      }
      c.out.data(`已生成 ${shown}`);
      c.out.data('下一步：按实际情况修改其中的 inputs（每月名单的位置），然后运行 bidui run --period YYYY-MM');
      c.out.data(
        [
          '',
          '定时任务：每月 5 日 02:00 比对上个月（先用 npm install -g 安装 bidui 命令，见 README）',
          '  Linux/macOS，用 crontab -e 加入一行：',
          `    ${s.cron}`,
          '  Windows，在“命令提示符”（cmd，不是 PowerShell）中运行一次：',
          `    ${s.schtasks}`,
          `  每次运行的完整日志在 ${s.logs}；cron.log / run.log（在本目录）只记录出错信息。`,
          '  Windows 上计划时间电脑须开机：可在“任务计划程序”中把该任务设为“错过计划时间后尽快启动”。',
        ].join('\n'),
      );
    });
}
