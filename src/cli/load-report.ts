// The Chinese load/inspect report a clerk reads after each file.
import { skippedTotal, type ReadReport, type SheetReport } from '../ingest/roster/read.js';
import { fieldLabel, ID_STATUS_NAMES, ID_STATUSES, idProblemCount, isJoinable } from '../model/index.js';
import type { Output } from './output.js';

/** Where a sheet's township came from, as a clause of the sheet's line ('' when from the 乡镇 column as usual). */
function townshipClause(s: SheetReport): string {
  const t = s.township;
  if (t === undefined) return s.townshipFromSheet ? `，乡镇取自工作表名「${s.townshipFromSheet}」` : '';
  if (t === null) return '，没有乡镇列，工作表名、标题和文件名中也没有乡镇名（这些人将列入“未知乡镇”）';
  if (t.source === 'column') return '';
  const where = t.source === 'title' ? `第 ${t.row} 行标题「${t.from}」` : t.source === 'sheet' ? `工作表名「${t.from}」` : `文件名「${t.from}」`;
  return `，没有乡镇列，乡镇「${t.name}」取自${where}`;
}

export function formatReadReport(r: ReadReport, out: Output, verbose = false): string {
  const c = out.c;
  const lines: string[] = [];
  const enc = r.file.encoding ? `，编码 ${r.file.encoding}（${r.file.encodingReason}）` : '';
  const hiddenSkipped = r.sheets.filter((s) => s.hidden && !s.used);
  lines.push(`  格式：${r.file.formatLabel}${enc}`);
  lines.push(`  SHA-256：${r.file.sha256}`);
  for (const s of r.sheets) {
    if (!s.used) {
      const line = `  工作表「${s.name}」：未使用（${s.reason}）`;
      lines.push(s.hidden && s.reason?.startsWith('隐藏') ? c.yellow(line) : c.gray(line));
      continue;
    }
    const hdr = s.headerRows!.length > 1 ? `第 ${s.headerRows!.join('–')} 行（两行合并表头）` : `第 ${s.headerRows![0]} 行`;
    const layout = s.layout === 'pairs' ? '，一户一行（多组姓名/身份证号，已拆分为每人一行）' : s.layout === 'cell' ? '，部分单元格含多名成员（已拆分）' : '';
    const hidden = s.hidden ? '（隐藏的工作表，按 --sheet 导入）' : '';
    lines.push(`  工作表「${s.name}」${hidden}：表头在${hdr}${layout}${townshipClause(s)}，数据 ${s.rowsRead} 行`);
    const mapped = s.mapped!.map((m) => (m.label === m.header ? m.label : `${m.label}←${m.header}`));
    lines.push(`    已识别列（${mapped.length}）：${mapped.join('，')}`);
    if (s.unmapped!.length) lines.push(c.gray(`    未识别列（${s.unmapped!.length}，原样保存为附加信息）：${s.unmapped!.map((u) => u.header).join('，')}`));
    if (s.township?.source === 'column' && s.townshipFilled) {
      lines.push(c.yellow(`    有 ${s.townshipFilled} 行的乡镇单元格是空的，已按${s.township.fallback ? `「${s.township.fallback}」` : '工作表名/标题/文件名'}填写`));
    }
    if (s.skipped && s.skipped.header > 0) {
      const remapped = (s.blocks ?? []).filter((b) => b.remapped);
      const blocks = remapped.length ? `；其中第 ${remapped.map((b) => b.headerRows.join('–')).join('、')} 行起列的位置变了，已按新表头重新识别` : '';
      lines.push(`    表中重复出现表头 ${s.skipped.header} 行（多段名单粘贴在一起），已跳过${blocks}`);
    }
    for (const b of (s.blocks ?? []).filter((x) => x.township?.source === 'title')) {
      lines.push(`    第 ${b.headerRows.join('–')} 行起的一段：乡镇「${b.township!.name}」取自这段的标题行`);
    }
    if (s.missingFields!.length) lines.push(c.yellow(`    缺少列：${s.missingFields!.map(fieldLabel).join('，')}（依赖这些列的比对规则将跳过；如表头不同请用 --map 指定）`));
  }
  const sk = r.skipped;
  const parts = [`空行 ${sk.blank}`, `小计/合计 ${sk.subtotal}`, `表尾 ${sk.footer}`];
  if (sk.header) parts.push(`重复表头 ${sk.header}`);
  if (sk.title) parts.push(`段落标题 ${sk.title}`);
  lines.push(`  读取 ${r.rowsRead} 行：导入 ${r.persons} 人，跳过 ${skippedTotal(sk)} 行（${parts.join('，')}），拒收 ${r.rejected} 行`);
  const ids = ID_STATUSES.filter((s) => r.idStatus[s] > 0).map((s) => {
    const t = `${ID_STATUS_NAMES[s]} ${r.idStatus[s]}`;
    return isJoinable(s) ? t : c.yellow(t);
  });
  lines.push(`  身份证号：${ids.join('，')}`);
  if (hiddenSkipped.length) {
    lines.push(c.yellow(`  隐藏的工作表 ${hiddenSkipped.map((s) => `「${s.name}」`).join('')} 没有导入（如确需导入请用 --sheet 指定）`));
  }
  const problems = idProblemCount(r.idStatus);
  if (problems > 0) lines.push(c.yellow(`  有 ${problems} 人的身份证号无法用于比对，将列入“身份证号异常”清单，请到源头更正`));
  const limit = verbose ? Infinity : 5;
  for (const n of r.rejectedRows.slice(0, limit)) lines.push(c.yellow(`  拒收：工作表「${n.sheet}」第 ${n.row} 行：${n.message}`));
  for (const n of r.warnings.slice(0, limit)) lines.push(c.yellow(`  注意：工作表「${n.sheet}」第 ${n.row} 行：${n.message}`));
  if (r.warningCount > Math.min(limit, r.warnings.length)) lines.push(c.gray(`  …另有 ${r.warningCount - Math.min(limit, r.warnings.length)} 条提示（加 --verbose 查看更多）`));
  return lines.join('\n');
}
