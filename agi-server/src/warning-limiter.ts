import type { Log } from './server.ts';

/**
 * Warnings a peer can cause (a refused connection, a broken session, a refused request) arrive in
 * floods when someone floods the port, and a log that grows by a line per attempt becomes the
 * attack. The first warning of each kind is logged in full; the rest are counted and the count is
 * logged once per interval, after which the next one is logged in full again. Kinds are a fixed
 * set of codes (never peer data), so the counters stay few.
 */
export class WarningLimiter {
  private readonly counts = new Map<string, { msg: string; more: number }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly log: Log,
    private readonly intervalMs = 10_000,
  ) {}

  warn(kind: string, msg: string, fields: Record<string, unknown> = {}): void {
    const seen = this.counts.get(kind);
    if (seen) {
      seen.more++;
      return;
    }
    this.counts.set(kind, { msg, more: 0 });
    this.log('warn', msg, { ...fields, kind });
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** Logs the counts held back so far and starts a new interval. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const [kind, { msg, more }] of this.counts)
      if (more) this.log('warn', msg, { kind, repeated: more, withinMs: this.intervalMs });
    this.counts.clear();
  }
}
