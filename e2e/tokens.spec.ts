import { authenticateToken } from '../lib/domain/api-token/authenticate-token';
import { createApiToken } from '../lib/domain/api-token/create-token';
import { systemActor } from '../lib/domain/actor';
import { callAction } from './support/actions';
import { expect, signIn, test, uniq } from './support/fixtures';

const setup = (db: Parameters<typeof createApiToken>[0]['db']) => ({ actor: systemActor('e2e-setup', 'cli'), db });

test('a platform admin creates a tenant token, sees it once, and revokes it', async ({ platformPage: page, db, makeTenant, baseURL }) => {
  const tenant = await makeTenant();
  const name = uniq('billing');
  await page.goto(`/tenants/${tenant.slug}`);
  await page.getByRole('main').getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { name: `${tenant.name}: API tokens` })).toBeVisible();
  await expect(page.getByText('No API tokens yet.')).toBeVisible();

  // The shared schema answers on the field before anything is sent.
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByText('is required')).toBeVisible();

  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Access').selectOption('write');
  await page.getByLabel('Expires').selectOption('30');
  await page.getByLabel('Rate limit per minute').fill('120');
  await page.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByRole('region', { name: `API token "${name}"` });
  await expect(shown).toContainText('will not be shown again');
  const token = (await shown.getByTestId('secret-value').textContent())!.trim();
  expect(token).toMatch(/^sbt_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId('curl-example')).toHaveText(`curl -H "Authorization: Bearer ${token}" ${baseURL}/api/v1/tenants/${tenant.slug}/extensions`);

  const check = await authenticateToken(db, token);
  expect(check.ok).toBe(true);
  if (!check.ok) return;
  expect(check.identity.actor).toMatchObject({ type: 'api', role: 'tenant_admin', tenantId: tenant.id, label: name });
  expect(check.identity.rateLimitPerMinute).toBe(120);

  // The list already has it, by its prefix only.
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(`${token.slice(0, 12)}…`);
  await expect(row).toContainText('Read-write');
  await expect(row).toContainText('active');
  await expect(row).toContainText('never');

  // Shown once: after a reload only the prefix is left.
  await page.reload();
  await expect(page.getByTestId('secret-value')).toHaveCount(0);
  await expect(row).toContainText(`${token.slice(0, 12)}…`);
  expect(await page.content()).not.toContain(token);

  // Revoking asks first; cancelling keeps the token working.
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('dialog')).toContainText(`Revoke the token ${name}?`);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  expect((await authenticateToken(db, token)).ok).toBe(true);
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(row.getByText('revoked', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  expect(await authenticateToken(db, token)).toEqual({ ok: false, reason: 'revoked' });
});

test("a tenant admin does not find another tenant's tokens, by URL or by action", async ({ page, db, makeTenant, makeAdmin }) => {
  const mine = await makeTenant();
  const theirs = await makeTenant();
  const { view: theirToken, token } = await createApiToken(setup(db), { name: 'theirs', tenantId: theirs.id, access: 'write' });
  await signIn(page, await makeAdmin('tenant_admin', mine.id));

  await page.goto(`/tenants/${theirs.slug}/tokens`);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  // Platform tokens are not theirs either, nor in their navigation.
  await page.goto('/tokens');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();

  await page.goto(`/tenants/${mine.slug}/tokens`);
  await expect(page.getByRole('button', { name: 'Create token' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens' })).toHaveCount(0);
  const path = `/tenants/${mine.slug}/tokens`;
  for (const [action, args] of [
    ['revokeTenantTokenAction', [theirToken.id]],
    ['revokePlatformTokenAction', [theirToken.id]],
    ['createTenantTokenAction', [theirs.id, { name: 'planted', access: 'write' }]],
    ['createPlatformTokenAction', [{ name: 'planted', access: 'write' }]],
  ] as [string, unknown[]][]) {
    expect(await callAction(page, path, action, args), action).toMatch(/"ok":false,"code":"(not_found|forbidden)"/);
  }
  expect((await authenticateToken(db, token)).ok).toBe(true);
  expect(await db.apiToken.count({ where: { name: 'planted' } })).toBe(0);
});

test('a viewer sees the tokens but no create form and no revoke button, and the actions refuse', async ({ page, db, makeTenant, makeAdmin }) => {
  const tenant = await makeTenant();
  const { view, token } = await createApiToken(setup(db), { name: 'reporting', tenantId: tenant.id, access: 'read' });
  await signIn(page, await makeAdmin('viewer', tenant.id));
  await page.goto(`/tenants/${tenant.slug}`);
  await page.getByRole('main').getByRole('link', { name: 'API tokens' }).click();
  const row = page.getByRole('row', { name: /reporting/ });
  await expect(row).toContainText(`${view.tokenPrefix}…`);
  await expect(row).toContainText('Read-only');
  await expect(page.getByText('You have read-only access.')).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Create token' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Revoke' })).toHaveCount(0);

  const path = `/tenants/${tenant.slug}/tokens`;
  expect(await callAction(page, path, 'revokeTenantTokenAction', [view.id])).toMatch(/"ok":false,"code":"forbidden"/);
  expect(await callAction(page, path, 'createTenantTokenAction', [tenant.id, { name: 'planted', access: 'read' }])).toMatch(/"ok":false,"code":"forbidden"/);
  expect((await authenticateToken(db, token)).ok).toBe(true);
});

test('a platform admin manages platform tokens from the main navigation', async ({ platformPage: page, db, baseURL }) => {
  const name = uniq('monitoring');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { name: 'API tokens', exact: true })).toBeVisible();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Expires').selectOption('');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByRole('region', { name: `API token "${name}"` }).getByTestId('secret-value').textContent())!.trim();
  await expect(page.getByTestId('curl-example')).toHaveText(`curl -H "Authorization: Bearer ${token}" ${baseURL}/api/v1/tenants`);

  const check = await authenticateToken(db, token);
  // The form's defaults: read-only; "never" was chosen.
  expect(check.ok && check.identity.actor).toMatchObject({ role: 'viewer', tenantId: null, label: name });
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Read-only');
  await expect(row.getByRole('cell').nth(5)).toHaveText('never');

  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(row.getByText('revoked', { exact: true })).toBeVisible();
  expect(await authenticateToken(db, token)).toEqual({ ok: false, reason: 'revoked' });
});

test('a platform-wide viewer reads the platform tokens without controls', async ({ page, db, makeAdmin }) => {
  const { view } = await createApiToken(setup(db), { name: uniq('platform-ro'), access: 'read' });
  await signIn(page, await makeAdmin('viewer', null));
  await page.goto('/tokens');
  await expect(page.getByRole('row', { name: new RegExp(view.name) })).toContainText(`${view.tokenPrefix}…`);
  await expect(page.getByRole('button', { name: 'Create token' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
});
