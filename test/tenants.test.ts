import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { addDid } from '../lib/domain/did/add-did.ts';
import { listDids } from '../lib/domain/did/list-dids.ts';
import { removeDid } from '../lib/domain/did/remove-did.ts';
import { deleteExtension } from '../lib/domain/extension/delete-extension.ts';
import { getExtension } from '../lib/domain/extension/get-extension.ts';
import { listExtensions } from '../lib/domain/extension/list-extensions.ts';
import { updateExtension } from '../lib/domain/extension/update-extension.ts';
import { createTenant } from '../lib/domain/tenant/create-tenant.ts';
import { deleteTenant } from '../lib/domain/tenant/delete-tenant.ts';
import { getTenant } from '../lib/domain/tenant/get-tenant.ts';
import { listTenants } from '../lib/domain/tenant/list-tenants.ts';
import { updateTenant } from '../lib/domain/tenant/update-tenant.ts';
import { caught, makeTenant, platform, sql, tenantAdmin, uniq, useDb, viewer } from './support/fixtures.ts';

const { db, url } = useDb();
const ctx = { actor: platform, db };
const md5 = (s: string) => createHash('md5').update(s).digest('hex');


describe('tenants', () => {
  it('creates a tenant with a lower-case domain, its own context, and an audit record', async () => {
    const slug = uniq('acme');
    const tenant = await createTenant(ctx, { slug, name: 'Acme Corp', sipDomain: ` ${slug.toUpperCase()}.Example.COM `, defaultCountry: 'de' });
    expect(tenant).toMatchObject({ sipDomain: `${slug}.example.com`, context: `tenant-${slug}`, defaultCountry: 'DE', extensionLength: 4, status: 'active' });
    const [audit] = await sql(url, `SELECT actor_label, action, after FROM sb_audit_log WHERE target_id = $1`, [tenant.id]);
    expect(audit).toMatchObject({ actor_label: platform.label, action: 'tenant.create', after: { slug, name: 'Acme Corp' } });
  });

  it('refuses a taken slug or domain, a domain too long for Asterisk, and unknown codecs', async () => {
    const t = await makeTenant(db);
    const dup = await caught(createTenant(ctx, { slug: t.slug, name: 'X', sipDomain: t.sipDomain, defaultCountry: 'US' }));
    expect(dup.code).toBe('conflict');
    expect(dup.fieldErrors).toEqual({ slug: ['is already used by another tenant'], sipDomain: ['is already used by another tenant'] });
    const bad = await caught(createTenant(ctx, { slug: 'Bad Slug', name: 'X', sipDomain: `${'a'.repeat(40)}.example.com`, defaultCountry: 'XX', codecs: 'ulaw,amr-wb' }));
    expect(bad.code).toBe('validation');
    expect(Object.keys(bad.fieldErrors!).sort()).toEqual(['codecs', 'defaultCountry', 'sipDomain', 'slug']);
    expect(bad.fieldErrors!.sipDomain).toContain('at most 40 characters (Asterisk stores it in 40-character columns)');
    expect(bad.fieldErrors!.codecs).toEqual(['unknown codec "amr-wb"']);
  });

  it('renames every SIP id on a domain change, and asks before replacing digest secrets', async () => {
    const t = await makeTenant(db);
    const a = await createExtension(ctx, t.id, { number: '1001', displayName: 'A' });
    await createExtension(ctx, t.id, { number: '1002', displayName: 'B' });
    const newDomain = `${uniq('n')}.example.net`;
    const refused = await caught(updateTenant(ctx, t.id, { sipDomain: newDomain }));
    expect(refused.code).toBe('conflict');
    expect(refused.fieldErrors).toHaveProperty('rotateSecrets');
    expect(refused.message).toMatch(/all 2 extensions/);

    const { tenant, secrets } = await updateTenant(ctx, t.id, { sipDomain: newDomain, rotateSecrets: true, codecs: 'opus,g722' });
    expect(tenant.sipDomain).toBe(newDomain);
    expect(secrets).toHaveLength(2);
    const s1001 = secrets!.find((s) => s.number === '1001')!.secret;
    const id = `1001@${newDomain}`;
    const [endpoint] = await sql(url, 'SELECT * FROM ps_endpoints WHERE id = $1', [id]);
    expect(endpoint).toMatchObject({ aors: id, auth: id, from_domain: newDomain, allow: 'opus,g722' });
    const [auth] = await sql(url, 'SELECT * FROM ps_auths WHERE id = $1', [id]);
    expect(auth).toMatchObject({ realm: newDomain, username: '1001', md5_cred: md5(`1001:${newDomain}:${s1001}`) });
    expect(await sql(url, 'SELECT id FROM ps_endpoints WHERE id = $1', [a.extension.endpointId])).toEqual([]);
    expect((await getExtension(ctx, a.extension.id)).endpointId).toBe(id);
  });

  it('keeps plaintext secrets working across a domain change without new ones', async () => {
    const t = await makeTenant(db, { secretStorage: 'plaintext' });
    await createExtension(ctx, t.id, { number: '1001', displayName: 'A', secret: 'Vq8!mZ2#rT5w' });
    const newDomain = `${uniq('p')}.example.org`;
    const { secrets } = await updateTenant(ctx, t.id, { sipDomain: newDomain });
    expect(secrets).toBeUndefined();
    const [auth] = await sql(url, 'SELECT realm, password FROM ps_auths WHERE id = $1', [`1001@${newDomain}`]);
    expect(auth).toEqual({ realm: newDomain, password: 'Vq8!mZ2#rT5w' });
  });

  it('offers MD5 first for phones that read one challenge, and switching the order keeps every secret', async () => {
    const t = await makeTenant(db, { secretStorage: 'md5_sha256' });
    const { extension } = await createExtension(ctx, t.id, { number: '1001', displayName: 'A', secret: 'Vq8!mZ2#rT5w' });
    const [before] = await sql(url, 'SELECT md5_cred, password_digest, supported_algorithms_uas FROM ps_auths WHERE id = $1', [extension.endpointId]);
    expect(before.supported_algorithms_uas).toBe('SHA-256,MD5');
    const { secrets } = await updateTenant(ctx, t.id, { secretStorage: 'md5_then_sha256' });
    expect(secrets).toBeUndefined();
    const [after] = await sql(url, 'SELECT md5_cred, password_digest, supported_algorithms_uas FROM ps_auths WHERE id = $1', [extension.endpointId]);
    expect(after).toEqual({ ...before, supported_algorithms_uas: 'MD5,SHA-256' });
    // From MD5 alone, SHA-256 digests need the secrets, which are not stored: new ones, confirmed.
    const plain = await makeTenant(db);
    await createExtension(ctx, plain.id, { number: '1001', displayName: 'A', secret: 'Vq8!mZ2#rT5w' });
    expect((await caught(updateTenant(ctx, plain.id, { secretStorage: 'md5_then_sha256' }))).fieldErrors).toHaveProperty('rotateSecrets');
  });

  it('changes only what an update names', async () => {
    const t = await makeTenant(db, { codecs: 'opus', allowPremium: true, extensionLength: 5 });
    const { tenant } = await updateTenant(ctx, t.id, { name: 'Renamed' });
    expect(tenant).toMatchObject({ name: 'Renamed', codecs: 'opus', allowPremium: true, extensionLength: 5, secretStorage: 'md5' });
    const { extension } = await createExtension(ctx, t.id, { number: '10001', displayName: 'X', active: false, allowExternal: false, maxContacts: 3 });
    const xmin = async () => (await sql<{ x: string }>(url, 'SELECT xmin::text AS x FROM ps_endpoints WHERE id = $1', [extension.endpointId]))[0].x;
    const written = await xmin();
    await updateTenant(ctx, t.id, { name: 'Renamed again', defaultCountry: 'DE' });
    expect(await xmin()).toBe(written); // a rename rewrites no Asterisk row
    await updateTenant(ctx, t.id, { codecs: 'opus,g722' });
    expect(await xmin()).not.toBe(written);
    const { extension: after } = await updateExtension(ctx, extension.id, { displayName: 'Y' });
    expect(after).toMatchObject({ displayName: 'Y', active: false, allowExternal: false, maxContacts: 3 });
  });

  it('refuses to delete a tenant with extensions unless told to delete them too', async () => {
    const t = await makeTenant(db);
    const { extension } = await createExtension(ctx, t.id, { number: '1001', displayName: 'A', voicemailPin: '2580' });
    await sql(url, `INSERT INTO ps_contacts (id, endpoint, expiration_time) VALUES ($1, $2, 9999999999)`, [`${extension.aorId}^3B@abc`, extension.endpointId]);
    const refused = await caught(deleteTenant(ctx, t.id));
    expect(refused.fieldErrors).toHaveProperty('withExtensions');
    await deleteTenant(ctx, t.id, { withExtensions: true });
    const [left] = await sql(url, `SELECT
      (SELECT count(*) FROM ps_endpoints WHERE id = $1)::int + (SELECT count(*) FROM ps_auths WHERE id = $1)::int +
      (SELECT count(*) FROM ps_aors WHERE id = $1)::int + (SELECT count(*) FROM ps_contacts WHERE endpoint = $1)::int +
      (SELECT count(*) FROM voicemail WHERE context = $2)::int + (SELECT count(*) FROM sb_tenants WHERE id = $3)::int AS n`,
      [extension.endpointId, t.context, t.id]);
    expect(left.n).toBe(0);
  });
});

