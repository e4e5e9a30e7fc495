// The bidui program: global flags, subcommands, and the single place where errors become exit codes. main(argv, io)
// runs one command and returns its exit code; bin.ts gives it the real process, tests their own streams.
import { Command, CommanderError } from 'commander';
import { BiduiError, EXIT } from '../errors.js';
import { registerCheck } from './commands/check.js';
import { registerFeedback } from './commands/feedback.js';
import { registerFindings } from './commands/findings.js';
import { registerInit } from './commands/init.js';
import { registerInspect } from './commands/inspect.js';
import { registerLoad } from './commands/load.js';
import { registerReport } from './commands/report.js';
import { registerRules } from './commands/rules.js';
import { registerRun } from './commands/run.js';
import { registerStatus } from './commands/status.js';
import { consoleNote } from './console.js';
import { processIo, type Io } from './io.js';
import type { GlobalOptions } from './output.js';

export function buildProgram(io: Io = processIo()): Command {
  const program = new Command();
  const quiet = { writeOut: (s: string) => io.out(s), writeErr: () => undefined };
  program
    .name('bidui')
    .description('台账比对：导入民政、乡村振兴、残联等名单，按身份证号交叉比对，生成乡镇核查表并收回核查结果')
    .option('--db <路径>', '数据库文件（默认取配置文件，否则 ./bidui.db）')
    .option('--config <路径>', '配置文件（默认 ./bidui.config.yaml）')
    .option('--json', '以 JSON 输出结果')
    .option('--quiet', '不显示进度和提示')
    .option('--no-color', '不使用颜色')
    .option('--verbose', '显示更多细节')
    .helpOption('-h, --help', '显示帮助')
    .addHelpCommand('help [命令]', '显示某个命令的帮助')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(quiet);
  for (const register of [registerInit, registerInspect, registerLoad, registerCheck, registerRules, registerFindings, registerRun, registerStatus, registerReport, registerFeedback]) {
    register(program, io);
  }
  for (const cmd of program.commands) cmd.helpOption('-h, --help', '显示帮助').exitOverride().configureOutput(quiet);
  program.hook('preAction', (_program, action) => {
    const note = io.console && !(action.optsWithGlobals() as GlobalOptions).quiet ? consoleNote(io.platform ?? process.platform, io.console) : null;
    if (note) io.err(note);
  });
  return program;
}

function commanderMessage(e: CommanderError): string {
  const m = e.message.replace(/^error: /, '');
  const arg = (re: RegExp) => re.exec(m)?.[1] ?? '';
  switch (e.code) {
    case 'commander.unknownOption': return `未知选项 ${arg(/'([^']+)'/)}`;
    case 'commander.unknownCommand': return `未知命令 ${arg(/'([^']+)'/)}`;
    case 'commander.missingArgument': return `缺少参数 ${arg(/'([^']+)'/)}`;
    case 'commander.optionMissingArgument': return `选项 ${arg(/'([^']+)'/)} 需要一个值`;
    case 'commander.missingMandatoryOptionValue': return `缺少必需的选项 ${arg(/'([^']+)'/)}`;
    case 'commander.excessArguments': return `参数过多：${m}`;
    default: return m;
  }
}

/** Runs one command line (argv as process.argv: node, script, args…) and returns the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (e) {
    return report(e, program, argv, io);
  }
}

/** The one place where an error becomes a message and an exit code. */
function report(e: unknown, program: Command, argv: string[], io: Io): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    const sub = program.commands.find((c) => argv.includes(c.name()));
    io.err(`错误：${commanderMessage(e)}\n用法：${sub ? `bidui ${sub.name()} ${sub.usage()}` : `bidui ${program.usage()}`}\n查看帮助：bidui ${sub ? sub.name() + ' ' : ''}--help\n`);
    return EXIT.user;
  }
  if (e instanceof BiduiError) {
    io.err(e.exitCode === EXIT.interrupted ? `\n${e.message}\n` : `错误：${e.message}\n`);
    for (const d of e.details) io.err(`  ${d}\n`);
    return e.exitCode;
  }
  if ((e as { code?: string } | null)?.code === 'SQLITE_BUSY') {
    // Not another bidui (they take the writer lock first): a program holding the database open for writing.
    io.err('错误：数据库正被另一个程序锁定（等待后仍未释放），本次没有作任何更改。如有 SQLite 工具或其他程序打开了该数据库，请关闭后重试\n');
    return EXIT.locked;
  }
  const err = e as Error;
  io.err(`内部错误（这是 bidui 的缺陷，请把以下信息报告给维护者）：${err?.message ?? String(e)}\n${err?.stack ?? ''}\n`);
  return EXIT.internal;
}
