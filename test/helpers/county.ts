// Test county: writes real CSV rosters into a temp dir, loads them through the real loader into a real SQLite file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { checkPeriod, type CheckResult } from '../../src/jobs/check.js';
import { loadFiles } from '../../src/jobs/load.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import type { Kind } from '../../src/model/index.js';
import { idCheckChar } from '../../src/normalize/id-check.js';
import { openDb, type Db } from '../../src/store/db.js';

/** A valid 18-char ID: region 6 digits, birth YYYYMMDD, sequence (odd = male). */
export function makeId(birth: string, seq = 1, region = '410522'): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export type Row = Record<string, string | number>;

export class County {
  readonly dir: string;
  readonly db: Db;
  cfg: Config;
  private n = 0;

  constructor(rules: Config['rules'] = {}) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bidui-county-'));
    this.db = openDb(path.join(this.dir, 'test.db'));
    this.cfg = { ...loadConfig(undefined, this.dir), rules };
  }

  /** Writes rows (keys are the Chinese headers) as a UTF-8 CSV and loads it as one file of `kind` for `period`. */
  async load(kind: Kind, period: string | null, rows: Row[], fileName = `${kind}_${period ?? 'ref'}_${++this.n}.csv`, extra: { area?: '城市' | '农村'; label?: string; county?: string } = {}): Promise<void> {
    const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const file = path.join(this.dir, fileName);
    fs.writeFileSync(file, stringify(rows.map((r) => headers.map((h) => (r[h] === undefined ? '' : String(r[h])))), { header: true, columns: headers }));
    await loadFiles(this.db, { kind, period, files: [file], read: { map: [], ...extra } });
  }

  check(period: string, only?: string[]): Promise<CheckResult> {
    return checkPeriod(this.db, this.cfg, period, { only });
  }

  close(): void {
    this.db.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** (rule, id, lifecycle) tuples of the current findings of one rule, sorted: what rule tests assert. */
export function tuples(r: CheckResult, rule: string): [string, string | null, string][] {
  return r.findings
    .filter((f) => f.rule === rule && f.lifecycle !== '已消除')
    .map((f) => [f.rule, f.id_number, f.lifecycle] as [string, string | null, string])
    .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
}

export function ruleState(r: CheckResult, rule: string) {
  return r.check.outcomes.find((o) => o.code === rule);
}
