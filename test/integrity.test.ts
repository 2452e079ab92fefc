import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { addDid } from '../lib/domain/did/add-did.ts';
import { changeSipSecret } from '../lib/domain/extension/change-secret.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { deleteExtension } from '../lib/domain/extension/delete-extension.ts';
import { updateExtension } from '../lib/domain/extension/update-extension.ts';
import type { IntegrityReport } from '../lib/domain/integrity/types.ts';
import { verifyIntegrity } from '../lib/domain/integrity/verify.ts';
import { caught, makeTenant, platform, tenantAdmin, uniq } from './support/fixtures.ts';
import { createDatabase, dropDatabase, withClient } from './support/pg.ts';

// A database of its own: `--fix` without a tenant works on the whole database, and the other
// test files of the run plant rows of their own (unowned endpoints, say) in the shared one.
let url: string;
let db: Db;
beforeAll(async () => {
  url = await createDatabase('sb_integrity');
  await migrate(url);
  db = createDb(url, { max: 4 });
});
afterAll(async () => {
  await db?.$disconnect();
  if (url && !process.env.KEEP_TEST_DB) await dropDatabase(url);
});

const run = (text: string, params: unknown[] = []) => withClient(url, async (c) => (await c.query(text, params)).rows);
const verify = (options: { fix?: boolean; tenant?: string } = {}) => verifyIntegrity({ actor: platform, db }, options);
/** The checks that are not simply ok, with their status. */
const notOk = (r: IntegrityReport) => Object.fromEntries(r.checks.filter((c) => c.status !== 'ok').map((c) => [c.id, c.status]));
const check = (r: IntegrityReport, id: string) => r.checks.find((c) => c.id === id)!;
let dids = 100;
/** A fresh inbound number (555-01XX: fictional, and valid to libphonenumber). */
const did = () => `+14155550${dids++}`;

/**
 * A tenant as Switchboard leaves it, with what a real PBX has beside it: a main number and a
 * second DID, extensions with and without mailbox, a deactivated one, one adopted from before
 * Switchboard (its own ids, context and realm), and the outbound trunk whose auth, aor and
 * registration are named in the tenant's namespace.
 */
async function pbx() {
  const main = did();
  const tenant = await makeTenant(db, { mainDid: main });
  const ctx = { actor: platform, db };
  const d = tenant.sipDomain;
  const second = await addDid(ctx, tenant.id, { number: did() });
  const ext = async (number: string, extra: Record<string, unknown> = {}) =>
    (await createExtension(ctx, tenant.id, { number, displayName: `User ${number}`, ...extra })).extension;
  const e1001 = await ext('1001', { voicemailPin: '4826' });
  const e1002 = await ext('1002');
  const e1003 = await ext('1003', { callerId: second.e164 });
  const e1004 = await ext('1004', { active: false });

  const trunk = `itsp-${tenant.slug}`;
  await run(`UPDATE sb_tenants SET outbound_trunk = $1 WHERE id = $2`, [trunk, tenant.id]);
  await run(`INSERT INTO ps_endpoints (id, context, aors, outbound_auth) VALUES ($1, 'from-trunk', $2, $2)`, [trunk, `trunk@${d}`]);
  await run(`INSERT INTO ps_auths (id, auth_type, username, password) VALUES ($1, 'userpass', 'acct', 'x'), ($2, 'userpass', 'acct', 'y')`, [`trunk@${d}`, `reg@${d}`]);
  await run(`INSERT INTO ps_aors (id, contact) VALUES ($1, 'sip:itsp.example.net')`, [`trunk@${d}`]);
  await run(`INSERT INTO ps_registrations (id, server_uri, client_uri, outbound_auth, endpoint) VALUES ($1, 'sip:itsp.example.net', 'sip:acct@itsp.example.net', $2, $3)`, [
    `reg-${tenant.slug}`,
    `reg@${d}`,
    trunk,
  ]);

  // Adopted from the PBX's own configuration: Asterisk's documentation style ids, realm and context.
  const adopted = `${tenant.slug}-2001`;
  await run(`INSERT INTO ps_endpoints (id, context, aors, auth) VALUES ($1, 'from-internal', $1, $1)`, [adopted]);
  await run(`INSERT INTO ps_auths (id, auth_type, username, realm, md5_cred) VALUES ($1, 'md5', '2001', 'asterisk', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')`, [adopted]);
  // More phones than a record may name (10): adopted as 10, the aor keeps its own limit.
  await run(`INSERT INTO ps_aors (id, max_contacts) VALUES ($1, 20)`, [adopted]);
  await run(
    `INSERT INTO sb_extensions (tenant_id, number, display_name, max_contacts, endpoint_id, auth_id, aor_id) VALUES ($1, '2001', 'Adopted', 10, $2, $2, $2)`,
    [tenant.id, adopted],
  );
  return { tenant, d, trunk, adopted, e1001, e1002, e1003, e1004, ctx };
}

