import type { Page } from '@playwright/test';
import { directorySecretKey } from '../playwright.config';
import { systemActor } from '../lib/domain/actor';
import { saveDirectorySettings } from '../lib/domain/directory/settings';
import { makeDirectory } from '../test/support/directory-fixture';
import { startSlapd, type Slapd } from '../test/support/slapd';
import { callAction } from './support/actions';
import { expect, signIn, test } from './support/fixtures';

// Settings saved here directly are opened by the portal's worker: the same key as the portal's.
process.env.DIRECTORY_SECRET_KEY = directorySecretKey;

// 15 users: 2 without a phone number, 2 disabled (every 7th), so 11 extensions to create.
const dir = makeDirectory({ users: 15 });
const expected = dir.users.filter((u) => u.extension && !u.disabled);
const numberless = dir.users.filter((u) => !u.extension && !u.disabled);
const numbers = expected.map((u) => u.extension!.slice(-4)).sort();
let ldap: Slapd;

test.beforeAll(async () => {
  ldap = await startSlapd({ entries: dir.entries });
});
test.afterAll(async () => ldap?.stop());

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test('a platform admin sets up the directory, tests it, previews, syncs, and sees the synced extensions', async ({ platformPage: page, makeTenant }) => {
  expect(expected).toHaveLength(11);
  const tenant = await makeTenant();
  await page.goto(`/tenants/${tenant.slug}`);
  await page.getByRole('main').getByRole('link', { name: 'Directory' }).click();
  await expect(page.getByRole('heading', { name: `${tenant.name}: directory` })).toBeVisible();
  await expect(page.getByText('No previews or syncs yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Preview' })).toHaveCount(0);

  // The preset fills the OpenLDAP defaults; everything stays editable.
  await field(page, 'Directory type').selectOption('openldap');
  await expect(field(page, 'User filter')).toHaveValue('(objectClass=inetOrgPerson)');
  await expect(field(page, 'Id attribute')).toHaveValue('entryUUID');
  await expect(field(page, 'Login attribute')).toHaveValue('uid');
  await field(page, 'URL').fill(`ldap://127.0.0.1:${ldap.port}`);
  await expect(field(page, 'StartTLS')).toBeChecked();
  await field(page, 'CA certificate').fill(ldap.caCertPem);
  await field(page, 'Bind DN').fill(ldap.bindDN);
  await field(page, 'Bind password').fill('not-the-password');
  await field(page, 'Base DN').fill(dir.peopleDN);
  await field(page, 'Number attribute').fill('telephoneNumber');
  await field(page, 'Number rule').selectOption('last_digits');
  await field(page, 'Digits to keep').fill('4');
  await field(page, 'Disabled when').selectOption('attribute');
  await field(page, 'Disabled attribute').fill('employeeType');
  await field(page, 'Disabled value').fill('disabled');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Directory settings saved' })).toBeVisible();

  // Write-only: after a reload the password is neither in the field nor anywhere in the page.
  await page.reload();
  await expect(field(page, 'Bind password')).toHaveValue('');
  await expect(field(page, 'Bind password')).toHaveAttribute('placeholder', 'stored — leave blank to keep');
  expect(await page.content()).not.toContain('not-the-password');
  await expect(field(page, 'Disabled value')).toHaveValue('disabled');

  // The stored (wrong) password: the directory's own refusal, in red.
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByTestId('test-result');
  await expect(result).toHaveText('The directory refused the bind DN and password (invalid credentials)');
  await expect(result).toHaveClass(/text-red-700/);

  await field(page, 'Bind password').fill(ldap.bindPassword);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(result.getByRole('status')).toHaveText('Connected: 15 users match');
  const sample = result.getByRole('table', { name: 'Sample users' });
  await expect(sample.locator('tbody tr')).toHaveCount(5);
  await expect(sample).toContainText(dir.users[0].uid);
  await expect(field(page, 'Bind password')).toHaveValue('');

  // Preview: the plan, and nothing created.
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.locator('[data-testid=run-report][data-mode=preview][data-status=succeeded]');
  await expect(preview).toBeVisible({ timeout: 30_000 });
  await expect(preview.getByTestId('count-created')).toHaveText(String(expected.length));
  await expect(preview.getByTestId('count-conflicts')).toHaveText(String(numberless.length));
  const creates = preview.getByRole('region', { name: `Create (${expected.length})` });
  await expect(creates.locator('tbody tr')).toHaveCount(expected.length);
  expect((await creates.locator('tbody tr td:first-child').allTextContents()).sort()).toEqual(numbers);
  const conflicts = preview.getByRole('region', { name: `Conflicts (${numberless.length})` });
  await expect(conflicts.locator('tbody tr')).toHaveCount(numberless.length);
  for (const u of numberless) await expect(conflicts.getByRole('row', { name: new RegExp(u.uid) })).toContainText('no number');

  // Sync: the report says what it did.
  await page.getByRole('button', { name: 'Sync now' }).click();
  const sync = page.locator('[data-testid=run-report][data-mode=sync][data-status=succeeded]');
  await expect(sync).toBeVisible({ timeout: 30_000 });
  await expect(sync.getByTestId('count-created')).toHaveText(String(expected.length));
  await expect(sync.getByText('created', { exact: true })).toBeVisible();
  await expect(sync).toContainText(/took [\d.]+ m?s/);
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.locator('tbody tr')).toHaveCount(2);
  await expect(history.locator('tbody tr').first()).toContainText(`${expected.length} created`);
  await expect(history.locator('tbody tr').nth(1)).toContainText(`${expected.length} would be created`);

  // Each run has its own report page.
  await history.locator('tbody tr').nth(1).getByRole('link').click();
  await expect(page.getByRole('heading', { name: new RegExp(`${tenant.name}: directory preview of`) })).toBeVisible();
  await expect(page.getByRole('region', { name: `Create (${expected.length})` }).locator('tbody tr')).toHaveCount(expected.length);

  // The extensions: exactly the created ones, each with the green AD badge.
  await page.goto(`/tenants/${tenant.slug}`);
  const rows = page.locator('main tbody tr');
  await expect(rows).toHaveCount(expected.length);
  expect((await rows.locator('td:first-child').allTextContents()).map((t) => t.trim()).sort()).toEqual(numbers);
  for (const u of expected) await expect(page.getByLabel(`Active Directory: ${u.uid}`, { exact: true })).toBeVisible();
  await expect(page.getByLabel(/^Active Directory/)).toHaveCount(expected.length);

  const one = expected[0];
  await page.getByRole('link', { name: one.extension!.slice(-4), exact: true }).click();
  const box = page.getByRole('region', { name: /Directory/ });
  await expect(box).toContainText(`Directory user: ${one.uid}`);
  await expect(box.getByTestId('directory-state')).toHaveText('active');
  await expect(box).not.toContainText('Last sync: never');
  await expect(page.getByText('Owned by the directory: the next sync restores this.').first()).toBeVisible();

  // Its generated SIP password is revealed once, to one admin, then no longer kept.
  await page.getByRole('button', { name: 'Reveal SIP password' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reveal once' }).click();
  const shown = page.getByRole('region', { name: `SIP password of ${one.extension!.slice(-4)}` });
  await expect(shown.getByTestId('secret-value')).toHaveText(/^\S{24}$/);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Reveal SIP password' })).toHaveCount(0);
});

