import { createExtension } from '../lib/domain/extension/create-extension';
import { systemActor } from '../lib/domain/actor';
import { expect, signIn, sql, test } from './support/fixtures';

test("an extension's page shows the phones it was used from and its registration changes; the tenant's phones by model", async ({ browser, db, makeTenant, makeAdmin }) => {
  const tenant = await makeTenant();
  const { extension } = await createExtension({ actor: systemActor('e2e-setup', 'cli'), db }, tenant.id, { number: '1001', displayName: 'Front desk' });
  const ep = extension.endpointId;
  const expires = Math.floor(Date.now() / 1000) + 3600;
  // What Asterisk's registrar writes when the phone registers, then moves to another address.
  await sql(`INSERT INTO ps_contacts (id, uri, expiration_time, user_agent, via_addr, via_port, endpoint, reg_server)
             VALUES ($1, 'sip:1001@198.51.100.7:5060', $2, 'Yealink SIP-T46S 66.86.0.15', '198.51.100.7', 5060, $3, '')`, [`${ep}^3B@e2e1`, expires, ep]);
  await sql(`UPDATE ps_contacts SET via_addr = '203.0.113.9', uri = 'sip:1001@203.0.113.9:5060' WHERE endpoint = $1`, [ep]);

  const context = await browser.newContext({ timezoneId: 'UTC' });
  const page = await context.newPage();
  await signIn(page, await makeAdmin('tenant_admin', tenant.id));
  await page.goto(`/tenants/${tenant.slug}/extensions/${extension.id}`);
  const devices = page.getByRole('table', { name: 'Devices seen' });
  await expect(devices).toContainText('Yealink T46S');
  await expect(devices).toContainText('66.86.0.15');
  await expect(devices).toContainText('203.0.113.9');
  const changes = page.getByRole('table', { name: 'Registration changes' });
  await expect(changes.getByRole('row')).toHaveCount(3);
  await expect(changes.getByRole('row').nth(1)).toContainText('moved');
  await expect(changes.getByRole('row').nth(2)).toContainText('registered');

  await page.goto(`/tenants/${tenant.slug}/phones`);
  await expect(page.getByRole('table', { name: `Phones of ${tenant.name} by model and firmware` }).getByRole('row').nth(1)).toContainText('YealinkT46S66.86.0.151');
  await context.close();
});
