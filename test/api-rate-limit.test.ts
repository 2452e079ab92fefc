/**
 * API rate limits: counted per key per minute in memory, and in Redis shared by every copy of the
 * portal (two limiters here stand for two copies). A real Redis on 127.0.0.1:6379.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { ClusterRateLimiter, MemoryRateLimiter, RedisRateLimiter, WINDOW_MS } from '../lib/api/rate-limit.ts';
import { serveRateLimits } from '../lib/api/rate-window.mjs';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const minuteStart = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + WINDOW_MS; // a whole window of our own
const at = (s: number) => minuteStart + s * 1000;

describe('in memory', () => {
  it('allows the limit, then refuses until the window ends, and counts keys apart', async () => {
    const rl = new MemoryRateLimiter();
    for (let i = 1; i <= 3; i++) expect(await rl.hit('token:a', 3, at(i))).toMatchObject({ allowed: true, remaining: 3 - i });
    expect(await rl.hit('token:a', 3, at(10))).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 50 });
    expect((await rl.hit('token:b', 3, at(10))).allowed).toBe(true);
    expect(await rl.hit('token:a', 3, at(60))).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 60 });
  });
});

/** A cluster primary and its workers' IPC channels, in one process (messages cross as in node:cluster: later, copied). */
function fakeCluster(workers: number) {
  const primary = new EventEmitter();
  const channels = Array.from({ length: workers }, () => {
    const channel = new EventEmitter() as EventEmitter & { send: (m: unknown) => boolean; connected: boolean };
    const worker = { isConnected: () => true, send: (m: unknown) => setImmediate(() => channel.emit('message', structuredClone(m))) };
    channel.connected = true;
    channel.send = (m) => (setImmediate(() => primary.emit('message', worker, structuredClone(m))), true);
    return channel;
  });
  serveRateLimits(primary as never);
  return channels.map((c) => new ClusterRateLimiter(c as never));
}

describe('across the workers of one portal (serve-portal.mjs)', () => {
  it('grants the limit once in all, however the requests fall on the workers', async () => {
    const workers = fakeCluster(2);
    const answers = await Promise.all(Array.from({ length: 700 }, (_, i) => workers[i % 2].hit('token:w', 600, at(1))));
    expect(answers.filter((a) => a.allowed)).toHaveLength(600);
    expect(answers.every((a) => a.limit === 600 && a.remaining >= 0 && a.remaining <= 600)).toBe(true);
    const refused = answers.find((a) => !a.allowed)!;
    expect(refused).toMatchObject({ remaining: 0, resetSeconds: 59 });
    // A new window, a new count; keys are counted apart.
    expect((await workers[1].hit('token:w', 600, at(61))).allowed).toBe(true);
    expect((await workers[0].hit('token:other', 600, at(2))).allowed).toBe(true);
  });

  it('is exact for small limits, request by request, and keeps limiting alone when the primary is gone', async () => {
    const workers = fakeCluster(3);
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await workers[i % 3].hit('anon:198.51.100.7', 5, at(1)));
    expect(answers.map((a) => a.allowed)).toEqual([true, true, true, true, true, false, false, false]);
    const orphan = new ClusterRateLimiter(Object.assign(new EventEmitter(), { connected: false, send: () => false }) as never);
    const alone = [];
    for (let i = 0; i < 3; i++) alone.push((await orphan.hit('token:x', 2, at(1))).allowed);
    expect(alone).toEqual([true, true, false]);
  });
});

describe('through Redis', () => {
  const prefix = `switchboard-test-${randomBytes(4).toString('hex')}:`;
  const copies = [new RedisRateLimiter(REDIS_URL, prefix), new RedisRateLimiter(REDIS_URL, prefix)];
  afterAll(async () => Promise.all(copies.map((c) => c.close())));

  it('two copies of the portal share one count', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await copies[i % 2].hit('token:shared', 5, at(1)));
    expect(answers.map((a) => a.allowed)).toEqual([true, true, true, true, true, false]);
    expect(answers.map((a) => a.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    expect((await copies[1].hit('token:shared', 5, at(61))).allowed).toBe(true);
  });

  it('counts locally, still limiting, while Redis is unreachable', async () => {
    const away = new RedisRateLimiter('redis://127.0.0.1:1', prefix);
    try {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push((await away.hit('token:x', 2, at(1))).allowed);
      expect(answers).toEqual([true, true, false]);
    } finally {
      await away.close();
    }
  });
});
