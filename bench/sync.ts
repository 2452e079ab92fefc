/**
 * `npm run bench:sync`: a generated directory of 10,000 users in a real slapd (paged reads, as from
 * AD), synced into a tenant: the first sync, a re-sync with no change, and one after 100 changes.
 * Targets (issue 10): first sync under 30 s, no-change re-sync under 5 s.
 */
import { randomBytes } from 'node:crypto';
import { createDb } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { ldapGateway } from '../lib/directory/gateway.ts';
import { systemActor } from '../lib/domain/actor.ts';
import { saveDirectorySettings } from '../lib/domain/directory/settings.ts';
import { syncDirectory, type SyncOutcome } from '../lib/domain/directory/sync.ts';
import { createTenant } from '../lib/domain/tenant/create-tenant.ts';
import { makeDirectory } from '../test/support/directory-fixture.ts';
import { createDatabase, dropDatabase } from '../test/support/pg.ts';
import { startSlapd } from '../test/support/slapd.ts';
import { bar } from './stats.ts';

const USERS = Number(process.env.BENCH_USERS ?? 10_000);

async function main() {
  process.env.DIRECTORY_SECRET_KEY ??= randomBytes(32).toString('base64');
  // Every user with a plain five-digit number, none disabled: all of them become extensions.
  const dir = makeDirectory({ users: USERS, disabledEvery: 0, extensionBase: 10_000 });
  const numberOf = new Map(dir.users.map((u) => [u.dn, String(10_000 + u.i)]));
  for (const e of dir.entries) if (numberOf.has(e.dn)) e.attributes.telephoneNumber = numberOf.get(e.dn)!;
  const ldap = await startSlapd({ entries: dir.entries, sizeLimit: 1_000 });
  const url = await createDatabase('sb_bench_sync');
  const db = createDb(url, { max: 8 });
  const ctx = { actor: systemActor('bench', 'cli'), db };
  try {
    await migrate(url);
    const tenant = await createTenant(ctx, { slug: 'bench-sync', name: 'Sync', sipDomain: 'sync.bench.test', defaultCountry: 'US', extensionLength: 5 });
    await saveDirectorySettings(ctx, tenant.id, {
      url: ldap.url, startTls: true, caCert: ldap.caCertPem, bindDn: ldap.bindDN, bindPassword: ldap.bindPassword, baseDn: dir.peopleDN,
      userFilter: '(objectClass=inetOrgPerson)', numberAttribute: 'telephoneNumber', numberRule: 'digits', nameAttribute: 'displayName',
      emailAttribute: 'mail', loginAttribute: 'uid', idAttribute: 'entryUUID', disabledMode: 'none', maxRemovalPercent: 100,
    });
    const timed = async (label: string): Promise<[string, number, SyncOutcome]> => {
      const t0 = performance.now();
      const outcome = await syncDirectory(ctx, tenant.id, { mode: 'sync', trigger: 'cli', gateway: ldapGateway });
      if (outcome.status !== 'succeeded') throw new Error(`${label}: ${outcome.status} ${outcome.error ?? ''}`);
      return [label, (performance.now() - t0) / 1000, outcome];
    };
    const first = await timed('first sync');
    const same = await timed('re-sync, no change');
    // 100 changes: 50 renames, 50 new numbers.
    const changed = dir.users.slice(0, 100);
    const ldif = changed
      .map((u, i) => `dn: ${u.dn}\nchangetype: modify\nreplace: ${i % 2 ? 'telephoneNumber' : 'displayName'}\n${i % 2 ? `telephoneNumber: ${90_000 + i}` : `displayName: Renamed ${i}`}\n`)
      .join('\n');
    await ldap.ldapmodify(ldif);
    const hundred = await timed('re-sync, 100 changes');

    console.log(`\nDirectory sync, ${USERS.toLocaleString()} users in slapd (paged, 500 a page; server size limit 1,000), one tenant:\n`);
    const rows = [first, same, hundred];
    const max = Math.max(...rows.map((r) => r[1]));
    for (const [label, seconds, o] of rows) {
      const s = o.summary!;
      console.log(`  ${label.padEnd(22)} ${seconds.toFixed(2).padStart(6)} s  ${bar(seconds, max, 30)}  created ${s.created}, updated ${s.updated}, renumbered ${s.renumbered}, unchanged ${s.unchanged}`);
    }
    console.log(`\n  first sync        ${first[1] < 30 ? 'PASS' : 'MISS'} (target < 30 s)`);
    console.log(`  no-change re-sync ${same[1] < 5 ? 'PASS' : 'MISS'} (target < 5 s)`);
  } finally {
    await db.$disconnect();
    await dropDatabase(url);
    await ldap.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
