import { randomInt } from 'node:crypto';
import { systemActor } from '../lib/domain/actor';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions';
import { expect, sql, test } from './support/fixtures';

/** A New York number no other test holds (DIDs are unique across tenants). */
const newNumber = () => `+1646${randomInt(2, 10)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
const setVarOf = async (endpointId: string) =>
  (await sql<{ set_var: string | null }>('SELECT set_var FROM ps_endpoints WHERE id = $1', [endpointId]))[0].set_var;

test('outside calls present the main number or an extension own pick; a tenant without DID is warned', async ({ platformPage: page, db, makeTenant }) => {
  test.setTimeout(240_000); // a long flow: some thirty page loads and actions
  const tenant = await makeTenant({ outboundTrunk: 'itsp' });
  await bulkCreateExtensions({ actor: systemActor('e2e', 'cli'), db }, tenant.id, [
    { number: '1001', displayName: 'Alice' },
    { number: '1002', displayName: 'Bob' },
  ]);
  const [alice, bob] = [`1001@${tenant.sipDomain}`, `1002@${tenant.sipDomain}`];

  // No DID: the tenant page says why outside calls fail, and the tester shows it.
  await page.goto(`/tenants/${tenant.slug}`);
  const warning = page.getByRole('alert').filter({ hasText: 'No caller ID' });
  await expect(warning).toContainText('Outside calls are refused');
  await page.getByRole('link', { name: 'Test a call' }).click();
  const decision = page.getByRole('region', { name: 'Decision' });
  await page.getByLabel('From extension').fill('1001');
  await page.getByLabel('Dials').fill('(212) 555-0123');
  await page.getByRole('button', { name: 'Test the call' }).click();
  await expect(decision.getByText('no_caller_id')).toBeVisible();
  await page.getByLabel('Dials').fill('911');
  await page.getByRole('button', { name: 'Test the call' }).click();
  await expect(decision.getByText('EMERGENCY', { exact: true })).toBeVisible();
  await expect(decision.getByText('the extension number (the tenant has no DID)')).toBeVisible();

  // The first DID becomes the main number, and the endpoints carry it for emergency calls.
  const [first, second] = [newNumber(), newNumber()];
  await page.goto(`/tenants/${tenant.slug}/settings`);
  await expect(page.getByRole('alert').filter({ hasText: 'No caller ID' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Inbound number' }).fill(first);
  await page.getByRole('button', { name: 'Add number' }).click();
  const firstRow = page.getByRole('listitem').filter({ hasText: first });
  await expect(firstRow.getByText('Main number', { exact: true })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'No caller ID' })).toHaveCount(0);
  expect(await setVarOf(alice)).toBe(`SWITCHBOARD_CLID=${first}`);

  await page.getByRole('textbox', { name: 'Inbound number' }).fill(second);
  await page.getByRole('textbox', { name: 'Label', exact: true }).fill('Sales');
  await page.getByRole('button', { name: 'Add number' }).click();
  const secondRow = page.getByRole('listitem').filter({ hasText: second });
  await secondRow.getByRole('button', { name: `Make ${second} the main number` }).click();
  await expect(secondRow.getByText('Main number', { exact: true })).toBeVisible();
  await expect(firstRow.getByText('Main number', { exact: true })).toHaveCount(0);
  await expect.poll(() => setVarOf(alice)).toBe(`SWITCHBOARD_CLID=${second}`);
  expect(await setVarOf(bob)).toBe(`SWITCHBOARD_CLID=${second}`);

  // Bob picks the first number for himself.
  await page.goto(`/tenants/${tenant.slug}`);
  await page.getByRole('link', { name: '1002' }).click();
  const choice = page.getByLabel('Caller ID on outside calls');
  await expect(choice).toHaveValue('');
  await expect(choice.getByRole('option', { name: `Tenant main number (${second})` })).toHaveCount(1);
  await choice.selectOption(first);
  await page.getByRole('button', { name: 'Save extension' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Extension saved' })).toBeVisible();
  await expect.poll(() => setVarOf(bob)).toBe(`SWITCHBOARD_CLID=${first}`);
  expect(await setVarOf(alice)).toBe(`SWITCHBOARD_CLID=${second}`);
  await page.reload();
  await expect(page.getByLabel('Caller ID on outside calls')).toHaveValue(first);

  // The tester shows the number each call carries.
  await page.goto(`/tenants/${tenant.slug}/call-test`);
  for (const [from, callerId] of [['1002', first], ['1001', second]]) {
    await page.getByLabel('From extension').fill(from);
    await page.getByLabel('Dials').fill('(212) 555-0123');
    await page.getByRole('button', { name: 'Test the call' }).click();
    await expect(decision.getByText(callerId, { exact: true })).toBeVisible();
    await expect(decision.getByText('EXTERNAL', { exact: true })).toBeVisible();
  }

  // A number in use as a caller ID does not vanish: removing it is refused, naming the user.
  await page.goto(`/tenants/${tenant.slug}/settings`);
  await page.getByRole('listitem').filter({ hasText: first }).getByRole('button', { name: `Remove ${first}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `${first} is the caller ID of 1002 (Bob)` })).toBeVisible();
  expect(await sql('SELECT 1 FROM sb_dids WHERE e164 = $1', [first])).toHaveLength(1);
});
