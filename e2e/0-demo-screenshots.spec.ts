import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { seedDemo } from '../prisma/demo';
import { expect, signIn, sql, test } from './support/fixtures';

// Always saved with the run's artifacts; with UPDATE_DOCS=1 also into docs/ for the README.
const dirs = ['test-results/screenshots', ...(process.env.UPDATE_DOCS ? ['docs/screenshots'] : [])];
for (const d of dirs) mkdirSync(d, { recursive: true });
const shoot = async (page: Page, name: string) => {
  for (const d of dirs) await page.screenshot({ path: `${d}/${name}.png`, fullPage: true });
};

// The file name sorts first, so the pictures show the fresh demo database `npm start` makes,
// before the other specs add their own tenants and admins.
test('screenshots of the demo, wide and narrow', async ({ browser, db }) => {
  const demo = await seedDemo(db);
  expect(demo.admin, 'the screenshots need the demo admin; another spec ran first').not.toBeNull();
  const id = `1001@${demo.tenant!.sipDomain}`;
  await sql(`INSERT INTO ps_contacts (id, uri, expiration_time, endpoint, user_agent) VALUES ($1, $2, $3, $4, 'Yealink SIP-T54W')`, [
    `${id}^3B@ab12`, 'sip:1001@198.51.100.7:5060', Math.floor(Date.now() / 1000) + 3600, id,
  ]);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, demo.admin!);

  await page.goto('/');
  // The demo's week of calls, charted once the browser has drawn them.
  await expect(page.locator('svg.recharts-surface .recharts-bar-rectangle').first()).toBeVisible();
  await shoot(page, 'dashboard');
  await page.goto('/tenants/demo');
  await expect(page.getByText('Registered', { exact: true })).toBeVisible();
  await shoot(page, 'extensions');
  await page.getByRole('link', { name: '1001' }).click();
  await expect(page.getByText('Yealink SIP-T54W').first()).toBeVisible();
  await shoot(page, 'extension-detail');
  await page.goto('/tenants/demo/extensions/new');
  await shoot(page, 'new-extension');
  await page.goto('/audit');
  await shoot(page, 'audit-log');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/tenants/demo');
  await shoot(page, 'extensions-narrow');
  await context.close();
});