describe('inbound numbers (DIDs)', () => {
  it('stores DIDs written in any common format as E.164, unique across tenants, ringing an extension', async () => {
    const de = await makeTenant(db, { defaultCountry: 'DE' });
    const other = await makeTenant(db, { defaultCountry: 'DE' });
    await createExtension(ctx, de.id, { number: '1001', displayName: 'Reception' });
    const number = `030 9018${String(Math.floor(Math.random() * 9000) + 1000)}`;
    const did = await addDid(ctx, de.id, { number, extensionNumber: '1001', label: 'Main line' });
    expect(did.e164).toBe(`+49309018${number.slice(-4)}`);
    const [listed] = await listDids(ctx, de.id);
    expect(listed).toMatchObject({ e164: did.e164, extension: { number: '1001' } });
    const taken = await caught(addDid(ctx, other.id, { number: `+49 30 9018 ${number.slice(-4)}` }));
    expect(taken.fieldErrors).toEqual({ number: ['is already assigned (DIDs are unique across tenants)'] });
    const invalid = await caught(addDid(ctx, de.id, { number: '12' }));
    expect(invalid.fieldErrors).toEqual({ number: ['is not a valid phone number in DE'] });
    const noExt = await caught(addDid(ctx, de.id, { number: '+49 89 12345678', extensionNumber: '4040' }));
    expect(noExt.fieldErrors).toEqual({ extensionNumber: ['is not an extension of this tenant'] });
    expect((await caught(removeDid({ actor: tenantAdmin(other.id), db }, did.id))).code).toBe('not_found');
    await removeDid(ctx, did.id);
    expect(await listDids(ctx, de.id)).toEqual([]);
  });
});

