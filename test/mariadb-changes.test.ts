/**
 * The change table on MariaDB (lib/db/change-poller.ts), which stands in for LISTEN/NOTIFY there:
 * a change is delivered within a second; one committed after a later one is still delivered; one
 * rolled back never is and holds nothing up; a lost connection resets the caches and then misses
 * nothing made while it was down. And the transaction-scoped named locks (a tenant's directory
 * sync) that PostgreSQL's advisory locks give.
 */
import mariadb, { type Connection } from 'mariadb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangePoller } from '../lib/db/change-poller.ts';
import { prepareLock, tryTransactionLock } from '../lib/db/locks.ts';
import { createDb, type Db } from '../lib/db/client.ts';
import { mariadbOptions } from '../lib/db/mariadb-url.ts';
import { migrate } from '../lib/db/migrate.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { createTenant } from '../lib/domain/tenant/create-tenant.ts';
import { deleteTenant } from '../lib/domain/tenant/delete-tenant.ts';
import { LiveRoutingView } from '../lib/routing/live-view.ts';
import { platform, uniq } from './support/fixtures.ts';
import { createMariaDatabase, dropMariaDatabase } from './support/mariadb.ts';

let url: string;
let db: Db;
let poller: ChangePoller;
const heard: { t: string; op: string; id: string }[] = [];
let resets = 0;

const connect = () => mariadb.createConnection({ ...mariadbOptions(url), bigIntAsNumber: true });
const until = async (what: () => boolean, ms = 1_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
const heardId = (id: string) => heard.some((h) => h.id === id);
const tenantRow = (conn: Connection, slug: string) =>
  conn.query("INSERT INTO sb_tenants (slug, name, sip_domain, context, default_country, extension_length) VALUES (?, ?, ?, ?, 'US', 4) RETURNING id", [slug, slug, `${slug}.example.com`, `t-${slug}`]);

beforeAll(async () => {
  url = await createMariaDatabase('sb_changes');
  await migrate(url);
  db = createDb(url, { mariadb: true, max: 2 });
  poller = new ChangePoller(url, ['sb_routing', 'sb_api_tokens']);
  poller.on('sb_routing', (p) => heard.push(JSON.parse(p)));
  poller.onReset(() => resets++);
  poller.start();
  await until(() => poller.live, 5_000);
});
afterAll(async () => {
  await poller?.stop();
  await db?.$disconnect();
  if (url) await dropMariaDatabase(url);
});

describe('changes on MariaDB', () => {
  it('are delivered within a second of their commit', async () => {
    const slug = uniq('c');
    const tenant = await createTenant({ actor: platform, db }, { slug, name: slug, sipDomain: `${slug}.example.com`, defaultCountry: 'US' });
    const { extension } = await createExtension({ actor: platform, db }, tenant.id, { number: '1001', displayName: 'Ann' });
    await until(() => heardId(extension.id));
    expect(heard).toContainEqual({ t: 'sb_tenants', op: 'INSERT', id: tenant.id, old: null });
    expect(heard).toContainEqual({ t: 'sb_extensions', op: 'INSERT', id: extension.id, old: null });
  });

  it('include one committed after a later one, and never one rolled back', async () => {
    const slow = await connect();
    const fast = await connect();
    const undone = await connect();
    try {
      await slow.beginTransaction();
      const [first] = await tenantRow(slow, uniq('s')); // takes the earlier id
      await undone.beginTransaction();
      const [never] = await tenantRow(undone, uniq('u'));
      const [second] = await tenantRow(fast, uniq('f')); // autocommits first
      await until(() => heardId(second.id));
      expect(heardId(first.id)).toBe(false);
      await undone.rollback();
      await slow.commit();
      await until(() => heardId(first.id));
      const [later] = await tenantRow(fast, uniq('l'));
      await until(() => heardId(later.id));
      expect(heardId(never.id)).toBe(false);
    } finally {
      for (const c of [slow, fast, undone]) await c.end();
    }
  });

  it('after a lost connection: the caches are reset, and nothing made meanwhile is missed', async () => {
    const admin = await connect();
    try {
      const before = resets;
      const others: { id: number }[] = await admin.query('SELECT id FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID()');
      // The pool of `db` is among them; Prisma's driver reconnects on its own.
      for (const { id } of others) await admin.query(`KILL CONNECTION ${Number(id)}`).catch(() => {});
      const [during] = await tenantRow(admin, uniq('d'));
      await until(() => resets > before, 3_000);
      await until(() => heardId(during.id), 3_000);
      expect(poller.live).toBe(true);
    } finally {
      await admin.end();
    }
  });
});

describe('a named lock on MariaDB', () => {
  it('is refused at once while another transaction holds it, and free again when that one ends, however it ends', async () => {
    const name = `sb_directory_sync:${uniq('lock')}`;
    await prepareLock(db, name);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let taken!: () => void;
    const isTaken = new Promise<void>((r) => (taken = r));
    const holder = db.$transaction(async (tx) => {
      expect(await tryTransactionLock(tx, name)).toBe(true);
      taken();
      await held;
      throw new Error('rolled back');
    });
    await isTaken;
    const started = Date.now();
    expect(await db.$transaction((tx) => tryTransactionLock(tx, name))).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000); // no lock wait
    release();
    await expect(holder).rejects.toThrow('rolled back');
    expect(await db.$transaction((tx) => tryTransactionLock(tx, name))).toBe(true);
    // And after a commit: the lock does not outlive its transaction on the pooled connection.
    expect(await db.$transaction((tx) => tryTransactionLock(tx, name))).toBe(true);
  });
});

describe("the AGI server's routing view on MariaDB", () => {
  it('loads, follows changes within a second (cascades included), and keeps answering through a lost connection', async () => {
    const slug = uniq('r');
    const tenant = await createTenant({ actor: platform, db }, { slug, name: slug, sipDomain: `${slug}.example.com`, defaultCountry: 'US', mainDid: '+14155550177' });
    const live = new LiveRoutingView(db, url);
    await live.start();
    try {
      expect(live.status()).toMatchObject({ loaded: true, listening: true });
      expect(live.view!.tenants.get(tenant.id)).toBeDefined();
      expect(live.view!.dids.get('+14155550177')).toMatchObject({ tenantId: tenant.id });

      const { extension } = await createExtension({ actor: platform, db }, tenant.id, { number: '2001', displayName: 'New' });
      await until(() => !!live.view!.extensionByNumber(tenant.id, '2001'));

      // Connections cut: the last view keeps answering, and what changed meanwhile arrives after.
      const admin = await connect();
      try {
        const others: { id: number }[] = await admin.query('SELECT id FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID()');
        for (const { id } of others) await admin.query(`KILL CONNECTION ${Number(id)}`).catch(() => {});
      } finally {
        await admin.end();
      }
      expect(live.view!.extensionByNumber(tenant.id, '2001')).toMatchObject({ id: extension.id });
      await createExtension({ actor: platform, db }, tenant.id, { number: '2002', displayName: 'During' });
      await until(() => !!live.view!.extensionByNumber(tenant.id, '2002'), 3_000);

      // The tenant goes with its extensions; its DIDs go by the foreign key's cascade, unannounced.
      await deleteTenant({ actor: platform, db }, tenant.id, { withExtensions: true });
      await until(() => !live.view!.tenants.has(tenant.id) && !live.view!.dids.has('+14155550177'));
      expect(live.view!.extensionByNumber(tenant.id, '2001')).toBeUndefined();
    } finally {
      await live.stop();
    }
  });
});
