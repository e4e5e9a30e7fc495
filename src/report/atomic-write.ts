// Writing output files atomically: a temp file in the same directory, flushed, then renamed over the final name,
// so a crash or a full disk never leaves a half-written workbook under the name a clerk will open.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Files are created 0600 like the database: they hold personal data. */
export function atomicWrite(file: string, data: Buffer | string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o600);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  syncDir(dir);
}

/** Makes the rename itself durable where the platform allows (not on Windows: directories cannot be opened). */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
