/**
 * Provisioning on MariaDB, through the same domain use cases as on PostgreSQL: the rows Asterisk
 * reads through ODBC from its MySQL tables, written in one transaction with our record and the
 * audit entry, announced in the change table; nothing left behind by a refused or removed
 * extension; tenants isolated. (The rest of the suite runs on PostgreSQL until the data layer's
 * remaining raw SQL is ported: see issue 12.)
 */
import { createHash } from 'node:crypto';
import mariadb from 'mariadb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../lib/db/client.ts';
import { mariadbOptions } from '../lib/db/mariadb-url.ts';
import { migrate } from '../lib/db/migrate.ts';
import { AppError } from '../lib/errors.ts';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { deleteExtension } from '../lib/domain/extension/delete-extension.ts';
import { getExtension } from '../lib/domain/extension/get-extension.ts';
import { listExtensions } from '../lib/domain/extension/list-extensions.ts';
import { createTenant } from '../lib/domain/tenant/create-tenant.ts';
import { getTenant } from '../lib/domain/tenant/get-tenant.ts';
import { platform, uniq } from './support/fixtures.ts';
import { createMariaDatabase, dropMariaDatabase } from './support/mariadb.ts';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
let url: string;
let db: Db;
const ctx = () => ({ actor: platform, db });

/** Straight from MariaDB, as Asterisk's ODBC driver would read it. */
async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const conn = await mariadb.createConnection({ ...mariadbOptions(url), bigIntAsNumber: true, dateStrings: true });
  try {
    return await conn.query(text, params);
  } finally {
    await conn.end();
  }
}

const makeTenant = (overrides: Record<string, unknown> = {}) => {
  const slug = uniq('m');
  return createTenant(ctx(), { slug, name: `Tenant ${slug}`, sipDomain: `${slug}.example.com`, defaultCountry: 'US', ...overrides });
};

async function caught(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof AppError)) throw err ?? new Error('expected the call to fail');
  return err;
}

beforeAll(async () => {
  url = await createMariaDatabase('sb_prov');
  await migrate(url);
  db = createDb(url, { mariadb: true, max: 4 });
});
afterAll(async () => {
  await db?.$disconnect();
  if (url) await dropMariaDatabase(url);
});

