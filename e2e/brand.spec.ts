import type { Locator } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** Loaded and drawn: an <img> whose file is missing has no natural size. */
const rendered = (img: Locator) => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0);

test('the favicon and the icons the pages link to are served', async ({ request }) => {
  const ico = await request.get('/favicon.ico');
  expect(ico.status()).toBe(200);
  expect(ico.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  const html = await (await request.get('/signin')).text();
  const icons = [...html.matchAll(/<link rel="(?:icon|shortcut icon|apple-touch-icon)" href="([^"]+)"/g)].map((m) => m[1]);
  expect(icons).toContain('/favicon.svg');
  for (const href of icons) {
    const res = await request.get(href);
    expect(res.status(), href).toBe(200);
    expect(res.headers()['content-type'], href).toMatch(/^image\//);
  }
});

test('the logo shows on the sign-in page and in the portal header', async ({ page, platformPage }) => {
  await page.goto('/signin');
  const signInLogo = page.locator('main img[src="/logo.svg"]');
  await expect(signInLogo).toBeVisible();
  expect(await rendered(signInLogo)).toBe(true);

  await platformPage.goto('/tenants');
  const headerLogo = platformPage.getByRole('banner').locator('img[src="/logo.svg"]');
  await expect(headerLogo).toBeVisible();
  expect(await rendered(headerLogo)).toBe(true);
  // The logo links home, and says so to a screen reader through the link's text.
  await expect(platformPage.getByRole('banner').getByRole('link', { name: 'Switchboard' })).toHaveAttribute('href', '/');
});
