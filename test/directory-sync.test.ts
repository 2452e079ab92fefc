/**
 * Directory sync against a real OpenLDAP (slapd started for this file): test connection and each
 * failure, preview = run, joiners, changes, leavers, grace removal, returners, conflicts, the
 * safety stop, concurrency and an injected failure.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapGateway } from '../lib/directory/gateway.ts';
import type { DirectoryGateway } from '../lib/domain/directory/gateway.ts';
import { hasPendingSecret, revealPendingSecret } from '../lib/domain/directory/pending-secret.ts';
import { saveDirectorySettings } from '../lib/domain/directory/settings.ts';
import { syncDirectory } from '../lib/domain/directory/sync.ts';
import { testDirectory } from '../lib/domain/directory/test-directory.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { makeDirectory } from './support/directory-fixture.ts';
import { startSlapd, type Slapd } from './support/slapd.ts';
import { makeTenant, platform, sql, useDb } from './support/fixtures.ts';

process.env.DIRECTORY_SECRET_KEY ??= randomBytes(32).toString('base64');
const { db, url } = useDb();
const ctx = { actor: platform, db };
const dir = makeDirectory({ users: 40 });
let ldap: Slapd;
/** Pages of 10 against a server limit of 15: only a paged search reads all 40. */
const paged: DirectoryGateway = { read: (conn, q, p) => ldapGateway.read(conn, { ...q, pageSize: 10 }, p) };
const DAY = 86_400_000;

beforeAll(async () => {
  ldap = await startSlapd({ sizeLimit: 15, tls: true, entries: dir.entries });
});
afterAll(async () => ldap?.stop());

function settings(overrides: Record<string, unknown> = {}) {
  return {
    url: ldap.url, startTls: true, caCert: ldap.caCertPem, bindDn: ldap.bindDN, bindPassword: ldap.bindPassword,
    baseDn: dir.peopleDN, userFilter: '(objectClass=inetOrgPerson)', numberAttribute: 'telephoneNumber',
    numberRule: 'last_digits' as const, numberDigits: 4, nameAttribute: 'displayName', emailAttribute: 'mail', loginAttribute: 'uid',
    idAttribute: 'entryUUID', disabledMode: 'attribute' as const, disabledAttribute: 'employeeType', disabledValue: 'disabled',
    graceDays: 30, maxRemovalPercent: 20, ...overrides,
  };
}

const expected = dir.users.filter((u) => u.extension && !u.disabled);
const extensionsOf = (tenantId: string) =>
  sql<{ number: string; display_name: string; active: boolean; allow_external: boolean; ad_synced: boolean; ad_username: string; directory_state: string | null; endpoint_id: string }>(
    url, 'SELECT number, display_name, active, allow_external, ad_synced, ad_username, directory_state, endpoint_id FROM sb_extensions WHERE tenant_id = $1 ORDER BY number', [tenantId]);

