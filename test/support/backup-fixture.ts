import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../lib/db/client.ts';
import { addDid } from '../../lib/domain/did/add-did.ts';
import { saveDirectorySettings } from '../../lib/domain/directory/settings.ts';
import { createExtension } from '../../lib/domain/extension/create-extension.ts';
import type { TenantCreateInput } from '../../lib/domain/tenant/schemas.ts';
import { makeTenant, platform, sql } from './fixtures.ts';

/** A Chicago number no other test holds (DIDs are unique across tenants). */
export const newNumber = () => `+1312${randomInt(2, 10)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;

export const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/**
 * A tenant with everything a backup carries: a main number and two more DIDs (one ringing an
 * extension), extensions with and without mailboxes, one presenting its own DID, one inactive,
 * one synced from a directory holding an unseen secret, one adopted by hand with a plain `1234`
 * style id and its own columns, and directory settings.
 */
export async function richTenant(db: Db, url: string, overrides: Partial<TenantCreateInput> = {}) {
  const ctx = { actor: platform, db };
  const main = newNumber();
  const sales = newNumber();
  const support = newNumber();
  const tenant = await makeTenant(db, { mainDid: main, outboundTrunk: 'itsp', codecs: 'g722,ulaw', secretStorage: 'md5_sha256', ...overrides });
  await addDid(ctx, tenant.id, { number: sales, label: 'Sales line' });
  await createExtension(ctx, tenant.id, { number: '1001', displayName: 'Alice Ångström', email: 'alice@example.com', voicemailPin: '4826', secret: 'Vq7#Lm2!Zx9$Rt' });
  await createExtension(ctx, tenant.id, { number: '1002', displayName: 'Bob', callerId: sales, maxContacts: 2, voicemailPin: '1357' });
  await createExtension(ctx, tenant.id, { number: '1003', displayName: 'Carol', allowExternal: false, active: false });
  await createExtension(ctx, tenant.id, { number: '1004', displayName: 'Dave', directoryId: 'guid-dave', adSynced: true, adUsername: 'dave' });
  await addDid(ctx, tenant.id, { number: support, extensionNumber: '1001' });
  await sql(url, `UPDATE sb_extensions SET pending_secret_sealed = 'v1:sealed', directory_removal_due_at = '2031-01-02T03:04:05Z',
                  directory_prior_allow_external = true, directory_state = 'disabled' WHERE tenant_id = $1 AND number = '1004'`, [tenant.id]);
  // Adopted by hand: an id without the domain, columns our own rows never set.
  const adopted = `${tenant.slug}-2001`;
  await sql(url, `INSERT INTO ps_endpoints (id, transport, aors, auth, context, allow, direct_media, "100rel", language, dtmf_mode, rtp_timeout)
                  VALUES ($1, 'transport-udp', $1, $1, $2, 'ulaw', 'no', 'yes', 'de', 'info', 60)`, [adopted, tenant.context]);
  await sql(url, `INSERT INTO ps_auths (id, auth_type, username, realm, md5_cred, nonce_lifetime) VALUES ($1, 'md5', '2001', $2, $3, 32)`,
    [adopted, tenant.sipDomain, md5(`2001:${tenant.sipDomain}:Adopted-Secret-99`)]);
  await sql(url, `INSERT INTO ps_aors (id, max_contacts, remove_existing, qualify_frequency, qualify_timeout, contact)
                  VALUES ($1, 3, 'yes', 30, 2.5, 'sip:desk@192.0.2.10:5060')`, [adopted]);
  // Its mailbox stayed in the context it had before adoption.
  const legacy = `legacy-${tenant.slug}`;
  await sql(url, `INSERT INTO voicemail (context, mailbox, password, fullname, volgain, tz, stamp) VALUES ($1, '2001', '97531', 'Erin', 1.5, 'europe', '2024-05-06 07:08:09')`, [legacy]);
  await sql(url, `INSERT INTO sb_extensions (tenant_id, number, display_name, endpoint_id, auth_id, aor_id, voicemail_id, voicemail_box, created_at, secret_changed_at)
                  VALUES ($1, '2001', 'Erin', $2, $2, $2, (SELECT uniqueid FROM voicemail WHERE context = $3 AND mailbox = '2001'), '2001@' || $3, '2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z')`,
    [tenant.id, adopted, legacy]);
  await saveDirectorySettings(ctx, tenant.id, {
    url: 'ldaps://dc1.example.com', bindDn: 'cn=pbx,dc=example,dc=com', bindPassword: 'Directory-Pa55', baseDn: 'dc=example,dc=com',
    userFilter: '(objectClass=user)', numberAttribute: 'ipPhone', nameAttribute: 'displayName', emailAttribute: 'mail',
    loginAttribute: 'sAMAccountName', idAttribute: 'objectGUID', disabledMode: 'uac', scheduleMinutes: 60, numberRule: 'last_digits', numberDigits: 4,
  });
  return { tenant, main, sales, support, adopted };
}

/**
 * What a tenant is on one database, read with plain SQL and without generated keys (our uuids,
 * voicemail.uniqueid, updated_at): two databases holding the same tenant give equal snapshots.
 */
export async function tenantSnapshot(url: string, slug: string) {
  const [tenant] = await sql<{ id: string }>(url, 'SELECT id FROM sb_tenants WHERE slug = $1', [slug]);
  if (!tenant) return null;
  const q = (text: string) => sql(url, text, [tenant.id]);
  const ours = `SELECT endpoint_id, auth_id, aor_id, voicemail_id FROM sb_extensions WHERE tenant_id = $1`;
  return {
    tenant: (await q(`SELECT to_jsonb(t) - 'id' - 'main_did_id' - 'updated_at' AS r, d.e164 AS main
                        FROM sb_tenants t LEFT JOIN sb_dids d ON d.id = t.main_did_id WHERE t.id = $1`))[0],
    dids: await q(`SELECT d.e164, d.label, d.created_at, x.number AS rings FROM sb_dids d LEFT JOIN sb_extensions x ON x.id = d.extension_id
                    WHERE d.tenant_id = $1 ORDER BY d.e164`),
    extensions: await q(`SELECT to_jsonb(x) - 'id' - 'tenant_id' - 'voicemail_id' - 'caller_id_did_id' - 'updated_at' - 'pending_secret_sealed' AS r,
                                c.e164 AS caller_id, v.context || '/' || v.mailbox AS mailbox
                           FROM sb_extensions x LEFT JOIN sb_dids c ON c.id = x.caller_id_did_id LEFT JOIN voicemail v ON v.uniqueid = x.voicemail_id
                          WHERE x.tenant_id = $1 ORDER BY x.number`),
    ps_endpoints: await q(`SELECT to_jsonb(t) AS r FROM ps_endpoints t WHERE id IN (SELECT endpoint_id FROM (${ours}) o) ORDER BY id`),
    ps_auths: await q(`SELECT to_jsonb(t) AS r FROM ps_auths t WHERE id IN (SELECT auth_id FROM (${ours}) o) ORDER BY id`),
    ps_aors: await q(`SELECT to_jsonb(t) AS r FROM ps_aors t WHERE id IN (SELECT aor_id FROM (${ours}) o) ORDER BY id`),
    voicemail: await q(`SELECT to_jsonb(t) - 'uniqueid' AS r FROM voicemail t WHERE uniqueid IN (SELECT voicemail_id FROM (${ours}) o) ORDER BY mailbox, context`),
    directory: (await q(`SELECT to_jsonb(d) - 'tenant_id' - 'bind_password_sealed' - 'created_at' - 'updated_at' AS r FROM sb_directories d WHERE tenant_id = $1`))[0] ?? null,
  };
}
