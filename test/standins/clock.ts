/**
 * A controllable clock shared by every model in one stand-in instance.
 *
 * Tokens, grace periods, secret versions and scheduled deletions all read time from here, so a test
 * can cross an expiry with `clock.advance(3600)` instead of waiting. Time never moves on its own.
 */
export class Clock {
  private ms: number;

  constructor(startMs: number = Date.UTC(2026, 0, 15, 12, 0, 0)) {
    this.ms = startMs;
  }

  /** Current stand-in time in epoch milliseconds. */
  now(): number {
    return this.ms;
  }

  /** Current stand-in time in whole epoch seconds (what JWT claims use). */
  nowSeconds(): number {
    return Math.floor(this.ms / 1000);
  }

  date(): Date {
    return new Date(this.ms);
  }

  /** Moves time forward; negative values are refused (time never goes back). */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`clock.advance needs a non-negative number of seconds, got ${seconds}`);
    }
    this.ms += Math.round(seconds * 1000);
  }

  /** Sets the time to an absolute instant; it may not go back. */
  set(to: Date | number): void {
    const ms = typeof to === 'number' ? to : to.getTime();
    if (ms < this.ms) {
      throw new RangeError('clock.set cannot move time backwards');
    }
    this.ms = ms;
  }
}
