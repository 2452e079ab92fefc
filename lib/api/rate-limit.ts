/**
 * Fixed one-minute windows per key. One process counts in memory; the workers of one portal
 * (scripts/serve-portal.mjs) count in their cluster primary's memory; with REDIS_URL every copy of
 * the portal counts in the same Redis keys, so a client cannot multiply its allowance by the
 * number of copies or workers.
 */
import { Redis } from 'ioredis';
import { log } from '../log.ts';
import { ANSWER, ASK, decide, shareOf, WINDOW_MS, WindowCounter, type RateDecision } from './rate-window.mjs';

export { WINDOW_MS, type RateDecision };

export interface RateLimiter {
  hit(key: string, limit: number, now?: number): Promise<RateDecision>;
  close?(): Promise<void>;
}

export class MemoryRateLimiter implements RateLimiter {
  private counter = new WindowCounter();

  async hit(key: string, limit: number, now = Date.now()): Promise<RateDecision> {
    return this.counter.hit(key, limit, now);
  }
}

/** How long a worker waits for its primary's count before counting on its own. */
const PRIMARY_TIMEOUT_MS = 1_000;

type Share = { windowStart: number; left: number; decision: RateDecision };
type Answer = { type?: string; id?: number; granted?: number; windowStart?: number; decision?: RateDecision };

/**
 * A worker of serve-portal.mjs: its primary holds the counters every worker shares, and hands
 * each worker a share of a key's window (shareOf) that the worker spends locally. The workers
 * together never grant more than the limit; a share one worker has not spent can make another
 * refuse a little early, which the shrinking shares near the limit keep to a few requests.
 */
export class ClusterRateLimiter implements RateLimiter {
  private fallback = new MemoryRateLimiter();
  private waiting = new Map<number, { resolve: (a: Answer | null) => void; timer: NodeJS.Timeout }>();
  private shares = new Map<string, Share>();
  private asking = new Map<string, Promise<void>>();
  private nextId = 1;

  constructor(private readonly channel: NodeJS.Process = process) {
    channel.on('message', (msg: Answer) => {
      if (msg?.type !== ANSWER || typeof msg.id !== 'number') return;
      const w = this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id);
      clearTimeout(w.timer);
      w.resolve(msg);
    });
  }

  async hit(key: string, limit: number, now = Date.now()): Promise<RateDecision> {
    // Each answer grants at least one request or refuses the window, so this ends.
    for (;;) {
      const start = now - (now % WINDOW_MS);
      const share = this.shares.get(key);
      if (share && share.windowStart === start && share.left > 0) {
        share.left--;
        const d = share.decision;
        return { allowed: true, limit, remaining: Math.min(limit, d.remaining + share.left), resetSeconds: Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)) };
      }
      if (share && share.windowStart === start && share.left === 0 && !share.decision.allowed)
        return { ...share.decision, resetSeconds: Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)) };
      // One request for a share per key at a time; the others wait for it and spend it.
      let pending = this.asking.get(key);
      if (!pending) {
        pending = this.ask(key, limit, now).finally(() => this.asking.delete(key));
        this.asking.set(key, pending);
      }
      const ok = await pending.then(() => true, () => false);
      if (!ok) return this.fallback.hit(key, limit, now);
    }
  }

  private async ask(key: string, limit: number, now: number): Promise<void> {
    if (!this.channel.send || !this.channel.connected) throw new Error('no cluster primary');
    const id = this.nextId++;
    const answer = await new Promise<Answer | null>((resolve) => {
      // A primary that does not answer must not stall the API: this worker counts alone meanwhile.
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, PRIMARY_TIMEOUT_MS);
      timer.unref();
      this.waiting.set(id, { resolve, timer });
      this.channel.send!({ type: ASK, id, key, limit, want: shareOf(limit), now });
    });
    if (!answer?.decision || typeof answer.granted !== 'number' || typeof answer.windowStart !== 'number') throw new Error('no answer from the cluster primary');
    if (this.shares.size > 10_000) this.shares.clear();
    // A refusal is remembered for the rest of the window: the primary would refuse again.
    this.shares.set(key, { windowStart: answer.windowStart, left: answer.granted, decision: answer.granted ? { ...answer.decision, allowed: true } : answer.decision });
  }
}

// INCR and the key's expiry in one step: a crash between two commands must not leave a counter
// that never expires.
const HIT_SCRIPT = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;

export class RedisRateLimiter implements RateLimiter {
  private redis: Redis & { sbHit?: (key: string, ttl: number) => Promise<number> };
  private fallback = new MemoryRateLimiter();
  private warnedAt = 0;

  constructor(url: string, private prefix = `${process.env.REDIS_KEY_PREFIX ?? 'switchboard:'}ratelimit:`) {
    // Fail fast while Redis is away: a request must not wait on a queue of reconnect attempts.
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2_000, lazyConnect: false });
    this.redis.on('error', () => {});
    this.redis.defineCommand('sbHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  }

  private firstConnection: Promise<void> | null = null;

  /**
   * The first requests after a start wait (once, at most a second, all on the same promise) for
   * the connection, so they count in Redis rather than locally; later ones never wait.
   */
  private connected(): Promise<void> {
    this.firstConnection ??= new Promise((resolve) => {
      if (this.redis.status === 'ready') return resolve();
      const timer = setTimeout(resolve, 1_000);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.firstConnection;
  }

  async hit(key: string, limit: number, now = Date.now()): Promise<RateDecision> {
    const start = now - (now % WINDOW_MS);
    try {
      await this.connected();
      const count = await this.redis.sbHit!(`${this.prefix}${key}:${start}`, WINDOW_MS + 5_000);
      return decide(count, limit, start, now);
    } catch (err) {
      // Counting locally keeps a limit in force (per copy) rather than none at all.
      if (now - this.warnedAt > 60_000) {
        this.warnedAt = now;
        log.warn('Redis unreachable for API rate limits; counting in this process until it is back', { err: (err as Error).message });
      }
      return this.fallback.hit(key, limit, now);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

const holder = globalThis as unknown as { switchboardRateLimiter?: RateLimiter };

export function rateLimiter(): RateLimiter {
  holder.switchboardRateLimiter ??= process.env.REDIS_URL
    ? new RedisRateLimiter(process.env.REDIS_URL)
    : process.env.SB_CLUSTER_RATE_LIMITS === '1' && process.send
      ? new ClusterRateLimiter()
      : new MemoryRateLimiter();
  return holder.switchboardRateLimiter;
}

/** Requests per minute: a token's own limit, else API_RATE_LIMIT_PER_MINUTE (600). */
export function tokenLimit(own: number | null): number {
  return own ?? positiveInt(process.env.API_RATE_LIMIT_PER_MINUTE, 600);
}

/** Requests per minute from one address without a valid token: guessing tokens stays slow. */
export const anonymousLimit = () => positiveInt(process.env.API_ANONYMOUS_RATE_LIMIT_PER_MINUTE, 60);

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  return {
    'RateLimit-Limit': String(d.limit),
    'RateLimit-Remaining': String(d.remaining),
    'RateLimit-Reset': String(d.resetSeconds),
    'RateLimit-Policy': `${d.limit};w=${WINDOW_MS / 1000}`,
  };
}
