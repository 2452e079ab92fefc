import { expect, signIn, test } from './support/fixtures';

test('an admin signs in, sees the dashboard, and signs out', async ({ page, makeAdmin }) => {
  const account = await makeAdmin('platform_admin');
  await page.goto('/tenants');
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, account);
  await expect(page.getByText(`Signed in as ${account.email}`)).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
});

test('a wrong password is refused with a clear message, and empty fields are named', async ({ page, makeAdmin }) => {
  const account = await makeAdmin('viewer');
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('is required').first()).toBeVisible();
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('Wrong e-mail or password.');
  await expect(page).toHaveURL(/\/signin/);
});

test('repeated failures lock the account for a while, even with the right password', async ({ page, makeAdmin }) => {
  const account = await makeAdmin('viewer');
  await page.goto('/signin');
  await page.getByLabel('E-mail').fill(account.email);
  for (let i = 1; i <= 4; i++) {
    await page.getByLabel('Password').fill(`wrong-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('form').getByRole('alert')).toHaveText('Wrong e-mail or password.');
  }
  await page.getByLabel('Password').fill('wrong-5');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText(/Too many failed sign-ins\. Try again in 15 minutes\./);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText(/Too many failed sign-ins/);
  await expect(page).toHaveURL(/\/signin/);
});
