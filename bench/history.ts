/**
 * `npm run bench:history`: the call history at size. A scratch database with 50 tenants and
 * 10,000,000 classified calls over the last year, one tenant holding 1,000,000 of them; then, as
 * that tenant's admin would open them: the Calls page's first page, a filtered page, a deep page
 * (after 200 pages of cursor), and the dashboard's charts for 30 days.
 * Targets on this machine: page p50 under 150 ms, charts under 300 ms.
 *
 * The calls are written straight into sb_calls by one SQL statement (what classification would
 * have stored): this measures reading them, not Asterisk. HISTORY_CALLS (10,000,000) and
 * HISTORY_RUNS (30) scale it; KEEP_DB=1 keeps the database for a second look.
 */
import { cpus, loadavg } from 'node:os';
import { createDb } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { systemActor, type Actor } from '../lib/domain/actor.ts';
import { listCalls } from '../lib/domain/calls/list-calls.ts';
import { callStats } from '../lib/domain/calls/stats.ts';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions.ts';
import { createTenant } from '../lib/domain/tenant/create-tenant.ts';
import { createDatabase, dropDatabase } from '../test/support/pg.ts';
import { bar, timeRuns } from './stats.ts';

const TOTAL = Number(process.env.HISTORY_CALLS ?? 10_000_000);
const BIG = Math.round(TOTAL / 10);
const TENANTS = 50;
const EXTENSIONS = 50;
const RUNS = Number(process.env.HISTORY_RUNS ?? 30);

async function main() {
  const url = await createDatabase('sb_bench_history');
  const db = createDb(url, { max: 4 });
  try {
    await migrate(url);
    const ctx = { actor: systemActor('bench', 'cli'), db };
    let t0 = performance.now();
    const tenantIds: string[] = [];
    for (let t = 0; t < TENANTS; t++) {
      const tenant = await createTenant(ctx, { slug: `h${t}`, name: `History ${t}`, sipDomain: `h${t}.bench.test`, defaultCountry: 'US' });
      await bulkCreateExtensions(ctx, tenant.id, Array.from({ length: EXTENSIONS }, (_, i) => ({ number: String(1000 + i), displayName: `User ${i}` })));
      tenantIds.push(tenant.id);
    }
    // Tenant h0 gets BIG calls, the others share the rest; a year of calls, 6 per 10 answered.
    await db.$executeRawUnsafe(`
      INSERT INTO sb_calls (call_key, uniqueid, linkedid, tenant_id, direction, outcome, reason, caller, callee, caller_extension_id, callee_extension_id, started_at, answered_at, ended_at, duration, billsec, disposition)
      SELECT t.id || ':h.' || g, 'h.' || g, 'h.' || g, t.id,
             (ARRAY['internal','outbound','inbound','internal','outbound','emergency']::sb_call_direction[])[1 + (g % 97) % 6],
             (ARRAY['answered','answered','answered','answered','answered','answered','missed','missed','busy','refused']::sb_call_outcome[])[1 + (g % 89) % 10],
             CASE WHEN (g % 89) % 10 = 9 THEN 'external_not_allowed' END,
             (1000 + g % ${EXTENSIONS})::text, '1212555' || lpad((g % 10000)::text, 4, '0'),
             e1.id, CASE WHEN (g % 97) % 6 IN (0, 3) THEN e2.id END,
             now() - (g::float8 / ${TOTAL}) * interval '365 days', NULL, now() - (g::float8 / ${TOTAL}) * interval '365 days' + interval '90 seconds', 90, 60, 'ANSWERED'
        FROM generate_series(1, ${TOTAL}) g
        JOIN LATERAL (SELECT CASE WHEN g % 10 = 0 THEN 0 ELSE 1 + (g % 49) END AS k) pick ON true
        JOIN (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS k FROM sb_tenants WHERE slug ~ '^h[0-9]+$') t ON t.k = CASE WHEN pick.k = 0 THEN 0 ELSE pick.k END
        JOIN LATERAL (SELECT id FROM sb_extensions WHERE tenant_id = t.id AND number = (1000 + g % ${EXTENSIONS})::text) e1 ON true
        JOIN LATERAL (SELECT id FROM sb_extensions WHERE tenant_id = t.id AND number = (1000 + (g + 7) % ${EXTENSIONS})::text) e2 ON true`);
    await db.$executeRawUnsafe('VACUUM ANALYZE sb_calls');
    const seeded = (await db.$queryRawUnsafe<{ n: number; big: number }[]>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE tenant_id = '${tenantIds[0]}')::int AS big FROM sb_calls`))[0];
    console.log(`seeded ${seeded.n.toLocaleString('en')} calls (${seeded.big.toLocaleString('en')} in tenant h0) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    const admin: Actor = { type: 'admin', id: null, label: 'bench', role: 'tenant_admin', tenantId: tenantIds[0] };
    const as = { actor: admin, db };
    // The cursor of page 200, found once, to time a deep page on its own.
    t0 = performance.now();
    let cursor: string | undefined;
    for (let p = 0; p < 200; p++) cursor = (await listCalls(as, 'h0', { cursor })).nextCursor ?? undefined;
    console.log(`walked 200 pages in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const now = new Date();
    const month = { from: new Date(now.getTime() - 30 * 86_400_000), to: now, zone: 'Europe/Berlin' };
    const load1 = loadavg()[0];
    const results = [
      { name: 'first page', target: 150, ...(await timeRuns(RUNS, () => listCalls(as, 'h0', {}))) },
      { name: 'filtered page', target: 150, ...(await timeRuns(RUNS, () => listCalls(as, 'h0', { direction: 'inbound', outcome: 'missed', from: month.from }))) },
      { name: 'number search', target: 150, ...(await timeRuns(RUNS, () => listCalls(as, 'h0', { q: '5550042' }))) },
      { name: 'deep page (200)', target: 150, ...(await timeRuns(RUNS, () => listCalls(as, 'h0', { cursor }))) },
      { name: 'charts, 30 days', target: 300, ...(await timeRuns(RUNS, () => callStats(as, 'h0', month))) },
    ];
    console.log(`\nSwitchboard call history: tenant h0 with ${seeded.big.toLocaleString('en')} of ${seeded.n.toLocaleString('en')} calls, ${RUNS} runs each`);
    console.log(`${cpus().length} cores shared with PostgreSQL and whatever else runs (load average before: ${load1.toFixed(2)})\n`);
    console.log(`  ${'scenario'.padEnd(18)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  target p50`);
    for (const r of results) console.log(`  ${r.name.padEnd(18)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)}  < ${r.target} ms  ${r.p50 < r.target ? 'PASS' : 'MISS'}`);
    console.log('\n  p50, ms');
    const top = Math.max(...results.map((r) => r.p50));
    for (const r of results) console.log(`  ${r.name.padEnd(18)} ${bar(r.p50, top)} ${r.p50.toFixed(1)}`);
  } finally {
    await db.$disconnect();
    if (!process.env.KEEP_DB) await dropDatabase(url);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`\nFAIL ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  },
);
