/**
 * `npm run bench:api`: the REST API under load. A scratch database with a tenant of 10,000
 * extensions, `next start` on a build of its own (.next-bench), and a load generator (wrk when the
 * machine has it, else autocannon; BENCH_LOADER=wrk|autocannon chooses) with 50 connections
 * against four operations: list, search, get, create; and, for reference, the
 * cheapest answer next start gives (a 404 from the API's catch-all route, no database).
 * Targets: list >= 1,000 req/s with p99 < 100 ms; create >= 300 req/s.
 *
 * The portal runs as deployed: scripts/serve-portal.mjs, one `next start` worker per core;
 * BENCH_WORKERS=1 measures a single process.
 *
 * BENCH_SECONDS (10) per scenario, BENCH_CONNECTIONS (50), BENCH_PORT (3320), BENCH_REBUILD=1 to
 * rebuild (an existing build is reused, even if the code changed since), BENCH_ONLY=list,create to
 * run some scenarios (name prefixes), BENCH_CPU_PROF=<dir> to profile the server; then
 * `npx tsx bench/cpuprofile-top.ts <dir>/<file>.cpuprofile` says where its time went.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb, type Db } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { systemActor } from '../lib/domain/actor.ts';
import { createApiToken } from '../lib/domain/api-token/create-token.ts';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions.ts';
import { createTenant } from '../lib/domain/tenant/create-tenant.ts';
import { createDatabase, dropDatabase } from '../test/support/pg.ts';
import { load, stopLoad, type Figures, type LoadOptions, type Scenario } from './api-load.ts';
import { loadWrk, stopWrk, type WrkRequest } from './api-wrk.ts';
import { report } from './api-report.ts';
import { ensureBuild, startNext, type Server } from './next-server.ts';

const DIST = '.next-bench';
const PORT = Number(process.env.BENCH_PORT ?? 3320);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WORKERS = Number(process.env.BENCH_WORKERS ?? Math.min(8, availableParallelism()));
const SLUG = 'bench-api';
const EXTENSIONS = 10_000;
const FIRST_NUMBER = 100_000; // extension length 6: seeded 100000-109999, creates from 200000
const CHUNK = 10_000;
const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'Ana', 'Luca', 'Sofia', 'Mateo', 'Lena'];
const LAST = ['Smith', 'Johnson', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Müller', 'Schmidt', 'Rossi', 'Dubois', 'Novak', 'Silva', 'Nielsen', 'Berg'];
/** Each matches one name in 15: a page of 50 is found early in the walk, as for a typical search. */
const TERMS = ['smith', 'garcia', 'müller', 'rossi', 'novak', 'lena'];

const person = (k: number) => ({
  number: String(FIRST_NUMBER + k),
  displayName: `${FIRST[k % FIRST.length]} ${LAST[Math.floor(k / FIRST.length) % LAST.length]} ${k}`,
  email: `user${k}@bench-api.example.com`,
});

type Both = Scenario & { wrk: WrkRequest };

function scenarios(): Both[] {
  const ext = `/api/v1/tenants/${SLUG}/extensions`;
  let search = 0;
  let get = 0;
  let created = 200_000;
  const terms = `{${TERMS.map((t) => JSON.stringify(encodeURIComponent(t))).join(', ')}}`;
  return [
    // Reference, not a target: what next start costs per request with no database work (the
    // API's catch-all answers a 404 problem document). No scenario can be faster than this.
    { name: 'floor: 404, no DB', method: 'GET', expect: 404, next: () => ({ path: '/api/v1/no-such-resource' }), wrk: { path: '"/api/v1/no-such-resource"' } },
    { name: 'list (limit=50)', method: 'GET', next: () => ({ path: `${ext}?limit=50` }), wrk: { path: `"${ext}?limit=50"` } },
    {
      name: 'search (q=…)',
      method: 'GET',
      next: () => ({ path: `${ext}?q=${encodeURIComponent(TERMS[search++ % TERMS.length])}` }),
      wrk: { path: `"${ext}?q=" .. (${terms})[(n % ${TERMS.length}) + 1]` },
    },
    // A stride through the tenant, so consecutive requests read different rows and index pages.
    {
      name: 'get by number',
      method: 'GET',
      next: () => ({ path: `${ext}/${FIRST_NUMBER + ((get++ * 7_919) % EXTENSIONS)}` }),
      wrk: { path: `"${ext}/" .. (${FIRST_NUMBER} + ((n * 7919) % ${EXTENSIONS}))` },
    },
    {
      name: 'create',
      method: 'POST',
      next: () => ({ path: ext, body: JSON.stringify({ number: String(created), display_name: `Bench Create ${created++}` }) }),
      wrk: { path: `"${ext}"`, body: `'{"number":"' .. (200000 + n) .. '","display_name":"Bench Create ' .. (200000 + n) .. '"}'` },
    },
  ];
}

