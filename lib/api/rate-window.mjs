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

  /** @returns {RateDecision} */
  hit(/** @type {string} */ key, /** @type {number} */ limit, now = Date.now()) {
    const start = now - (now % WINDOW_MS);
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      // Keys of past windows are dropped as a new window begins, so the map holds one minute's clients.
      if (this.windows.size > 10_000) for (const [k, v] of this.windows) if (v.start !== start) this.windows.delete(k);
      w = { start, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return decide(w.count, limit, start, now);
  }
}

/** The message a cluster worker sends its primary, and the answer's tag. */
export const ASK = 'switchboard:rate-hit';
export const ANSWER = 'switchboard:rate-decision';

/**
 * In the cluster primary: one counter for every worker, so N workers grant what one process
 * would. Workers ask with { type: ASK, id, key, limit, now } and get { type: ANSWER, id, decision }.
 */
export function serveRateLimits(/** @type {import('node:cluster').Cluster} */ cluster) {
  const counter = new WindowCounter();
  cluster.on('message', (worker, msg) => {
    if (!msg || msg.type !== ASK || typeof msg.key !== 'string' || typeof msg.limit !== 'number') return;
    const decision = counter.hit(msg.key, msg.limit, typeof msg.now === 'number' ? msg.now : Date.now());
    if (worker.isConnected()) worker.send({ type: ANSWER, id: msg.id, decision });
  });
}
