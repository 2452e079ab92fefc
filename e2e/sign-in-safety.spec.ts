import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { baseURL } from '../playwright.config';
import { expect, sql, test } from './support/fixtures';

const own = new URL(baseURL).host;
/** Signed in: the portal's navigation offers to sign out (without JavaScript the page body streams in hidden). */
const signedIn = (page: Page) => expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
const randomIp = () => Array.from({ length: 4 }, () => Math.floor(Math.random() * 223) + 1).join('.');

/** A browser context that would show a page, rather than fail, if sign-in ever sent it to evil.example. */
async function contextTrappingEvil(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  await context.route((url) => url.hostname.endsWith('evil.example'), (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Phished</h1>' }));
  return context;
}

// One test per spelling: each signs in afresh, and together they outlast one test's time limit.
const evilCallbacks: [string, boolean][] = [
  ['//evil.example/phish', true],
  ['/\\evil.example', true],
  ['https://evil.example/', true],
  ['%2F%2Fevil.example', true],
  ['/%09/evil.example', true],
  ['https://evil.example/', false],
  ['//evil.example/phish', false],
  ['/\\evil.example', false],
];
for (const [callbackUrl, js] of evilCallbacks) {
  test(`after sign-in only a path of this site is followed: callbackUrl=${callbackUrl}, JavaScript ${js ? 'on' : 'off'}`, async ({ browser, makeAdmin }) => {
    const account = await makeAdmin('viewer');
    const context = await contextTrappingEvil(browser, js);
    const page = await context.newPage();
    await page.goto(`/signin?callbackUrl=${callbackUrl}`);
    await page.getByLabel('E-mail').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signedIn(page);
    expect(new URL(page.url()).host).toBe(own);
    // Signed in already, the sign-in page sends one on at once: by the same rule.
    await page.goto(`/signin?callbackUrl=${callbackUrl}`);
    await signedIn(page);
    expect(new URL(page.url()).host).toBe(own);
    await context.close();
  });
}

test('a same-site callbackUrl is followed after sign-in', async ({ browser, makeAdmin }) => {
  const account = await makeAdmin('platform_admin');
  for (const js of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    await page.goto('/signin?callbackUrl=%2Faudit');
    await page.getByLabel('E-mail').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${baseURL}/audit`);
    await context.close();
  }
});

test('without JavaScript the form posts: wrong and right passwords both work, and no password is ever in a URL', async ({ browser, makeAdmin }) => {
  const account = await makeAdmin('viewer');
  const context = await browser.newContext({ javaScriptEnabled: false });
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  const page = await context.newPage();
  await page.goto('/signin');
  await expect(page.locator('form')).toHaveAttribute('method', 'post');
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill('not-the-password-42');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('Wrong e-mail or password.');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('Enter your e-mail and password.');
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await signedIn(page);
  await expect(page).toHaveURL(`${baseURL}/`);
  expect(urls.length).toBeGreaterThan(3);
  for (const secret of [account.password, 'not-the-password-42'])
    for (const url of urls) {
      expect(url).not.toContain(secret);
      expect(url).not.toContain(encodeURIComponent(secret));
    }
  await context.close();
});

/** Posts the sign-in form the way a script would, with whatever forwarding headers it likes. */
async function postSignIn(request: APIRequestContext, email: string, password: string, headers: Record<string, string>) {
  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  const res = await request.post('/api/auth/callback/credentials', { form: { email, password, csrfToken, callbackUrl: '/' }, headers, maxRedirects: 0 });
  const location = res.headers().location ?? '';
  return { status: res.status(), location, error: new URL(location, baseURL).searchParams.get('error') };
}

test("sign-in counts by the connection's address: a new X-Forwarded-For each time does not reset the count", async ({ request, makeAdmin }) => {
  const account = await makeAdmin('viewer');
  const errors: (string | null)[] = [];
  for (let i = 0; i < 5; i++) errors.push((await postSignIn(request, account.email, `wrong-${i}`, { 'X-Forwarded-For': randomIp(), 'X-Switchboard-Peer': randomIp() })).error);
  expect(errors).toEqual(['CredentialsSignin', 'CredentialsSignin', 'CredentialsSignin', 'CredentialsSignin', 'TooManyAttempts-15']);
  const right = await postSignIn(request, account.email, account.password, { 'X-Forwarded-For': randomIp() });
  expect(right.error).toBe('TooManyAttempts-15');
  const rows = await sql<{ key: string; failures: number }>('SELECT key, failures FROM sb_sign_in_throttle WHERE key LIKE $1', [`pair:${account.email}|%`]);
  expect(rows).toEqual([{ key: `pair:${account.email}|127.0.0.1`, failures: 5 }]);
});

test('an X-Forwarded-For of 400 characters gets an ordinary answer, never database text', async ({ request, page, makeAdmin }) => {
  const account = await makeAdmin('viewer');
  const long = { 'X-Forwarded-For': `${'9'.repeat(398)}.1` };
  const wrong = await postSignIn(request, account.email, 'wrong-password', long);
  expect(wrong.error).toBe('CredentialsSignin');
  const right = await postSignIn(request, account.email, account.password, long);
  expect(right).toMatchObject({ status: 302, error: null, location: `${baseURL}/` });
  for (const text of [wrong.location, right.location]) expect(text).not.toMatch(/prisma|varying|invalid|value too long/i);
  // What the sign-in page makes of a crafted error: its own words, not the query's.
  await page.goto('/signin?error=value%20too%20long%20for%20type%20character%20varying(300)');
  await expect(page.locator('form').getByRole('alert')).toHaveText('Sign-in did not work. Please try again.');
});
