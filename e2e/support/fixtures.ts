import { randomBytes } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import pg from 'pg';
import { createDb, type Db } from '../../lib/db/client.ts';
import { systemActor } from '../../lib/domain/actor.ts';
import { createAdmin } from '../../lib/domain/admin/create-admin.ts';
import { createTenant } from '../../lib/domain/tenant/create-tenant.ts';

export type Account = { email: string; password: string };
const setup = { actor: systemActor('e2e-setup', 'cli') };

export const uniq = (prefix: string) => `${prefix}${randomBytes(3).toString('hex')}`;

/** Raw SQL, to see what Asterisk sees, not what our code reports. */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function signIn(page: Page, account: Account) {
  await page.goto('/signin');
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

type Fixtures = {
  db: Db;
  makeAdmin: (role: 'platform_admin' | 'tenant_admin' | 'viewer', tenantId?: string | null) => Promise<Account>;
  makeTenant: (overrides?: Record<string, unknown>) => ReturnType<typeof createTenant>;
  platformPage: Page;
};

export const test = base.extend<Fixtures, { workerDb: Db; platformAccount: Account }>({
  workerDb: [
    async ({}, use) => {
      const db = createDb(process.env.E2E_DATABASE_URL, { max: 2 });
      await use(db);
      await db.$disconnect();
    },
    { scope: 'worker' },
  ],
  platformAccount: [
    async ({ workerDb }, use) => {
      const email = `${uniq('root')}@switchboard.test`;
      const { password } = await createAdmin({ ...setup, db: workerDb }, { email, name: 'Root Admin', role: 'platform_admin' });
      await use({ email, password });
    },
    { scope: 'worker' },
  ],
  db: async ({ workerDb }, use) => use(workerDb),
  makeAdmin: async ({ workerDb }, use) =>
    use(async (role, tenantId = null) => {
      const email = `${uniq(role.replace('_', ''))}@switchboard.test`;
      const { password } = await createAdmin({ ...setup, db: workerDb }, { email, name: `E2E ${role}`, role, tenantId });
      return { email, password };
    }),
  makeTenant: async ({ workerDb }, use) =>
    use((overrides = {}) => {
      const slug = uniq('e2e');
      return createTenant({ ...setup, db: workerDb }, { slug, name: `Tenant ${slug}`, sipDomain: `${slug}.example.com`, defaultCountry: 'US', ...overrides });
    }),
  platformPage: async ({ browser, platformAccount }, use) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, platformAccount);
    await use(page);
    await context.close();
  },
});

export { expect };
