import { describe, expect, it } from 'vitest';
import { createDb } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { createDatabase, dropDatabase } from './support/pg.ts';
import { authenticate } from '../lib/domain/admin/authenticate.ts';
import { createAdmin } from '../lib/domain/admin/create-admin.ts';
import { resetAdminPassword, updateAdmin } from '../lib/domain/admin/update-admin.ts';
import { actorForAdmin, actorForSession } from '../lib/domain/admin/actor-for-admin.ts';
import { signOutAdmin } from '../lib/domain/admin/sessions.ts';
import { caught, makeTenant, platform, sql, uniq, useDb } from './support/fixtures.ts';

const { db, url } = useDb();
const ctx = { actor: platform, db };
/** A documentation-range address of its own per call, so tests never share a counter. */
const randomAddress = () => `198.51.${Math.floor(Math.random() * 100) + 100}.${Math.floor(Math.random() * 254) + 1}`;

describe('admin sign-in', () => {
  it('stores an argon2id hash, never the password, and signs in with it', async () => {
    const email = `${uniq('a')}@example.com`;
    const { password, passwordGenerated } = await createAdmin(ctx, { email, name: 'A', role: 'platform_admin' });
    expect(passwordGenerated).toBe(true);
    const [row] = await sql<{ password_hash: string }>(url, 'SELECT password_hash FROM sb_admin_users WHERE email = $1', [email]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(password);
    expect(await authenticate(db, { email: email.toUpperCase(), password }, '203.0.113.1')).toMatchObject({ email, role: 'platform_admin' });
  });

  it('locks an account for the address that keeps failing, even for the right password, and says for how long', async () => {
    const email = `${uniq('b')}@example.com`;
    const { password } = await createAdmin(ctx, { email, name: 'B', role: 'viewer' });
    const attacker = randomAddress();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await caught(authenticate(db, { email, password: 'wrong' }, attacker))).code);
    expect(codes).toEqual(['unauthenticated', 'unauthenticated', 'unauthenticated', 'unauthenticated', 'rate_limited']);
    const locked = await caught(authenticate(db, { email, password }, attacker));
    expect(locked).toMatchObject({ code: 'rate_limited', message: 'Too many failed sign-ins. Try again in 15 minutes.' });
  });

  it("lets the owner sign in from an address that has not been failing while the guesser's address stays locked", async () => {
    const email = `${uniq('o')}@example.com`;
    const { password } = await createAdmin(ctx, { email, name: 'Owner', role: 'viewer' });
    const attacker = randomAddress();
    for (let i = 0; i < 5; i++) await caught(authenticate(db, { email, password: `guess-${i}` }, attacker));
    expect(await authenticate(db, { email, password }, randomAddress())).toMatchObject({ email });
    expect((await caught(authenticate(db, { email, password }, attacker))).code).toBe('rate_limited');
    // Another address of the guesser's own IPv6 /48, in any of its /64s, is the same guesser.
    const site = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}`;
    for (let i = 0; i < 5; i++) await caught(authenticate(db, { email, password: `v6-${i}` }, `${site}:${i + 1}::1`));
    expect((await caught(authenticate(db, { email, password }, `${site}:ffff::99`))).code).toBe('rate_limited');
  });

  it('bounds many addresses together (a botnet) by an account-wide cap, which then refuses everyone for a while', async () => {
    const email = `${uniq('n')}@example.com`;
    const { password } = await createAdmin(ctx, { email, name: 'Net', role: 'viewer' });
    const results = await Promise.allSettled(
      Array.from({ length: 130 }, (_, i) => authenticate(db, { email, password: `bot-${i}` }, randomAddress())),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    const [account] = await sql<{ failures: number }>(url, 'SELECT failures FROM sb_sign_in_throttle WHERE key = $1', [`account:${email}`]);
    expect(account.failures).toBe(100);
    const err = await caught(authenticate(db, { email, password }, randomAddress()));
    expect(err).toMatchObject({ code: 'rate_limited', message: 'Too many failed sign-ins. Try again in 15 minutes.' });
  });

  it('treats an address that is not one (a forged header, 400 characters) as unknown, never as a database value', async () => {
    const email = `${uniq('x')}@example.com`;
    const { password } = await createAdmin(ctx, { email, name: 'X', role: 'viewer' });
    expect(await authenticate(db, { email, password }, `${'9'.repeat(398)}.1`)).toMatchObject({ email });
    expect((await caught(authenticate(db, { email, password: 'wrong' }, 'x'.repeat(400)))).code).toBe('unauthenticated');
  });

  it('counts every one of many concurrent wrong guesses', async () => {
    const email = `${uniq('f')}@example.com`;
    const { password } = await createAdmin(ctx, { email, name: 'F', role: 'viewer' });
    await Promise.allSettled(Array.from({ length: 6 }, (_, i) => authenticate(db, { email, password: `guess-${i}` }, null)));
    expect((await caught(authenticate(db, { email, password }, null))).code).toBe('rate_limited');
  });

  it('refuses a client address that keeps failing across accounts', async () => {
    const address = `192.0.2.${Math.floor(Math.random() * 250)}`;
    const { password } = await createAdmin(ctx, { email: `${uniq('c')}@example.com`, name: 'C', role: 'viewer' });
    await sql(url, `INSERT INTO sb_sign_in_throttle (key, failures, locked_until) VALUES ($1, 30, now() + interval '10 minutes')`, [`ip:${address}`]);
    const err = await caught(authenticate(db, { email: `${uniq('c')}@example.com`, password }, address));
    expect(err.code).toBe('rate_limited');
  });

  it('takes a disabled account or a new role into effect at once', async () => {
    const tenant = await makeTenant(db);
    const email = `${uniq('d')}@example.com`;
    const { admin, password } = await createAdmin(ctx, { email, name: 'D', role: 'tenant_admin', tenantId: tenant.id });
    expect(await actorForAdmin(db, admin.id)).toMatchObject({ role: 'tenant_admin', tenantId: tenant.id });
    await updateAdmin(ctx, admin.id, { role: 'viewer' });
    expect(await actorForAdmin(db, admin.id)).toMatchObject({ role: 'viewer' });
    await updateAdmin(ctx, admin.id, { disabled: true });
    expect(await actorForAdmin(db, admin.id)).toBeNull();
    expect((await caught(authenticate(db, { email, password }, null))).message).toBe('This account is disabled. Ask a platform admin.');
  });

  it('ends every session of an admin at sign-out, once: a replayed session can neither act nor sign out again', async () => {
    const email = `${uniq('s')}@example.com`;
    const { admin, password } = await createAdmin(ctx, { email, name: 'S', role: 'viewer' });
    const first = await authenticate(db, { email, password }, randomAddress());
    const second = await authenticate(db, { email, password }, randomAddress());
    const session = { adminId: admin.id, sessionVersion: first.sessionVersion };
    expect(second.sessionVersion).toBe(first.sessionVersion);
    expect(await actorForSession(db, session)).toMatchObject({ id: admin.id });
    expect(await signOutAdmin(db, session)).toBe(true);
    expect(await actorForSession(db, session)).toBeNull();
    expect(await actorForSession(db, { adminId: admin.id, sessionVersion: second.sessionVersion })).toBeNull();
    expect(await signOutAdmin(db, session)).toBe(false);
    const audit = await sql<{ action: string; actor_id: string }>(url, `SELECT action, actor_id FROM sb_audit_log WHERE target_id = $1 AND action = 'admin.sign_out'`, [admin.id]);
    expect(audit).toEqual([{ action: 'admin.sign_out', actor_id: admin.id }]);
    const third = await authenticate(db, { email, password }, randomAddress());
    expect(await actorForSession(db, { adminId: admin.id, sessionVersion: third.sessionVersion })).toMatchObject({ id: admin.id });
  });

  it('ends every session of an admin at a password reset, a role or tenant change and disabling, but not at a new name', async () => {
    const [one, two] = [await makeTenant(db), await makeTenant(db)];
    const email = `${uniq('r')}@example.com`;
    const { admin, password } = await createAdmin(ctx, { email, name: 'R', role: 'tenant_admin', tenantId: one.id });
    const signIn = async () => ({ adminId: admin.id, sessionVersion: (await authenticate(db, { email, password: current }, randomAddress())).sessionVersion });
    let current = password;
    const steps: [string, () => Promise<unknown>, boolean][] = [
      ['name', () => updateAdmin(ctx, admin.id, { name: 'Renamed' }), false],
      ['tenant', () => updateAdmin(ctx, admin.id, { tenantId: two.id }), true],
      ['role', () => updateAdmin(ctx, admin.id, { role: 'viewer' }), true],
      ['password', async () => { current = (await resetAdminPassword(ctx, admin.id)).password; }, true],
    ];
    for (const [what, change, ends] of steps) {
      const session = await signIn();
      await change();
      expect(await actorForSession(db, session), what).toEqual(ends ? null : expect.objectContaining({ id: admin.id }));
    }
    const session = await signIn();
    await updateAdmin(ctx, admin.id, { disabled: true });
    await updateAdmin(ctx, admin.id, { disabled: false });
    expect(await actorForSession(db, session)).toBeNull();
    const reasons = await sql<{ reason: string }>(url, `SELECT after->>'reason' AS reason FROM sb_audit_log WHERE target_id = $1 AND action = 'admin.sessions_ended' ORDER BY id`, [admin.id]);
    expect(reasons.map((r) => r.reason)).toEqual(['role_change', 'role_change', 'password_reset', 'disabled']);
  });

  it('keeps at least one active platform admin', async () => {
    // Its own database: "the last one" must not depend on what other test files create.
    const scratch = await createDatabase('sb_last_admin');
    const own = createDb(scratch, { max: 1 });
    try {
      await migrate(scratch);
      const only = await createAdmin({ actor: platform, db: own }, { email: 'only@example.com', name: 'Only', role: 'platform_admin' });
      for (const change of [{ disabled: true }, { role: 'viewer' as const }]) {
        const err = await caught(updateAdmin({ actor: platform, db: own }, only.admin.id, change));
        expect(err).toMatchObject({ code: 'conflict', message: 'This is the last active platform admin; create another one first' });
      }
      await createAdmin({ actor: platform, db: own }, { email: 'second@example.com', name: 'Second', role: 'platform_admin' });
      await updateAdmin({ actor: platform, db: own }, only.admin.id, { disabled: true });
    } finally {
      await own.$disconnect();
      await dropDatabase(scratch);
    }
  });
});
