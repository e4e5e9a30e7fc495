// Writing output files atomically: a temp file in the same directory, flushed, then renamed over the final name,
// so a crash or a full disk never leaves a half-written workbook under the name a clerk will open.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

function tempName(file: string): string {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
}

/** Files are created 0600 like the database: they hold personal data. */
export function atomicWrite(file: string, data: Buffer | string): void {
  const dir = path.dirname(file);
  const tmp = tempName(file);
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

/**
 * Like atomicWrite, for a file produced as a stream: `produce` writes into the stream it is given and ends it. Returns
 * the SHA-256 of what was written and what `produce` returned.
 */
export async function atomicWriteStream<T>(file: string, produce: (out: Writable) => Promise<T>): Promise<{ sha256: string; result: T }> {
  const dir = path.dirname(file);
  const tmp = tempName(file);
  const hash = crypto.createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const written = pipeline(tap, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
  let result: T;
  try {
    result = await produce(tap);
    await written;
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    tap.destroy();
    await written.catch(() => undefined);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  syncDir(dir);
  return { sha256: hash.digest('hex'), result };
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
