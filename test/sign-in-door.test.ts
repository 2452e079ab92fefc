/**
 * The sign-in door end to end below next-auth: a real HTTP server (the peer stamp wraps it as it
 * wraps Next's), real headers, the real database. Spoofed forwarding headers must not give an
 * attacker fresh counters, and no failure may reach the client as anything but a code.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb } from '../lib/db/client.ts';
import { createAdmin } from '../lib/domain/admin/create-admin.ts';
import { log } from '../lib/log.ts';
import { parseTrustedProxies } from '../lib/next/client-address.ts';
import { installPeerStamp, PEER_HEADER, peerFromHeaders } from '../lib/next/peer-stamp.ts';
import { signInWithCredentials } from '../lib/next/sign-in.ts';
import { platform, sql, uniq, useDb } from './support/fixtures.ts';

const { db, url } = useDb();
let server: http.Server;
let base: string;

beforeAll(async () => {
  installPeerStamp();
  server = http.createServer(async (req, res) => {
    const body = JSON.parse(await new Promise<string>((ok) => { let b = ''; req.on('data', (c) => (b += c)).on('end', () => ok(b)); }));
    const trusted = parseTrustedProxies(req.headers['x-test-trusted'] as string | undefined);
    const answer = await signInWithCredentials(db, body, req.headers, trusted).then(
      (user) => ({ ok: true, email: user.email }),
      (err: Error) => ({ ok: false, error: err.message }),
    );
    res.setHeader('content-type', 'application/json').end(JSON.stringify({ ...answer, peer: peerFromHeaders(req.headers) }));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const post = async (body: object, headers: Record<string, string> = {}) =>
  (await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })).json() as Promise<{ ok: boolean; error?: string; email?: string; peer: string | null }>;
const randomIp = () => Array.from({ length: 4 }, () => Math.floor(Math.random() * 223) + 1).join('.');

describe('the sign-in door', () => {
  it("counts by the socket's peer: X-Forwarded-For and a forged peer header do not reset the count", async () => {
    const email = `${uniq('spoof')}@example.com`;
    const { password } = await createAdmin({ actor: platform, db }, { email, name: 'Spoof', role: 'viewer' });
    const spoofed = () => ({ 'x-forwarded-for': randomIp(), 'x-real-ip': randomIp(), [PEER_HEADER]: `${randomIp()} forged` });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await post({ email, password: `wrong-${i}` }, spoofed()));
    expect(answers.map((a) => a.error)).toEqual(['CredentialsSignin', 'CredentialsSignin', 'CredentialsSignin', 'CredentialsSignin', 'TooManyAttempts-15']);
    expect(answers.every((a) => a.peer === '127.0.0.1')).toBe(true);
    expect(await post({ email, password }, spoofed())).toMatchObject({ ok: false, error: 'TooManyAttempts-15' });
    const rows = await sql<{ key: string; failures: number }>(url, 'SELECT key, failures FROM sb_sign_in_throttle WHERE key LIKE $1', [`pair:${email}|%`]);
    expect(rows).toEqual([{ key: `pair:${email}|127.0.0.1`, failures: 5 }]);
  });

  it('reads X-Forwarded-For only behind a trusted proxy, right-most untrusted hop first', async () => {
    const email = `${uniq('proxy')}@example.com`;
    const { password } = await createAdmin({ actor: platform, db }, { email, name: 'Proxy', role: 'viewer' });
    const client = randomIp();
    for (let i = 0; i < 5; i++) await post({ email, password: `wrong-${i}` }, { 'x-test-trusted': '127.0.0.1', 'x-forwarded-for': `${randomIp()}, ${client}` });
    expect(await post({ email, password }, { 'x-test-trusted': '127.0.0.1', 'x-forwarded-for': `${randomIp()}, ${client}` })).toMatchObject({ error: 'TooManyAttempts-15' });
    expect(await post({ email, password }, { 'x-test-trusted': '127.0.0.1', 'x-forwarded-for': randomIp() })).toMatchObject({ ok: true, email });
  });

  it('answers a 400-character X-Forwarded-For with a code, never database text', async () => {
    const email = `${uniq('long')}@example.com`;
    const { password } = await createAdmin({ actor: platform, db }, { email, name: 'Long', role: 'viewer' });
    const long = { 'x-test-trusted': '127.0.0.1', 'x-forwarded-for': `${'9'.repeat(398)}.1` };
    expect(await post({ email, password: 'wrong' }, long)).toMatchObject({ ok: false, error: 'CredentialsSignin' });
    expect(await post({ email, password }, long)).toMatchObject({ ok: true, email });
    expect(await post({ email: 'x'.repeat(400), password }, long)).toMatchObject({ ok: false, error: 'CredentialsSignin' });
    expect(await post({ email: '', password: '' })).toMatchObject({ ok: false, error: 'MissingFields' });
  });

  it('logs an unexpected failure with its context and gives the client only SignInFailed', async () => {
    const broken = createDb(url.replace(/\/[^/?]+(\?|$)/, '/sb_no_such_database$1'), { max: 1 });
    const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
    try {
      const err = await signInWithCredentials(broken, { email: 'a@example.com', password: 'secret-pass' }, { [PEER_HEADER]: 'forged' }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toBe('SignInFailed');
      expect(logged).toHaveBeenCalledWith('sign-in failed', expect.objectContaining({ err: expect.any(Error), address: null }));
      expect(JSON.stringify(logged.mock.calls)).not.toContain('secret-pass');
    } finally {
      logged.mockRestore();
      await broken.$disconnect();
    }
  });
});