/** wrk when the machine has it (a C loader leaves the shared cores to the server), else autocannon. */
function loader(): { name: string; run: (s: Both, o: LoadOptions) => Promise<Figures> } {
  const wanted = process.env.BENCH_LOADER ?? (spawnSync('wrk', ['--version']).error ? 'autocannon' : 'wrk');
  if (wanted === 'wrk') return { name: 'wrk', run: (s, o) => loadWrk(s, o) };
  if (wanted === 'autocannon') return { name: 'autocannon', run: load };
  throw new Error(`BENCH_LOADER must be wrk or autocannon, not ${wanted}`);
}

async function seed(db: Db): Promise<string> {
  const ctx = { actor: systemActor('bench', 'cli'), db };
  const tenant = await createTenant(ctx, { slug: SLUG, name: 'API Bench', sipDomain: 'api.bench.test', defaultCountry: 'US', extensionLength: 6 });
  for (let i = 0; i < EXTENSIONS; i += CHUNK)
    await bulkCreateExtensions(ctx, tenant.id, Array.from({ length: Math.min(CHUNK, EXTENSIONS - i) }, (_, j) => person(i + j)));
  const { token } = await createApiToken(ctx, { name: 'bench', access: 'write', rateLimitPerMinute: 1_000_000 });
  // Settled statistics, and no autovacuum competing for the cores mid-measurement.
  await db.$executeRawUnsafe('VACUUM ANALYZE');
  return token;
}

/** One request of each kind, its answer checked: a fast wrong answer must not pass for a fast one. */
async function sanityCheck(base: string, token: string) {
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    const body = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  const ext = `/api/v1/tenants/${SLUG}/extensions`;
  const list = (await call(`${ext}?limit=50`)) as { data: unknown[]; next_cursor: string | null };
  if (list.data.length !== 50 || !list.next_cursor) throw new Error('list: expected a full page of 50 and a next cursor');
  const found = (await call(`${ext}?q=smith`)) as { data: { display_name: string }[] };
  if (!found.data.length || !found.data.every((e) => e.display_name.toLowerCase().includes('smith'))) throw new Error('search: expected matches for "smith"');
  const one = (await call(`${ext}/${FIRST_NUMBER + 4_242}`)) as { data: { number: string } };
  if (one.data.number !== String(FIRST_NUMBER + 4_242)) throw new Error('get: wrong extension');
  const made = (await call(ext, { method: 'POST', body: JSON.stringify({ number: '199999', display_name: 'Sanity Check' }) })) as { sip_secret?: string };
  if (!made.sip_secret) throw new Error('create: no sip_secret in the answer');
}

async function main() {
  const cleanup: (() => Promise<void>)[] = [];
  const tearDown = async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn().catch((err) => console.error('teardown:', err));
  };
  // Ctrl-C mid-run still stops the server and drops the database.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stopWrk();
      stopLoad();
      void tearDown().finally(() => process.exit(130));
    });

  try {
    const build = ensureBuild(DIST);
    const url = await createDatabase('sb_bench_api');
    cleanup.push(() => dropDatabase(url));
    const db = createDb(url, { max: 4 });
    cleanup.push(() => db.$disconnect());
    await migrate(url);
    const t0 = performance.now();
    const token = await seed(db);
    console.log(`seeded ${EXTENSIONS.toLocaleString('en')} extensions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const profDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;
    if (profDir) mkdirSync(profDir, { recursive: true });
    const server: Server = await startNext({
      distDir: DIST,
      port: PORT,
      env: { DATABASE_URL: url, NEXTAUTH_SECRET: 'bench-secret-bench-secret-bench-secret', NEXTAUTH_URL: `http://127.0.0.1:${PORT}` },
      nodeArgs: profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : undefined,
      workers: WORKERS,
    });
    cleanup.push(async () => {
      await server.stop();
      if (profDir) console.log(`server CPU profile in ${profDir}`);
    });
    await sanityCheck(server.base, token);

    const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
    const chosen = scenarios().filter((s) => !only || only.some((o) => s.name.startsWith(o)));
    const opts = { base: server.base, token, connections: CONNECTIONS, serverPid: server.pid };
    const load1 = loadavg()[0];
    // Warm-up: JIT, the connection pool, and PostgreSQL's buffers, before anything is counted.
    const tool = loader();
    for (const s of chosen) check(await tool.run(s, { ...opts, seconds: Math.min(3, SECONDS) }), 'warm-up');
    const results: Figures[] = [];
    for (const s of chosen) {
      await sleep(1_000); // let the previous scenario's stragglers and GC finish
      results.push(await tool.run(s, { ...opts, seconds: SECONDS }));
    }
    const total = await db.extension.count();
    report(results, { workers: WORKERS, loader: tool.name, seconds: SECONDS, connections: CONNECTIONS, cores: cpus().length, load1, build, extensionsAfter: total });
    for (const r of results) check(r, 'measurement');
  } finally {
    await tearDown();
  }
}

function check(r: Figures, phase: string) {
  if (!r.errors) return;
  throw new Error(`${phase} of ${r.name}: ${r.errors} of ${r.requests} requests failed: ${JSON.stringify(r.statuses)}\n${r.samples.join('\n')}`);
}

// Explicit exits: a pool or socket left open by a failure must not keep the run hanging.
main().then(
  () => process.exit(0),
  (err) => {
    console.error(`\nFAIL ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  },
);