describe('test connection', () => {
  it('says what is wrong: refused port, bad password, base DN, unknown CA, empty filter; else counts and samples', async () => {
    const tenant = await makeTenant(db);
    const check = async (overrides: Record<string, unknown>) => {
      await saveDirectorySettings(ctx, tenant.id, settings(overrides));
      return testDirectory(ctx, tenant.id, paged);
    };
    const ok = await check({});
    expect(ok).toMatchObject({ ok: true, users: 40, message: 'Connected: 40 users match' });
    expect(ok.ok && ok.sample).toHaveLength(5);
    expect((await check({ url: 'ldap://127.0.0.1:1' })).message).toMatch(/^Cannot connect to 127\.0\.0\.1:1: connection refused/);
    expect((await check({ bindPassword: 'wrong' })).message).toBe('The directory refused the bind DN and password (invalid credentials)');
    expect((await check({ baseDn: `ou=Nobody,${dir.baseDN}` })).message).toBe(`The base DN ou=Nobody,${dir.baseDN} does not exist in the directory`);
    expect((await check({ url: ldap.ldapsUrl, caCert: null, bindPassword: ldap.bindPassword })).message).toMatch(/^TLS problem with 127\.0\.0\.1:\d+: its certificate is signed by an unknown CA/);
    expect((await check({ url: ldap.ldapsUrl, caCert: ldap.caCertPem })).ok).toBe(true);
    expect((await check({ userFilter: '(uid=nobody-here)' })).message).toMatch(/filter matched nobody/);
    expect((await check({ url: 'ldap://no-such-host.invalid:389' })).message).toBe('Cannot resolve no-such-host.invalid: no such host name');
    // An operator may confine directories to some networks: a tenant admin cannot probe the rest.
    process.env.DIRECTORY_ALLOWED_NETWORKS = '10.0.0.0/8, 192.0.2.0/24';
    try {
      expect((await check({})).message).toBe('127.0.0.1 (127.0.0.1) is outside the networks this platform allows directories in (DIRECTORY_ALLOWED_NETWORKS)');
      process.env.DIRECTORY_ALLOWED_NETWORKS = '127.0.0.0/8';
      expect((await check({})).ok).toBe(true);
    } finally {
      delete process.env.DIRECTORY_ALLOWED_NETWORKS;
    }
  });
});

