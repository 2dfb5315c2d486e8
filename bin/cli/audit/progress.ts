/**
 * A progress line on stderr while a long audit runs, only when stderr is a terminal: rewritten in place at most
 * ten times a second, starting only after the first quarter second (a quick audit never shows one), and erased
 * before anything else is printed.
 */
import type { CliStream } from '../io';

const FIRST_AFTER_MS = 250;
const EVERY_MS = 100;

export class Progress {
  private shown = false;
  private last: number;

  constructor(
    private readonly stream: CliStream,
    private readonly total: number,
    private readonly now: () => number,
  ) {
    this.last = now() + FIRST_AFTER_MS - EVERY_MS;
  }

  update(done: number, current: string): void {
    if (!this.stream.isTTY || done >= this.total) return;
    const t = this.now();
    if (t - this.last < EVERY_MS) return;
    this.last = t;
    const width = Math.max(40, (this.stream.columns ?? 80) - 1);
    let line = `token-guard: audited ${done}/${this.total}: ${current}`;
    if (line.length > width) line = `${line.slice(0, width - 1)}…`;
    this.stream.write(`\r\x1b[K${line.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
