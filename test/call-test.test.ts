import { describe, expect, it } from 'vitest';
import { addDid } from '../lib/domain/did/add-did.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { explainCall } from '../lib/domain/routing/explain-call.ts';
import { caught, makeTenant, platform, tenantAdmin, useDb } from './support/fixtures.ts';

const { db } = useDb();
const ctx = { actor: platform, db };

describe('call-policy tester', () => {
  it('answers what the AGI server would, with reasons, inside one tenant', async () => {
    const acme = await makeTenant(db, { outboundTrunk: 'itsp' });
    const beta = await makeTenant(db);
    await createExtension(ctx, acme.id, { number: '1001', displayName: 'A' });
    await createExtension(ctx, acme.id, { number: '1002', displayName: 'B', allowExternal: false });
    await createExtension(ctx, beta.id, { number: '3000', displayName: 'Other tenant' });
    const as = { actor: tenantAdmin(acme.id), db };

    expect(await explainCall(as, acme.id, { direction: 'outbound', from: '1001', dial: '1002' })).toMatchObject({ allowed: true, type: 'INTERNAL', dialTarget: `PJSIP/1002@${acme.sipDomain}` });
    expect(await explainCall(as, acme.id, { direction: 'outbound', from: '1001', dial: '3000' })).toMatchObject({ allowed: false, denyReason: 'invalid_number' });
    const out = await explainCall(as, acme.id, { direction: 'outbound', from: '1002', dial: '(212) 555-0123' });
    expect(out).toMatchObject({ allowed: false, denyReason: 'external_not_allowed', e164: '' });
    expect(out.reasons).toContain('caller may not call out');
    expect(await explainCall(as, acme.id, { direction: 'outbound', from: '1002', dial: '911' })).toMatchObject({ allowed: true, type: 'EMERGENCY', dialTarget: 'PJSIP/911@itsp' });

    const did = `+1212555${String(Math.floor(Math.random() * 9000) + 1000)}`;
    await addDid(ctx, acme.id, { number: did, extensionNumber: '1001' });
    expect(await explainCall(as, acme.id, { direction: 'inbound', did })).toMatchObject({ allowed: true, dialTarget: `PJSIP/1001@${acme.sipDomain}` });

    expect((await caught(explainCall(as, acme.id, { direction: 'outbound', from: '9999', dial: '1001' }))).fieldErrors).toEqual({ from: ['is not an extension of this tenant'] });
    expect((await caught(explainCall(as, beta.id, { direction: 'outbound', from: '3000', dial: '1001' }))).code).toBe('not_found');
  });
});
