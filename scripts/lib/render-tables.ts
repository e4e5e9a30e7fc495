// A Sheet as the other "xls" files web systems save: an HTML table (merged ranges as rowspan/colspan) and Excel 2003
// XML, SpreadsheetML (merged ranges as ss:MergeDown/ss:MergeAcross). Cells covered by a merge are not written, as
// those programs do.

import type { Cell, Sheet } from './write-workbooks.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Span {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}

function decodeRef(ref: string): { r: number; c: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + ch.charCodeAt(0) - 64;
  return { r: Number(m[2]) - 1, c: c - 1 };
}

/** Merges of a sheet: the span starting at each top-left cell, and every covered cell. */
function spans(sheet: Sheet): { at: Map<string, Span>; covered: Set<string> } {
  const at = new Map<string, Span>();
  const covered = new Set<string>();
  for (const m of sheet.merges) {
    const [a, b] = m.split(':') as [string, string];
    const s = decodeRef(a);
    const e = decodeRef(b);
    at.set(`${s.r},${s.c}`, { r0: s.r, c0: s.c, rows: e.r - s.r + 1, cols: e.c - s.c + 1 });
    for (let r = s.r; r <= e.r; r++) for (let c = s.c; c <= e.c; c++) if (r !== s.r || c !== s.c) covered.add(`${r},${c}`);
  }
  return { at, covered };
}

function text(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('date' in v) return v.date;
    if ('num' in v) return String(v.num);
    if ('formula' in v) return String(v.result);
    return v.raw;
  }
  return String(v);
}

/** An HTML page with one table (as old web systems export "Excel" files); IDs in text-formatted cells. */
export function htmlTable(sheet: Sheet, title: string): string {
  const { at, covered } = spans(sheet);
  const width = Math.max(...sheet.rows.map((r) => r.length));
  const rows = sheet.rows.map((cells, r) => {
    const tds: string[] = [];
    for (let c = 0; c < width; c++) {
      if (covered.has(`${r},${c}`)) continue;
      const sp = at.get(`${r},${c}`);
      const attrs = (sp && sp.rows > 1 ? ` rowspan="${sp.rows}"` : '') + (sp && sp.cols > 1 ? ` colspan="${sp.cols}"` : '');
      const style = sheet.textCols.has(c) ? ' style="vnd.ms-excel.numberformat:@"' : '';
      tds.push(`<td${attrs}${style}>${esc(text(cells[c]))}</td>`);
    }
    return `<tr>${tds.join('')}</tr>`;
  });
  return (
    '<html xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n' +
    `<title>${esc(title)}</title>\r\n</head>\r\n<body>\r\n<table border="1">\r\n${rows.join('\r\n')}\r\n</table>\r\n</body>\r\n</html>\r\n`
  );
}

/** An Excel 2003 XML workbook (SpreadsheetML) of the sheets, as older systems save ".xls". */
export function spreadsheetMl(sheets: readonly Sheet[]): string {
  const ws = sheets.map((sheet) => {
    const { at, covered } = spans(sheet);
    const rows = sheet.rows.map((cells, r) => {
      const out: string[] = [];
      let expect = 0; // the column the next written cell lands on without ss:Index
      cells.forEach((v, c) => {
        if (covered.has(`${r},${c}`)) return;
        const sp = at.get(`${r},${c}`);
        if ((v === null || v === undefined) && !sp) return;
        const attrs =
          (c !== expect ? ` ss:Index="${c + 1}"` : '') +
          (sp && sp.cols > 1 ? ` ss:MergeAcross="${sp.cols - 1}"` : '') +
          (sp && sp.rows > 1 ? ` ss:MergeDown="${sp.rows - 1}"` : '');
        expect = c + (sp ? sp.cols : 1);
        if (v === null || v === undefined) {
          out.push(`<Cell${attrs}/>`);
          return;
        }
        const type = typeof v === 'number' ? 'Number' : 'String';
        out.push(`<Cell${attrs}><Data ss:Type="${type}">${esc(text(v))}</Data></Cell>`);
      });
      return `<Row ss:Index="${r + 1}">${out.join('')}</Row>`;
    });
    return `<Worksheet ss:Name="${esc(sheet.name)}"><Table>${rows.join('\n')}</Table></Worksheet>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n' +
    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" ' +
    'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n' +
    `${ws.join('\n')}\n</Workbook>\n`
  );
}
