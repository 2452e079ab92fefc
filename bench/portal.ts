/**
 * `npm run bench:portal`: server response time of a tenant's extensions page (first page, and a
 * search) with 10,000 extensions, measured over HTTP against `next start` on a scratch database.
 * Target (issue 3): p50 under 150 ms. Builds the portal first when there is no build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { systemActor } from '../lib/domain/actor.ts';
import { createAdmin } from '../lib/domain/admin/create-admin.ts';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions.ts';
import { createTenant } from '../lib/domain/tenant/create-tenant.ts';
import { createDatabase, dropDatabase } from '../test/support/pg.ts';
import { bar, timeRuns } from './stats.ts';

const PORT = Number(process.env.BENCH_PORT ?? 3310);
const base = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const NAMES = ['Smith', 'Garcia', 'Müller', 'Rossi', 'Novak', 'Berg', 'Silva', 'Jones'];

async function signIn(email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`sign-in failed (${res.status})`);
  return [...cookies, session].join('; ');
}

async function main() {
  if (!existsSync('.next/BUILD_ID')) spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
  const url = await createDatabase('sb_bench_portal');
  const db = createDb(url, { max: 4 });
  const ctx = { actor: systemActor('bench', 'cli'), db };
  let server: ReturnType<typeof spawn> | undefined;
  try {
    await migrate(url);
    const tenant = await createTenant(ctx, { slug: 'bench', name: 'Bench Co', sipDomain: 'bench.example.com', defaultCountry: 'US', extensionLength: 5 });
    await bulkCreateExtensions(ctx, tenant.id, Array.from({ length: 10_000 }, (_, i) => ({
      number: String(10_000 + i),
      displayName: `${['Ana', 'Ben', 'Cleo', 'Dan', 'Eva'][i % 5]} ${NAMES[i % NAMES.length]} ${i}`,
      email: `user${i}@bench.example.com`,
    })));
    const { password } = await createAdmin(ctx, { email: 'bench@switchboard.test', name: 'Bench', role: 'platform_admin' });

    server = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(PORT)], {
      env: { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: 'bench-secret-bench-secret-bench', NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'ignore',
      detached: true,
    });
    for (let i = 0; i < 120; i++) {
      if (await fetch(`${base}/signin`).then((r) => r.ok, () => false)) break;
      await sleep(500);
    }
    const cookie = await signIn('bench@switchboard.test', password);
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      const html = await res.text();
      if (!res.ok || !html.includes('Bench Co')) throw new Error(`GET ${path}: ${res.status}`);
    };
    for (let i = 0; i < 10; i++) await get('/tenants/bench'); // warm-up: first renders compile nothing but fill caches
    const results = {
      'extensions, first page': await timeRuns(RUNS, () => get('/tenants/bench')),
      'extensions, search': await timeRuns(RUNS, (i) => get(`/tenants/bench?q=${encodeURIComponent(NAMES[i % NAMES.length].toLowerCase())}`)),
      'extensions, by name, desc': await timeRuns(RUNS, () => get('/tenants/bench?sort=displayName&dir=desc')),
    };
    console.log(`\nSwitchboard portal benchmark: tenant of 10,000 extensions, ${RUNS} sequential requests each, next start`);
    const worst = Math.max(...Object.values(results).map((r) => r.p99));
    for (const [name, r] of Object.entries(results))
      console.log(`  ${name.padEnd(28)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${bar(r.p50, worst)}`);
    const p50 = Math.max(...Object.values(results).map((r) => r.p50));
    console.log(`\n${p50 < 150 ? 'PASS' : 'MISS'} page p50 < 150 ms (worst p50 ${p50.toFixed(1)} ms)`);
  } finally {
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
    await db.$disconnect();
    await sleep(500);
    await dropDatabase(url);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
