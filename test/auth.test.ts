import { describe, expect, it } from 'vitest';
import { createDb } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { createDatabase, dropDatabase } from './support/pg.ts';
import { authenticate } from '../lib/domain/admin/authenticate.ts';
import { createAdmin } from '../lib/domain/admin/create-admin.ts';
import { updateAdmin } from '../lib/domain/admin/update-admin.ts';
import { actorForAdmin } from '../lib/domain/admin/actor-for-admin.ts';
import { caught, makeTenant, platform, sql, uniq, useDb } from './support/fixtures.ts';

const { db, url } = useDb();
const ctx = { actor: platform, db };

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

  it('locks an account after repeated failures, even for the right password, and says for how long', async () => {
    const email = `${uniq('b')}@example.com`;
    const { password } = await createAdmin(ctx, { email, name: 'B', role: 'viewer' });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await caught(authenticate(db, { email, password: 'wrong' }, `198.51.100.${i}`))).code);
    expect(codes).toEqual(['unauthenticated', 'unauthenticated', 'unauthenticated', 'unauthenticated', 'rate_limited']);
    const locked = await caught(authenticate(db, { email, password }, '198.51.100.99'));
    expect(locked).toMatchObject({ code: 'rate_limited', message: 'Too many failed sign-ins. Try again in 15 minutes.' });
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
