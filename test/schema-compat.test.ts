/**
 * Asterisk reads our rows directly: after our migrations, on an empty database and on one that
 * already holds Asterisk's tables, every table, column, type and enum value must be exactly what
 * Asterisk's own DDL makes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { createDatabase, dropDatabase, withClient } from './support/pg.ts';

const vendored = new URL('../prisma/asterisk/postgresql_config.sql', import.meta.url);
const shared = new URL('../../shared/asterisk/postgresql_config.sql', import.meta.url);
const asteriskDdl = readFileSync(existsSync(shared) ? shared : vendored, 'utf8');

type Shape = { columns: Record<string, string>; enums: Record<string, string[]>; revision: string };

async function shapeOf(url: string, tables: string[]): Promise<Shape> {
  return withClient(url, async (c) => {
    const cols = await c.query(
      `SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision,
              numeric_scale, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ANY($1)`,
      [tables],
    );
    const columns: Record<string, string> = {};
    for (const r of cols.rows)
      columns[`${r.table_name}.${r.column_name}`] = [r.data_type, r.udt_name, r.character_maximum_length, r.numeric_precision, r.numeric_scale, r.is_nullable, r.column_default].join('|');
    const en = await c.query(
      `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typname NOT LIKE 'sb\\_%' GROUP BY t.typname`,
    );
    const enums = Object.fromEntries(en.rows.map((r) => [r.typname, r.labels]));
    const rev = await c.query('SELECT version_num FROM alembic_version');
    return { columns, enums, revision: rev.rows[0]?.version_num };
  });
}

describe('Asterisk schema compatibility', () => {
  let reference: string, empty: string, existing: string;
  let tables: string[];

  beforeAll(async () => {
    [reference, empty, existing] = await Promise.all([
      createDatabase('sb_ref'),
      createDatabase('sb_empty'),
      createDatabase('sb_existing'),
    ]);
    // The reference and the "existing Asterisk" database are made exactly as Asterisk's docs say.
    await withClient(reference, (c) => c.query(asteriskDdl));
    await withClient(existing, async (c) => {
      await c.query(asteriskDdl);
      await c.query(`INSERT INTO ps_endpoints (id, context, allow, aors) VALUES ('legacy-phone', 'from-internal', 'ulaw', 'legacy-phone')`);
      await c.query(`INSERT INTO ps_aors (id, max_contacts) VALUES ('legacy-phone', 2)`);
    });
    await migrate(empty);
    await migrate(existing);
    tables = await withClient(reference, async (c) =>
      (await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).rows.map((r) => r.table_name),
    );
  });

  afterAll(async () => {
    await Promise.all([reference, empty, existing].filter(Boolean).map(dropDatabase));
  });

  it('ships an unmodified copy of Asterisk 22.11 DDL', () => {
    const md5 = createHash('md5').update(readFileSync(vendored)).digest('hex');
    expect(md5).toBe('2f9df44f3c8a9a89085c8cc18a73b35d');
  });

  it('creates every Asterisk table and column with the same type on an empty database', async () => {
    const want = await shapeOf(reference, tables);
    const got = await shapeOf(empty, tables);
    expect(tables).toEqual(expect.arrayContaining(['ps_endpoints', 'ps_auths', 'ps_aors', 'ps_contacts', 'ps_endpoint_id_ips', 'ps_domain_aliases', 'ps_registrations', 'voicemail', 'extensions']));
    expect(Object.keys(want.columns).length).toBeGreaterThan(500);
    expect(got.columns).toEqual(want.columns);
    expect(got.enums).toEqual(want.enums);
    expect(got.revision).toBe('2285f2ace275');
  });

  it('leaves an existing Asterisk database and its rows untouched, adding only its own tables', async () => {
    const want = await shapeOf(reference, tables);
    const got = await shapeOf(existing, tables);
    expect(got.columns).toEqual(want.columns);
    expect(got.enums).toEqual(want.enums);
    expect(got.revision).toBe('2285f2ace275');
    const rows = await withClient(existing, async (c) => ({
      endpoint: (await c.query(`SELECT id, context, allow FROM ps_endpoints`)).rows,
      aor: (await c.query(`SELECT id, max_contacts FROM ps_aors`)).rows,
      ours: (await c.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name LIKE 'sb\\_%'`)).rows[0].n,
      note: (await c.query(`SELECT note FROM sb_schema_migrations WHERE name = '0000_asterisk_realtime'`)).rows[0].note,
    }));
    expect(rows.endpoint).toEqual([{ id: 'legacy-phone', context: 'from-internal', allow: 'ulaw' }]);
    expect(rows.aor).toEqual([{ id: 'legacy-phone', max_contacts: 2 }]);
    expect(rows.ours).toBeGreaterThanOrEqual(5);
    expect(rows.note).toMatch(/adopted/);
  });

  it('is safe to run again and refuses an edited, already applied migration', async () => {
    const again = await migrate(empty);
    expect(again.applied).toEqual([]);
    await withClient(empty, (c) => c.query(`UPDATE sb_schema_migrations SET checksum = repeat('0', 64) WHERE name = '0001_switchboard_core'`));
    await expect(migrate(empty)).rejects.toThrow(/was changed after it was applied/);
  });

  it('stores and reads back a contact exactly as Asterisk writes one on REGISTER', async () => {
    // Push-notification parameters make URIs this long (the reason Asterisk widened the column to 511).
    const uri = 'sip:1001@198.51.100.7:5060;transport=udp;pn-provider=apns;pn-prid='.padEnd(511, 'a');
    expect(uri.length).toBe(511);
    const contact = {
      id: '1001@acme.example.com^3B@05b1c7a4e2f3d6b8a9c0d1e2f3a4b5c6',
      uri,
      expiration_time: 1795234190,
      qualify_frequency: 60,
      qualify_timeout: 3,
      qualify_2xx_only: 'false',
      authenticate_qualify: 'no',
      prune_on_boot: 'no',
      outbound_proxy: '',
      path: '',
      user_agent: 'Yealink SIP-T54W 96.86.0.100',
      reg_server: `asterisk-${'r'.repeat(200)}.eu-central-1.compute.internal`,
      via_addr: '198.51.100.7',
      via_port: 5060,
      call_id: '3c2bd9d4a1f24b1c8e6f@198.51.100.7',
      endpoint: '1001@acme.example.com',
    };
    const cols = Object.keys(contact);
    await withClient(empty, (c) =>
      c.query(`INSERT INTO ps_contacts (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(contact)),
    );
    const db = createDb(empty, { max: 1 });
    try {
      const row = await db.psContact.findUnique({ where: { id: contact.id } });
      expect(row).toMatchObject({
        uri,
        expiration_time: 1795234190n,
        qualify_2xx_only: 'false',
        authenticate_qualify: 'no',
        prune_on_boot: 'no',
        user_agent: contact.user_agent,
        reg_server: contact.reg_server,
        endpoint: contact.endpoint,
      });
    } finally {
      await db.$disconnect();
    }
  });
});
