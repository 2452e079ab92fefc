import type { ChangeFeed } from './change-listener.ts';

/**
 * A process cache kept honest by a ChangeFeed: each notification drops the entries the
 * caller's rule names, a possible gap in notifications drops them all, and a value read while
 * anything was dropped is not stored, since it may predate that change. The caller must not
 * consult it while the listener is not live.
 */
export class ListenedCache<V> {
  private entries = new Map<string, { value: V; until: number }>();
  private epoch = 0;

  constructor(
    changes: ChangeFeed,
    channel: string,
    /** For a notification, which entries it makes stale; null when it concerns none. */
    stale: (payload: string) => ((key: string, value: V) => boolean) | null,
    private readonly ttlMs = Number.POSITIVE_INFINITY,
    private readonly max = 10_000,
  ) {
    changes.on(channel, (payload) => {
      const which = stale(payload);
      if (which) this.drop(which);
    });
    changes.onReset(() => this.drop(() => true));
  }

  private drop(which: (key: string, value: V) => boolean) {
    this.epoch++;
    for (const [key, e] of this.entries) if (which(key, e.value)) this.entries.delete(key);
  }

  /** The cached value, or a fresh one from `read` (kept when `keep` gives a value to keep). */
  async get<R>(key: string, read: () => Promise<R>, keep: (result: R) => V | null, hit: (value: V) => R): Promise<R> {
    const found = this.entries.get(key);
    if (found && found.until > Date.now()) return hit(found.value);
    const epoch = this.epoch;
    const result = await read();
    const value = keep(result);
    if (value !== null && epoch === this.epoch) {
      if (this.entries.size >= this.max) this.entries.clear();
      this.entries.set(key, { value, until: Date.now() + this.ttlMs });
    }
    return result;
  }
}
