import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { systemActor } from '../lib/domain/actor';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions';
import { expect, sql, test } from './support/fixtures';

// Always saved with the run's artifacts; with UPDATE_DOCS=1 also into docs/ for the README.
const dirs = ['test-results/screenshots', ...(process.env.UPDATE_DOCS ? ['docs/screenshots'] : [])];
for (const d of dirs) mkdirSync(d, { recursive: true });
const shoot = async (page: Page, name: string) => {
  for (const d of dirs) await page.screenshot({ path: `${d}/${name}.png`, fullPage: true });
};

test('screenshots of the main pages, wide and narrow', async ({ platformPage: page, db, makeTenant }) => {
  const tenant = await makeTenant({ name: 'Northwind Traders' });
  await bulkCreateExtensions({ actor: systemActor('directory-sync', 'directory'), db }, tenant.id, [
    { number: '1001', displayName: 'Nancy Davolio', email: 'nancy@northwind.example', voicemailPin: '4826' },
    { number: '1002', displayName: 'Andrew Fuller', email: 'andrew@northwind.example', adSynced: true, adUsername: 'NORTHWIND\\afuller' },
    { number: '1003', displayName: 'Reception', allowExternal: false },
    { number: '1004', displayName: 'Margaret Peacock', email: 'margaret@northwind.example', adSynced: true, adUsername: 'NORTHWIND\\mpeacock' },
  ]);
  const id = `1001@${tenant.sipDomain}`;
  await sql(`INSERT INTO ps_contacts (id, uri, expiration_time, endpoint, user_agent) VALUES ($1, $2, $3, $4, 'Yealink SIP-T54W')`, [
    `${id}^3B@ab12`, 'sip:1001@198.51.100.7:5060', Math.floor(Date.now() / 1000) + 3600, id,
  ]);

  await page.goto('/');
  await shoot(page, 'dashboard');
  await page.goto(`/tenants/${tenant.slug}`);
  await expect(page.getByText('Registered', { exact: true })).toBeVisible();
  await shoot(page, 'extensions');
  await page.getByRole('link', { name: '1001' }).click();
  await expect(page.getByText('Yealink SIP-T54W')).toBeVisible();
  await shoot(page, 'extension-detail');
  await page.goto(`/tenants/${tenant.slug}/extensions/new`);
  await shoot(page, 'new-extension');
  await page.goto('/audit');
  await shoot(page, 'audit-log');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/tenants/${tenant.slug}`);
  await shoot(page, 'extensions-narrow');
});
