// Large files are read in a worker thread while the main thread inserts. Whichever way a file is read, the stored
// rows, the load report and the errors must be the same.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFiles, type LoadRequest } from '../../src/jobs/load.js';
import { InputError } from '../../src/errors.js';
import type { Kind } from '../../src/model/index.js';
import { openDb, type Db } from '../../src/store/db.js';
import { fixture, tempDir } from '../helpers/cli.js';

const dir = tempDir('bidui-worker-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function load(kind: Kind, file: string, workerMinBytes: number): Promise<{ db: Db; outcome: Awaited<ReturnType<typeof loadFiles>> }> {
  const db = openDb(path.join(dir, `w${++n}.db`));
  const req: LoadRequest = { kind, period: '2024-11', files: [file], read: { map: [] }, workerMinBytes };
  return { db, outcome: await loadFiles(db, req) };
}

function storedRows(db: Db): unknown[] {
  return db.prepare(`SELECT * FROM roster_rows ORDER BY id`).all().map((r) => ({ ...(r as object), id: undefined, import_id: undefined }));
}

const CASES: [string, Kind, string][] = [
  ['hand-made .xls: title rows, merged header, household pairs', 'dibao', fixture('handmade-xls', '某县2024年11月农村低保花名册.xls')],
  ['GBK CSV', 'dibao', fixture('csv-gbk', '低保名单_gbk.csv')],
  ['one sheet per township', 'fangpin', fixture('township-sheets', '防返贫监测对象.xlsx')],
  ['several members in one cell', 'dibao', fixture('member-cell', '低保家庭.xlsx')],
  ['WPS .et', 'tekun', fixture('wps-et', ...fs.readdirSync(fixture('wps-et')).filter((f) => f.endsWith('.et')))],
  ['canji with a 填表说明 sheet', 'canji', fixture('canji-instructions-sheet', '残疾人名单.xlsx')],
];

describe('load through the reading worker', () => {
  it.each(CASES)('%s: the same rows and report as reading in-process', async (_label, kind, file) => {
    const inProcess = await load(kind, file, Number.POSITIVE_INFINITY);
    const worker = await load(kind, file, 0);
    const rows = storedRows(inProcess.db);
    expect(rows.length).toBeGreaterThan(0);
    expect(storedRows(worker.db)).toEqual(rows);
    expect(worker.outcome).toEqual(inProcess.outcome);
    inProcess.db.close();
    worker.db.close();
  });

  it('an input error inside the worker reaches the user unchanged, and nothing is stored', async () => {
    const file = fixture('broken', 'no-id-column.xlsx');
    const errorOf = async (workerMinBytes: number) => {
      const db = openDb(path.join(dir, `e${++n}.db`));
      try {
        await loadFiles(db, { kind: 'dibao', period: '2024-11', files: [file], read: { map: [] }, workerMinBytes });
        return null;
      } catch (e) {
        expect(db.prepare(`SELECT count(*) AS n FROM imports`).get()).toEqual({ n: 0 });
        return e;
      } finally {
        db.close();
      }
    };
    const inProcess = await errorOf(Number.POSITIVE_INFINITY);
    const viaWorker = await errorOf(0);
    expect(inProcess).toBeInstanceOf(InputError);
    expect(viaWorker).toBeInstanceOf(InputError);
    expect((viaWorker as InputError).message).toBe((inProcess as InputError).message);
    expect((viaWorker as InputError).message).toContain('找不到身份证号列');
    expect((viaWorker as InputError).details).toEqual((inProcess as InputError).details);
  });
});
