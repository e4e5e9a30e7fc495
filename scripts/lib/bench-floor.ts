// The benchmark's floor: a roster file read with the parsing libraries alone (exceljs's streaming reader, csv-parse),
// none of bidui's own work. Run as a child process, `<this file> --raw-xlsx FILE` or `--raw-csv FILE --encoding E`,
// it prints {"rows":…,"cells":…} as JSON.
//
// Self-contained on purpose (no relative imports, libraries loaded lazily): scripts/bench.ts runs it as plain JavaScript
// transpiled into its temp folder, so a floor stage pays node's start-up like every bidui stage, and not tsx's loader
// (≈0.4 s and ≈30 MB more per child, which would flatter the load ÷ raw ratios).

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function rawXlsx(file: string): Promise<{ rows: number; cells: number; sheets: number }> {
  const { default: ExcelJS } = await import('exceljs');
  // The floor issue 6 names: exceljs's streaming reader, with the options a roster reader needs (shared strings and
  // styles for dates, no hyperlinks). bidui itself reads .xlsx with its own streaming reader (src/ingest/read-xlsx.ts).
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file, { highWaterMark: 1 << 20 }), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
  });
  let rows = 0;
  let cells = 0;
  let sheets = 0;
  for await (const ws of reader) {
    sheets++;
    for await (const row of ws) {
      rows++;
      cells += row.cellCount;
    }
  }
  return { rows, cells, sheets };
}

export async function rawCsv(file: string, encoding: string): Promise<{ rows: number; cells: number }> {
  const { parse } = await import('csv-parse');
  let input: NodeJS.ReadableStream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  if (encoding && encoding !== 'utf-8') {
    const { default: iconv } = await import('iconv-lite');
    input = input.pipe(iconv.decodeStream(encoding));
  }
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true }));
  let rows = 0;
  let cells = 0;
  for await (const rec of parser as AsyncIterable<string[]>) {
    rows++;
    cells += rec.length;
  }
  return { rows, cells };
}

/** Runs the floor command in argv (--raw-xlsx FILE | --raw-csv FILE --encoding E); false when argv is no floor command. */
export async function floorCommand(argv: string[]): Promise<boolean> {
  if (argv[0] === '--raw-xlsx' && argv[1]) {
    console.log(JSON.stringify(await rawXlsx(argv[1])));
    return true;
  }
  if (argv[0] === '--raw-csv' && argv[1]) {
    console.log(JSON.stringify(await rawCsv(argv[1], argv[3] ?? 'utf-8')));
    return true;
  }
  return false;
}

const entry = process.argv[1];
if (entry && fs.realpathSync(entry) === fs.realpathSync(fileURLToPath(import.meta.url))) {
  if (!(await floorCommand(process.argv.slice(2)))) {
    process.stderr.write('usage: bench-floor --raw-xlsx FILE | --raw-csv FILE --encoding E\n');
    process.exitCode = 2;
  }
}
