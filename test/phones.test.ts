import { describe, expect, it } from 'vitest';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { deleteExtension } from '../lib/domain/extension/delete-extension.ts';
import { extensionDevices, registeredOverTime, tenantPhoneModels } from '../lib/domain/phones/devices.ts';
import { ingestContacts, pruneRegistrations, sampleRegistrations } from '../lib/domain/phones/ingest-contacts.ts';
import { caught, makeTenant, platform, sql, tenantAdmin, useDb } from './support/fixtures.ts';

const { db, url } = useDb();
const epoch = (offsetSeconds: number) => Math.floor(Date.now() / 1000) + offsetSeconds;

/** What res_pjsip_registrar writes: a contact row per registered phone. */
async function register(endpoint: string, key: string, ua: string, addr: string, expiresIn = 3600) {
  await sql(url, `INSERT INTO ps_contacts (id, uri, expiration_time, user_agent, via_addr, via_port, endpoint, qualify_frequency, reg_server)
                  VALUES ($1, $2, $3, $4, $5, 5060, $6, 15, '')`, [`${endpoint}^3B@${key}`, `sip:${endpoint.split('@')[0]}@${addr}:5060`, epoch(expiresIn), ua, addr, endpoint]);
}

describe('phones and registrations', () => {
  it('records each change of a phone, the devices seen with model and firmware, and registered counts over time', async () => {
    const tenant = await makeTenant(db);
    const other = await makeTenant(db);
    const { extension: ext } = await createExtension({ actor: platform, db }, tenant.id, { number: '1001', displayName: 'Desk' });
    const ep = ext.endpointId;
    await register(ep, 'a1', 'Yealink SIP-T46S 66.86.0.15', '198.51.100.7');
    // A re-REGISTER that only moves the expiry is not history.
    await sql(url, 'UPDATE ps_contacts SET expiration_time = $1 WHERE endpoint = $2', [epoch(7200), ep]);
    await sql(url, "UPDATE ps_contacts SET via_addr = '203.0.113.9', uri = 'sip:1001@203.0.113.9:5060' WHERE endpoint = $1", [ep]);
    await sql(url, 'DELETE FROM ps_contacts WHERE endpoint = $1', [ep]); // before its expiry: removed
    await register(ep, 'b2', 'Grandstream GXP2170 1.0.11.3 (C0:74:AD:12:34:56)', '198.51.100.8', -1);
    await sql(url, 'DELETE FROM ps_contacts WHERE endpoint = $1', [ep]); // past its expiry: expired
    await register(ep, 'c3', 'Yealink SIP-T46S 66.86.0.15', '198.51.100.7');

    const ctx = { actor: tenantAdmin(tenant.id), db };
    const { devices, events } = await extensionDevices(ctx, ext.id);
    expect(events.map((e) => e.change)).toEqual(['registered', 'expired', 'registered', 'removed', 'moved', 'registered']);
    expect(events[4]).toMatchObject({ address: '203.0.113.9', userAgent: 'Yealink SIP-T46S 66.86.0.15' });
    expect(devices.map((d) => ({ vendor: d.vendor, model: d.model, firmware: d.firmware, mac: d.mac, lastAddress: d.lastAddress }))).toEqual([
      { vendor: 'Yealink', model: 'T46S', firmware: '66.86.0.15', mac: null, lastAddress: '198.51.100.7' },
      { vendor: 'Grandstream', model: 'GXP2170', firmware: '1.0.11.3', mac: 'c0:74:ad:12:34:56', lastAddress: '198.51.100.8' },
    ]);
    expect(await tenantPhoneModels(ctx, tenant.slug)).toEqual([
      expect.objectContaining({ vendor: 'Grandstream', model: 'GXP2170', firmware: '1.0.11.3', devices: 1 }),
      expect.objectContaining({ vendor: 'Yealink', model: 'T46S', firmware: '66.86.0.15', devices: 1 }),
    ]);

    const at = new Date(Math.floor(Date.now() / 300_000) * 300_000);
    await sampleRegistrations(db, at);
    const [sample] = await sql(url, 'SELECT registered FROM sb_registration_samples WHERE tenant_id = $1 AND at = $2', [tenant.id, at]);
    expect(sample).toEqual({ registered: 1 });
    expect(await sql(url, 'SELECT registered FROM sb_registration_samples WHERE tenant_id = $1 AND at = $2', [other.id, at])).toEqual([{ registered: 0 }]);
    const series = await registeredOverTime(ctx, tenant.slug, { from: new Date(at.getTime() - 3_600_000), to: new Date(at.getTime() + 3_600_000), zone: 'UTC', bucket: 'hour' });
    expect(series).toEqual([{ start: at.toISOString().slice(0, 13), registered: 1 }]);

    // Another tenant's admin sees none of it.
    expect((await caught(extensionDevices({ actor: tenantAdmin(other.id), db }, ext.id))).code).toBe('not_found');
    expect((await caught(tenantPhoneModels({ actor: tenantAdmin(other.id), db }, tenant.slug))).code).toBe('not_found');

    // History is bounded; devices go with their extension.
    expect((await pruneRegistrations(db, { days: 90, now: new Date(Date.now() + 91 * 86_400_000) })).events).toBeGreaterThanOrEqual(6);
    await deleteExtension({ actor: platform, db }, ext.id);
    await ingestContacts(db);
    expect(await sql(url, 'SELECT count(*)::int AS n FROM sb_devices WHERE extension_id = $1', [ext.id])).toEqual([{ n: 0 }]);
  });

  it('ignores contacts of endpoints Switchboard does not own (a trunk, a hand-made phone)', async () => {
    await register(`trunk-${Date.now()}`, 'z9', 'Some ITSP', '192.0.2.1');
    await ingestContacts(db);
    expect(await sql(url, "SELECT count(*)::int AS n FROM sb_registration_events WHERE endpoint_id LIKE 'trunk-%'")).toEqual([{ n: 0 }]);
  });
});