test("a tenant admin does not reach another tenant's directory, by URL or by action; a viewer only reads", async ({ page, db, makeTenant, makeAdmin, browser }) => {
  const mine = await makeTenant();
  const theirs = await makeTenant();
  const input = {
    url: `ldap://127.0.0.1:${ldap.port}`, startTls: true, caCert: ldap.caCertPem, bindDn: ldap.bindDN, bindPassword: 'sealed-not-shown',
    baseDn: dir.peopleDN, userFilter: '(objectClass=inetOrgPerson)', numberAttribute: 'telephoneNumber', nameAttribute: 'displayName',
    emailAttribute: 'mail', loginAttribute: 'uid', idAttribute: 'entryUUID', disabledMode: 'none' as const,
  };
  await saveDirectorySettings({ actor: systemActor('e2e-setup', 'cli'), db }, theirs.id, input);

  await signIn(page, await makeAdmin('tenant_admin', mine.id));
  await page.goto(`/tenants/${theirs.slug}/directory`);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  const path = `/tenants/${mine.slug}/directory`;
  for (const [action, args] of [
    ['startDirectoryRunAction', [theirs.id, 'sync']],
    ['saveDirectoryAction', [theirs.id, { ...input, url: 'ldap://attacker.example:389', allowPlain: true }]],
    ['testDirectoryAction', [theirs.id, input]],
  ] as [string, unknown[]][]) {
    expect(await callAction(page, path, action, args), action).toMatch(/"ok":false,"code":"not_found"/);
  }
  expect(await db.directoryRun.count({ where: { tenantId: theirs.id } })).toBe(0);
  expect((await db.directory.findUniqueOrThrow({ where: { tenantId: theirs.id } })).url).toBe(input.url);
  await page.goto(path);
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeVisible();

  // A viewer of that tenant sees the settings (never the password) and no way to change or run.
  const context = await browser.newContext();
  const viewer = await context.newPage();
  await signIn(viewer, await makeAdmin('viewer', theirs.id));
  await viewer.goto(`/tenants/${theirs.slug}/directory`);
  await expect(viewer.getByText('You have read-only access.')).toBeVisible();
  await expect(viewer.getByText(dir.peopleDN)).toBeVisible();
  for (const name of ['Save settings', 'Test connection', 'Preview', 'Sync now']) await expect(viewer.getByRole('button', { name })).toHaveCount(0);
  expect(await viewer.content()).not.toContain('sealed-not-shown');
  expect(await callAction(viewer, `/tenants/${theirs.slug}/directory`, 'startDirectoryRunAction', [theirs.id, 'preview'])).toMatch(/"ok":false,"code":"forbidden"/);
  expect(await db.directoryRun.count({ where: { tenantId: theirs.id } })).toBe(0);
  await context.close();
});

