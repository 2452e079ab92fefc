/**
 * Tenant backup and restore: a backup restored into a fresh database gives the same Asterisk rows
 * and records; no plaintext secret ever leaves; invalid documents and conflicts are reported in
 * full with nothing written; only the tenant's admins can export and only platform admins restore.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { exportTenant } from '../lib/domain/backup/export-tenant.ts';
import type { BackupDocument } from '../lib/domain/backup/format.ts';
import { restoreTenant } from '../lib/domain/backup/restore-tenant.ts';
import { loadDirectory, saveDirectorySettings } from '../lib/domain/directory/settings.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { explainCall } from '../lib/domain/routing/explain-call.ts';
import { caught, makeTenant, platform, sql, tenantAdmin, useDb, viewer } from './support/fixtures.ts';
import { md5, richTenant, tenantSnapshot } from './support/backup-fixture.ts';
import { createDatabase, dropDatabase } from './support/pg.ts';

process.env.DIRECTORY_SECRET_KEY ??= randomBytes(32).toString('base64');
const { db, url } = useDb();
const ctx = { actor: platform, db };

/** A second installation: its own database, migrated from scratch. */
let url2: string;
let db2: Db;
beforeAll(async () => {
  url2 = await createDatabase('sb_restore');
  await migrate(url2);
  db2 = createDb(url2, { max: 4 });
});
afterAll(async () => {
  await db2?.$disconnect();
  if (url2) await dropDatabase(url2);
});
const ctx2 = () => ({ actor: platform, db: db2 });

const copy = (doc: BackupDocument) => JSON.parse(JSON.stringify(doc));
const count = async (u: string, table: string) => (await sql<{ n: number }>(u, `SELECT count(*)::int AS n FROM ${table}`))[0].n;

