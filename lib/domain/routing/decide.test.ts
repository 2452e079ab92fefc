import { describe, expect, it } from 'vitest';
import { decideInbound, decideOutbound, didCandidates } from './decide.ts';
import { RoutingView } from './view.ts';

const view = new RoutingView();
view.putTenant({ id: 'A', slug: 'acme', country: 'US', trunk: 'itsp-us', active: true, allowPremium: false, mainDidId: 'dA' });
view.putTenant({ id: 'B', slug: 'beta', country: 'DE', trunk: 'itsp-de', active: true, allowPremium: true, mainDidId: 'dB' });
view.putTenant({ id: 'C', slug: 'gone', country: 'GB', trunk: 'itsp-uk', active: false, allowPremium: false });
view.putTenant({ id: 'D', slug: 'notrunk', country: 'US', trunk: null, active: true, allowPremium: false });
view.putTenant({ id: 'E', slug: 'nodid', country: 'US', trunk: 'itsp-us', active: true, allowPremium: false });
const ext = (id: string, tenantId: string, number: string, domain: string, extra = {}) =>
  view.putExtension({ id, tenantId, number, endpointId: `${number}@${domain}`, active: true, allowExternal: true, ...extra });
ext('a1', 'A', '1001', 'acme.example');
ext('a2', 'A', '1002', 'acme.example');
ext('a3', 'A', '1003', 'acme.example', { allowExternal: false });
ext('a4', 'A', '1004', 'acme.example', { active: false });
ext('a5', 'A', '2000', 'acme.example');
ext('b1', 'B', '1001', 'beta.example');
ext('b9', 'B', '3000', 'beta.example');
ext('c1', 'C', '1001', 'gone.example');
ext('d1', 'D', '1001', 'notrunk.example');
ext('e1', 'E', '1001', 'nodid.example');
ext('a6', 'A', '1006', 'acme.example', { callerIdDidId: 'dA6' });
ext('a7', 'A', '1007', 'acme.example', { callerIdDidId: 'dB' }); // another tenant's DID never counts
view.putDid({ id: 'dA', e164: '+12125550100', tenantId: 'A', extensionId: 'a2' });
view.putDid({ id: 'dA6', e164: '+12125550106', tenantId: 'A', extensionId: null });
view.putDid({ id: 'dB', e164: '+4930901820', tenantId: 'B', extensionId: 'b1' });
view.putDid({ e164: '+4930901821', tenantId: 'B', extensionId: null });
view.putDid({ e164: '+12125550104', tenantId: 'A', extensionId: 'a4' });

