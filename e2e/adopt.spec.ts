import { createHash, randomInt } from 'node:crypto';
import { callAction } from './support/actions';
import { expect, signIn, sql, test, uniq } from './support/fixtures';

/** Two phones inserted as Asterisk's realtime documentation does, in a context of their own. */
async function legacyPhones() {
  const base = randomInt(200, 899) * 10;
  const context = uniq('legacy-');
  const phones = [
    { id: String(base + 1), number: String(base + 1), password: uniq('pw-'), callerid: `"Ada Legacy" <${base + 1}>` },
    { id: `${uniq('d')}-${base + 2}`, number: String(base + 2), password: uniq('pw-'), callerid: null },
  ];
  for (const p of phones) {
    await sql(`INSERT INTO ps_aors (id, max_contacts) VALUES ($1, 1)`, [p.id]);
    await sql(`INSERT INTO ps_auths (id, auth_type, password, username) VALUES ($1, 'userpass', $2, $1)`, [p.id, p.password]);
    await sql(`INSERT INTO ps_endpoints (id, transport, aors, auth, context, allow, callerid) VALUES ($1, 'transport-udp', $1, $1, $2, 'ulaw', $3)`, [p.id, context, p.callerid]);
  }
  return { context, phones };
}

test('a platform admin filters the unowned endpoints, previews the adoption and adopts them', async ({ platformPage: page, db, makeTenant }) => {
  const { context, phones } = await legacyPhones();
  const tenant = await makeTenant();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Adopt endpoints' }).click();
  await expect(page.getByRole('heading', { name: 'Adopt endpoints' })).toBeVisible();
  await page.getByLabel('Context', { exact: true }).fill(context);
  await page.getByRole('button', { name: 'Filter' }).click();
  const list = page.getByRole('table', { name: 'Unowned endpoints' });
  await expect(list.getByRole('row')).toHaveCount(3);
  await expect(list.getByRole('row', { name: new RegExp(phones[0].id) })).toContainText('plaintext');

  // Both are ticked to start with; the tenant must be chosen.
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByText('choose the tenant that takes them over')).toBeVisible();
  await page.getByLabel('Tenant', { exact: true }).selectOption({ label: `${tenant.name} (${tenant.slug})` });
  await page.getByLabel('Convert plaintext passwords to digests').check();
  await page.getByRole('button', { name: 'Preview' }).click();
  const plan = page.getByRole('region', { name: 'Adoption plan' });
  await expect(plan.getByRole('heading')).toHaveText(`Plan for ${tenant.name}: 2 to adopt, 0 skipped, 0 in conflict`);
  await expect(plan.getByRole('row', { name: new RegExp(phones[0].id) })).toContainText('Ada Legacy');
  await expect(plan.getByRole('row', { name: new RegExp(phones[1].id) })).toContainText('password becomes an md5 digest');
  await expect(plan).toContainText(`is not the tenant's (${tenant.context})`);
  // A preview writes nothing.
  expect(await db.extension.count({ where: { tenantId: tenant.id } })).toBe(0);

  // Changing the selection drops the preview: what is adopted is what was previewed.
  await list.getByLabel(`Select ${phones[1].id}`).uncheck();
  await expect(plan).toHaveCount(0);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(plan.getByRole('heading')).toContainText('1 to adopt');
  await page.getByRole('button', { name: 'Adopt 1 endpoint' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Adopted 1 endpoint into' })).toBeVisible();

  const ext = await db.extension.findFirstOrThrow({ where: { tenantId: tenant.id } });
  expect(ext).toMatchObject({ number: phones[0].number, displayName: 'Ada Legacy', endpointId: phones[0].id, authId: phones[0].id, aorId: phones[0].id });
  const [auth] = await sql<{ auth_type: string; password: string | null; md5_cred: string }>('SELECT auth_type::text, password, md5_cred FROM ps_auths WHERE id = $1', [phones[0].id]);
  expect(auth).toEqual({ auth_type: 'md5', password: null, md5_cred: createHash('md5').update(`${phones[0].id}:${tenant.sipDomain}:${phones[0].password}`).digest('hex') });
  // The other phone is still nobody's, and still listed; the adopted one is gone from the list.
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list).toContainText(phones[1].id);

  // The adopted extension is an extension of the tenant like any other.
  await page.goto(`/tenants/${tenant.slug}/extensions/${ext.id}`);
  await expect(page.getByRole('heading', { name: `${phones[0].number} · Ada Legacy` })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(`Endpoint: ${phones[0].id}`);
});

test('a tenant admin cannot reach the page, the navigation link or the actions', async ({ page, db, makeTenant, makeAdmin }) => {
  const { context, phones } = await legacyPhones();
  const tenant = await makeTenant();
  await signIn(page, await makeAdmin('tenant_admin', tenant.id));
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Adopt endpoints' })).toHaveCount(0);
  await page.goto(`/adopt?context=${context}`);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(page.getByText(phones[0].id)).toHaveCount(0);

  const input = { tenant: tenant.id, selection: { ids: phones.map((p) => p.id) }, options: {} };
  for (const name of ['previewAdoptionAction', 'adoptAction']) {
    const answer = await callAction(page, '/adopt', name, [input]);
    expect(answer, name).toMatch(/"ok":false,"code":"forbidden"/);
    expect(answer).not.toContain(phones[0].id);
  }
  expect(await db.extension.count({ where: { tenantId: tenant.id } })).toBe(0);
});