test('a sync that would deactivate too many stops and asks; confirmed, it deactivates them, and the extensions say why', async ({ platformPage: page, db, makeTenant }) => {
  const own = makeDirectory({ users: 15 });
  const server = await startSlapd({ entries: own.entries });
  try {
    const tenant = await makeTenant();
    await saveDirectorySettings({ actor: systemActor('e2e-setup', 'cli'), db }, tenant.id, {
      url: server.url, startTls: true, caCert: server.caCertPem, bindDn: server.bindDN, bindPassword: server.bindPassword,
      baseDn: own.peopleDN, userFilter: '(objectClass=inetOrgPerson)', numberAttribute: 'telephoneNumber', numberRule: 'last_digits', numberDigits: 4,
      nameAttribute: 'displayName', emailAttribute: 'mail', loginAttribute: 'uid', idAttribute: 'entryUUID',
      disabledMode: 'attribute', disabledAttribute: 'employeeType', disabledValue: 'disabled', graceDays: 30, maxRemovalPercent: 20,
    } satisfies Parameters<typeof saveDirectorySettings>[2]);
    await page.goto(`/tenants/${tenant.slug}/directory`);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.locator('[data-testid=run-report][data-mode=sync][data-status=succeeded]')).toBeVisible({ timeout: 30_000 });

    // One renamed, one renumbered, three gone, one disabled: 4 of the 11 synced go, more than 20%.
    const user = (i: number) => own.users[i - 1];
    await server.modify(user(3).dn, { replace: { displayName: 'Renamed Person' } });
    await server.modify(user(4).dn, { replace: { telephoneNumber: '1999' } });
    await server.delete([user(1).dn, user(2).dn, user(5).dn]);
    await server.modify(user(8).dn, { add: { employeeType: 'disabled' } });

    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('[data-testid=run-report][data-mode=preview][data-status=succeeded]');
    await expect(preview).toBeVisible({ timeout: 30_000 });
    await expect(preview).toContainText('A sync would stop at the safety limit: it would deactivate or remove 4 of 11 synced extensions (more than 20%)');
    await expect(preview.getByRole('region', { name: 'Update (1)' })).toContainText('Name → Renamed Person');
    await expect(preview.getByRole('region', { name: 'Renumber (1)' })).toContainText('1004 → 1999');
    const deactivations = preview.getByRole('region', { name: 'Deactivate (4)' });
    await expect(deactivations.getByRole('row', { name: /1008/ })).toContainText('disabled in directory');
    await expect(deactivations.getByRole('row', { name: /1001/ })).toContainText('not in directory');

    await page.getByRole('button', { name: 'Sync now' }).click();
    const stopped = page.locator('[data-testid=run-report][data-mode=sync][data-status=stopped]');
    await expect(stopped).toBeVisible({ timeout: 30_000 });
    await expect(stopped.getByRole('alert')).toContainText('would deactivate or remove 4 of 11 synced extensions (more than 20%). Nothing was changed.');
    expect(await db.extension.count({ where: { tenantId: tenant.id, active: false } })).toBe(0);

    await stopped.getByRole('button', { name: 'Confirm and sync' }).click();
    const done = page.locator('[data-testid=run-report][data-mode=sync][data-status=succeeded]');
    await expect(done).toBeVisible({ timeout: 30_000 });
    await expect(done).toContainText('Sync (confirmed past the safety limit)');
    await expect(done.getByTestId('count-deactivated')).toHaveText('4');
    await expect(done.getByTestId('count-renumbered')).toHaveText('1');
    await expect(done.getByTestId('count-updated')).toHaveText('1');
    expect(await db.extension.count({ where: { tenantId: tenant.id, active: false } })).toBe(4);

    const removal = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.now() + 30 * 86_400_000));
    const stateOf = async (number: string) => {
      const ext = await db.extension.findFirstOrThrow({ where: { tenantId: tenant.id, number } });
      await page.goto(`/tenants/${tenant.slug}/extensions/${ext.id}`);
      return page.getByTestId('directory-state');
    };
    await expect(await stateOf('1001')).toHaveText(`not in directory — removal on ${removal}`);
    await expect(await stateOf('1008')).toHaveText(`disabled in directory — removal on ${removal}`);
    await expect(await stateOf('1999')).toHaveText('active');
  } finally {
    await server.stop();
  }
});
