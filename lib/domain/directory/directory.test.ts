import { describe, expect, it } from 'vitest';
import { guidFromBytes, guidToBytes } from './guid.ts';
import { extractNumber } from './number-rule.ts';
import { planSync, type DirectoryUser, type TenantExtension } from './plan.ts';
import { openSecret, sealSecret } from './secret-box.ts';

describe('objectGUID', () => {
  it('reads the first three groups little-endian, as Windows writes GUIDs', () => {
    // .NET's new Guid(byte[] {0..15}) and AD's own tools show this string for these bytes.
    expect(guidFromBytes(Uint8Array.from({ length: 16 }, (_, i) => i))).toBe('03020100-0504-0706-0809-0a0b0c0d0e0f');
    // The escaped filter form of an objectGUID from Microsoft's documentation and its GUID.
    const bytes = Buffer.from('bedda5ead194c04ba37d4bb5d5df5c8a', 'hex');
    expect(guidFromBytes(bytes)).toBe('eaa5ddbe-94d1-4bc0-a37d-4bb5d5df5c8a');
    expect(guidToBytes('EAA5DDBE-94D1-4BC0-A37D-4BB5D5DF5C8A').equals(bytes)).toBe(true);
    expect(() => guidFromBytes(new Uint8Array(15))).toThrow(/16 bytes/);
  });
});

describe('the bind password at rest', () => {
  const key = Buffer.alloc(32, 7);
  it('round-trips, never contains the password, and differs each time', () => {
    const a = sealSecret('Pa55-word!', 'tenant-a', key);
    expect(a).toMatch(/^v1:/);
    expect(a).not.toContain('Pa55');
    expect(sealSecret('Pa55-word!', 'tenant-a', key)).not.toBe(a);
    expect(openSecret(a, 'tenant-a', key)).toBe('Pa55-word!');
  });
  it('does not open under another tenant or another key, or when tampered with', () => {
    const a = sealSecret('Pa55-word!', 'tenant-a', key);
    expect(() => openSecret(a, 'tenant-b', key)).toThrow(/cannot be decrypted/);
    expect(() => openSecret(a, 'tenant-a', Buffer.alloc(32, 8))).toThrow(/cannot be decrypted/);
    const parts = a.split(':');
    parts[3] = Buffer.from('x').toString('base64');
    expect(() => openSecret(parts.join(':'), 'tenant-a', key)).toThrow(/cannot be decrypted/);
  });
});

describe('number rules', () => {
  it('digits only, the last digits, or a regular expression group', () => {
    expect(extractNumber('ext. 1002', { kind: 'digits' })).toEqual({ number: '1002' });
    expect(extractNumber('+1 (415) 555-0101', { kind: 'last_digits', count: 4 })).toEqual({ number: '0101' });
    expect(extractNumber('+1 (415) 555-0101 x2041', { kind: 'regex', pattern: 'x(\\d+)$' })).toEqual({ number: '2041' });
    expect(extractNumber('', { kind: 'digits' })).toEqual({ problem: 'has no number' });
    expect(extractNumber('reception', { kind: 'digits' })).toEqual({ problem: '"reception" gives no digits' });
    expect(extractNumber('12', { kind: 'last_digits', count: 4 })).toEqual({ problem: '"12" gives no digits' });
    expect(extractNumber('1001', { kind: 'regex', pattern: '(' })).toEqual({ problem: "the number rule's regular expression is invalid" });
  });
});

const now = new Date('2026-11-22T12:00:00Z');
const options = { now, graceDays: 30, maxRemovalPercent: 20, numberProblems: (n: string) => (n.length === 4 && !n.startsWith('0') ? [] : ['must be 4 digits']) };
const user = (id: string, number: string | null, extra: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id, dn: `uid=${id},ou=People`, login: id, name: `User ${id}`, email: `${id}@example.com`, number, numberProblem: number ? null : 'has no number', disabled: false, ...extra,
});
const synced = (id: string, number: string, extra: Partial<TenantExtension> = {}): TenantExtension => ({
  id: `ext-${id}`, number, displayName: `User ${id}`, email: `${id}@example.com`, active: true, adSynced: true, adUsername: id,
  directoryId: id, directoryState: 'active', removalDueAt: null, ...extra,
});
const manual = (number: string): TenantExtension => ({ ...synced('x', number), id: `manual-${number}`, adSynced: false, adUsername: null, directoryId: null, directoryState: null });