describe('db verify: a database as Switchboard writes it', () => {
  it('is clean: every check ok, trunks and adopted endpoints included', async () => {
    await pbx();
    const report = await verify();
    expect(notOk(report)).toEqual({});
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual([
      'connection', 'migrations', 'asterisk-schema', 'missing-sip-rows', 'missing-mailbox', 'orphan-sip-rows',
      'unowned-in-context', 'stale-contacts', 'realm-mismatch', 'endpoint-context', 'max-contacts', 'caller-id',
    ]);
    expect(check(report, 'connection').summary).toMatch(/^PostgreSQL \d+/);
    expect(check(report, 'migrations').summary).toMatch(/steps applied, the latest \d{4}_/);
  });

  it('refuses anyone but a platform admin, and names an unknown tenant', async () => {
    const { tenant } = await pbx();
    expect((await caught(verifyIntegrity({ actor: tenantAdmin(tenant.id), db }))).code).toBe('forbidden');
    expect((await caught(verify({ tenant: 'no-such-tenant' }))).code).toBe('not_found');
  });
});

describe('db verify: planted problems', () => {
  it('an extension whose ps_auths row is gone is reported with advice and left for a person', async () => {
    const { tenant, d, adopted, e1002, ctx } = await pbx();
    await run(`DELETE FROM ps_auths WHERE id = ANY($1)`, [[`1002@${d}`, adopted]]);

    const report = await verify({ tenant: tenant.slug });
    expect(notOk(report)).toEqual({ 'missing-sip-rows': 'problem' });
    const missing = check(report, 'missing-sip-rows');
    expect(missing.fixable).toBe(false);
    expect(missing.count).toBe(2);
    // Found by the ids our records hold, whatever their form.
    expect(missing.rows).toEqual([
      { tenant: tenant.slug, table: 'sb_extensions', id: `1002@${d}`, detail: `extension 1002: no ps_auths 1002@${d}` },
      { tenant: tenant.slug, table: 'sb_extensions', id: adopted, detail: `extension 2001: no ps_auths ${adopted}` },
    ]);
    expect(missing.advice).toContain('extensions rm');

    const fixed = await verify({ tenant: tenant.slug, fix: true });
    expect(notOk(fixed)).toEqual({ 'missing-sip-rows': 'problem' });
    expect(check(fixed, 'missing-sip-rows').repairs).toBeUndefined();
    expect(fixed.ok).toBe(false);

    await deleteExtension(ctx, e1002.id);
    const adoptedExt = await db.extension.findFirstOrThrow({ where: { endpointId: adopted } });
    await deleteExtension(ctx, adoptedExt.id);
    expect((await verify({ tenant: tenant.slug })).ok).toBe(true);
  });

  it('orphaned rows `1234@<domain>` are deleted with their registration, listed and audited; the trunk stays', async () => {
    const { tenant, d, trunk } = await pbx();
    const id = `1234@${d}`;
    await run(`INSERT INTO ps_endpoints (id, context, aors, auth) VALUES ($1, $2, $1, $1)`, [id, tenant.context]);
    await run(`INSERT INTO ps_auths (id, auth_type, username, realm, md5_cred) VALUES ($1, 'md5', '1234', $2, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')`, [id, d]);
    await run(`INSERT INTO ps_aors (id, max_contacts) VALUES ($1, 1)`, [id]);
    await run(`INSERT INTO ps_contacts (id, uri, endpoint, expiration_time) VALUES ($1, 'sip:1234@192.0.2.7:5060', $2, 4102444800)`, [`${id}^3B@0a1b2c`, id]);

    const report = await verify();
    expect(notOk(report)).toEqual({ 'orphan-sip-rows': 'problem' });
    expect(check(report, 'orphan-sip-rows').rows).toEqual(
      ['ps_endpoints', 'ps_auths', 'ps_aors'].map((table) => ({ tenant: tenant.slug, table, id, detail: 'no extension owns it' })),
    );

    const fixed = await verify({ fix: true });
    expect(fixed.ok).toBe(true);
    const orphans = check(fixed, 'orphan-sip-rows');
    expect(orphans.status).toBe('fixed');
    expect(orphans.remaining).toBe(0);
    expect(orphans.repairs!.map((r) => [r.table, r.id])).toEqual([
      ['ps_contacts', `${id}^3B@0a1b2c`],
      ['ps_endpoints', id],
      ['ps_auths', id],
      ['ps_aors', id],
    ]);
    for (const table of ['ps_endpoints', 'ps_auths', 'ps_aors']) expect(await run(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).toEqual([]);
    expect(await run(`SELECT 1 FROM ps_contacts WHERE endpoint = $1`, [id])).toEqual([]);
    // What a trunk uses is never an orphan, whatever it is called.
    expect(await run(`SELECT id FROM ps_endpoints WHERE id = $1`, [trunk])).toHaveLength(1);
    expect(await run(`SELECT id FROM ps_auths WHERE id = ANY($1) ORDER BY id`, [[`reg@${d}`, `trunk@${d}`]])).toHaveLength(2);
    expect(await run(`SELECT id FROM ps_aors WHERE id = $1`, [`trunk@${d}`])).toHaveLength(1);

    const audit = await db.auditEntry.findMany({ where: { action: 'integrity.fix', tenantId: tenant.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorLabel: platform.label, targetId: 'orphan-sip-rows', after: { repairs: 4 } });

    expect((await verify()).ok).toBe(true);
  });

  it('contacts of deleted endpoints are deleted; a live phone keeps its registration', async () => {
    const { tenant, d } = await pbx();
    await run(
      `INSERT INTO ps_contacts (id, uri, endpoint, expiration_time) VALUES
         ($1, 'sip:5555@192.0.2.8', $2, 4102444800),
         ($3, 'sip:7777@192.0.2.9', NULL, 4102444800),
         ($4, 'sip:1001@192.0.2.10', $5, 4102444800)`,
      [`5555@${d}^3B@aa11`, `5555@${d}`, `7777@${d};@bb22`, `1001@${d}^3B@cc33`, `1001@${d}`],
    );
    const report = await verify({ tenant: tenant.slug });
    expect(notOk(report)).toEqual({ 'stale-contacts': 'problem' });
    expect(check(report, 'stale-contacts').rows.map((r) => [r.id, r.detail])).toEqual([
      [`5555@${d}^3B@aa11`, `endpoint 5555@${d} does not exist`],
      [`7777@${d};@bb22`, 'its aor does not exist'],
    ]);

    const fixed = await verify({ tenant: tenant.slug, fix: true });
    expect(fixed.ok).toBe(true);
    expect(check(fixed, 'stale-contacts').repairs!.map((r) => r.id)).toEqual([`5555@${d}^3B@aa11`, `7777@${d};@bb22`]);
    expect((await run(`SELECT id FROM ps_contacts WHERE id LIKE $1`, [`%@${d}%`])).map((r) => r.id)).toEqual([`1001@${d}^3B@cc33`]);
    expect((await verify({ tenant: tenant.slug })).ok).toBe(true);
  });

  it('a digest whose realm changed is reported, not repaired; a new secret repairs it', async () => {
    const { tenant, d, e1001, ctx } = await pbx();
    await run(`UPDATE ps_auths SET realm = 'old.example.com' WHERE id = $1`, [`1001@${d}`]);

    const report = await verify({ tenant: tenant.slug, fix: true });
    expect(notOk(report)).toEqual({ 'realm-mismatch': 'problem' });
    const realm = check(report, 'realm-mismatch');
    expect(realm.rows).toEqual([{ tenant: tenant.slug, table: 'ps_auths', id: `1001@${d}`, detail: `extension 1001: realm "old.example.com", not ${d}` }]);
    expect(realm.fixable).toBe(false);
    expect(realm.advice).toContain('new SIP secret');
    expect((await run(`SELECT realm FROM ps_auths WHERE id = $1`, [`1001@${d}`]))[0].realm).toBe('old.example.com');

    await changeSipSecret(ctx, e1001.id);
    expect((await verify({ tenant: tenant.slug })).ok).toBe(true);
  });

  it('fields of ours that drifted are put back: context, max_contacts, caller ID, a vanished mailbox', async () => {
    const { tenant, d, adopted, e1001, ctx } = await pbx();
    await run(`UPDATE ps_endpoints SET context = 'from-internal' WHERE id = $1`, [`1002@${d}`]);
    await run(`UPDATE ps_aors SET max_contacts = 0 WHERE id = $1`, [adopted]); // active, yet every phone refused
    await run(`UPDATE ps_aors SET max_contacts = 2 WHERE id = $1`, [`1004@${d}`]); // deactivated: must be 0
    await run(`INSERT INTO ps_contacts (id, uri, endpoint, expiration_time) VALUES ($1, 'sip:1004@192.0.2.11', $2, 4102444800)`, [`1004@${d}^3B@dd44`, `1004@${d}`]);
    await run(`UPDATE ps_endpoints SET set_var = NULL WHERE id = $1`, [`1003@${d}`]);
    const [{ set_var: mainNumber }] = await run(`SELECT set_var FROM ps_endpoints WHERE id = $1`, [`1002@${d}`]);
    const box = await db.extension.findUniqueOrThrow({ where: { id: e1001.id }, select: { voicemailId: true } });
    await run(`DELETE FROM voicemail WHERE uniqueid = $1`, [box.voicemailId]);

    const report = await verify({ tenant: tenant.slug });
    expect(notOk(report)).toEqual({ 'missing-mailbox': 'problem', 'endpoint-context': 'problem', 'max-contacts': 'problem', 'caller-id': 'problem' });
    expect(check(report, 'caller-id').rows[0].detail).toMatch(/^extension 1003: set_var empty, should be SWITCHBOARD_CLID=\+1/);

    const fixed = await verify({ tenant: tenant.slug, fix: true });
    expect(fixed.ok).toBe(true);
    expect(notOk(fixed)).toEqual({ 'missing-mailbox': 'fixed', 'endpoint-context': 'fixed', 'max-contacts': 'fixed', 'caller-id': 'fixed' });
    expect(check(fixed, 'max-contacts').repairs!.map((r) => [r.id, r.done])).toEqual([
      [`1004@${d}`, 'max_contacts set to 0 (was 2)'],
      [adopted, 'max_contacts set to 10 (was 0)'],
      [`1004@${d}^3B@dd44`, 'deleted (registration of a deactivated extension)'],
    ]);

    const [e1002row] = await run(`SELECT context, subscribe_context FROM ps_endpoints WHERE id = $1`, [`1002@${d}`]);
    expect(e1002row).toEqual({ context: tenant.context, subscribe_context: tenant.context });
    expect((await run(`SELECT max_contacts FROM ps_aors WHERE id = $1`, [`1004@${d}`]))[0].max_contacts).toBe(0);
    expect(await run(`SELECT 1 FROM ps_contacts WHERE endpoint = $1`, [`1004@${d}`])).toEqual([]);
    const [e1003row] = await run(`SELECT set_var FROM ps_endpoints WHERE id = $1`, [`1003@${d}`]);
    expect(e1003row.set_var).toMatch(/^SWITCHBOARD_CLID=\+1/);
    expect(e1003row.set_var).not.toBe(mainNumber); // its own DID, not the main number
    const [mailbox] = await run(`SELECT e.mailboxes, x.voicemail_id FROM sb_extensions x JOIN ps_endpoints e ON e.id = x.endpoint_id WHERE x.id = $1`, [e1001.id]);
    expect(mailbox).toEqual({ mailboxes: null, voicemail_id: null });
    expect(await db.auditEntry.count({ where: { action: 'integrity.fix', tenantId: tenant.id } })).toBe(4);

    // The state left behind is one the portal can carry on from: a new PIN gives a new mailbox.
    await updateExtension(ctx, e1001.id, { voicemailPin: '7392' });
    expect((await verify({ tenant: tenant.slug })).ok).toBe(true);
  });

  it("an endpoint and a mailbox in the tenant's context that nobody owns are named, never deleted", async () => {
    const { tenant } = await pbx();
    const door = `door-${tenant.slug}`;
    await run(`INSERT INTO ps_endpoints (id, context) VALUES ($1, $2)`, [door, tenant.context]);
    await run(`INSERT INTO voicemail (context, mailbox, password) VALUES ($1, '8888', '1234')`, [tenant.context]);

    const report = await verify({ tenant: tenant.slug, fix: true });
    expect(notOk(report)).toEqual({ 'unowned-in-context': 'problem' });
    expect(check(report, 'unowned-in-context').rows.map((r) => [r.table, r.id])).toEqual([
      ['ps_endpoints', door],
      ['voicemail', `8888@${tenant.context}`],
    ]);
    expect(check(report, 'unowned-in-context').advice).toContain('switchboard adopt');
    expect(await run(`SELECT 1 FROM ps_endpoints WHERE id = $1`, [door])).toHaveLength(1);

    await run(`DELETE FROM ps_endpoints WHERE id = $1`, [door]);
    await run(`DELETE FROM voicemail WHERE context = $1 AND mailbox = '8888'`, [tenant.context]);
  });

  it('--tenant looks at that tenant only, and repairs nothing of another', async () => {
    const a = await pbx();
    const b = await pbx();
    const orphan = `4321@${b.d}`;
    await run(`INSERT INTO ps_endpoints (id, context) VALUES ($1, $2)`, [orphan, b.tenant.context]);

    const onlyA = await verify({ tenant: a.tenant.slug, fix: true });
    expect(onlyA.ok).toBe(true);
    expect(onlyA.tenant).toBe(a.tenant.slug);
    expect(await run(`SELECT 1 FROM ps_endpoints WHERE id = $1`, [orphan])).toHaveLength(1);

    const onlyB = await verify({ tenant: b.tenant.slug, fix: true });
    expect(check(onlyB, 'orphan-sip-rows').repairs).toEqual([{ tenant: b.tenant.slug, table: 'ps_endpoints', id: orphan, done: 'deleted (no extension owned it)' }]);
    expect((await verify()).ok).toBe(true);
  });
});

describe('db verify: the database itself', () => {
  it('reports a step not applied, one changed after it was applied, and one this version does not know', async () => {
    const [last] = await run(`SELECT name, checksum FROM sb_schema_migrations ORDER BY name DESC LIMIT 1`);
    const [first] = await run(`SELECT checksum FROM sb_schema_migrations WHERE name = '0001_switchboard_core'`);
    try {
      await run(`DELETE FROM sb_schema_migrations WHERE name = $1`, [last.name]);
      await run(`UPDATE sb_schema_migrations SET checksum = repeat('0', 64) WHERE name = '0001_switchboard_core'`);
      await run(`INSERT INTO sb_schema_migrations (name, checksum) VALUES ('9999_from_the_future', repeat('f', 64))`);
      const report = await verify({ fix: true });
      expect(notOk(report)).toEqual({ migrations: 'problem' });
      expect(check(report, 'migrations').rows).toEqual([
        { tenant: null, table: 'sb_schema_migrations', id: '0001_switchboard_core', detail: 'changed since it was applied (checksum differs)' },
        { tenant: null, table: 'sb_schema_migrations', id: last.name, detail: 'not applied' },
        { tenant: null, table: 'sb_schema_migrations', id: '9999_from_the_future', detail: 'applied, but unknown to this version of Switchboard' },
      ]);
      expect(check(report, 'migrations').advice).toContain('switchboard db migrate');
    } finally {
      await run(`DELETE FROM sb_schema_migrations WHERE name = '9999_from_the_future'`);
      await run(`UPDATE sb_schema_migrations SET checksum = $1 WHERE name = '0001_switchboard_core'`, [first.checksum]);
      await run(`INSERT INTO sb_schema_migrations (name, checksum) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [last.name, last.checksum]);
    }
    expect((await verify()).ok).toBe(true);
  });

  it("reports an Asterisk schema revision it does not know and a column Asterisk writes that is missing", async () => {
    const [{ version_num }] = await run(`SELECT version_num FROM alembic_version`);
    try {
      await run(`UPDATE alembic_version SET version_num = 'ffffffffffff'`);
      await run(`ALTER TABLE ps_contacts RENAME COLUMN via_port TO via_port_gone`);
      const report = await verify();
      expect(notOk(report)).toEqual({ 'asterisk-schema': 'problem' });
      const rows = check(report, 'asterisk-schema').rows;
      expect(rows[0]).toMatchObject({ id: 'ffffffffffff', detail: expect.stringContaining('not one Switchboard knows') });
      expect(rows[1]).toEqual({ tenant: null, table: 'ps_contacts', id: 'via_port', detail: 'column missing' });
    } finally {
      await run(`ALTER TABLE ps_contacts RENAME COLUMN via_port_gone TO via_port`);
      await run(`UPDATE alembic_version SET version_num = $1`, [version_num]);
    }
  });

  it('a database never migrated: the migrations are pending and the records checks are skipped', async () => {
    const empty = await createDatabase('sb_integrity_empty');
    const emptyDb = createDb(empty, { max: 2 });
    try {
      const report = await verifyIntegrity({ actor: platform, db: emptyDb }, { tenant: uniq('t') });
      expect(report.ok).toBe(false);
      expect(check(report, 'connection').status).toBe('ok');
      expect(check(report, 'migrations')).toMatchObject({ status: 'problem', summary: expect.stringContaining('never migrated') });
      expect(check(report, 'asterisk-schema').status).toBe('problem');
      const records = report.checks.slice(3);
      expect(records.every((c) => c.status === 'skipped' && c.summary.includes('run switchboard db migrate'))).toBe(true);
    } finally {
      await emptyDb.$disconnect();
      await dropDatabase(empty);
    }
  });
});
