import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { createDb, type Db } from '../../lib/db/client.ts';
import { systemActor, type Actor } from '../../lib/domain/actor.ts';
import { createTenant } from '../../lib/domain/tenant/create-tenant.ts';
import type { TenantCreateInput } from '../../lib/domain/tenant/schemas.ts';
import { AppError } from '../../lib/errors.ts';
import { withClient } from './pg.ts';

export const platform: Actor = { ...systemActor('test-platform-admin'), type: 'admin', id: 'admin-1' };
export const tenantAdmin = (tenantId: string): Actor => ({
  type: 'admin',
  id: `ta-${tenantId.slice(0, 8)}`,
  label: 'tenant.admin@example.com',
  role: 'tenant_admin',
  tenantId,
});
export const viewer = (tenantId: string): Actor => ({ ...tenantAdmin(tenantId), role: 'viewer', label: 'viewer@example.com' });

/** The run's database, through Prisma (closed after the file's tests). */
export function useDb(): { db: Db; url: string } {
  const url = inject('databaseUrl');
  const db = createDb(url, { max: 4 });
  afterAll(() => db.$disconnect());
  return { db, url };
}

/** Raw SQL, to check what Asterisk will read without going through our own code. */
export const sql = <T extends Record<string, unknown> = Record<string, unknown>>(url: string, text: string, params: unknown[] = []) =>
  withClient(url, async (c) => (await c.query(text, params)).rows as T[]);

export const uniq = (prefix = 't') => `${prefix}${randomBytes(4).toString('hex')}`;

export async function makeTenant(db: Db, overrides: Partial<TenantCreateInput> = {}) {
  const slug = overrides.slug ?? uniq('t');
  return createTenant(
    { actor: platform, db },
    { slug, name: `Tenant ${slug}`, sipDomain: `${slug}.example.com`, defaultCountry: 'US', ...overrides },
  );
}

/** The AppError a call fails with; fails the test if it succeeds or throws anything else. */
export async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}
