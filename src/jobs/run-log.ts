// The per-run log file of `bidui run`: every step with a timestamp, kept beside the outputs for the auditor.
import fs from 'node:fs';
import path from 'node:path';

export class RunLog {
  readonly file: string;
  private readonly fd: number;

  constructor(dir: string, period: string) {
    fs.mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
    this.file = path.join(dir, `run_${period}_${stamp}_${process.pid}.log`);
    this.fd = fs.openSync(this.file, 'a', 0o600);
  }

  write(text: string): void {
    const t = new Date().toISOString().slice(0, 19).replace('T', ' ');
    for (const line of text.split('\n')) fs.writeSync(this.fd, `${t} ${line}\n`);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
