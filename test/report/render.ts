// Renders a workbook file to stable JSON for golden tests: sheets (name, visibility), frozen panes, filter, protection,
// merges, column widths, data validations, and every cell as "type[|format][|unlocked]:value".
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

const TYPES: Record<number, string> = { 0: 'null', 2: 'n', 3: 's', 4: 'd', 5: 'link', 6: 'FORMULA', 7: 's', 8: 'rich', 9: 'b', 10: 'err' };

function cellText(cell: ExcelJS.Cell, volatile: RegExp | undefined): string {
  const t = TYPES[cell.type] ?? String(cell.type);
  const parts = [t];
  const fmt = cell.numFmt;
  if (fmt && fmt !== 'General') parts.push(fmt);
  if (cell.protection && cell.protection.locked === false) parts.push('unlocked');
  let v: string;
  if (cell.value === null || cell.value === undefined) v = '';
  else if (cell.value instanceof Date) v = cell.value.toISOString();
  else if (typeof cell.value === 'object') v = JSON.stringify(cell.value);
  else v = String(cell.value);
  if (volatile && volatile.test(v)) v = '<volatile>';
  return `${parts.join('|')}:${v}`;
}

function validations(ws: ExcelJS.Worksheet): unknown[] {
  const model = (ws as unknown as { dataValidations: { model: Record<string, Record<string, unknown>> } }).dataValidations.model;
  // The reader expands ranges to one entry per cell, sharing one object: group them back.
  const groups = new Map<Record<string, unknown>, string[]>();
  for (const [addr, v] of Object.entries(model)) {
    if (!v) continue;
    const list = groups.get(v) ?? [];
    list.push(addr);
    groups.set(v, list);
  }
  return [...groups].map(([v, addrs]) => {
    const cells = addrs.map((a) => ws.getCell(a));
    const rows = cells.map((c) => Number(c.row));
    const cols = cells.map((c) => Number(c.col));
    const range = `${ws.getCell(Math.min(...rows), Math.min(...cols)).address}:${ws.getCell(Math.max(...rows), Math.max(...cols)).address}`;
    const formulae = ((v.formulae as unknown[]) ?? []).map((f) => (f instanceof Date ? f.toISOString().slice(0, 10) : f));
    return { range, type: v.type, formulae, allowBlank: v.allowBlank ?? false, showErrorMessage: v.showErrorMessage ?? false };
  });
}

export async function renderWorkbook(file: string, opts: { volatile?: RegExp } = {}): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return {
    sheets: wb.worksheets.map((ws) => {
      const p = (ws as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection;
      const protection = p?.sheet
        ? Object.fromEntries(
            Object.entries({ ...p, password: Boolean(p.hashValue) })
              .filter(([k, v]) => v !== undefined && !['hashValue', 'saltValue', 'algorithmName', 'spinCount'].includes(k))
              .sort(([a], [b]) => a.localeCompare(b)),
          )
        : null;
      const rows: string[][] = [];
      ws.eachRow({ includeEmpty: false }, (row, n) => {
        const cells: string[] = [`row ${n}${row.height ? ` h=${row.height}` : ''}`];
        row.eachCell({ includeEmpty: true }, (cell) => {
          if (cell.type === 1) return; // merged slave
          cells.push(`${cell.address} ${cellText(cell, opts.volatile)}`);
        });
        rows.push(cells);
      });
      const views = (ws.views ?? []).map((v) => ({ state: v.state, xSplit: (v as { xSplit?: number }).xSplit ?? 0, ySplit: (v as { ySplit?: number }).ySplit ?? 0 }));
      return {
        name: ws.name,
        state: ws.state,
        views,
        autoFilter: ws.autoFilter ?? null,
        protection,
        merges: (ws.model as { merges?: string[] }).merges ?? [],
        widths: (ws.columns ?? []).map((c) => c.width ?? null),
        validations: validations(ws),
        rows,
      };
    }),
  };
}

/** Compares with the reviewed golden file; `UPDATE_GOLDEN=1` rewrites it (review the diff before committing). */
export function expectGolden(actual: unknown, goldenFile: string): void {
  const json = JSON.stringify(actual, null, 1) + '\n';
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(goldenFile)) {
    fs.mkdirSync(path.dirname(goldenFile), { recursive: true });
    fs.writeFileSync(goldenFile, json);
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden file was missing and has been written: ${goldenFile}; review it and re-run`);
  }
  expect(JSON.parse(json)).toEqual(JSON.parse(fs.readFileSync(goldenFile, 'utf8')));
}
