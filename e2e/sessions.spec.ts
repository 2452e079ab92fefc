import { callAction } from './support/actions';
import { expect, signIn, sql, test } from './support/fixtures';

test('signing out in one browser ends the session in every other, and a copied cookie no longer works', async ({ browser, makeAdmin }) => {
  const account = await makeAdmin('platform_admin');
  const target = await makeAdmin('viewer');
  const [{ id: targetId }] = await sql<{ id: string }>('SELECT id FROM sb_admin_users WHERE email = $1', [target.email]);
  const [one, two] = [await browser.newContext(), await browser.newContext()];
  const [first, second] = [await one.newPage(), await two.newPage()];
  await signIn(first, account);
  await signIn(second, account);
  const copied = await one.storageState();
  expect(await callAction(second, '/admins', 'updateAdminAction', [targetId, { name: 'Before sign-out' }])).toMatch(/"ok":true/);

  await first.getByRole('button', { name: 'Sign out' }).click();
  await expect(first.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await second.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' }).click();
  await expect(second).toHaveURL(/\/signin/);
  await expect(second.getByRole('button', { name: 'Sign in' })).toBeVisible();

  const replay = await browser.newContext({ storageState: copied });
  const replayed = await replay.newPage();
  await replayed.goto('/tenants');
  await expect(replayed).toHaveURL(/\/signin/);
  // Server actions become an actor the same way: the copied cookie cannot act either.
  expect(await callAction(replayed, '/admins', 'updateAdminAction', [targetId, { name: 'After sign-out' }])).toMatch(/"ok":false,"code":"unauthenticated"/);
  const [{ name }] = await sql<{ name: string }>('SELECT name FROM sb_admin_users WHERE id = $1', [targetId]);
  expect(name).toBe('Before sign-out');
  // Nor does next-auth's own session endpoint answer for it.
  expect(await (await replayed.request.get('/api/auth/session')).json()).toEqual({});

  // Signing in again works, and only from then on.
  await signIn(second, account);
  await replayed.goto('/');
  await expect(replayed).toHaveURL(/\/signin/);
  for (const c of [one, two, replay]) await c.close();
});

test("a password reset by a platform admin ends the admin's sessions at once", async ({ browser, platformPage, makeAdmin }) => {
  const account = await makeAdmin('viewer');
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, account);

  await platformPage.goto('/admins');
  const row = platformPage.getByRole('row').filter({ hasText: account.email });
  await row.getByRole('button', { name: 'Reset password' }).click();
  const secret = platformPage.getByRole('region', { name: `New password of ${account.email}` }).getByTestId('secret-value');
  await expect(secret).toBeVisible();
  const password = (await secret.textContent())!.trim();

  await page.goto('/tenants');
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, { email: account.email, password });
  await context.close();
});
