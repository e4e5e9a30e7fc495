// The bookkeeping of one fixture generator run: invented persons (IDs from one factory, so they stay distinct across
// scenarios), scenario folders with their one-line README and expectations, and size-checked output files.

import fs from 'node:fs';
import path from 'node:path';
import { IdFactory, upgrade15, type Sex, type WantCheck } from './fixture-ids.js';

/** An invented person (id15: the 15-digit legacy number, when issued one). */
export interface Person {
  name: string;
  sex: Sex;
  birth: string;
  id: string;
  id15?: string;
}
export interface PersonOpts {
  region?: string;
  check?: WantCheck;
  legacy15?: boolean;
}
export interface Scenario {
  readme: string;
  files: Record<string, unknown>;
  planted?: unknown;
  /** Files of the folder written by another program (committed, not regenerated): name → how they were made. */
  external?: Record<string, string>;
}

/** One run of the generator: the ID factory every scenario draws from (so IDs stay distinct) and the output root. */
export class Fixtures {
  private readonly ids = new IdFactory();
  readonly scenarios = new Map<string, Scenario>(); // folder → { readme, files: { name: expectation } }

  constructor(readonly outRoot: string) {}

  /** An invented person. opts.check: 'X' | 'digit'; opts.region (default 410522); opts.legacy15: issue a 15-digit number. */
  P = (name: string, sex: Sex, birth: string, opts: PersonOpts = {}): Person => {
    const region = opts.region ?? '410522';
    if (opts.legacy15) {
      const id15 = this.ids.next15(region, birth.slice(2), sex, name);
      return { name, sex, birth, id15, id: upgrade15(id15) };
    }
    return { name, sex, birth, id: this.ids.next(region, birth, sex, name, opts.check) };
  };

  scenario = (folder: string, readme: string): Scenario => {
    const sc: Scenario = { readme, files: {} };
    this.scenarios.set(folder, sc);
    fs.mkdirSync(path.join(this.outRoot, folder), { recursive: true });
    return sc;
  };

  put = (folder: string, file: string, bytes: Buffer): Buffer => {
    const p = path.join(this.outRoot, folder, file);
    fs.writeFileSync(p, bytes);
    if (bytes.length > 50 * 1024) throw new Error(`${folder}/${file} is ${bytes.length} bytes (limit 50 KB)`);
    return bytes;
  };
}
