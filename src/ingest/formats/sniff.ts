// Tells what an input file really is from its first bytes (magic numbers, text shape), never from its extension.

import { extname } from 'node:path';
import type { Delimiter, FileFormat } from './types.js';
import iconv from 'iconv-lite';
import { detectBom, isValidUtf8, type TextEncodingName } from './decode.js';

export interface SniffResult {
  format: FileFormat | 'unknown';
  /** Chinese label for messages and `inspect`, e.g. "Excel 97-2003 工作簿 (.xls, BIFF8)". */
  label: string;
  /** Delimited text: the separator. */
  delimiter?: Delimiter;
}

/** How many leading bytes the caller should read for sniffFormat. */
export const SNIFF_BYTES = 64 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, sig: number[]): boolean {
  if (buf.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (buf[i] !== sig[i]) return false;
  return true;
}

/** Non-spreadsheet files people drop into the input folder by mistake; named so the error says what it is. */
const OTHER_MAGIC: { sig: number[]; label: string }[] = [
  { sig: [0x25, 0x50, 0x44, 0x46, 0x2d], label: 'PDF 文档' },
  { sig: [0x89, 0x50, 0x4e, 0x47], label: 'PNG 图片' },
  { sig: [0xff, 0xd8, 0xff], label: 'JPEG 图片' },
  { sig: [0x47, 0x49, 0x46, 0x38], label: 'GIF 图片' },
  { sig: [0x52, 0x61, 0x72, 0x21], label: 'RAR 压缩包' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], label: '7z 压缩包' },
  { sig: [0x1f, 0x8b], label: 'gzip 压缩文件' },
  { sig: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], label: 'SQLite 数据库' },
];

function has(latin1: string, s: string): boolean {
  return latin1.includes(s);
}

/** What kind of zip package this is, judged from the entry names visible in the head (stored uncompressed). */
function sniffZip(head: Buffer): SniffResult {
  const s = head.toString('latin1');
  if (has(s, 'xl/workbook.xml') || has(s, 'xl/worksheets/') || has(s, 'xl/sharedStrings.xml') || has(s, 'xl/styles.xml')) {
    return { format: 'xlsx', label: 'Excel 2007+ 工作簿 (.xlsx)' };
  }
  if (has(s, 'xl/workbook.bin')) return { format: 'unknown', label: 'Excel 二进制工作簿 (.xlsb)' };
  if (has(s, 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) {
    return { format: 'ods', label: 'OpenDocument 表格 (.ods)' };
  }
  if (has(s, 'mimetypeapplication/vnd.oasis.opendocument')) return { format: 'unknown', label: 'OpenDocument 文档' };
  if (has(s, 'word/document.xml') || has(s, 'word/_rels/')) return { format: 'unknown', label: 'Word 文档 (.docx)' };
  if (has(s, 'ppt/presentation.xml') || has(s, 'ppt/slides/')) return { format: 'unknown', label: 'PowerPoint 演示文稿 (.pptx)' };
  // Unclear from the head (names further on, or not a package at all): the xlsx reader decides and says so.
  return { format: 'xlsx', label: 'Excel 2007+ 工作簿 (.xlsx)' };
}

/** Share of bytes that never occur in text files (C0 controls other than tab/CR/LF/FF/VT/ESC/SUB, and DEL). */
function binaryShare(buf: Uint8Array): number {
  if (buf.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 11 && b !== 27 && b !== 26) || b === 0x7f) bad++;
  }
  return bad / buf.length;
}

const DELIMITERS: readonly Delimiter[] = ['\t', ',', ';', '|'];
const NAMES: Record<Delimiter, string> = { '\t': '制表符', ',': '逗号', ';': '分号', '|': '竖线' };

/**
 * The separator of delimited text: for each candidate, how many of the first lines (outside double quotes) have the
 * count of it most lines have; the candidate most lines agree on wins, then the one with more fields. Title lines
 * above the header (no separators) do not disturb this, nor commas inside amounts of a semicolon file.
 */
function sniffDelimiter(text: string): Delimiter {
  const counts: number[][] = DELIMITERS.map(() => []);
  const per = DELIMITERS.map(() => 0);
  let quoted = false;
  const end = Math.min(text.length, 32 * 1024);
  let lines = 0;
  const close = (): void => {
    if (per.some((n) => n > 0)) {
      per.forEach((n, k) => counts[k]!.push(n));
      lines++;
    }
    per.fill(0);
  };
  for (let i = 0; i < end && lines < 30; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 10) close();
    else if (c === 9) per[0]!++;
    else if (c === 44) per[1]!++;
    else if (c === 59) per[2]!++;
    else if (c === 124) per[3]!++;
  }
  close();
  let best: Delimiter = ',';
  let bestScore = [0, 0];
  DELIMITERS.forEach((d, k) => {
    const seen = new Map<number, number>();
    for (const n of counts[k]!) if (n > 0) seen.set(n, (seen.get(n) ?? 0) + 1);
    let mode = 0;
    let agree = 0;
    for (const [n, times] of seen) if (times > agree || (times === agree && n > mode)) [mode, agree] = [n, times];
    const score = [agree, mode];
    if (score[0]! > bestScore[0]! || (score[0] === bestScore[0] && score[1]! > bestScore[1]!)) {
      best = d;
      bestScore = score;
    }
  });
  return best;
}

