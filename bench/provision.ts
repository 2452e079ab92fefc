/**
 * `npm run bench:provision`: bulk-creates 10,000 extensions in one tenant, then lists and
 * searches a tenant of 100,000. Runs on a scratch database that it drops afterwards.
 * Targets (issue 2): >= 2,000 extensions/s; a page of 50 with a search under 20 ms p99.
 */
import { createDb } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { systemActor } from '../lib/domain/actor.ts';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions.ts';
import { listExtensions } from '../lib/domain/extension/list-extensions.ts';
import { encodeCursor } from '../lib/domain/pagination.ts';
import { createTenant } from '../lib/domain/tenant/create-tenant.ts';
import { createDatabase, dropDatabase, withClient } from '../test/support/pg.ts';
import { bar, timeRuns } from './stats.ts';

const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Ana', 'Luca', 'Sofia', 'Mateo', 'Emma', 'Noah', 'Olivia', 'Liam', 'Mia', 'Lena'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Müller', 'Schmidt', 'Rossi', 'Dubois', 'Novak', 'Kowalski', 'Silva', 'Costa', 'Nielsen', 'Berg'];

const people = (n: number, start: number) =>
  Array.from({ length: n }, (_, i) => {
    const k = start + i;
    const first = FIRST[k % FIRST.length];
    const last = LAST[Math.floor(k / FIRST.length) % LAST.length];
    return { number: String(1_000_000 + k), displayName: `${first} ${last} ${k}`, email: `${first}.${last}.${k}@example.com`.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase() };
  });

async function main() {
  const url = await createDatabase('sb_bench');
  const db = createDb(url, { max: 8 });
  const ctx = { actor: systemActor('bench', 'cli'), db };
  try {
    await migrate(url);
    const small = await createTenant(ctx, { slug: 'bench-bulk', name: 'Bulk', sipDomain: 'bulk.bench.test', defaultCountry: 'US', extensionLength: 7 });
    const t0 = performance.now();
    await bulkCreateExtensions(ctx, small.id, people(10_000, 0));
    const bulkSeconds = (performance.now() - t0) / 1000;
    const rate = 10_000 / bulkSeconds;

    const big = await createTenant(ctx, { slug: 'bench-big', name: 'Big', sipDomain: 'big.bench.test', defaultCountry: 'US', extensionLength: 7 });
    const t1 = performance.now();
    for (let i = 0; i < 10; i++) {
      await bulkCreateExtensions(ctx, big.id, people(10_000, i * 10_000));
      process.stdout.write(`\rfilling a tenant of 100,000 extensions: ${(i + 1) * 10}%`);
    }
    const fillRate = 100_000 / ((performance.now() - t1) / 1000);
    process.stdout.write('\n');
    await withClient(url, (c) => c.query('ANALYZE'));

    const runs = 300;
    const terms = ['smith', 'garcia', 'lena', 'müller', 'rossi 4', 'noah.k', '10052', 'zzz-no-match'];
    const mid = await db.extension.findMany({ where: { tenantId: big.id }, orderBy: { displayName: 'asc' }, skip: 50_000, take: 1 });
    const midCursor = encodeCursor(mid[0].displayName, mid[0].id);
    const results = {
      'first page, by number': await timeRuns(runs, () => listExtensions(ctx, big.id, { limit: 50 })),
      'first page, by name': await timeRuns(runs, () => listExtensions(ctx, big.id, { limit: 50, sort: 'displayName' })),
      'page 1,000 (cursor), by name': await timeRuns(runs, () => listExtensions(ctx, big.id, { limit: 50, sort: 'displayName', cursor: midCursor })),
      'search, by number': await timeRuns(runs, (i) => listExtensions(ctx, big.id, { limit: 50, q: terms[i % terms.length] })),
      'search, by name': await timeRuns(runs, (i) => listExtensions(ctx, big.id, { limit: 50, q: terms[i % terms.length], sort: 'displayName' })),
      'search + total count': await timeRuns(runs, (i) => listExtensions(ctx, big.id, { limit: 50, q: terms[i % terms.length], withTotal: true })),
    };

    console.log('\nSwitchboard provisioning benchmark');
    console.log(`bulk create, 10,000 extensions in one transaction: ${bulkSeconds.toFixed(2)} s = ${Math.round(rate)} extensions/s (target >= 2,000)`);
    console.log(`filling a 100,000-extension tenant (10 batches):   ${Math.round(fillRate)} extensions/s`);
    console.log(`\npage of 50 in a tenant of 100,000 extensions, ${runs} runs each (target: search p99 < 20 ms)`);
    const worst = Math.max(...Object.values(results).map((r) => r.p99));
    for (const [name, r] of Object.entries(results))
      console.log(`  ${name.padEnd(30)} p50 ${r.p50.toFixed(2).padStart(6)} ms  p99 ${r.p99.toFixed(2).padStart(6)} ms  ${bar(r.p99, worst)}`);
    const searchP99 = Math.max(results['search, by number'].p99, results['search, by name'].p99);
    console.log(`\n${rate >= 2000 ? 'PASS' : 'MISS'} bulk create rate   ${searchP99 < 20 ? 'PASS' : 'MISS'} search page p99`);
  } finally {
    await db.$disconnect();
    if (process.env.KEEP_BENCH_DB) console.log(`kept ${url}`);
    else await dropDatabase(url);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
