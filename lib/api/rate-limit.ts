/**
 * Fixed one-minute windows per key. One process counts in memory; with REDIS_URL every copy of
 * the portal counts in the same Redis keys, so a client cannot multiply its allowance by the
 * number of copies behind a load balancer.
 */
import { Redis } from 'ioredis';
import { log } from '../log.ts';

export type RateDecision = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

export interface RateLimiter {
  hit(key: string, limit: number, now?: number): Promise<RateDecision>;
  close?(): Promise<void>;
}

export const WINDOW_MS = 60_000;

const decide = (count: number, limit: number, windowStart: number, now: number): RateDecision => ({
  allowed: count <= limit,
  limit,
  remaining: Math.max(0, limit - count),
  resetSeconds: Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000)),
});

export class MemoryRateLimiter implements RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  async hit(key: string, limit: number, now = Date.now()): Promise<RateDecision> {
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
  holder.switchboardRateLimiter ??= process.env.REDIS_URL ? new RedisRateLimiter(process.env.REDIS_URL) : new MemoryRateLimiter();
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
