/**
 * Fixed one-minute windows per key, counted in memory. Plain JavaScript so that the portal's
 * cluster primary (scripts/serve-portal.mjs, run by node without a TypeScript loader) counts with
 * the same code as a single process does.
 */

export const WINDOW_MS = 60_000;

/**
 * @typedef {{ allowed: boolean; limit: number; remaining: number; resetSeconds: number }} RateDecision
 */

/** @returns {RateDecision} */
export const decide = (/** @type {number} */ count, /** @type {number} */ limit, /** @type {number} */ windowStart, /** @type {number} */ now) => ({
  allowed: count <= limit,
  limit,
  remaining: Math.max(0, limit - count),
  resetSeconds: Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000)),
});

export class WindowCounter {
  /** @type {Map<string, { start: number; count: number }>} */
  windows = new Map();

  /** The key's tally in the window `now` falls in, begun afresh when a new window starts. */
  window(/** @type {string} */ key, /** @type {number} */ now) {
    const start = now - (now % WINDOW_MS);
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      // Keys of past windows are dropped as a new window begins, so the map holds one minute's clients.
      if (this.windows.size > 10_000) for (const [k, v] of this.windows) if (v.start !== start) this.windows.delete(k);
      w = { start, count: 0 };
      this.windows.set(key, w);
    }
    return w;
  }

  /** @returns {RateDecision} */
  hit(/** @type {string} */ key, /** @type {number} */ limit, now = Date.now()) {
    const w = this.window(key, now);
    w.count++;
    return decide(w.count, limit, w.start, now);
  }

  /**
   * Up to `want` requests of `key`'s window at once, fewer as the limit nears (a quarter of what
   * is left, at least one), none once it is reached: a worker counts what it was granted itself.
   * @returns {{ granted: number; windowStart: number; decision: RateDecision }}
   */
  take(/** @type {string} */ key, /** @type {number} */ limit, /** @type {number} */ want, now = Date.now()) {
    const w = this.window(key, now);
    const left = Math.max(0, limit - w.count);
    const granted = Math.min(left, Math.max(1, Math.min(want, Math.floor(left / 4))));
    // A refused request counts too, as in hit(): the window's tally is what was asked.
    w.count += Math.max(granted, 1);
    return { granted, windowStart: w.start, decision: decide(w.count, limit, w.start, now) };
  }
}

/** The message a cluster worker sends its primary, and the answer's tag. */
export const ASK = 'switchboard:rate-hit';
export const ANSWER = 'switchboard:rate-decision';

/**
 * In the cluster primary: one counter for every worker, so N workers grant what one process
 * would. A worker asks for a share of a key's window, { type: ASK, id, key, limit, want, now },
 * and spends it without asking again: a message per request would cost more than the request's
 * own work. It gets { type: ANSWER, id, granted, windowStart, decision }.
 */
export function serveRateLimits(/** @type {import('node:cluster').Cluster} */ cluster) {
  const counter = new WindowCounter();
  cluster.on('message', (worker, msg) => {
    if (!msg || msg.type !== ASK || typeof msg.key !== 'string' || typeof msg.limit !== 'number') return;
    const want = typeof msg.want === 'number' && msg.want >= 1 ? Math.floor(msg.want) : 1;
    const taken = counter.take(msg.key, msg.limit, want, typeof msg.now === 'number' ? msg.now : Date.now());
    if (worker.isConnected()) worker.send({ type: ANSWER, id: msg.id, ...taken });
  });
}

/** How much of a window a worker asks for at once: a fiftieth of the limit (1 for small limits). */
export const shareOf = (/** @type {number} */ limit) => Math.max(1, Math.floor(limit / 50));
