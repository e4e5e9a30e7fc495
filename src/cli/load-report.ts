// The Chinese load/inspect report a clerk reads after each file.
import type { ReadReport } from '../ingest/roster/read.js';
import { fieldLabel, ID_STATUS_NAMES, ID_STATUSES, idProblemCount, isJoinable } from '../model/index.js';
import type { Output } from './output.js';

export function formatReadReport(r: ReadReport, out: Output, verbose = false): string {
  const c = out.c;
  const lines: string[] = [];
  const enc = r.file.encoding ? `，编码 ${r.file.encoding}（${r.file.encodingReason}）` : '';
  lines.push(`  格式：${r.file.formatLabel}${enc}`);
  lines.push(`  SHA-256：${r.file.sha256}`);
  for (const s of r.sheets) {
    if (!s.used) {
      lines.push(c.gray(`  工作表「${s.name}」：未使用（${s.reason}）`));
      continue;
    }
    const hdr = s.headerRows!.length > 1 ? `第 ${s.headerRows!.join('–')} 行（两行合并表头）` : `第 ${s.headerRows![0]} 行`;
    const layout = s.layout === 'pairs' ? '，一户一行（多组姓名/身份证号，已拆分为每人一行）' : s.layout === 'cell' ? '，部分单元格含多名成员（已拆分）' : '';
    const town = s.townshipFromSheet ? `，乡镇取自工作表名「${s.townshipFromSheet}」` : '';
    lines.push(`  工作表「${s.name}」：表头在${hdr}${layout}${town}，数据 ${s.rowsRead} 行`);
    const mapped = s.mapped!.map((m) => (m.label === m.header ? m.label : `${m.label}←${m.header}`));
    lines.push(`    已识别列（${mapped.length}）：${mapped.join('，')}`);
    if (s.unmapped!.length) lines.push(c.gray(`    未识别列（${s.unmapped!.length}，原样保存为附加信息）：${s.unmapped!.map((u) => u.header).join('，')}`));
    if (s.missingFields!.length) lines.push(c.yellow(`    缺少列：${s.missingFields!.map(fieldLabel).join('，')}（依赖这些列的比对规则将跳过；如表头不同请用 --map 指定）`));
  }
  const sk = r.skipped;
  const skipped = sk.blank + sk.subtotal + sk.footer;
  lines.push(
    `  读取 ${r.rowsRead} 行：导入 ${r.persons} 人，跳过 ${skipped} 行（空行 ${sk.blank}，小计/合计 ${sk.subtotal}，表尾 ${sk.footer}），拒收 ${r.rejected} 行`,
  );
  const ids = ID_STATUSES.filter((s) => r.idStatus[s] > 0).map((s) => {
    const t = `${ID_STATUS_NAMES[s]} ${r.idStatus[s]}`;
    return isJoinable(s) ? t : c.yellow(t);
  });
  lines.push(`  身份证号：${ids.join('，')}`);
  const problems = idProblemCount(r.idStatus);
  if (problems > 0) lines.push(c.yellow(`  有 ${problems} 人的身份证号无法用于比对，将列入“身份证号异常”清单，请到源头更正`));
  const limit = verbose ? Infinity : 5;
  for (const n of r.rejectedRows.slice(0, limit)) lines.push(c.yellow(`  拒收：工作表「${n.sheet}」第 ${n.row} 行：${n.message}`));
  for (const n of r.warnings.slice(0, limit)) lines.push(c.yellow(`  注意：工作表「${n.sheet}」第 ${n.row} 行：${n.message}`));
  if (r.warningCount > Math.min(limit, r.warnings.length)) lines.push(c.gray(`  …另有 ${r.warningCount - Math.min(limit, r.warnings.length)} 条提示（加 --verbose 查看更多）`));
  return lines.join('\n');
}
