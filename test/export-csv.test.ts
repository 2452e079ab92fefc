import { text as readAll } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { addDid } from '../lib/domain/did/add-did.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions.ts';
import { exportExtensionsCsv, type ExportFilters } from '../lib/domain/export/export-csv.ts';
import { EXPORT_COLUMNS } from '../lib/domain/import/columns.ts';
import { importExtensions } from '../lib/domain/import/import-extensions.ts';
import { csvReader } from '../lib/domain/import/read-csv.ts';
import { deleteTenant } from '../lib/domain/tenant/delete-tenant.ts';
import { caught, makeTenant, platform, tenantAdmin, uniq, useDb, viewer } from './support/fixtures.ts';

const { db } = useDb();
const ctx = { actor: platform, db };

const exportText = async (tenantRef: string, filters: ExportFilters = {}, actor = platform) => readAll((await exportExtensionsCsv({ actor, db }, tenantRef, filters)).csv);
const records = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];
const did = () => `+1212555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;

/** What a person sees of an extension: everything an export must carry over. */
async function snapshot(tenantId: string) {
  const rows = await db.extension.findMany({ where: { tenantId }, orderBy: { number: 'asc' } });
  const dids = new Map((await db.did.findMany({ where: { tenantId } })).map((d) => [d.id, d.e164]));
  return rows.map((r) => ({
    number: r.number, displayName: r.displayName, email: r.email, allowExternal: r.allowExternal, active: r.active, maxContacts: r.maxContacts,
    voicemail: r.voicemailId !== null, callerId: r.callerIdDidId ? dids.get(r.callerIdDidId) : null, adSynced: r.adSynced, adUsername: r.adUsername,
  }));
}

describe('CSV export', () => {
  it('then import into an empty tenant with the same DIDs is lossless, and never carries a secret or PIN', async () => {
    const [main, sales] = [did(), `+1646555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`];
    const source = await makeTenant(db, { mainDid: main });
    await addDid(ctx, source.id, { number: sales });
    const made = [
      await createExtension(ctx, source.id, { number: '1001', displayName: 'Alice Müller', email: 'alice@example.com', voicemailPin: '4821', callerId: sales, maxContacts: 3 }),
      await createExtension(ctx, source.id, { number: '1002', displayName: 'Bob "Bobby", Jr.', allowExternal: false, active: false }),
      await createExtension(ctx, source.id, { number: '1003', displayName: '=HYPERLINK("http://evil")', email: 'c@example.com', adSynced: true, adUsername: '-carol' }),
      await createExtension(ctx, source.id, { number: '1004', displayName: "O'Neil", callerId: main }),
    ];
    const before = await snapshot(source.id);

    const csv = await exportText(source.slug);
    expect(csv.split('\n')[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(records(csv)).toEqual([
      { number: '1001', name: 'Alice Müller', email: 'alice@example.com', allow_external: 'true', active: 'true', max_contacts: '3', voicemail: 'yes', caller_id: sales, ad_synced: 'false', ad_username: '' },
      { number: '1002', name: 'Bob "Bobby", Jr.', email: '', allow_external: 'false', active: 'false', max_contacts: '1', voicemail: 'no', caller_id: '', ad_synced: 'false', ad_username: '' },
      // Text a spreadsheet would run as a formula is exported behind a quote.
      { number: '1003', name: '\'=HYPERLINK("http://evil")', email: 'c@example.com', allow_external: 'true', active: 'true', max_contacts: '1', voicemail: 'no', caller_id: '', ad_synced: 'true', ad_username: "'-carol" },
      { number: '1004', name: "O'Neil", email: '', allow_external: 'true', active: 'true', max_contacts: '1', voicemail: 'no', caller_id: main, ad_synced: 'false', ad_username: '' },
    ]);
    for (const m of made) expect(csv).not.toContain(m.secret);
    expect(csv).not.toContain('4821');

    // The tenant goes (with its DIDs); a new one gets the same numbers and imports the file.
    await deleteTenant(ctx, source.id, { withExtensions: true });
    const target = await makeTenant(db, { slug: uniq('copy'), mainDid: main });
    await addDid(ctx, target.id, { number: sales });
    const report = await importExtensions(ctx, target.slug, csvReader([csv]), { file: 'export.csv', existing: 'error' });
    expect(report).toMatchObject({ outcome: 'done', counts: { created: 4, errors: 0 }, warnings: [] });
    expect(await snapshot(target.id)).toEqual(before);
    // Every extension has a new secret, and the one with a box a new PIN: listed once.
    expect(report.secrets.map((s) => [s.number, Boolean(s.secret), Boolean(s.voicemailPin)])).toEqual([
      ['1001', true, true], ['1002', true, false], ['1003', true, false], ['1004', true, false],
    ]);
    // And its export is the same file.
    expect(await exportText(target.slug)).toBe(csv);
  });

  it('streams a large tenant page after page, in number order, the header once', async () => {
    const tenant = await makeTenant(db);
    await bulkCreateExtensions(ctx, tenant.id, Array.from({ length: 450 }, (_, i) => ({ number: String(2000 + i), displayName: `Person ${i}` })));
    const { csv, total } = await exportExtensionsCsv(ctx, tenant.slug);
    expect(total).toBe(450);
    const chunks: string[] = [];
    for await (const chunk of csv) chunks.push(String(chunk));
    expect(chunks.length).toBeGreaterThan(1);
    const rows = records(chunks.join(''));
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 450 }, (_, i) => String(2000 + i)));
  });

  it('honours the list filters: search, active, external calls, directory', async () => {
    const tenant = await makeTenant(db);
    await bulkCreateExtensions(ctx, tenant.id, [
      { number: '3001', displayName: 'Anna Smith', email: 'anna@example.com' },
      { number: '3002', displayName: 'Ben Jones', active: false },
      { number: '3003', displayName: 'Cleo Smith', allowExternal: false, adSynced: true, adUsername: 'cleo' },
    ]);
    const numbers = async (filters: ExportFilters) => records(await exportText(tenant.slug, filters)).map((r) => r.number);
    expect(await numbers({ q: 'smith' })).toEqual(['3001', '3003']);
    expect(await numbers({ active: false })).toEqual(['3002']);
    expect(await numbers({ allowExternal: false })).toEqual(['3003']);
    expect(await numbers({ adSynced: true, q: 'cleo' })).toEqual(['3003']);
    expect(await numbers({ q: 'nobody' })).toEqual([]);
    expect(await exportText(tenant.slug, { q: 'nobody' })).toBe(`${EXPORT_COLUMNS.join(',')}\n`);
  });

  it('is open to the tenant viewers and closed to other tenants', async () => {
    const tenant = await makeTenant(db);
    const other = await makeTenant(db);
    await createExtension(ctx, tenant.id, { number: '4001', displayName: 'Dana' });
    expect(records(await exportText(tenant.slug, {}, viewer(tenant.id))).map((r) => r.number)).toEqual(['4001']);
    expect((await caught(exportExtensionsCsv({ actor: tenantAdmin(other.id), db }, tenant.slug))).code).toBe('not_found');
  });
});
