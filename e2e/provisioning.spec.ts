import { createHash } from 'node:crypto';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions';
import { systemActor } from '../lib/domain/actor';
import { expect, sql, test, uniq } from './support/fixtures';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

test('a platform admin creates a tenant and its first phone, finds it registered, edits and deletes it', async ({ platformPage: page }) => {
  const slug = uniq('acme');
  const domain = `${slug}.example.com`;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' }).click();
  await page.getByRole('link', { name: 'New tenant' }).click();
  await page.getByLabel('Name').fill('Acme Corporation');
  await page.getByLabel('Slug').fill(slug);
  await page.getByLabel('SIP domain').fill(domain.toUpperCase());
  await page.getByLabel('Country').selectOption('DE');
  await page.getByRole('button', { name: 'Create tenant' }).click();
  await expect(page.getByRole('heading', { name: 'Acme Corporation' })).toBeVisible();
  await expect(page.getByText('No extensions yet.')).toBeVisible();

  await page.getByRole('link', { name: 'Create the first one' }).click();
  await page.getByLabel('Number').fill('1001');
  await page.getByLabel('Display name').fill('Alice Anders');
  await page.getByLabel('E-mail').fill('alice@acme.example');
  await page.getByLabel('Voicemail PIN').fill('4826');
  await page.getByRole('button', { name: 'Create extension' }).click();
  const secret = (await page.getByTestId('secret-value').textContent())!.trim();
  expect(secret).toMatch(/^[A-Za-z0-9]{24}$/);
  await expect(page.getByRole('status').filter({ hasText: 'Extension 1001 created' })).toBeVisible();

  const id = `1001@${domain}`;
  const [endpoint] = await sql('SELECT context, aors, auth, from_domain FROM ps_endpoints WHERE id = $1', [id]);
  expect(endpoint).toEqual({ context: `tenant-${slug}`, aors: id, auth: id, from_domain: domain });
  const [auth] = await sql<{ md5_cred: string; password: string | null }>('SELECT md5_cred, password FROM ps_auths WHERE id = $1', [id]);
  expect(auth).toEqual({ md5_cred: md5(`1001:${domain}:${secret}`), password: null });
  expect(await sql('SELECT max_contacts FROM ps_aors WHERE id = $1', [id])).toEqual([{ max_contacts: 1 }]);

  // The secret is not shown again: the detail page has no trace of it.
  await page.getByRole('link', { name: 'Open the extension' }).click();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByText('Not registered.')).toBeVisible();

  // Asterisk writes the phone's registration into ps_contacts; the open page picks it up by itself.
  await sql(`INSERT INTO ps_contacts (id, uri, expiration_time, endpoint, user_agent, via_addr, via_port, qualify_2xx_only)
             VALUES ($1, $2, $3, $4, 'Yealink SIP-T54W 96.86.0.100', '198.51.100.7', 5060, 'false')`, [
    `${id}^3B@05b1c7a4e2f3d6b8`, `sip:1001@198.51.100.7:5060`, Math.floor(Date.now() / 1000) + 3600, id,
  ]);
  // The registration panel (the phone also shows under Phones, from the registration history).
  await expect(page.getByText(/Yealink SIP-T54W 96\.86\.0\.100 · from/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Registered', { exact: true })).toBeVisible();

  // A duplicate number is refused on its field.
  await page.goto(`/tenants/${slug}/extensions/new`);
  await page.getByLabel('Number').fill('1001');
  await page.getByLabel('Display name').fill('Someone else');
  await page.getByRole('button', { name: 'Create extension' }).click();
  await expect(page.getByText('is already in use in this tenant')).toBeVisible();
  await expect(page.getByLabel('Number')).toHaveAttribute('aria-invalid', 'true');

  // Edit: the caller id Asterisk sends follows the name.
  await page.goto(`/tenants/${slug}`);
  await expect(page.getByRole('row', { name: /1001 Alice Anders/ }).getByText('Registered')).toBeVisible();
  await page.getByRole('link', { name: '1001' }).click();
  await page.getByLabel('Display name').fill('Alice Smith');
  await page.getByRole('button', { name: 'Save extension' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Extension saved' })).toBeVisible();
  await expect.poll(async () => (await sql<{ callerid: string }>('SELECT callerid FROM ps_endpoints WHERE id = $1', [id]))[0].callerid).toBe('"Alice Smith" <1001>');

  // Delete asks first; then every row of the phone is gone, its registration included.
  await page.getByRole('button', { name: 'Delete extension' }).click();
  await expect(page.getByRole('dialog')).toContainText('Delete extension 1001?');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  expect(await sql('SELECT 1 FROM ps_endpoints WHERE id = $1', [id])).toHaveLength(1);
  await page.getByRole('button', { name: 'Delete extension' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No extensions yet.')).toBeVisible();
  const [left] = await sql<{ n: number }>(`SELECT
    (SELECT count(*) FROM ps_endpoints WHERE id = $1)::int + (SELECT count(*) FROM ps_auths WHERE id = $1)::int +
    (SELECT count(*) FROM ps_aors WHERE id = $1)::int + (SELECT count(*) FROM ps_contacts WHERE endpoint = $1)::int AS n`, [id]);
  expect(left.n).toBe(0);
});

test('directory-synced extensions carry a green AD badge with the directory user name', async ({ platformPage: page, db, makeTenant }) => {
  const tenant = await makeTenant();
  await bulkCreateExtensions({ actor: systemActor('directory-sync', 'directory'), db }, tenant.id, [
    { number: '2001', displayName: 'Carol Jones', adSynced: true, adUsername: 'ACME\\carol.jones', directoryId: 'b5c1b7e0-3f9a' },
    { number: '2002', displayName: 'Local Only' },
  ]);
  await page.goto(`/tenants/${tenant.slug}`);
  const badge = page.getByRole('row', { name: /Carol Jones/ }).getByText('AD', { exact: true });
  await expect(badge).toBeVisible();
  await expect(badge).toHaveAttribute('title', 'Synced from the directory as ACME\\carol.jones');
  await expect(page.getByRole('row', { name: /Local Only/ }).getByText('AD', { exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: '2001' }).click();
  await expect(page.getByText('ACME\\carol.jones')).toBeVisible();
});

test('the call-policy tester explains what a call gets', async ({ platformPage: page, db, makeTenant }) => {
  const tenant = await makeTenant({ outboundTrunk: 'itsp' });
  await bulkCreateExtensions({ actor: systemActor('e2e', 'cli'), db }, tenant.id, [
    { number: '1001', displayName: 'Caller' },
    { number: '1002', displayName: 'Internal only', allowExternal: false },
  ]);
  await page.goto(`/tenants/${tenant.slug}`);
  await page.getByRole('link', { name: 'Test a call' }).click();
  await page.getByLabel('From extension').fill('1002');
  await page.getByLabel('Dials').fill('(212) 555-0123');
  await page.getByRole('button', { name: 'Test the call' }).click();
  const decision = page.getByRole('region', { name: 'Decision' });
  await expect(decision.getByText('Denied', { exact: true })).toBeVisible();
  await expect(decision.getByText('external_not_allowed')).toBeVisible();
  await page.getByLabel('Dials').fill('911');
  await page.getByRole('button', { name: 'Test the call' }).click();
  await expect(decision.getByText('EMERGENCY', { exact: true })).toBeVisible();
  await expect(decision.getByText('PJSIP/911@itsp')).toBeVisible();
  await page.getByLabel('From extension').fill('4444');
  await page.getByRole('button', { name: 'Test the call' }).click();
  await expect(page.getByText('is not an extension of this tenant')).toBeVisible();
});