describe('the sync plan', () => {
  it('creates, updates, renumbers, and leaves the unchanged alone', () => {
    const plan = planSync(
      [user('ann', '1001'), user('bob', '1002', { name: 'Robert' }), user('cy', '1010'), user('dee', '1004')],
      [synced('ann', '1001'), synced('bob', '1002'), synced('cy', '1003'), ...Array.from({ length: 10 }, (_, i) => synced(`o${i}`, String(2000 + i)))].concat(),
      { ...options, maxRemovalPercent: 100 },
    );
    expect(plan.creates).toEqual([{ userId: 'dee', number: '1004', name: 'User dee', email: 'dee@example.com', login: 'dee' }]);
    expect(plan.updates).toEqual([
      { extensionId: 'ext-bob', userId: 'bob', number: '1002', changes: { displayName: 'Robert' } },
      { extensionId: 'ext-cy', userId: 'cy', number: '1003', changes: { number: '1010' } },
    ]);
    expect(plan.unchanged).toBe(1);
  });

  it('never takes over a hand-made extension, and gives a shared number to nobody', () => {
    const plan = planSync([user('ann', '1001'), user('bob', '1002'), user('cy', '1002'), user('dee', '12'), user('eve', null)], [manual('1001')], options);
    expect(plan.creates).toEqual([]);
    expect(plan.conflicts.map((c) => [c.userId, c.reason])).toEqual([
      ['dee', 'invalid_number'],
      ['eve', 'no_number'],
      ['ann', 'number_in_use'],
      ['bob', 'number_shared'],
      ['cy', 'number_shared'],
    ]);
  });

  it('deactivates leavers and the disabled with a removal date, removes them after it, reactivates returners', () => {
    const exts = [
      synced('gone', '1001'),
      synced('off', '1002'),
      synced('back', '1003', { active: false, directoryState: 'missing', removalDueAt: new Date('2026-12-01') }),
      synced('due', '1004', { active: false, directoryState: 'missing', removalDueAt: new Date('2026-11-01') }),
      synced('waiting', '1005', { active: false, directoryState: 'disabled', removalDueAt: new Date('2026-12-20') }),
      ...Array.from({ length: 20 }, (_, i) => synced(`s${i}`, String(3000 + i))),
    ];
    const users = [user('off', '1002', { disabled: true }), user('back', '1003'), user('waiting', '1005', { disabled: true }), ...Array.from({ length: 20 }, (_, i) => user(`s${i}`, String(3000 + i)))];
    const plan = planSync(users, exts, options);
    expect(plan.deactivations.map((d) => [d.userId, d.reason, d.removalDueAt.toISOString()])).toEqual([
      ['off', 'disabled', '2026-12-22T12:00:00.000Z'],
      ['gone', 'missing', '2026-12-22T12:00:00.000Z'],
    ]);
    expect(plan.removals.map((r) => r.userId)).toEqual(['due']);
    expect(plan.reactivations.map((r) => r.userId)).toEqual(['back']);
    expect(plan.pending).toBe(1);
    expect(plan.safety).toEqual({ synced: 25, affected: 3, limitPercent: 20, tripped: false });
  });

  it('trips the safety stop when the directory answers (nearly) nobody', () => {
    const exts = Array.from({ length: 10 }, (_, i) => synced(`u${i}`, String(1000 + i)));
    expect(planSync([], exts, options).safety).toEqual({ synced: 10, affected: 10, limitPercent: 20, tripped: true });
    expect(planSync(exts.slice(0, 8).map((e) => user(e.directoryId!, e.number)), exts, options).safety.tripped).toBe(false);
    expect(planSync(exts.slice(0, 7).map((e) => user(e.directoryId!, e.number)), exts, options).safety.tripped).toBe(true);
  });
});