describe('tenant isolation', () => {
  it('shows a tenant admin only their own tenant; another tenant\'s data is "not found" and stays unchanged', async () => {
    const mine = await makeTenant(db);
    const theirs = await makeTenant(db);
    const { extension: their1001 } = await createExtension(ctx, theirs.id, { number: '1001', displayName: 'Theirs' });
    const admin = { actor: tenantAdmin(mine.id), db };

    const listed = await listTenants(admin, {});
    expect(listed.items.map((t) => t.id)).toEqual([mine.id]);
    for (const attempt of [
      () => getTenant(admin, theirs.id),
      () => getTenant(admin, theirs.slug),
      () => listExtensions(admin, theirs.id),
      () => getExtension(admin, their1001.id),
      () => createExtension(admin, theirs.id, { number: '1002', displayName: 'Intruder' }),
      () => updateExtension(admin, their1001.id, { displayName: 'Hacked' }),
      () => deleteExtension(admin, their1001.id),
      () => updateTenant(admin, theirs.id, { name: 'Hacked' }),
    ]) {
      expect((await caught(attempt())).code).toBe('not_found');
    }
    expect((await getExtension(ctx, their1001.id)).displayName).toBe('Theirs');
    expect((await caught(createTenant(admin, { slug: uniq('x'), name: 'X', sipDomain: `${uniq('x')}.example.com`, defaultCountry: 'US' }))).code).toBe('forbidden');
    expect((await caught(deleteTenant(admin, mine.id))).code).toBe('forbidden');
    // Where calls leave the PBX and what they may cost is the operator's call, not the tenant's.
    for (const change of [{ outboundTrunk: 'their-trunk' }, { allowPremium: true }, { status: 'suspended' as const }]) {
      const err = await caught(updateTenant(admin, mine.id, change));
      expect(err.code, JSON.stringify(change)).toBe('forbidden');
      expect(Object.keys(err.fieldErrors ?? {})).toEqual(Object.keys(change));
    }
    expect((await updateTenant(admin, mine.id, { name: 'Renamed by its admin' })).tenant.name).toBe('Renamed by its admin');
    const trunk = await caught(updateTenant(ctx, mine.id, { outboundTrunk: `1001@${theirs.sipDomain}` }));
    expect(trunk.fieldErrors?.outboundTrunk?.[0]).toMatch(/letters, digits and \. _ - only/);
    const own = await createExtension(admin, mine.id, { number: '1001', displayName: 'Mine' });
    expect(own.extension.tenantId).toBe(mine.id);
  });

  it('lets a viewer read but not change anything', async () => {
    const t = await makeTenant(db);
    const { extension } = await createExtension(ctx, t.id, { number: '1001', displayName: 'Read me' });
    const v = { actor: viewer(t.id), db };
    expect((await listExtensions(v, t.id)).items).toHaveLength(1);
    for (const attempt of [
      () => createExtension(v, t.id, { number: '1002', displayName: 'No' }),
      () => updateExtension(v, extension.id, { displayName: 'No' }),
      () => deleteExtension(v, extension.id),
      () => updateTenant(v, t.id, { name: 'No' }),
    ]) {
      expect((await caught(attempt())).code).toBe('forbidden');
    }
  });
});
