// Main-module guard for the scripts: true when the module at `metaUrl` is the one node (or tsx) was asked to run,
// false when a test or another script imports it.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function isMain(metaUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(entry) === real(fileURLToPath(metaUrl));
}