/** Label of text that is UTF-16 without a byte-order mark: only --encoding can say which byte order. */
export const UTF16_NO_BOM = '没有 BOM 的 UTF-16 文本';

/**
 * NUL bytes on one side of many byte pairs and (almost) none on the other: UTF-16 text, whose digits and separators
 * have a NUL high byte (a few CJK characters, such as 最 U+6700, have a NUL low byte).
 */
function looksUtf16(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 8) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) even++;
    if (buf[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  return (odd > pairs * 0.3 && even < pairs * 0.02) || (even > pairs * 0.3 && odd < pairs * 0.02);
}

/**
 * Sniffs the format from the first bytes (read SNIFF_BYTES of them). `fileName` only refines labels and tells
 * WPS .et from .xls (both OLE2/BIFF containers). `forced` (--encoding) decodes text without a BOM: UTF-16 has no
 * other way of being told.
 */
export function sniffFormat(head: Buffer, fileName: string, forced?: TextEncodingName): SniffResult {
  const ext = extname(fileName).toLowerCase();
  const spreadsheetExt = ext === '.xls' || ext === '.xlsx' || ext === '.et';
  const extNote = spreadsheetExt ? `（扩展名为 ${ext}）` : '';

  if (head.length === 0) return { format: 'unknown', label: '空文件' };
  if (startsWith(head, ZIP)) return sniffZip(head);
  if (startsWith(head, OLE2)) {
    if (ext === '.et') return { format: 'et', label: 'WPS 表格 (.et)' };
    return { format: 'xls', label: 'Excel 97-2003 工作簿 (.xls, BIFF8)' };
  }
  for (const m of OTHER_MAGIC) if (startsWith(head, m.sig)) return { format: 'unknown', label: m.label };

  // Text from here on. UTF-16 (Excel's "Unicode 文本") is full of NUL bytes, so decode it before judging.
  const bom = detectBom(head);
  const utf16 = bom && bom.encoding !== 'utf-8' ? bom.encoding : !bom && (forced === 'utf-16le' || forced === 'utf-16be') ? forced : null;
  let text: string;
  if (utf16) {
    const skip = bom ? bom.length : 0;
    const body = head.subarray(skip, skip + ((head.length - skip) & ~1));
    text = new TextDecoder(utf16).decode(body);
    if (text.includes('\u0000')) return { format: 'unknown', label: '二进制数据' };
  } else {
    const body = head.subarray(bom ? bom.length : 0, Math.min(head.length, 16 * 1024));
    if (body.includes(0) || binaryShare(body) > 0.05) {
      return { format: 'unknown', label: !bom && looksUtf16(body) ? UTF16_NO_BOM : '二进制数据' };
    }
    // Decoded as the reader will (a GBK character's second byte may be "|", which must not count as a separator).
    const bytes = head.subarray(bom ? bom.length : 0);
    text = isValidUtf8(bytes, false) ? bytes.toString('utf8') : iconv.decode(bytes, 'gb18030');
  }

  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) {
    const lower = text.slice(0, SNIFF_BYTES).toLowerCase();
    if (lower.includes('urn:schemas-microsoft-com:office:spreadsheet') && lower.includes('<workbook')) {
      return { format: 'html', label: `Excel 2003 XML 表格 (SpreadsheetML)${extNote}` };
    }
    if (lower.includes('<table') || lower.includes('<html')) {
      return { format: 'html', label: ext === '.xls' ? 'HTML 表格（扩展名为 .xls 的网页文件）' : `HTML 表格（网页文件）${extNote}` };
    }
    return { format: 'unknown', label: 'XML/网页文件（没有表格）' };
  }

  const delimiter = sniffDelimiter(text);
  if (delimiter === '\t') return { format: 'tsv', label: `制表符分隔文本${extNote}`, delimiter };
  if (delimiter === ',') return { format: 'csv', label: `CSV 文本${extNote}`, delimiter };
  return { format: 'csv', label: `${NAMES[delimiter]}分隔文本${extNote}`, delimiter };
}