describe('backup then restore', () => {
  it('gives the same Asterisk rows, column by column, and the same records on a fresh installation', async () => {
    const { tenant, sales, main, adopted } = await richTenant(db, url);
    const { document, counts } = await exportTenant(ctx, tenant.slug);
    expect(counts).toEqual({ dids: 3, extensions: 5, mailboxes: 3, directory: true });
    // Through JSON as a file would carry it.
    const summary = await restoreTenant(ctx2(), JSON.parse(JSON.stringify(document)));
    expect(summary).toMatchObject({ dryRun: false, extensions: 5, mailboxes: 3, directory: true, tenant: { slug: tenant.slug, sipDomain: tenant.sipDomain } });
    expect(summary.dids).toHaveLength(3);

    const before = await tenantSnapshot(url, tenant.slug);
    const after = await tenantSnapshot(url2, tenant.slug);
    for (const table of ['ps_endpoints', 'ps_auths', 'ps_aors', 'voicemail'] as const) {
      expect(after![table].length, table).toBe(before![table].length);
      after![table].forEach((row, i) => expect(row.r, `${table} ${i}`).toEqual(before![table][i].r));
    }
    expect(after).toEqual(before);
    // Spot checks of what makes the phones work, as Asterisk reads it.
    const [auth] = await sql(url2, 'SELECT auth_type, username, realm, password, md5_cred, password_digest, supported_algorithms_uas FROM ps_auths WHERE id = $1', [`1001@${tenant.sipDomain}`]);
    expect(auth).toMatchObject({ auth_type: 'md5', username: '1001', realm: tenant.sipDomain, password: null, supported_algorithms_uas: 'SHA-256,MD5' });
    expect(auth.md5_cred).toBe(md5(`1001:${tenant.sipDomain}:Vq7#Lm2!Zx9$Rt`));
    expect(auth.password_digest).toMatch(/^SHA-256:[0-9a-f]{64}$/);
    const [adoptedRow] = await sql(url2, 'SELECT "100rel", language, rtp_timeout, set_var FROM ps_endpoints WHERE id = $1', [adopted]);
    expect(adoptedRow).toEqual({ '100rel': 'yes', language: 'de', rtp_timeout: 60, set_var: null });
    const [erin] = await sql(url2, 'SELECT x.voicemail_box, v.context, v.password FROM sb_extensions x JOIN voicemail v ON v.uniqueid = x.voicemail_id WHERE x.endpoint_id = $1', [adopted]);
    expect(erin).toEqual({ voicemail_box: `2001@legacy-${tenant.slug}`, context: `legacy-${tenant.slug}`, password: '97531' });
    const setVars = await sql(url2, `SELECT x.number, e.set_var FROM sb_extensions x JOIN ps_endpoints e ON e.id = x.endpoint_id
                                      JOIN sb_tenants t ON t.id = x.tenant_id WHERE t.slug = $1 AND x.number LIKE '100%' ORDER BY x.number`, [tenant.slug]);
    expect(setVars.map((r) => r.set_var)).toEqual([`SWITCHBOARD_CLID=${main}`, `SWITCHBOARD_CLID=${sales}`, `SWITCHBOARD_CLID=${main}`, `SWITCHBOARD_CLID=${main}`]);

    // The restored tenant routes calls as the original did.
    const restored = summary.tenant.id!;
    const outbound = await explainCall(ctx2(), restored, { direction: 'outbound', from: '1002', dial: '3125550123' });
    expect(outbound).toMatchObject({ allowed: true, callerId: sales });
    // A backup of the restored tenant is the backup itself (the unseen secret excepted: it was not carried).
    const again = (await exportTenant(ctx2(), tenant.slug)).document;
    const strip = (d: BackupDocument) => ({ ...d, createdAt: null, notes: null, extensions: d.extensions.map(({ unrevealedSecret: _u, ...e }) => e) });
    expect(strip(again)).toEqual(strip(document));
  });

  it('tells what an admin must still do: directory password, unseen secrets, the trunk; the directory refuses to sync until then', async () => {
    const { tenant } = await richTenant(db, url);
    const { document } = await exportTenant(ctx, tenant.slug);
    expect(document.extensions.find((e) => e.number === '1004')?.unrevealedSecret).toBe(true);
    expect(JSON.stringify(document)).not.toContain('v1:sealed');
    expect(JSON.stringify(document)).not.toContain('Directory-Pa55');
    expect(document.directory).not.toHaveProperty('bindPasswordSealed');
    expect(document.notes!.join(' ')).toMatch(/bind password is not included/);

    const summary = await restoreTenant(ctx2(), copy(document));
    expect(summary.warnings).toEqual([
      'The directory settings were restored without the bind password: enter it again before the next sync (scheduled syncs fail until then).',
      'Extension 1004 needs a new SIP secret: the one generated for it was never shown and is not in a backup.',
      'Outside calls leave through the trunk endpoint "itsp", which is not part of a backup: it must exist on this PBX.',
    ]);
    const err = await caught(loadDirectory(db2, summary.tenant.id!));
    expect(err.message).toMatch(/No bind password is stored .* enter it again/);
    // Entering it again is all it takes.
    await saveDirectorySettings(ctx2(), summary.tenant.id!, { ...document.directory!, bindPassword: 'New-Directory-Pa55' });
    expect((await loadDirectory(db2, summary.tenant.id!)).conn.bindPassword).toBe('New-Directory-Pa55');
    const [audit] = await sql(url2, `SELECT actor_label, after FROM sb_audit_log WHERE action = 'tenant.restore' AND tenant_id = $1`, [summary.tenant.id]);
    expect(audit).toMatchObject({ actor_label: platform.label, after: { slug: tenant.slug, extensions: 5, dids: 3, mailboxes: 3, directory: true } });
  });

  it('never writes a plaintext secret: userpass auths become md5 digests the same password still answers', async () => {
    const tenant = await makeTenant(db, { secretStorage: 'plaintext' });
    const secret = 'Pw7!kR2#nB5$xQ';
    await createExtension(ctx, tenant.id, { number: '1001', displayName: 'Plain', secret, voicemailPin: '2468' });
    // Adopted by hand, no realm: Asterisk would challenge with its global default realm.
    const handMade = `${tenant.slug}-1002`;
    await sql(url, `INSERT INTO ps_auths (id, auth_type, username, password) VALUES ($1, 'userpass', '1002', 'Hand-Made-Secret-7')`, [handMade]);
    await sql(url, `INSERT INTO ps_endpoints (id, aors, auth, context) VALUES ($1, $1, $1, $2)`, [handMade, tenant.context]);
    await sql(url, `INSERT INTO ps_aors (id, max_contacts) VALUES ($1, 1)`, [handMade]);
    await sql(url, `INSERT INTO sb_extensions (tenant_id, number, display_name, endpoint_id, auth_id, aor_id) VALUES ($1, '1002', 'Hand', $2, $2, $2)`, [tenant.id, handMade]);

    const { document } = await exportTenant(ctx, tenant.slug);
    const text = JSON.stringify(document);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('Hand-Made-Secret-7');
    expect(text).not.toMatch(/"password":\s*"(?!2468)/); // the only password left is the mailbox PIN
    expect(document.tenant.secretStorage).toBe('md5');
    expect(document.extensions[0].auth).toEqual({
      id: `1001@${tenant.sipDomain}`, auth_type: 'md5', username: '1001', realm: tenant.sipDomain, md5_cred: md5(`1001:${tenant.sipDomain}:${secret}`),
    });
    expect(document.extensions[1].auth).toMatchObject({ auth_type: 'md5', realm: tenant.sipDomain, md5_cred: md5(`1002:${tenant.sipDomain}:Hand-Made-Secret-7`) });

    await restoreTenant(ctx2(), copy(document));
    const rows = await sql<{ id: string; auth_type: string; username: string; realm: string; password: string | null; md5_cred: string }>(
      url2, 'SELECT id, auth_type, username, realm, password, md5_cred FROM ps_auths WHERE id = ANY($1) ORDER BY id', [[`1001@${tenant.sipDomain}`, handMade]]);
    expect(rows.map((r) => [r.auth_type, r.password])).toEqual([['md5', null], ['md5', null]]);
    // A REGISTER answered with the old password is accepted by the restored row, a wrong one is not.
    const [own, hand] = rows;
    expect(digestAccepts(own, secret)).toBe(true);
    expect(digestAccepts(hand, 'Hand-Made-Secret-7')).toBe(true);
    expect(digestAccepts(own, 'Pw7!kR2#nB5$xq')).toBe(false);
    const [t2] = await sql(url2, 'SELECT secret_storage FROM sb_tenants WHERE slug = $1', [tenant.slug]);
    expect(t2.secret_storage).toBe('md5');
  });
});

/**
 * RFC 2617 digest as Asterisk checks it for an md5 auth: the phone computes the response from its
 * password, Asterisk from md5_cred (the stored HA1) and the realm it challenged with.
 */
function digestAccepts(row: { username: string; realm: string; md5_cred: string }, password: string): boolean {
  const nonce = randomBytes(8).toString('hex');
  const ha2 = md5(`REGISTER:sip:${row.realm}`);
  const fromPhone = md5(`${md5(`${row.username}:${row.realm}:${password}`)}:${nonce}:${ha2}`);
  const expected = md5(`${row.md5_cred}:${nonce}:${ha2}`);
  return fromPhone === expected;
}

describe('invalid documents', () => {
  it('are refused with every problem at its JSON path, and nothing is written', async () => {
    const { tenant } = await richTenant(db, url);
    const { document } = await exportTenant(ctx, tenant.slug);
    const tenantsBefore = await count(url2, 'sb_tenants');

    const newer = await caught(restoreTenant(ctx2(), { ...copy(document), version: 2 }));
    expect(newer.code).toBe('validation');
    expect(newer.fieldErrors).toEqual({ version: ['version 2 is newer than this installation reads (version 1); upgrade Switchboard to restore it'] });
    const other = await caught(restoreTenant(ctx2(), { format: 'something-else', version: 1 }));
    expect(other.fieldErrors).toEqual({ format: ['must be "switchboard.tenant-backup"'] });

    const bad = copy(document);
    delete bad.extensions[1].displayName;
    bad.extensions[0].auth.md5_cred = 'not-a-digest';
    bad.extensions[2].auth.password = 'plain-secret';
    bad.extensions[3].callerId = '+14155550199';
    bad.dids[0].surprise = true;
    bad.tenant.secretStorage = 'plaintext';
    const err = await caught(restoreTenant(ctx2(), bad));
    expect(err.code).toBe('validation');
    expect(err.message).toBe('The backup is invalid: 6 problems; nothing was restored');
    expect(err.fieldErrors).toEqual({
      'extensions[1].displayName': ['is required'],
      'extensions[0].auth.md5_cred': ['must be 32 hex digits (0-9, a-f)'],
      'extensions[2].auth.password': ['a backup never holds a plaintext secret (write md5_cred or password_digest instead)'],
      'extensions[3].callerId': ['must be one of the DIDs in this backup'],
      'dids[0].surprise': ['is not part of this format'],
      'tenant.secretStorage': ['must be md5, md5_sha256 or md5_then_sha256 (a backup holds no plaintext)'],
    });
    const nul = copy(document);
    nul.extensions[0].endpoint.callerid = 'Alice\u0000';
    expect((await caught(restoreTenant(ctx2(), nul))).fieldErrors).toEqual({ 'extensions[0].endpoint.callerid': ['may not contain a NUL byte'] });
    const digest = copy(document);
    digest.extensions[0].auth.password_digest = 'SHA-256:abc';
    expect((await caught(restoreTenant(ctx2(), digest))).fieldErrors).toEqual({ 'extensions[0].auth.password_digest': ['the SHA-256 digest must be 64 hex digits'] });
    expect(await count(url2, 'sb_tenants')).toBe(tenantsBefore);
  });
});

describe('conflicts', () => {
  it('restoring twice reports every conflict at once and writes nothing; a dry run writes nothing either', async () => {
    const { tenant } = await richTenant(db, url);
    const { document } = await exportTenant(ctx, tenant.slug);
    const dry = await restoreTenant(ctx2(), copy(document), { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, extensions: 5, mailboxes: 3, tenant: { id: null, slug: tenant.slug } });
    expect(await tenantSnapshot(url2, tenant.slug)).toBeNull();

    await restoreTenant(ctx2(), copy(document));
    const tables = ['sb_tenants', 'sb_dids', 'sb_extensions', 'ps_endpoints', 'ps_auths', 'ps_aors', 'voicemail', 'sb_audit_log'];
    const before = await Promise.all(tables.map((t) => count(url2, t)));
    for (const dryRun of [true, false]) {
      const err = await caught(restoreTenant(ctx2(), copy(document), { dryRun }));
      expect(err.code).toBe('conflict');
      const owner = `tenant "${tenant.slug}"`;
      const expected: Record<string, string[]> = {
        'tenant.slug': [`a tenant "${tenant.slug}" already exists here`],
        'tenant.sipDomain': [`is the SIP domain of ${owner} here`],
        'tenant.context': [`is the dialplan context of ${owner} here`],
      };
      document.dids.forEach((_d, i) => (expected[`dids[${i}].e164`] = [`is already a DID of ${owner} here`]));
      document.extensions.forEach((e, i) => {
        expected[`extensions[${i}].endpoint.id`] = [`${e.endpoint.id} already exists in ps_endpoints here`];
        expected[`extensions[${i}].auth.id`] = [`${e.auth.id} already exists in ps_auths here`];
        expected[`extensions[${i}].aor.id`] = [`${e.aor.id} already exists in ps_aors here`];
        if (e.voicemail) expected[`extensions[${i}].voicemail.mailbox`] = [`mailbox ${e.voicemail.mailbox}@${e.voicemail.context} already exists here`];
      });
      expect(err.fieldErrors).toEqual(expected);
      expect(err.message).toBe(`${Object.keys(expected).length} conflicts with this database; nothing was restored`);
    }
    expect(await Promise.all(tables.map((t) => count(url2, t)))).toEqual(before);
  });

  it('finds a record whose Asterisk rows are gone, and a column this database lacks', async () => {
    const { tenant } = await richTenant(db, url);
    const { document } = await exportTenant(ctx, tenant.slug);
    const doc = copy(document);
    doc.tenant.slug = `${tenant.slug.slice(0, 20)}-b`;
    doc.tenant.sipDomain = `b-${tenant.sipDomain}`;
    doc.tenant.context = `${tenant.context}-b`;
    doc.dids = [];
    doc.tenant.mainNumber = null;
    for (const e of doc.extensions) e.callerId = null;
    doc.extensions = [doc.extensions[0]];
    doc.extensions[0].voicemail.context = doc.tenant.context;
    doc.extensions[0].endpoint.geoloc_something = 'x';
    // The source still has the record: its ids are taken even where the rows would be free.
    await sql(url, 'DELETE FROM ps_endpoints WHERE id = $1', [doc.extensions[0].endpoint.id]);
    const err = await caught(restoreTenant(ctx, doc));
    expect(err.fieldErrors).toEqual({
      'extensions[0].endpoint.id': [`${doc.extensions[0].endpoint.id} is already used by an extension of tenant "${tenant.slug}" here`],
      'extensions[0].auth.id': [`${doc.extensions[0].auth.id} already exists in ps_auths here`],
      'extensions[0].aor.id': [`${doc.extensions[0].aor.id} already exists in ps_aors here`],
      'extensions[0].endpoint.geoloc_something': ['ps_endpoints has no column "geoloc_something" in this database (its Asterisk schema is older or different)'],
    });
    // And such a tenant is not exported as if it were whole.
    const broken = await caught(exportTenant(ctx, tenant.slug));
    expect(broken.code).toBe('conflict');
    expect(broken.fieldErrors).toEqual({ 'extensions.1001': [`its row ps_endpoints ${doc.extensions[0].endpoint.id} is missing`] });
  });
});

describe('who may', () => {
  it("lets a tenant's own admins export it, finds no other tenant, refuses viewers, and restores for platform admins only", async () => {
    const { tenant } = await richTenant(db, url);
    const other = await makeTenant(db);
    const own = await exportTenant({ actor: tenantAdmin(tenant.id), db }, tenant.slug);
    expect(own.document.tenant.slug).toBe(tenant.slug);
    expect((await caught(exportTenant({ actor: tenantAdmin(other.id), db }, tenant.slug))).code).toBe('not_found');
    expect((await caught(exportTenant({ actor: tenantAdmin(other.id), db }, tenant.id))).code).toBe('not_found');
    expect((await caught(exportTenant({ actor: viewer(tenant.id), db }, tenant.slug))).code).toBe('forbidden');
    expect((await caught(restoreTenant({ actor: tenantAdmin(tenant.id), db: db2 }, copy(own.document)))).code).toBe('forbidden');
    const audits = await sql(url, `SELECT actor_label, after FROM sb_audit_log WHERE action = 'tenant.backup' AND tenant_id = $1`, [tenant.id]);
    expect(audits).toEqual([{ actor_label: 'tenant.admin@example.com', after: { dids: 3, extensions: 5, mailboxes: 3, directory: true, convertedToDigest: 0 } }]);
  });
});
