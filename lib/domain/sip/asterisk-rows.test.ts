import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aorRow, authRow, callerId, contactIdPatterns, endpointRow, type TenantSip } from './asterisk-rows.ts';

const tenant: TenantSip = {
  slug: 'acme',
  sipDomain: 'acme.example.com',
  context: 'tenant-acme',
  transport: null,
  codecs: 'g722,ulaw,alaw',
  secretStorage: 'md5',
};
const ext = { number: '1001', displayName: 'Alice', email: null, maxContacts: 1, active: true, hasVoicemail: false, callerIdNumber: null };

describe('Asterisk rows of an extension', () => {
  it('fits caller ids into the 40-character column and strips what breaks parsing', () => {
    expect(callerId('Alice', '1001')).toBe('"Alice" <1001>');
    expect(callerId('Bob "the <builder>"; ^x', '1001')).toBe('"Bob the builder x" <1001>');
    const long = callerId('Maximilian Alexander von Hohenzollern-Sigmaringen', '12345678');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^"Maximilian .*" <12345678>$/);
    expect(callerId('""', '1001')).toBe('<1001>');
  });

  it('cuts a long name between characters, never inside an emoji, and counts code points as the column does', () => {
    const room = 40 - '1001'.length - 5;
    for (let pad = room - 3; pad <= room; pad++) {
      const id = callerId(`${'a'.repeat(pad)}😀👍🏽🇩🇪`, '1001');
      expect(id, `pad ${pad}`).not.toMatch(/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect([...id].length).toBeLessThanOrEqual(40);
      expect(Buffer.from(id, 'utf8').toString('utf8')).toBe(id);
    }
    expect(callerId('Zoë 😀', '1001')).toBe('"Zoë 😀" <1001>');
    // A name of 35 code points fits, although it is more UTF-16 units than that.
    const emoji = '😀'.repeat(room);
    expect(callerId(emoji, '1001')).toBe(`"${emoji}" <1001>`);
  });

  it('drops bidirectional overrides, zero-width and control characters from the name', () => {
    expect(callerId('Alice\u202Eecila\u202C', '1001')).toBe('"Aliceecila" <1001>');
    expect(callerId('Bo\u200Bb\u200D\u2066\uFEFF', '1001')).toBe('"Bob" <1001>');
    expect(callerId('Eve\u0000\u0007\u001B[31m', '1001')).toBe('"Eve[31m" <1001>');
    expect(callerId('\u202E\u200B', '1001')).toBe('<1001>');
  });

  it('keeps every 40-character column within bounds at the limits we allow', () => {
    const wide: TenantSip = { ...tenant, slug: 'a'.repeat(24), context: `tenant-${'a'.repeat(24)}`, sipDomain: `${'d'.repeat(28)}.example.com` };
    const row = endpointRow(wide, { ...ext, number: '12345678', hasVoicemail: true });
    for (const col of ['context', 'callerid', 'mailboxes', 'from_domain', 'subscribe_context'] as const)
      expect(row[col]!.length, col).toBeLessThanOrEqual(40);
  });

  it('refuses registrations of an inactive extension with max_contacts 0', () => {
    expect(aorRow(tenant, ext).max_contacts).toBe(1);
    expect(aorRow(tenant, { ...ext, active: false }).max_contacts).toBe(0);
  });

  it('stores digests per the tenant storage mode', () => {
    const ha1 = createHash('md5').update('1001:acme.example.com:s3cret-Value').digest('hex');
    expect(authRow(tenant, '1001', 's3cret-Value')).toMatchObject({ auth_type: 'md5', md5_cred: ha1, password: null });
    const both = authRow({ ...tenant, secretStorage: 'md5_sha256' }, '1001', 's3cret-Value');
    expect(both.password_digest).toBe(
      `SHA-256:${createHash('sha256').update('1001:acme.example.com:s3cret-Value').digest('hex')}`,
    );
    expect(both.supported_algorithms_uas).toBe('SHA-256,MD5');
    const md5First = authRow({ ...tenant, secretStorage: 'md5_then_sha256' }, '1001', 's3cret-Value');
    expect(md5First).toMatchObject({ md5_cred: ha1, password_digest: both.password_digest, supported_algorithms_uas: 'MD5,SHA-256' });
    expect(authRow({ ...tenant, secretStorage: 'plaintext' }, '1001', 's3cret-Value')).toMatchObject({
      auth_type: 'userpass',
      password: 's3cret-Value',
      md5_cred: null,
    });
  });

  it('matches the contact ids Asterisk writes for an AOR, and escapes LIKE wildcards', () => {
    expect(contactIdPatterns('1001@acme.example.com')).toEqual(['1001@acme.example.com;@%', '1001@acme.example.com^3B@%', '1001@acme.example.com@@%']);
    expect(contactIdPatterns('10_1@x')[0]).toBe('10\\_1@x;@%');
  });
});
