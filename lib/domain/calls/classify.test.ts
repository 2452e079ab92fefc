import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cdrRowFrom, endpointOfChannel, instantOf, nameOfClid, type CdrRow } from './cdr-row.ts';
import { classifyCdr, mergeCalls, type CallLookup, type CallTenant } from './classify.ts';

/** The rows a real Asterisk 22.10.1 wrote for Switchboard's calls (test/fixtures/cdr-sample.md). */
const sample: CdrRow[] = (parse(readFileSync(new URL('../../../test/fixtures/cdr-sample.csv', import.meta.url)), { columns: true }) as Record<string, string>[]).map(cdrRowFrom);
const bySequence = (seq: number) => sample.find((r) => r.sequence === seq)!;

const tenants: CallTenant[] = [
  { id: 'T-acme', slug: 'acme', context: 'tenant-acme', defaultCountry: 'US', extensionLength: 4 },
  { id: 'T-beta', slug: 'beta', context: 'tenant-beta', defaultCountry: 'US', extensionLength: 4 },
];
const extensions: Record<string, { id: string; tenantId: string }> = {
  '1001@acme.example.com': { id: 'X-acme-1001', tenantId: 'T-acme' },
  '1002@acme.example.com': { id: 'X-acme-1002', tenantId: 'T-acme' },
  '1003@acme.example.com': { id: 'X-acme-1003', tenantId: 'T-acme' },
  '1001@beta.example.com': { id: 'X-beta-1001', tenantId: 'T-beta' },
  '2001@beta.example.com': { id: 'X-beta-2001', tenantId: 'T-beta' },
};
const lookup: CallLookup = {
  tenantById: (id) => tenants.find((t) => t.id === id),
  tenantBySlug: (slug) => tenants.find((t) => t.slug === slug),
  tenantByContext: (c) => tenants.find((t) => t.context === c),
  extensionByEndpoint: (e) => extensions[e],
};
const classify = (row: CdrRow) => classifyCdr(row, lookup)!;

describe('classifying the cdr rows Asterisk wrote (cdr-sample.csv, scenarios a to j)', () => {
  it('a: an internal call answered', () => {
    expect(classify(bySequence(0))).toMatchObject({
      tenantId: 'T-acme', direction: 'internal', outcome: 'answered', reason: null, caller: '1001', callerName: 'acme 1001', callee: '1002',
      callerExtensionId: 'X-acme-1001', calleeExtensionId: 'X-acme-1002', duration: 3, billsec: 3, startedAt: new Date('2026-11-22T00:37:42Z'),
    });
  });
  it('b: rang out unanswered = missed', () => {
    expect(classify(bySequence(2))).toMatchObject({ tenantId: 'T-acme', direction: 'internal', outcome: 'missed', answeredAt: null });
  });
  it('c: a busy call is two rows of one uniqueid, merged into one busy call', () => {
    const [first, second] = [classify(bySequence(4)), classify(bySequence(6))];
    expect(first.uniqueid).toBe(second.uniqueid);
    const merged = mergeCalls(second, first);
    expect(merged).toMatchObject({ direction: 'internal', outcome: 'busy', calleeExtensionId: 'X-acme-1002', legs: 2, tenantId: 'T-acme' });
  });
  it('d: an outside call through the trunk', () => {
    expect(classify(bySequence(7))).toMatchObject({ tenantId: 'T-acme', direction: 'outbound', outcome: 'answered', callee: '2125550123', calleeExtensionId: null });
  });
  it('e: refused by the AGI server shows only by its shape (Hangup 21, nobody dialled): refused, not missed', () => {
    expect(classify(bySequence(9))).toMatchObject({ tenantId: 'T-acme', direction: 'outbound', outcome: 'refused', reason: null });
  });
  it('f: an emergency number of the tenant country', () => {
    expect(classify(bySequence(10))).toMatchObject({ tenantId: 'T-acme', direction: 'emergency', outcome: 'answered', callee: '911' });
  });
  it('g: an inbound DID call has no account code: the tenant comes from the phone that answered', () => {
    expect(classify(bySequence(12))).toMatchObject({ tenantId: 'T-acme', direction: 'inbound', outcome: 'answered', caller: '+13105550199', callee: '+14155550100', callerName: null, calleeExtensionId: 'X-acme-1001', callerExtensionId: null });
  });
  it('h: an unknown DID refused belongs to no tenant', () => {
    expect(classify(bySequence(14))).toMatchObject({ tenantId: null, direction: 'inbound', outcome: 'refused' });
  });
  it('i: beta 1001 is not acme 1001: the channel tells the tenants apart', () => {
    expect(classify(bySequence(15))).toMatchObject({ tenantId: 'T-beta', direction: 'internal', outcome: 'answered', callerExtensionId: 'X-beta-1001', calleeExtensionId: 'X-beta-2001' });
  });
  it('j: a refused internal number is internal by its length', () => {
    expect(classify(bySequence(17))).toMatchObject({ tenantId: 'T-acme', direction: 'internal', outcome: 'refused', calleeExtensionId: null });
  });
});

