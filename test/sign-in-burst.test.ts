/**
 * A parallel burst of guesses gets no more password checks than the limit: the slot is taken in
 * the statement that checks the lock, so the right password sent late in the burst is refused.
 */
import { describe, expect, it, vi } from 'vitest';
import { createAdmin } from '../lib/domain/admin/create-admin.ts';
import { caught, platform, sql, uniq, useDb } from './support/fixtures.ts';

// The real argon2 check, counted: a spy around the real function, not a stand-in for it.
const checks = vi.hoisted(() => ({ n: 0 }));
vi.mock('../lib/domain/admin/password.ts', async (original) => {
  const real = await original<typeof import('../lib/domain/admin/password.ts')>();
  return {
    ...real,
    verifyPassword: async (hash: string | null, password: string) => {
      checks.n++;
      return real.verifyPassword(hash, password);
    },
  };
});
const { authenticate } = await import('../lib/domain/admin/authenticate.ts');

const { db, url } = useDb();

describe('a parallel burst of sign-in guesses', () => {
  it('gets at most the limit of password checks; the right password late in the burst is refused; the counter says what happened', async () => {
    const email = `${uniq('burst')}@example.com`;
    const { password } = await createAdmin({ actor: platform, db }, { email, name: 'Burst', role: 'viewer' });
    const address = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    checks.n = 0;
    const attempts = Array.from({ length: 100 }, (_, i) =>
      authenticate(db, { email, password: i === 97 ? password : `guess-${i}` }, address),
    );
    const results = await Promise.allSettled(attempts);
    expect(checks.n).toBeLessThanOrEqual(5);
    expect(results[97].status).toBe('rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(0);
    const rows = await sql<{ key: string; failures: number }>(url, 'SELECT key, failures FROM sb_sign_in_throttle WHERE key LIKE $1', [`%${email}%`]);
    for (const row of rows) expect(row.failures, row.key).toBe(checks.n);
    expect((await caught(authenticate(db, { email, password }, address))).code).toBe('rate_limited');
  });
});
