/**
 * `npm run bench:agi`: N concurrent simulated Asterisk sessions doing the full FastAGI exchange
 * against the real AGI server (its own process, 100 tenants, 100,000 extensions), and the same
 * bytes against a server that decides nothing (the floor), in one run.
 * Targets (issue 4): >= 2,000 decisions/s and p99 < 10 ms at 100 concurrent sessions, and at
 * least half the floor's rate.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { systemActor } from '../lib/domain/actor.ts';
import { addDid } from '../lib/domain/did/add-did.ts';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions.ts';
import { createTenant } from '../lib/domain/tenant/create-tenant.ts';
import { createDatabase, dropDatabase } from '../test/support/pg.ts';

const TENANTS = 100;
const PER_TENANT = 1_000;
const AGI_PORT = 4591;
const FLOOR_PORT = 4590;

async function waitForPort(port: number) {
  const net = await import('node:net');
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((r) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), r(true)));
      s.on('error', () => r(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on ${port}`);
}

async function main() {
  const url = await createDatabase('sb_bench_agi');
  const db = createDb(url, { max: 4 });
  const ctx = { actor: systemActor('bench', 'cli'), db };
  const children: ChildProcess[] = [];
  try {
    await migrate(url);
    const t0 = performance.now();
    for (let t = 0; t < TENANTS; t++) {
      const slug = `t${String(t).padStart(3, '0')}`;
      const tenant = await createTenant(ctx, { slug, name: `Tenant ${t}`, sipDomain: `${slug}.bench.test`, defaultCountry: t % 2 ? 'DE' : 'US', outboundTrunk: 'itsp', extensionLength: 4 });
      await bulkCreateExtensions(ctx, tenant.id, Array.from({ length: PER_TENANT }, (_, i) => ({ number: String(1000 + i), displayName: `User ${i}`, allowExternal: i % 10 !== 0 })));
      // A main number, as every real tenant has: outside calls carry it as their caller ID.
      await addDid(ctx, tenant.id, { number: `+1212555${1000 + t}` });
      if (t % 10 === 9) process.stdout.write(`\rdatabase: ${(t + 1) * PER_TENANT} extensions in ${TENANTS} tenants`);
    }
    console.log(` (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    // Settle the database first, so autovacuum does not compete for the two cores mid-measurement.
    await db.$executeRawUnsafe('VACUUM ANALYZE');

    // The flags the server runs with in production (see agi-server/package.json); AGI_NODE_FLAGS
    // replaces them, e.g. to add --trace-gc.
    const flags = (process.env.AGI_NODE_FLAGS ?? '--max-semi-space-size=64').split(' ').filter(Boolean);
    const agi = spawn(process.execPath, [...flags, '--import', 'tsx', 'agi-server/src/main.ts'], {
      env: { ...process.env, DATABASE_URL: url, AGI_PORT: String(AGI_PORT), LOG_DECISIONS: '0', ASTERISK_CONFIG_DIR: '', AGI_MAX_SESSIONS: '5000' },
      stdio: ['ignore', flags.includes('--trace-gc') ? 'inherit' : 'ignore', 'inherit'],
    });
    children.push(agi);
    const floor = fork(new URL('./floor-server.ts', import.meta.url).pathname, { env: { ...process.env, FLOOR_PORT: String(FLOOR_PORT) }, execArgv: ['--import', 'tsx'] });
    children.push(floor);
    await Promise.all([waitForPort(AGI_PORT), waitForPort(FLOOR_PORT)]);

    // Measured from a fresh process: this one's heap still holds the bulk load.
    const loader = fork(new URL('./agi-load.ts', import.meta.url).pathname, [], {
      env: { ...process.env, AGI_PORT: String(AGI_PORT), FLOOR_PORT: String(FLOOR_PORT), TENANTS: String(TENANTS), PER_TENANT: String(PER_TENANT) },
      execArgv: ['--import', 'tsx'],
    });
    await new Promise((resolve) => loader.on('exit', resolve));
  } finally {
    for (const c of children) {
      try {
        c.kill('SIGTERM');
      } catch {
        // already gone
      }
    }
    await db.$disconnect();
    await sleep(1_000);
    await dropDatabase(url);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
