import { createExtension } from '../lib/domain/extension/create-extension';
import { systemActor } from '../lib/domain/actor';
import { callAction } from './support/actions';
import { expect, signIn, sql, test } from './support/fixtures';

const setup = (db: Parameters<typeof createExtension>[0]['db']) => ({ actor: systemActor('e2e-setup', 'cli'), db });

test('a tenant admin sees only their tenant; another tenant is not found by navigation, URL or action', async ({ page, db, makeTenant, makeAdmin }) => {
  const mine = await makeTenant();
  const theirs = await makeTenant();
  const { extension: myExt } = await createExtension(setup(db), mine.id, { number: '1001', displayName: 'Mine' });
  const { extension: theirExt } = await createExtension(setup(db), theirs.id, { number: '1001', displayName: 'Theirs' });
  await signIn(page, await makeAdmin('tenant_admin', mine.id));

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' }).click();
  await expect(page.getByRole('link', { name: mine.name })).toBeVisible();
  await expect(page.getByText(theirs.name)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'New tenant' })).toHaveCount(0);

  for (const url of [
    `/tenants/${theirs.slug}`,
    `/tenants/${theirs.slug}/settings`,
    `/tenants/${theirs.slug}/extensions/new`,
    `/tenants/${theirs.slug}/extensions/${theirExt.id}`,
    `/tenants/${mine.slug}/extensions/${theirExt.id}`,
  ]) {
    await page.goto(url);
    await expect(page.getByRole('heading', { name: 'Not found' }), url).toBeVisible();
  }

  const path = `/tenants/${mine.slug}/extensions/${myExt.id}`;
  const attempts: [string, unknown[]][] = [
    ['deleteExtensionAction', [theirExt.id]],
    ['updateExtensionAction', [theirExt.id, { displayName: 'Hacked' }]],
    ['changeSecretAction', [theirExt.id]],
    ['createExtensionAction', [theirs.id, { number: '1002', displayName: 'Planted' }]],
    ['updateTenantAction', [theirs.id, { name: 'Hacked' }]],
    ['deleteTenantAction', [theirs.id, true]],
  ];
  for (const [name, args] of attempts) {
    const body = await callAction(page, path, name, args);
    expect(body, name).toMatch(/"ok":false,"code":"(not_found|forbidden)"/);
  }
  const [state] = await sql<{ name: string; ext: string; n: number }>(
    `SELECT t.name, x.display_name AS ext, (SELECT count(*) FROM sb_extensions WHERE tenant_id = t.id)::int AS n
       FROM sb_tenants t JOIN sb_extensions x ON x.tenant_id = t.id WHERE t.id = $1`, [theirs.id]);
  expect(state).toEqual({ name: theirs.name, ext: 'Theirs', n: 1 });
  expect(await sql('SELECT 1 FROM ps_endpoints WHERE id = $1', [theirExt.endpointId])).toHaveLength(1);
});

test('a viewer can read a tenant but not change anything, by button or by action', async ({ page, db, makeTenant, makeAdmin }) => {
  const tenant = await makeTenant();
  const { extension } = await createExtension(setup(db), tenant.id, { number: '1001', displayName: 'Read Only' });
  await signIn(page, await makeAdmin('viewer', tenant.id));
  await page.goto(`/tenants/${tenant.slug}`);
  await expect(page.getByRole('link', { name: '1001' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New extension' })).toHaveCount(0);
  await page.goto(`/tenants/${tenant.slug}/extensions/new`);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await page.goto(`/tenants/${tenant.slug}/extensions/${extension.id}`);
  await expect(page.getByText('You have read-only access.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete extension' })).toHaveCount(0);
  await page.goto('/admins');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();

  const path = `/tenants/${tenant.slug}/extensions/${extension.id}`;
  for (const [name, args] of [
    ['deleteExtensionAction', [extension.id]],
    ['updateExtensionAction', [extension.id, { displayName: 'Changed' }]],
    ['createExtensionAction', [tenant.id, { number: '1002', displayName: 'New' }]],
    ['createAdminAction', [{ email: 'x@example.com', name: 'X', role: 'platform_admin' }]],
  ] as [string, unknown[]][]) {
    expect(await callAction(page, path, name, args), name).toMatch(/"ok":false,"code":"forbidden"/);
  }
  expect(await sql('SELECT display_name FROM sb_extensions WHERE tenant_id = $1', [tenant.id])).toEqual([{ display_name: 'Read Only' }]);
});
