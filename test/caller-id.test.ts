import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDid } from '../lib/domain/did/add-did.ts';
import { listDids } from '../lib/domain/did/list-dids.ts';
import { removeDid } from '../lib/domain/did/remove-did.ts';
import { setMainDid } from '../lib/domain/did/set-main-did.ts';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { updateExtension } from '../lib/domain/extension/update-extension.ts';
import { explainCall } from '../lib/domain/routing/explain-call.ts';
import { deleteTenant } from '../lib/domain/tenant/delete-tenant.ts';
import { caught, makeTenant, platform, sql, tenantAdmin, uniq, useDb } from './support/fixtures.ts';

const { db, url } = useDb();
const ctx = { actor: platform, db };

/** A New York number no other test holds (DIDs are unique across tenants). */
const newNumber = () => `+1646${randomInt(2, 10)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;

const setVars = async (tenantId: string) =>
  Object.fromEntries(
    (
      await sql<{ number: string; set_var: string | null }>(
        url,
        'SELECT x.number, e.set_var FROM sb_extensions x JOIN ps_endpoints e ON e.id = x.endpoint_id WHERE x.tenant_id = $1 ORDER BY x.number',
        [tenantId],
      )
    ).map((r) => [r.number, r.set_var]),
  );
const clid = (e164: string) => `SWITCHBOARD_CLID=${e164}`;
const mainOf = async (tenantId: string) =>
  (await sql<{ e164: string | null }>(url, 'SELECT d.e164 FROM sb_tenants t LEFT JOIN sb_dids d ON d.id = t.main_did_id WHERE t.id = $1', [tenantId]))[0].e164;

describe('external caller ID', () => {
  it('refuses outside calls of a tenant without a DID, lets its emergency calls out, and starts with its first DID', async () => {
    const t = await makeTenant(db, { outboundTrunk: 'itsp' });
    await createExtension(ctx, t.id, { number: '1001', displayName: 'Alice' });
    expect(await setVars(t.id)).toEqual({ '1001': null });
    expect(await explainCall(ctx, t.id, { direction: 'outbound', from: '1001', dial: '2125550123' })).toMatchObject({ allowed: false, denyReason: 'no_caller_id' });
    expect(await explainCall(ctx, t.id, { direction: 'outbound', from: '1001', dial: '911' })).toMatchObject({ allowed: true, type: 'EMERGENCY', callerId: '' });

    const first = newNumber();
    await addDid(ctx, t.id, { number: first });
    expect(await mainOf(t.id)).toBe(first);
    expect(await setVars(t.id)).toEqual({ '1001': clid(first) });
    expect(await explainCall(ctx, t.id, { direction: 'outbound', from: '1001', dial: '2125550123' })).toMatchObject({ allowed: true, type: 'EXTERNAL', callerId: first });
    expect(await explainCall(ctx, t.id, { direction: 'outbound', from: '1001', dial: '911' })).toMatchObject({ allowed: true, callerId: first });
    expect(await explainCall(ctx, t.id, { direction: 'outbound', from: '1001', dial: '1001' })).toMatchObject({ type: 'INTERNAL', callerId: '' });

    await addDid(ctx, t.id, { number: newNumber() });
    expect(await mainOf(t.id)).toBe(first); // a second DID changes nothing
  });

  it('writes set_var for new, bulk-created, renumbered and re-pointed extensions', async () => {
    const t = await makeTenant(db, { outboundTrunk: 'itsp' });
    const [main, sales] = [newNumber(), newNumber()];
    await addDid(ctx, t.id, { number: main });
    await addDid(ctx, t.id, { number: sales });
    const { extension: a } = await createExtension(ctx, t.id, { number: '1001', displayName: 'Alice' });
    const { extension: b } = await createExtension(ctx, t.id, { number: '1002', displayName: 'Bob', callerId: sales });
    await bulkCreateExtensions(ctx, t.id, [
      { number: '2001', displayName: 'Bulk main' },
      { number: '2002', displayName: 'Bulk sales', callerId: sales.replace('+1', '') }, // national format works too
    ]);
    expect(await setVars(t.id)).toEqual({ '1001': clid(main), '1002': clid(sales), '2001': clid(main), '2002': clid(sales) });
    expect(await explainCall(ctx, t.id, { direction: 'outbound', from: '1002', dial: '2125550123' })).toMatchObject({ callerId: sales });

    await updateExtension(ctx, a.id, { callerId: sales });
    await updateExtension(ctx, b.id, { callerId: '' }); // back to the main number
    expect(await setVars(t.id)).toMatchObject({ '1001': clid(sales), '1002': clid(main) });
    await updateExtension(ctx, a.id, { number: '1009' }); // a new endpoint row keeps the pick
    expect(await setVars(t.id)).toMatchObject({ '1009': clid(sales) });
    await updateExtension(ctx, a.id, { displayName: 'Alice B.' }); // an unrelated change keeps it too
    expect(await setVars(t.id)).toMatchObject({ '1009': clid(sales) });

    const other = await makeTenant(db);
    const theirs = newNumber();
    await addDid(ctx, other.id, { number: theirs });
    for (const callerId of [theirs, '+12125550000', 'nonsense']) {
      expect((await caught(createExtension(ctx, t.id, { number: '3001', displayName: 'X', callerId }))).fieldErrors, callerId).toEqual({ callerId: ['is not an inbound number of this tenant'] });
      expect((await caught(updateExtension(ctx, b.id, { callerId }))).fieldErrors).toEqual({ callerId: ['is not an inbound number of this tenant'] });
    }
    const bulk = await caught(bulkCreateExtensions(ctx, t.id, [{ number: '3001', displayName: 'X' }, { number: '3002', displayName: 'Y', callerId: theirs }]));
    expect(bulk.fieldErrors).toEqual({ 'rows.1.callerId': ['is not an inbound number of this tenant'] });
  });

  it('moves every extension that follows the main number to a new main number, and no other', async () => {
    const t = await makeTenant(db, { outboundTrunk: 'itsp' });
    const [main, sales] = [newNumber(), newNumber()];
    await addDid(ctx, t.id, { number: main });
    await addDid(ctx, t.id, { number: sales });
    const third = newNumber();
    await addDid(ctx, t.id, { number: third });
    await createExtension(ctx, t.id, { number: '1001', displayName: 'Follows' });
    await createExtension(ctx, t.id, { number: '1002', displayName: 'Own pick', callerId: third });
    const dids = await listDids(ctx, t.id);
    const salesDid = dids.find((d) => d.e164 === sales)!;
    expect(dids.find((d) => d.e164 === main)).toMatchObject({ isMain: true, callerIdUsers: 0 });
    expect(dids.find((d) => d.e164 === third)).toMatchObject({ isMain: false, callerIdUsers: 1 });

    expect(await setMainDid({ actor: tenantAdmin(t.id), db }, salesDid.id)).toEqual({ e164: sales, changed: 1 });
    expect(await mainOf(t.id)).toBe(sales);
    expect(await setVars(t.id)).toEqual({ '1001': clid(sales), '1002': clid(third) });
    const audit = await sql(url, `SELECT before, after FROM sb_audit_log WHERE tenant_id = $1 AND action = 'tenant.main_number'`, [t.id]);
    expect(audit).toEqual([{ before: { mainNumber: main }, after: { mainNumber: sales, extensionsFollowing: 1 } }]);

    const other = await makeTenant(db);
    expect((await caught(setMainDid({ actor: tenantAdmin(other.id), db }, salesDid.id))).code).toBe('not_found');
  });

  it('changes the main number and set_var in one transaction: a failure leaves both as they were', async () => {
    const t = await makeTenant(db);
    const [main, next] = [newNumber(), newNumber()];
    await addDid(ctx, t.id, { number: main });
    const nextDid = await addDid(ctx, t.id, { number: next });
    await createExtension(ctx, t.id, { number: '1001', displayName: 'A' });
    const fn = uniq('fail_');
    await sql(url, `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.tenant_id = '${t.id}' AND NEW.action = 'tenant.main_number' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
    await sql(url, `CREATE TRIGGER ${fn} BEFORE INSERT ON sb_audit_log FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    try {
      await expect(setMainDid(ctx, nextDid.id)).rejects.toThrow(/injected failure/);
    } finally {
      await sql(url, `DROP TRIGGER ${fn} ON sb_audit_log; DROP FUNCTION ${fn}()`);
    }
    expect(await mainOf(t.id)).toBe(main);
    expect(await setVars(t.id)).toEqual({ '1001': clid(main) });
  });

  it('refuses to remove a DID in use, naming its users; the last DID takes the caller ID with it', async () => {
    const t = await makeTenant(db, { outboundTrunk: 'itsp' });
    const [main, sales] = [newNumber(), newNumber()];
    const mainDid = await addDid(ctx, t.id, { number: main });
    const salesDid = await addDid(ctx, t.id, { number: sales });
    const { extension: bob } = await createExtension(ctx, t.id, { number: '1002', displayName: 'Bob', callerId: sales });
    await createExtension(ctx, t.id, { number: '1001', displayName: 'Alice' });

    const inUse = await caught(removeDid(ctx, salesDid.id));
    expect(inUse.code).toBe('conflict');
    expect(inUse.message).toBe(`${sales} is the caller ID of 1002 (Bob): choose another caller ID for it first`);
    const isMain = await caught(removeDid(ctx, mainDid.id));
    expect(isMain.message).toBe(`${main} is the tenant's main number: make another number the main number first`);

    await updateExtension(ctx, bob.id, { callerId: null });
    await removeDid(ctx, salesDid.id);
    expect(await setVars(t.id)).toEqual({ '1001': clid(main), '1002': clid(main) });
    await removeDid(ctx, mainDid.id);
    expect(await mainOf(t.id)).toBeNull();
    expect(await setVars(t.id)).toEqual({ '1001': null, '1002': null });
    expect(await explainCall(ctx, t.id, { direction: 'outbound', from: '1001', dial: '2125550123' })).toMatchObject({ denyReason: 'no_caller_id' });
  });

  it('deletes a tenant together with its main number and picks', async () => {
    const t = await makeTenant(db);
    const [main, sales] = [newNumber(), newNumber()];
    await addDid(ctx, t.id, { number: main });
    await addDid(ctx, t.id, { number: sales });
    await createExtension(ctx, t.id, { number: '1001', displayName: 'A', callerId: sales });
    await deleteTenant(ctx, t.id, { withExtensions: true });
    expect(await sql(url, 'SELECT 1 FROM sb_dids WHERE e164 = ANY($1)', [[main, sales]])).toEqual([]);
  });
});
