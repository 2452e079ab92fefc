import { describe, expect, it } from 'vitest';
import { callerIdSetVar, chooseCallerId, type CallerIdDid } from './caller-id.ts';

const dids: CallerIdDid[] = [
  { id: 'main', tenantId: 'A', e164: '+12125550100' },
  { id: 'sales', tenantId: 'A', e164: '+12125550177' },
  { id: 'theirs', tenantId: 'B', e164: '+4930901820' },
];
const byId = (id: string) => dids.find((d) => d.id === id);
const acme = { id: 'A', mainDidId: 'main' };

describe('the caller ID an extension presents', () => {
  it('is the tenant main number by default', () => {
    expect(chooseCallerId({ tenantId: 'A', callerIdDidId: null }, acme, byId)).toEqual({ e164: '+12125550100', source: 'main' });
    expect(chooseCallerId({ tenantId: 'A' }, acme, byId)).toEqual({ e164: '+12125550100', source: 'main' });
  });

  it('is the extension own pick among the tenant DIDs', () => {
    expect(chooseCallerId({ tenantId: 'A', callerIdDidId: 'sales' }, acme, byId)).toEqual({ e164: '+12125550177', source: 'extension' });
  });

  it('never is a number of another tenant, whatever the ids say', () => {
    expect(chooseCallerId({ tenantId: 'A', callerIdDidId: 'theirs' }, acme, byId)).toEqual({ e164: '+12125550100', source: 'main' });
    expect(chooseCallerId({ tenantId: 'A', callerIdDidId: null }, { id: 'A', mainDidId: 'theirs' }, byId)).toBeNull();
    expect(chooseCallerId({ tenantId: 'B', callerIdDidId: 'theirs' }, acme, byId)).toBeNull();
  });

  it('falls back to the main number when the pick is gone, and is none without any DID', () => {
    expect(chooseCallerId({ tenantId: 'A', callerIdDidId: 'deleted' }, acme, byId)?.source).toBe('main');
    expect(chooseCallerId({ tenantId: 'A', callerIdDidId: null }, { id: 'A', mainDidId: null }, byId)).toBeNull();
    expect(chooseCallerId({ tenantId: 'A', callerIdDidId: 'sales' }, { id: 'A', mainDidId: null }, byId)?.e164).toBe('+12125550177');
  });
});

describe('the endpoint variable the emergency extensions read', () => {
  it('is SWITCHBOARD_CLID=<E.164>, or nothing without a number', () => {
    expect(callerIdSetVar('+12125550100')).toBe('SWITCHBOARD_CLID=+12125550100');
    expect(callerIdSetVar(null)).toBeNull();
    expect(callerIdSetVar('')).toBeNull();
  });

  it('never writes what realtime would split or unescape', () => {
    for (const bad of ['+1212;x', '+1212^3B', '1001', '+0123', '+1234567890123456', '+1 212 555'])
      expect(() => callerIdSetVar(bad), bad).toThrow(/E\.164/);
  });
});

describe('the endpoint row', () => {
  it('carries the caller ID in set_var, and nothing without one', async () => {
    const { endpointRow } = await import('../sip/asterisk-rows.ts');
    const tenant = { slug: 'acme', sipDomain: 'acme.example.com', context: 'tenant-acme', transport: null, codecs: 'ulaw', secretStorage: 'md5' as const };
    const ext = { number: '1001', displayName: 'Alice', email: null, maxContacts: 1, active: true, hasVoicemail: false };
    expect(endpointRow(tenant, { ...ext, callerIdNumber: '+12125550100' })).toMatchObject({ set_var: 'SWITCHBOARD_CLID=+12125550100', callerid: '"Alice" <1001>' });
    expect(endpointRow(tenant, { ...ext, callerIdNumber: null }).set_var).toBeNull();
  });
});
