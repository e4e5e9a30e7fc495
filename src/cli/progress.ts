// A one-line progress indicator on stderr, only when stderr is an interactive terminal.
import ora, { type Ora } from 'ora';
import type { Output } from './output.js';

export class Progress {
  private spinner: Ora | null = null;
  private last = 0;

  constructor(private readonly out: Output) {}

  update(text: string): void {
    if (!this.out.interactive) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    if (!this.spinner) this.spinner = ora({ text, stream: process.stderr }).start();
    else this.spinner.text = text;
  }

  done(): void {
    this.spinner?.stop();
    this.spinner = null;
  }
}