describe('outbound decisions', () => {
  it.each([
    // caller, dialled, type, target or reason
    ['1001@acme.example', '1002', 'INTERNAL', 'PJSIP/1002@acme.example'],
    ['1001@beta.example', '1001', 'INTERNAL', 'PJSIP/1001@beta.example'],
    ['1001@acme.example', '3000', 'DENIED', 'invalid_number'], // 3000 exists only in beta
    ['1001@acme.example', '1004', 'DENIED', 'target_inactive'],
    ['1004@acme.example', '1001', 'DENIED', 'caller_inactive'],
    ['9999@acme.example', '1001', 'DENIED', 'unknown_caller'],
    ['1001@gone.example', '1002', 'DENIED', 'tenant_suspended'],
    ['1001@acme.example', '911', 'EMERGENCY', 'PJSIP/911@itsp-us'],
    ['1003@acme.example', '911', 'EMERGENCY', 'PJSIP/911@itsp-us'], // no external calls, still emergency
    ['1001@beta.example', '112', 'EMERGENCY', 'PJSIP/112@itsp-de'],
    ['1001@beta.example', '110', 'EMERGENCY', 'PJSIP/110@itsp-de'],
    ['1001@acme.example', '112', 'EMERGENCY', 'PJSIP/112@itsp-us'],
    ['1001@gone.example', '999', 'EMERGENCY', 'PJSIP/999@itsp-uk'], // even a suspended tenant reaches 999
    ['1001@acme.example', '(212) 555-0123', 'EXTERNAL', 'PJSIP/+12125550123@itsp-us'],
    ['1001@acme.example', '2125550123', 'EXTERNAL', 'PJSIP/+12125550123@itsp-us'],
    ['1001@acme.example', '+442079460958', 'EXTERNAL', 'PJSIP/+442079460958@itsp-us'],
    ['1001@acme.example', '011442079460958', 'EXTERNAL', 'PJSIP/+442079460958@itsp-us'],
    ['1001@beta.example', '030 901820', 'EXTERNAL', 'PJSIP/+4930901820@itsp-de'],
    ['1001@beta.example', '0044 20 7946 0958', 'EXTERNAL', 'PJSIP/+442079460958@itsp-de'],
    ['1003@acme.example', '2125550123', 'DENIED', 'external_not_allowed'],
    ['1001@acme.example', '9005550123', 'DENIED', 'premium_not_allowed'],
    ['1001@beta.example', '09001234567', 'EXTERNAL', 'PJSIP/+499001234567@itsp-de'], // beta allows premium
    ['1001@acme.example', '12345', 'DENIED', 'invalid_number'],
    ['1001@acme.example', '', 'DENIED', 'invalid_number'],
    ['1001@acme.example', '<script>', 'DENIED', 'invalid_number'],
    ['1001@notrunk.example', '2125550123', 'DENIED', 'no_trunk'],
  ])('%s dials %s: %s %s', (caller, dialled, type, expected) => {
    const d = decideOutbound(view, caller, dialled);
    expect(d.type).toBe(type);
    if (type === 'DENIED') {
      expect(d.denyReason).toBe(expected);
      expect(d.allowed).toBe(false);
      expect(d.dialTarget).toBe('');
    } else {
      expect(d.dialTarget).toBe(expected);
      expect(d.allowed).toBe(true);
    }
    expect(d.reasons.length).toBeGreaterThan(0);
  });

  // Seen on a real Asterisk: each of these went straight to the trunk as an emergency call from an
  // extension without outside calls, because libphonenumber drops * and # before comparing.
  it.each(['*911', '9#11', '9*1*1#', '1*1*2', '911#', '#112', '+911', '0911', '9110'])(
    '%s is not an emergency number: only the exact digits are',
    (dialled) => {
      const d = decideOutbound(view, '1003@acme.example', dialled);
      expect(d.type).toBe('DENIED');
      expect(d.dialTarget).toBe('');
      expect(decideOutbound(null, '1003@acme.example', dialled, { country: 'US', trunk: 'itsp-us' }).allowed).toBe(false);
    },
  );

  it('passes exact emergency numbers before the view is loaded, and nothing else', () => {
    const cold = { country: 'US', trunk: 'itsp-us' };
    expect(decideOutbound(null, '1003@acme.example', '911', cold)).toMatchObject({ type: 'EMERGENCY', dialTarget: 'PJSIP/911@itsp-us' });
    expect(decideOutbound(null, '1003@acme.example', '1002', cold)).toMatchObject({ type: 'DENIED', denyReason: 'unavailable' });
  });

  it('refuses a dialled number carrying a line break or other characters, whatever follows', () => {
    for (const dialled of ['12125550100\nagi_arg_1: 1001@acme.example', '1002\r', '1002\t', '1002\u0000', '1002@beta.example', '1002,1001'])
      expect(decideOutbound(view, '1001@acme.example', dialled)).toMatchObject({ type: 'DENIED', denyReason: 'invalid_number', tenant: 'acme' });
  });

  it('presents the tenant main number, or the extension own pick, on outside calls only', () => {
    expect(decideOutbound(view, '1001@acme.example', '2125550123')).toMatchObject({ type: 'EXTERNAL', callerId: '+12125550100' });
    expect(decideOutbound(view, '1006@acme.example', '2125550123')).toMatchObject({ type: 'EXTERNAL', callerId: '+12125550106' });
    expect(decideOutbound(view, '1007@acme.example', '2125550123')).toMatchObject({ type: 'EXTERNAL', callerId: '+12125550100' });
    expect(decideOutbound(view, '1001@beta.example', '030 901820')).toMatchObject({ type: 'EXTERNAL', callerId: '+4930901820' });
    expect(decideOutbound(view, '1001@acme.example', '1002')).toMatchObject({ type: 'INTERNAL', callerId: '' });
    expect(decideOutbound(view, '1006@acme.example', '911')).toMatchObject({ type: 'EMERGENCY', callerId: '+12125550106' });
    expect(decideInbound(view, '+12125550100')).toMatchObject({ type: 'INTERNAL', callerId: '' });
  });

  it('refuses outside calls of a tenant without a DID (no_caller_id), but never its emergency calls', () => {
    const out = decideOutbound(view, '1001@nodid.example', '2125550123');
    expect(out).toMatchObject({ allowed: false, type: 'DENIED', denyReason: 'no_caller_id', tenant: 'nodid', dialTarget: '', callerId: '' });
    expect(out.reasons).toContain('tenant has no DID to present as caller ID');
    const sos = decideOutbound(view, '1001@nodid.example', '911');
    expect(sos).toMatchObject({ allowed: true, type: 'EMERGENCY', dialTarget: 'PJSIP/911@itsp-us', callerId: '' });
    expect(sos.reasons).toContain('tenant has no DID: the extension number is sent as caller ID');
    expect(decideOutbound(view, '1001@nodid.example', '1001')).toMatchObject({ type: 'INTERNAL', callerId: '' }); // internal calls need no DID
  });

  it('follows a new main number and a removed DID at once', () => {
    const v = new RoutingView();
    v.putTenant({ id: 'T', slug: 't', country: 'US', trunk: 'itsp', active: true, allowPremium: false, mainDidId: 'd1' });
    v.putExtension({ id: 'x', tenantId: 'T', number: '1001', endpointId: '1001@t', active: true, allowExternal: true, callerIdDidId: null });
    v.putDid({ id: 'd1', e164: '+12125550101', tenantId: 'T', extensionId: null });
    v.putDid({ id: 'd2', e164: '+12125550102', tenantId: 'T', extensionId: null });
    expect(decideOutbound(v, '1001@t', '2125550123').callerId).toBe('+12125550101');
    v.putTenant({ ...v.tenants.get('T')!, mainDidId: 'd2' });
    expect(decideOutbound(v, '1001@t', '2125550123').callerId).toBe('+12125550102');
    v.removeDidById('d2');
    expect(v.dids.has('+12125550102')).toBe(false);
    expect(decideOutbound(v, '1001@t', '2125550123')).toMatchObject({ denyReason: 'no_caller_id' });
  });

  it('names the tenant and the E.164 number', () => {
    expect(decideOutbound(view, '1001@acme.example', '2125550123')).toMatchObject({ tenant: 'acme', e164: '+12125550123' });
  });

  it('denies everything as unavailable before the view is loaded', () => {
    expect(decideOutbound(null, '1001@acme.example', '1002')).toMatchObject({ type: 'DENIED', denyReason: 'unavailable' });
  });
});

describe('inbound decisions', () => {
  it.each([
    ['+12125550100', 'INTERNAL', 'PJSIP/1002@acme.example'],
    ['12125550100', 'INTERNAL', 'PJSIP/1002@acme.example'],
    ['0012125550100', 'INTERNAL', 'PJSIP/1002@acme.example'],
    ['+49 30 901820', 'INTERNAL', 'PJSIP/1001@beta.example'],
    ['030901820', 'INTERNAL', 'PJSIP/1001@beta.example'], // national format, read with the tenants' countries
    ['+4930901821', 'DENIED', 'did_unassigned'],
    ['+12125550104', 'DENIED', 'target_inactive'],
    ['+12125559999', 'DENIED', 'unknown_did'],
    ['garbage', 'DENIED', 'unknown_did'],
  ])('DID %s: %s %s', (did, type, expected) => {
    const d = decideInbound(view, did);
    expect(d.type).toBe(type);
    expect(type === 'DENIED' ? d.denyReason : d.dialTarget).toBe(expected);
  });

  it('offers every E.164 reading of a national DID', () => {
    expect(didCandidates('030901820', ['DE', 'US'])).toEqual(['+4930901820']);
  });
});