describe("the generated dialplan's mark in userfield", () => {
  const marked = (seq: number, userfield: string, extra: Partial<CdrRow> = {}) => classify({ ...bySequence(seq), userfield, ...extra });
  it('names the deny reason of a refused call', () => {
    expect(marked(9, 'sb:dialled:caller_inactive')).toMatchObject({ outcome: 'refused', reason: 'caller_inactive', direction: 'outbound' });
    expect(marked(17, 'sb:dialled:invalid_number')).toMatchObject({ outcome: 'refused', reason: 'invalid_number', direction: 'internal' });
  });
  it('gives the tenant of a refused inbound call once the dialplan set its account code', () => {
    expect(marked(14, 'sb:inbound:target_inactive', { accountcode: 'beta' })).toMatchObject({ tenantId: 'T-beta', direction: 'inbound', outcome: 'refused', reason: 'target_inactive' });
  });
  it('takes the direction the AGI server decided', () => {
    expect(marked(7, 'sb:external:ok')).toMatchObject({ direction: 'outbound', outcome: 'answered', reason: null });
    expect(marked(0, 'sb:internal:ok')).toMatchObject({ direction: 'internal' });
  });
  it('ignores a userfield that is not ours', () => {
    expect(marked(0, 'sb:internal:ok; DROP TABLE')).toMatchObject({ direction: 'internal', outcome: 'answered', reason: null });
    expect(marked(9, 'billing-code-7')).toMatchObject({ outcome: 'refused', reason: null });
  });
  it('never lets the account code move a phone call to another tenant', () => {
    expect(marked(0, 'sb:internal:ok', { accountcode: 'beta' })).toMatchObject({ tenantId: 'T-acme' });
  });
});

describe('cdr values', () => {
  it('reads channels, caller names and local times', () => {
    expect(endpointOfChannel('PJSIP/1001@acme.example.com-0000000c')).toBe('1001@acme.example.com');
    expect(endpointOfChannel('PJSIP/acme-1001-00000001')).toBe('acme-1001');
    expect(endpointOfChannel('Local/1001@x-00000001;1')).toBeNull();
    expect(nameOfClid('"acme 1001" <1001>')).toBe('acme 1001');
    expect(nameOfClid('"" <+13105550199>')).toBeNull();
    expect(instantOf('2026-11-22 00:37:42', 'UTC')).toEqual(new Date('2026-11-22T00:37:42Z'));
    expect(instantOf('2026-07-01 12:00:00', 'Europe/Berlin')).toEqual(new Date('2026-07-01T10:00:00Z'));
    expect(instantOf('2026-01-15T12:00:00', 'America/New_York')).toEqual(new Date('2026-01-15T17:00:00Z'));
    expect(instantOf(null, 'UTC')).toBeNull();
  });
  it('skips a row it cannot place in time or identify', () => {
    expect(classifyCdr({ ...bySequence(0), start: null }, lookup)).toBeNull();
    expect(classifyCdr({ ...bySequence(0), uniqueid: null }, lookup)).toBeNull();
  });
});
