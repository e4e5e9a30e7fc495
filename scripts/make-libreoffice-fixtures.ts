// Saves fixtures/libreoffice-saved/source.xlsx with LibreOffice as .xlsx, .xls and .ods (a second program's writers, for
// the reader tests and the xlsx differential test). LibreOffice's output is not byte-for-byte reproducible (it stamps
// times), so the files are committed and this script is run by hand, not by test/fixtures/regenerate.test.ts:
//
//   npx tsx scripts/make-fixtures.ts                 # writes source.xlsx and the expectations
//   npx tsx scripts/make-libreoffice-fixtures.ts     # needs soffice (LibreOffice 7+) on PATH or at /usr/bin/soffice

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMain } from './lib/is-main.js';
import { LIBREOFFICE_OUTPUTS } from './lib/writer-fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FOLDER = path.join(ROOT, 'fixtures', 'libreoffice-saved');

function soffice(): string {
  for (const p of ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice']) if (fs.existsSync(p)) return p;
  return 'soffice';
}

export function makeLibreofficeFixtures(): string[] {
  const source = path.join(FOLDER, 'source.xlsx');
  if (!fs.existsSync(source)) throw new Error(`${source} is missing: run npx tsx scripts/make-fixtures.ts first`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bidui-lo-'));
  const written: string[] = [];
  try {
    // A profile of its own, so a LibreOffice already running elsewhere does not take the conversion over.
    const profile = pathToFileURL(path.join(tmp, 'profile')).href;
    for (const out of LIBREOFFICE_OUTPUTS) {
      const dir = path.join(tmp, out.format);
      fs.mkdirSync(dir);
      execFileSync(soffice(), [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', out.filter, '--outdir', dir, source], { stdio: 'pipe', timeout: 120_000 });
      const made = path.join(dir, `source.${out.format}`);
      if (!fs.existsSync(made)) throw new Error(`soffice did not write ${made}`);
      fs.copyFileSync(made, path.join(FOLDER, out.file));
      written.push(out.file);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return written;
}

if (isMain(import.meta.url)) {
  console.log(`LibreOffice fixtures written: ${makeLibreofficeFixtures().join(', ')}`);
}
