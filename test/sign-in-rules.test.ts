/** Pure sign-in rules: which address a request came from, where to go after, what to say. */
import { describe, expect, it } from 'vitest';
import { addressIdentity } from '../lib/domain/admin/throttle-rules.ts';
import { chooseClientAddress, normalizeAddress, parseTrustedProxies } from '../lib/next/client-address.ts';
import { afterSignInPath, safeCallbackPath } from '../lib/next/safe-redirect.ts';
import { signInCodes, signInErrorMessage } from '../lib/next/sign-in-errors.ts';

const none = parseTrustedProxies(undefined);
const proxies = parseTrustedProxies('10.0.0.0/8, 192.168.1.5,fd00::/8');

describe('the client address', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(none.empty).toBe(true);
    expect(chooseClientAddress('203.0.113.7', '1.2.3.4', none)).toBe('203.0.113.7');
    expect(chooseClientAddress('203.0.113.7', ['1.2.3.4', '5.6.7.8'], none)).toBe('203.0.113.7');
    expect(chooseClientAddress('::ffff:203.0.113.7', undefined, none)).toBe('203.0.113.7');
    expect(chooseClientAddress(null, '1.2.3.4', none)).toBeNull();
  });

  it('is the right-most untrusted hop behind trusted proxies; what the client wrote to the left is ignored', () => {
    expect(chooseClientAddress('10.1.2.3', 'spoofed, 6.6.6.6, 203.0.113.9', proxies)).toBe('203.0.113.9');
    expect(chooseClientAddress('10.1.2.3', '1.1.1.1, 203.0.113.9, 192.168.1.5, 10.9.9.9', proxies)).toBe('203.0.113.9');
    expect(chooseClientAddress('10.1.2.3', ['1.1.1.1', '203.0.113.9:4711'], proxies)).toBe('203.0.113.9');
    expect(chooseClientAddress('fd00::1', '[2001:db8::5]:443', proxies)).toBe('2001:db8::5');
    // A peer that is not a trusted proxy is the client, even when it sends the header.
    expect(chooseClientAddress('203.0.113.50', '10.1.1.1', proxies)).toBe('203.0.113.50');
  });

  it('is the left-most hop when every hop is a trusted proxy, and unknown when a trusted hop wrote garbage', () => {
    expect(chooseClientAddress('10.1.2.3', '10.4.4.4', proxies)).toBe('10.4.4.4');
    expect(chooseClientAddress('10.1.2.3', undefined, proxies)).toBe('10.1.2.3');
    expect(chooseClientAddress('10.1.2.3', `1.1.1.1, ${'x'.repeat(400)}`, proxies)).toBeNull();
    expect(chooseClientAddress('10.1.2.3', '1.1.1.1, 10.0.0.1, <script>', proxies)).toBeNull();
  });

  it('is always a plain IP address of bounded length, or null', () => {
    for (const bad of ['', ' ', 'localhost', '1.2.3', '1.2.3.4.5', '999.1.1.1', `${'9'.repeat(398)}.1`, "1.2.3.4'; DROP TABLE", '[::1'])
      expect(normalizeAddress(bad), bad).toBeNull();
    expect(normalizeAddress(' 1.2.3.4 ')).toBe('1.2.3.4');
    expect(normalizeAddress('FE80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress('[::1]')).toBe('::1');
  });

  it('reads TRUSTED_PROXIES as IPs and CIDRs and reports what is neither', () => {
    const parsed = parseTrustedProxies('10.0.0.0/8, nonsense, 1.2.3.4/33, ::1, 2001:db8::/32');
    expect(parsed.invalid).toEqual(['nonsense', '1.2.3.4/33']);
    expect(parsed.list.check('10.200.0.1', 'ipv4')).toBe(true);
    expect(parsed.list.check('2001:db8:ffff::1', 'ipv6')).toBe(true);
    expect(parsed.list.check('11.0.0.1', 'ipv4')).toBe(false);
  });

  it('counts IPv4 by address and IPv6 by /48, so one host cannot cycle through the /64s it holds', () => {
    expect(addressIdentity('203.0.113.7')).toBe('203.0.113.7');
    expect(addressIdentity('2001:db8:1:2::1')).toBe('2001:db8:1::/48');
    expect(addressIdentity('2001:0db8:0001:ffff:ffff:ffff:ffff:ffff')).toBe('2001:db8:1::/48');
    expect(addressIdentity('::1')).toBe('0:0:0::/48');
    expect(addressIdentity('64:ff9b::192.0.2.33')).toBe('64:ff9b:0::/48');
    expect(addressIdentity(null)).toBe('unknown');
    expect(addressIdentity('x'.repeat(400))).toBe('unknown');
  });
});

describe('where to go after signing in', () => {
  const origin = 'https://portal.example.com';

  it('follows paths of this site', () => {
    expect(safeCallbackPath('/tenants/acme?page=2#x', origin)).toBe('/tenants/acme?page=2#x');
    expect(safeCallbackPath('https://portal.example.com/audit', origin)).toBe('/audit');
    expect(safeCallbackPath('tenants', origin)).toBe('/tenants');
    expect(safeCallbackPath('/%2F%2Fevil.example', origin)).toBe('/%2F%2Fevil.example');
    expect(safeCallbackPath('https://portal.example.com//evil.example/x', origin)).toBe('/evil.example/x');
  });

  it('never another site, however it is written', () => {
    for (const url of [
      '//evil.example/phish',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'https://evil.example',
      'http://portal.example.com', // another origin: the scheme differs
      'https://portal.example.com.evil.example/',
      'https://portal.example.com@evil.example/',
      'javascript:alert(1)',
      'data:text/html,hi',
      '///evil.example',
      decodeURIComponent('%2F%2Fevil.example'),
      decodeURIComponent('%2F%5Cevil.example'),
    ])
      expect(safeCallbackPath(url, origin), JSON.stringify(url)).toBe('/');
    expect(safeCallbackPath(undefined, origin)).toBe('/');
    expect(safeCallbackPath('//evil.example')).toBe('/');
  });

  it('is never the sign-in page itself or next-auth, which would loop once signed in', () => {
    for (const url of ['/signin', '/signin?callbackUrl=/signin', 'https://portal.example.com/signin#x', '/api/auth/signin', '/api/auth'])
      expect(afterSignInPath(url, origin), url).toBe('/');
    expect(afterSignInPath('/signing-off', origin)).toBe('/signing-off');
    expect(afterSignInPath('/tenants', origin)).toBe('/tenants');
  });
});

describe('what a failed sign-in says', () => {
  it('has words for the known codes and a plain message for anything else, never the query text', () => {
    expect(signInErrorMessage(signInCodes.wrong)).toBe('Wrong e-mail or password.');
    expect(signInErrorMessage(signInCodes.disabled)).toBe('This account is disabled. Ask a platform admin.');
    expect(signInErrorMessage(signInCodes.locked(15 * 60_000))).toBe('Too many failed sign-ins. Try again in 15 minutes.');
    expect(signInErrorMessage(signInCodes.locked(30_000))).toBe('Too many failed sign-ins. Try again in 1 minute.');
    expect(signInErrorMessage(signInCodes.failed)).toMatch(/It was logged/);
    expect(signInErrorMessage('Your account is compromised: call +1 555 0100')).toBe('Sign-in did not work. Please try again.');
    expect(signInErrorMessage('value too long for type character varying(300)')).toBe('Sign-in did not work. Please try again.');
    expect(signInErrorMessage(undefined)).toBeUndefined();
  });
});