describe('sync', () => {
  it('takes only the members of the group when one is named', async () => {
    const tenant = await makeTenant(db);
    await saveDirectorySettings(ctx, tenant.id, settings({ groupDn: `cn=sales,${dir.groupsDN}` }));
    const preview = await syncDirectory(ctx, tenant.id, { mode: 'preview', trigger: 'cli', gateway: paged });
    const sales = expected.filter((u) => u.groups.includes('sales'));
    expect(preview.plan!.creates.map((c) => c.login).sort()).toEqual(sales.map((u) => u.uid).sort());
  });

  it('previews exactly what it then does, pages past the server limit, and changes nothing on a second run', async () => {
    const tenant = await makeTenant(db);
    await saveDirectorySettings(ctx, tenant.id, settings());
    const preview = await syncDirectory(ctx, tenant.id, { mode: 'preview', trigger: 'cli', gateway: paged });
    expect(preview.status).toBe('succeeded');
    expect(await extensionsOf(tenant.id)).toEqual([]);
    const run = await syncDirectory(ctx, tenant.id, { mode: 'sync', trigger: 'cli', gateway: paged });
    expect(run.plan).toEqual(preview.plan);
    expect(run.summary).toMatchObject({ users: 40, created: expected.length });
    const exts = await extensionsOf(tenant.id);
    expect(exts.map((e) => e.number)).toEqual(expected.map((u) => u.extension!.slice(-4)).sort());
    expect(exts.every((e) => e.ad_synced && e.active && e.directory_state === 'active')).toBe(true);
    const someone = expected.find((u) => u.displayName)!;
    expect(exts.find((e) => e.ad_username === someone.uid)).toMatchObject({ display_name: someone.displayName, endpoint_id: `${someone.extension}@${tenant.sipDomain}` });
    // Users without a number, disabled users: no extension; the numberless are reported.
    expect(run.plan!.conflicts.map((c) => c.reason)).toEqual(dir.users.filter((u) => !u.extension && !u.disabled).map(() => 'no_number'));
    // Each generated secret waits, sealed, to be revealed once: it is the one Asterisk checks.
    const [one] = await sql<{ id: string; number: string }>(url, 'SELECT id, number FROM sb_extensions WHERE tenant_id = $1 LIMIT 1', [tenant.id]);
    expect(await hasPendingSecret(ctx, one.id)).toBe(true);
    const { secret } = await revealPendingSecret(ctx, one.id);
    const [auth] = await sql<{ md5_cred: string; realm: string }>(url, 'SELECT md5_cred, realm FROM ps_auths WHERE id = $1', [`${one.number}@${tenant.sipDomain}`]);
    expect(auth.md5_cred).toBe(createHash('md5').update(`${one.number}:${auth.realm}:${secret}`).digest('hex'));
    await expect(revealPendingSecret(ctx, one.id)).rejects.toThrow(/not found/);
    expect(await hasPendingSecret(ctx, one.id)).toBe(false);
    const again = await syncDirectory(ctx, tenant.id, { mode: 'sync', trigger: 'cli', gateway: paged });
    expect(again.summary).toMatchObject({ created: 0, updated: 0, renumbered: 0, deactivated: 0, unchanged: expected.length });
    const [{ n }] = await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM sb_audit_log WHERE tenant_id = $1 AND action = 'directory.sync'`, [tenant.id]);
    expect(n).toBe(2);
  });

  it('follows renames and number changes, deactivates leavers, removes them after the grace period, reactivates returners', async () => {
    const ldap2 = await startSlapd({ entries: makeDirectory({ users: 30, disabledEvery: 0 }).entries });
    const d2 = makeDirectory({ users: 30, disabledEvery: 0 });
    try {
      const tenant = await makeTenant(db);
      await saveDirectorySettings(ctx, tenant.id, settings({ url: ldap2.url, caCert: ldap2.caCertPem, bindDn: ldap2.bindDN, bindPassword: ldap2.bindPassword, baseDn: d2.peopleDN, maxRemovalPercent: 50 }));
      await syncDirectory(ctx, tenant.id, { mode: 'sync', trigger: 'cli', gateway: ldapGateway });
      const [renamed, renumbered, leaver, disabled] = d2.users.filter((u) => u.phoneFormat === 'bare' || u.phoneFormat === 'x').slice(0, 4);
      await ldap2.modify(renamed.dn, { replace: { displayName: 'Renamed Person', mail: 'renamed@example.test' } });
      await ldap2.modify(renumbered.dn, { replace: { telephoneNumber: '1999' } });
      await ldap2.delete(leaver.dn);
      await ldap2.modify(disabled.dn, { add: { employeeType: 'disabled' } });
      const [before] = await sql<{ id: string }>(url, 'SELECT id FROM sb_extensions WHERE tenant_id = $1 AND ad_username = $2', [tenant.id, renumbered.uid]);
      const run = await syncDirectory(ctx, tenant.id, { mode: 'sync', trigger: 'cli', gateway: ldapGateway });
      expect(run.summary).toMatchObject({ updated: 1, renumbered: 1, deactivated: 2, created: 0 });
      const exts = await extensionsOf(tenant.id);
      expect(exts.find((e) => e.ad_username === renamed.uid)).toMatchObject({ display_name: 'Renamed Person' });
      expect(exts.find((e) => e.ad_username === renumbered.uid)).toMatchObject({ number: '1999', endpoint_id: `1999@${tenant.sipDomain}` });
      expect(await sql(url, 'SELECT id FROM sb_extensions WHERE ad_username = $1 AND tenant_id = $2', [renumbered.uid, tenant.id])).toEqual([{ id: before.id }]);
      expect(await sql(url, 'SELECT id FROM ps_endpoints WHERE id = $1', [`${renumbered.extension}@${tenant.sipDomain}`])).toEqual([]);
      // The digest hashes the user name: a new number needed a new secret, kept for an admin to reveal.
      await revealPendingSecret(ctx, before.id);
      expect(await hasPendingSecret(ctx, before.id)).toBe(false);
      expect(exts.find((e) => e.ad_username === leaver.uid)).toMatchObject({ active: false, allow_external: false, directory_state: 'missing' });
      expect(exts.find((e) => e.ad_username === disabled.uid)).toMatchObject({ active: false, directory_state: 'disabled' });

      // The disabled user comes back before the grace period ends; the leaver does not.
      await ldap2.modify(disabled.dn, { delete: { employeeType: 'disabled' } });
      const back = await syncDirectory(ctx, tenant.id, { mode: 'sync', trigger: 'cli', gateway: ldapGateway });
      expect(back.summary).toMatchObject({ reactivated: 1, pending: 1, removed: 0 });
      expect((await extensionsOf(tenant.id)).find((e) => e.ad_username === disabled.uid)).toMatchObject({ active: true, allow_external: true, directory_state: 'active' });
      const later = await syncDirectory(ctx, tenant.id, { mode: 'sync', trigger: 'cli', gateway: ldapGateway, now: new Date(Date.now() + 31 * DAY) });
      expect(later.summary).toMatchObject({ removed: 1 });
      expect((await extensionsOf(tenant.id)).find((e) => e.ad_username === leaver.uid)).toBeUndefined();
      expect(await sql(url, 'SELECT id FROM ps_endpoints WHERE id = $1', [`${leaver.extension}@${tenant.sipDomain}`])).toEqual([]);
    } finally {
      await ldap2.stop();
    }
  });

  it('never takes over a hand-made extension; stops before a mass removal unless confirmed; one sync at a time; a failure changes nothing', async () => {
    const tenant = await makeTenant(db);
    const taken = expected[0];
    await createExtension(ctx, tenant.id, { number: taken.extension!.slice(-4), displayName: 'Made by hand' });
    await saveDirectorySettings(ctx, tenant.id, settings());
    const first = await syncDirectory(ctx, tenant.id, { mode: 'sync', trigger: 'cli', gateway: paged });
    expect(first.plan!.conflicts).toContainEqual(expect.objectContaining({ userId: expect.any(String), login: taken.uid, reason: 'number_in_use' }));
    expect((await extensionsOf(tenant.id)).find((e) => e.number === taken.extension!.slice(-4))).toMatchObject({ display_name: 'Made by hand', ad_synced: false });

    // A directory that answers nobody: stopped, nothing deactivated, until confirmed.
    await saveDirectorySettings(ctx, tenant.id, settings({ userFilter: '(uid=nobody-at-all)' }));
    const stopped = await syncDirectory(ctx, tenant.id, { mode: 'sync', trigger: 'cli', gateway: paged });
    expect(stopped.status).toBe('stopped');
    expect(stopped.plan!.safety).toMatchObject({ tripped: true, affected: expected.length - 1 });
    expect((await extensionsOf(tenant.id)).every((e) => e.active)).toBe(true);

    // Two at once: one waits for nothing and is refused.
    await saveDirectorySettings(ctx, tenant.id, settings());
    let release!: () => void;
    const slow: DirectoryGateway = { read: async (c, q, p) => { await new Promise<void>((r) => (release = r)); return paged.read(c, q, p); } };
    const a = syncDirectory(ctx, tenant.id, { mode: 'sync', trigger: 'cli', gateway: slow });
    await new Promise((r) => setTimeout(r, 300));
    await expect(syncDirectory(ctx, tenant.id, { mode: 'sync', trigger: 'cli', gateway: paged })).rejects.toThrow(/already running/);
    release();
    expect((await a).status).toBe('succeeded');

    // A failure after every change was made, before commit: nothing of it stays.
    await saveDirectorySettings(ctx, tenant.id, settings({ userFilter: '(uid=user0000*)', maxRemovalPercent: 100 }));
    const before = await extensionsOf(tenant.id);
    await expect(syncDirectory(ctx, tenant.id, { mode: 'sync', trigger: 'cli', gateway: paged, confirmed: true, afterApply: async () => { throw new Error('power cut'); } })).rejects.toThrow('power cut');
    expect(await extensionsOf(tenant.id)).toEqual(before);
    const [failed] = await sql<{ status: string }>(url, `SELECT status FROM sb_directory_runs WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 1`, [tenant.id]);
    expect(failed.status).toBe('failed');
  });
});
