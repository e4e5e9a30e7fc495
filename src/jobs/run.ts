// The monthly job (bidui run, for cron): every configured input for the period is found before anything is touched,
// then one lock, one log: load all → check → report.
import path from 'node:path';
import type { Config } from '../config/config.js';
import { expandInput } from '../config/inputs.js';
import { BiduiError } from '../errors.js';
import { findingTotals, idProblemCount, isReferenceKind, KIND_NAMES, type Kind } from '../model/index.js';
import { openDb } from '../store/db.js';
import { acquireWriterLock, staleNote } from '../store/lock.js';
import { checkPeriod, type CheckResult } from './check.js';
import { loadFiles } from './load.js';
import type { ReportSummary } from './report.js';
import { RunLog } from './run-log.js';

export interface RunOptions {
  cfg: Config;
  dbFile: string;
  period: string;
  /** false: load and check only (--no-report). */
  report: boolean;
  /** Each step, as it is logged. */
  say: (line: string) => void;
  onProgress?: (file: string, persons: number) => void;
  signal?: AbortSignal;
}

export interface LoadLine {
  kind: Kind;
  file: string;
  outcome: 'loaded' | 'replaced' | 'unchanged';
  persons?: number;
  idProblems?: number;
}

export interface RunResult {
  period: string;
  db: string;
  log: string;
  loads: LoadLine[];
  check: CheckResult;
  report: ReportSummary | null;
}

export async function runMonth(opts: RunOptions): Promise<RunResult> {
  const { cfg, period } = opts;
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
  const dbFile = path.resolve(opts.dbFile);
  const lock = acquireWriterLock(dbFile, `bidui run --period ${period}`);
  const log = new RunLog(path.join(cfg.out, 'logs'), period);
  const say = (s: string) => {
    log.write(s);
    opts.say(s);
  };
  let db: ReturnType<typeof openDb> | undefined;
  try {
    if (lock.staleCleared) say(staleNote(lock.staleCleared));
    say(`开始 ${period} 的每月任务，数据库 ${dbFile}，日志 ${log.file}`);
    db = openDb(dbFile);
    const loads: LoadLine[] = [];
    for (const p of plan) {
      const kindName = KIND_NAMES[p.spec.kind];
      if (p.files.length === 0) {
        say(`跳过 ${kindName}：没有匹配 ${p.pattern} 的文件（optional）`);
        continue;
      }
      const outcomes = await loadFiles(
        db,
        {
          kind: p.spec.kind,
          period: isReferenceKind(p.spec.kind) ? null : period,
          files: p.files,
          encoding: p.spec.encoding,
          read: {
            sheet: p.spec.sheet,
            headerRow: p.spec.header_row,
            area: p.spec.area,
            label: p.spec.label,
            county: p.spec.county ?? cfg.county,
            map: Object.entries(p.spec.map ?? {}).map(([k, v]) => `${k}=${v}`),
            limits: cfg.limits,
          },
          signal: opts.signal,
        },
        opts.onProgress,
      );
      for (const o of outcomes) {
        if (o.outcome === 'unchanged') {
          say(`${kindName}：${path.basename(o.file)} 与已导入的内容相同，未作更改`);
          loads.push({ kind: p.spec.kind, file: o.file, outcome: 'unchanged' });
        } else {
          const r = o.report;
          const problems = idProblemCount(r.idStatus);
          say(`${kindName}：${o.replaced ? '已替换' : '已导入'} ${path.basename(o.file)}，${r.persons} 人，身份证号问题 ${problems}，拒收 ${r.rejected} 行`);
          loads.push({ kind: p.spec.kind, file: o.file, outcome: o.replaced ? 'replaced' : 'loaded', persons: r.persons, idProblems: problems });
        }
      }
    }
    const check = await checkPeriod(db, cfg, period, { signal: opts.signal });
    const t = findingTotals(check.findings);
    say(`比对完成：${t.findings} 条（新增 ${t.new}，持续 ${t.persisting}，已消除 ${t.resolved}，整改未见效 ${t.ineffective}）`);
    let report: ReportSummary | null = null;
    if (opts.report) {
      const { reportPeriod } = await import('./report.js'); // the workbook writer only when needed
      report = await reportPeriod(db, cfg, { period, out: cfg.out, mask: cfg.maskIds });
      // Several counties: the page across them (汇总看板.html), not the first county's.
      const page = report.files.find((f) => f.type === 'html' && !f.county) ?? report.files.find((f) => f.type === 'html');
      const pageLabel = page?.county === undefined && report.files.some((f) => f.county) ? '汇总看板' : '县级看板';
      say(`核查表已写入 ${report.dir}（${report.files.filter((f) => f.type === 'township').length} 个乡镇）${page ? `，${pageLabel}：${path.relative(report.dir, page.file)}` : ''}`);
    }
    say('每月任务完成');
    return { period, db: dbFile, log: log.file, loads, check, report };
  } catch (e) {
    log.write(`失败：${(e as Error).message}`);
    throw e;
  } finally {
    db?.close();
    log.close();
    lock.release();
  }
}
