#!/usr/bin/env node
/**
 * `next start`, once per core. One Node.js process serves on one core however many the machine
 * has, and Next.js alone costs about a millisecond of CPU per request, so a single process tops out
 * near a thousand answers a second. The workers share the listening socket (node:cluster); the
 * API's in-memory rate limits are counted here, in the primary, so N workers grant what one would
 * (with REDIS_URL they count in Redis instead, as separate copies of the portal do).
 *
 *   node scripts/serve-portal.mjs [next start options, e.g. -p 3000 -H 0.0.0.0]
 *
 * WEB_CONCURRENCY: workers (default: the cores this process may use, at most 8); 1 runs
 * `next start` in this process, as before. Background jobs (directory syncs, call classification)
 * are scheduled by the first worker only; a worker that dies is replaced.
 */
import cluster from 'node:cluster';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { serveRateLimits } from '../lib/api/rate-window.mjs';

const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const args = process.argv.slice(2);

function workerCount() {
  const raw = process.env.WEB_CONCURRENCY;
  if (raw === undefined || raw === '') return Math.min(8, availableParallelism());
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    console.error(`WEB_CONCURRENCY must be a whole number from 1 to 64, not "${raw}"`);
    process.exit(2);
  }
  return n;
}

async function runNext() {
  process.argv = [process.argv[0], nextBin, 'start', ...args];
  createRequire(import.meta.url)(nextBin);
}

const count = cluster.isPrimary ? workerCount() : 0;

if (cluster.isWorker) {
  await runNext();
} else if (count === 1) {
  await runNext();
} else {
  serveRateLimits(cluster);
  // A larger young generation: a request's garbage (rows, JSON) dies young instead of being
  // promoted and collected again by the slower old-generation collector.
  cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-semi-space-size=${process.env.SB_SEMI_SPACE_MB ?? 32}`] });
  let stopping = false;
  const started = new Map();
  const fork = (index) => {
    // Only the first worker runs background jobs (JOBS=off elsewhere: a worker that queues a
    // directory sync starts the queue then, as any copy of the portal does).
    const env = { SB_WORKER: String(index), SB_CLUSTER_RATE_LIMITS: '1', ...(index > 0 ? { JOBS: 'off' } : {}) };
    const worker = cluster.fork(env);
    started.set(worker.id, { index, at: Date.now() });
  };
  for (let i = 0; i < count; i++) fork(i);
  cluster.on('exit', (worker, code, signal) => {
    const info = started.get(worker.id);
    started.delete(worker.id);
    if (stopping || !info) return;
    // A worker that dies at once (a broken build, a port in use) would otherwise be forked in a loop.
    const quick = Date.now() - info.at < 5_000;
    console.error(`portal worker ${info.index} exited (${signal ?? code}); ${quick ? 'restarting in 5 s' : 'restarting'}`);
    setTimeout(() => !stopping && fork(info.index), quick ? 5_000 : 0);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig);
      // Workers write --cpu-prof profiles and finish requests on a clean exit; wait for them.
      const deadline = setTimeout(() => process.exit(0), 15_000);
      const check = setInterval(() => {
        if (Object.keys(cluster.workers ?? {}).length === 0) {
          clearInterval(check);
          clearTimeout(deadline);
          process.exit(0);
        }
      }, 100);
    });
  }
}
