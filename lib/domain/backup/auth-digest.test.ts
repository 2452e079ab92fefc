import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authForBackup } from './auth-digest.ts';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('authForBackup', () => {
  it('turns a userpass password into the md5 digest of username:realm:password', () => {
    expect(authForBackup({ id: '1001@a.example', auth_type: 'userpass', username: '1001', realm: 'a.example', password: 's3cret-Phrase' }, 'a.example')).toEqual({
      id: '1001@a.example', auth_type: 'md5', username: '1001', realm: 'a.example', md5_cred: md5('1001:a.example:s3cret-Phrase'),
    });
  });

  it("uses the tenant's domain as realm when the row has none, and writes it into the row", () => {
    const row = authForBackup({ id: '1001', username: '1001', password: 'pw-Word-77', realm: '' }, 'a.example');
    expect(row).toEqual({ id: '1001', auth_type: 'md5', username: '1001', realm: 'a.example', md5_cred: md5('1001:a.example:pw-Word-77') });
  });

  it('keeps an md5 digest and drops a password Asterisk ignores; leaves digest-only rows alone', () => {
    const cred = md5('1001:a.example:other');
    expect(authForBackup({ id: 'x', auth_type: 'md5', username: '1001', realm: 'a.example', md5_cred: cred, password: 'stale' }, 'a.example'))
      .toEqual({ id: 'x', auth_type: 'md5', username: '1001', realm: 'a.example', md5_cred: cred });
    const sha = { id: 'y', auth_type: 'userpass', username: '1001', password_digest: `SHA-256:${'a'.repeat(64)}`, password: '' };
    expect(authForBackup(sha, 'a.example')).toEqual({ id: 'y', auth_type: 'userpass', username: '1001', password_digest: `SHA-256:${'a'.repeat(64)}` });
  });

  it('refuses what cannot be written without plaintext: OAuth tokens, a password without a username', () => {
    expect(() => authForBackup({ id: 'g', auth_type: 'google_oauth', refresh_token: 't' }, 'a.example')).toThrow(/OAuth/);
    expect(() => authForBackup({ id: 'n', auth_type: 'userpass', password: 'pw' }, 'a.example')).toThrow(/no username/);
  });
});