describe('an extension on MariaDB', () => {
  it('is an endpoint, an auth, an aor and a mailbox Asterisk can use, with a digest instead of the secret', async () => {
    const tenant = await makeTenant({ codecs: 'g722,ulaw,alaw,opus', transport: 'transport-udp', mainDid: '+14155550100' });
    const { extension, secret } = await createExtension(ctx(), tenant.id, {
      number: '1001', displayName: 'Zoë "Ace" Müller', email: 'Zoe@Example.com', voicemailPin: '4826',
    });
    const id = `1001@${tenant.sipDomain}`;
    expect(extension).toMatchObject({ number: '1001', endpointId: id, email: 'zoe@example.com', hasVoicemail: true });
    const [endpoint] = await sql('SELECT * FROM ps_endpoints WHERE id = ?', [id]);
    expect(endpoint).toMatchObject({
      id, aors: id, auth: id, context: tenant.context, transport: 'transport-udp', allow: 'g722,ulaw,alaw,opus',
      direct_media: 'no', identify_by: 'username', from_domain: tenant.sipDomain, mailboxes: `1001@${tenant.context}`,
      callerid: '"Zoë Ace Müller" <1001>', set_var: 'SWITCHBOARD_CLID=+14155550100',
    });
    const [auth] = await sql('SELECT * FROM ps_auths WHERE id = ?', [id]);
    expect(auth).toMatchObject({ auth_type: 'md5', username: '1001', realm: tenant.sipDomain, password: null });
    expect(auth.md5_cred).toBe(md5(`1001:${tenant.sipDomain}:${secret}`));
    const [aor] = await sql('SELECT * FROM ps_aors WHERE id = ?', [id]);
    expect(aor).toMatchObject({ max_contacts: 1, remove_existing: 'yes' });
    const [box] = await sql('SELECT * FROM voicemail WHERE context = ? AND mailbox = ?', [tenant.context, '1001']);
    expect(box).toMatchObject({ password: '4826', fullname: 'Zoë "Ace" Müller', email: 'zoe@example.com' });
    // Audited, and announced to the AGI servers' live view in the same transaction.
    const audit = await sql('SELECT action, target_label FROM sb_audit_log WHERE tenant_id = ? ORDER BY id', [tenant.id]);
    expect(audit.map((a) => a.action)).toEqual(['tenant.create', 'did.create', 'extension.create']);
    const changes = await sql<{ payload: string }>("SELECT payload FROM sb_changes WHERE channel = 'sb_routing'");
    expect(changes.map((c) => JSON.parse(c.payload))).toContainEqual({ t: 'sb_extensions', op: 'INSERT', id: extension.id, old: null });
  });

  it('reads back as it was written, and another tenant\'s is not found', async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const { extension } = await createExtension(ctx(), a.id, { number: '1001', displayName: 'Ann' });
    await createExtension(ctx(), b.id, { number: '1001', displayName: 'Bob' });
    expect(await getTenant(ctx(), a.slug)).toMatchObject({ id: a.id, slug: a.slug, allowPremium: false, extensionLength: 4 });
    expect(await getExtension(ctx(), extension.id)).toMatchObject({ id: extension.id, displayName: 'Ann', allowExternal: true });
    const tenantAdminOfB = { ...platform, role: 'tenant_admin' as const, tenantId: b.id };
    expect((await caught(getExtension({ actor: tenantAdminOfB, db }, extension.id))).code).toBe('not_found');
  });

  it('is refused when its number is taken, and writes nothing', async () => {
    const tenant = await makeTenant();
    await createExtension(ctx(), tenant.id, { number: '1002', displayName: 'First' });
    const err = await caught(createExtension(ctx(), tenant.id, { number: '1002', displayName: 'Second' }));
    expect(err.code).toBe('conflict');
    expect(await sql('SELECT display_name FROM sb_extensions WHERE tenant_id = ?', [tenant.id])).toEqual([{ display_name: 'First' }]);
  });

  it('leaves no Asterisk row behind when removed, registrations included', async () => {
    const tenant = await makeTenant();
    const { extension } = await createExtension(ctx(), tenant.id, { number: '1003', displayName: 'Gone', voicemailPin: '9137' });
    const id = extension.endpointId;
    await sql("INSERT INTO ps_contacts (id, uri, endpoint, expiration_time) VALUES (?, ?, ?, ?)", [`${id}^3B@abc`, 'sip:1003@198.51.100.7:5060', id, Math.floor(Date.now() / 1000) + 3600]);
    await deleteExtension(ctx(), extension.id);
    for (const [table, col] of [['ps_endpoints', 'id'], ['ps_auths', 'id'], ['ps_aors', 'id'], ['ps_contacts', 'endpoint'], ['sb_extensions', 'endpoint_id']])
      expect(await sql(`SELECT 1 FROM ${table} WHERE ${col} = ?`, [id]), table).toEqual([]);
    expect(await sql('SELECT 1 FROM voicemail WHERE context = ? AND mailbox = ?', [tenant.context, '1003'])).toEqual([]);
  });

  it('comes a thousand at a time, all or nothing', async () => {
    const tenant = await makeTenant({ extensionLength: 5 });
    const rows = Array.from({ length: 1_000 }, (_, i) => ({ number: String(20_000 + i), displayName: `User ${i}`, voicemailPin: i % 2 ? '4826' : undefined }));
    const bad = await caught(bulkCreateExtensions(ctx(), tenant.id, [...rows, { number: '12', displayName: 'Too short' }]));
    expect(bad.code).toBe('validation');
    expect(await sql('SELECT COUNT(*) AS n FROM sb_extensions WHERE tenant_id = ?', [tenant.id])).toEqual([{ n: 0 }]);
    const made = await bulkCreateExtensions(ctx(), tenant.id, rows);
    expect(made.created).toBe(1_000);
    expect(made.secrets).toHaveLength(1_000);
    const [counts] = await sql<{ endpoints: number; boxes: number }>(
      'SELECT (SELECT COUNT(*) FROM ps_endpoints WHERE context = ?) AS endpoints, (SELECT COUNT(*) FROM voicemail WHERE context = ?) AS boxes', [tenant.context, tenant.context]);
    expect(counts).toEqual({ endpoints: 1_000, boxes: 500 });
  });

  it('lists in pages that walk the whole tenant once, in each sort, and finds by name, number or e-mail', async () => {
    const tenant = await makeTenant({ extensionLength: 5 });
    const rows = Array.from({ length: 120 }, (_, i) => ({ number: String(30_000 + i), displayName: `${i % 3 ? 'Ana' : 'Lena'} Person ${i}`, email: `p${i}@example.com` }));
    await bulkCreateExtensions(ctx(), tenant.id, rows);
    for (const sort of ['number', 'displayName', 'createdAt'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listExtensions(ctx(), tenant.id, { sort, limit: 50, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((e) => e.number));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(120);
      expect(seen).toHaveLength(120);
    }
    const first = await listExtensions(ctx(), tenant.id, { limit: 2 });
    expect(first.items[0]).toMatchObject({ number: '30000', active: true, allowExternal: true, hasVoicemail: false });
    expect(first.items[0].createdAt).toBeInstanceOf(Date);
    const lena = await listExtensions(ctx(), tenant.id, { q: 'LENA', limit: 100, withTotal: true });
    expect(lena.total).toBe(40);
    expect(lena.items.every((e) => e.displayName.startsWith('Lena'))).toBe(true);
    expect((await listExtensions(ctx(), tenant.id, { q: 'p7@example' })).items.map((e) => e.number)).toEqual(['30007']);
  });
});
