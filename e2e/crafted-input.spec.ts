import { randomUUID } from 'node:crypto';
import { createExtension } from '../lib/domain/extension/create-extension';
import { systemActor } from '../lib/domain/actor';
import { callAction } from './support/actions';
import { expect, sql, test, uniq } from './support/fixtures';

const setup = (db: Parameters<typeof createExtension>[0]['db']) => ({ actor: systemActor('e2e-setup', 'cli'), db });
/** A keyset cursor as the pages make them, with any content. */
const cursor = (value: unknown, id: unknown) => Buffer.from(JSON.stringify([value, id])).toString('base64url');
const NUL = '%00';

test('crafted query strings and paths never crash a page: bad parameters fall back to the default', async ({ platformPage: page, db, makeTenant }) => {
  test.setTimeout(240_000); // some sixty page loads, on a machine that may be busy
  const tenant = await makeTenant();
  const { extension } = await createExtension(setup(db), tenant.id, { number: '1001', displayName: 'Crafted' });
  const id = randomUUID();
  // Shared by both lists: search, sort keys that exist on every object's prototype, cursors.
  const listQueries = [
    `q=${NUL}`,
    `q=a${NUL}b`,
    `q=%01%1b%7f`,
    'q=a&q=b',
    `cursor=${NUL}`,
    'cursor=not-base64-json',
    `cursor=${'A'.repeat(600)}`,
    `cursor=${cursor('a', 'not-a-uuid')}`,
    `cursor=${cursor('a', '------------------------------------')}`,
    `cursor=${cursor('a\u0000b', id)}`,
    `cursor=${cursor({ toString: 1 }, id)}`,
    `cursor=${cursor(null, id)}`,
    `cursor=${cursor('a', null)}`,
  ];
  const matrix: [string, string][] = [
    ...listQueries.map((q) => [`/tenants?${q}`, 'Tenants'] as [string, string]),
    ...[
      ...listQueries,
      'sort=constructor',
      'sort=__proto__',
      'sort=toString',
      'sort=hasOwnProperty',
      'dir=constructor',
      'sort=number&dir=%00',
      `sort=${NUL}`,
      `sort=createdAt&cursor=${cursor('not a date', id)}`,
      `sort=createdAt&cursor=${cursor('2024-13-45T99:99:99.000Z', id)}`,
      `sort=createdAt&cursor=${cursor('0000-01-01T00:00:00.000Z', id)}`,
      `sort=createdAt&cursor=${cursor(12345, id)}`,
      `sort=number&cursor=${cursor('1001', 'xyz')}`,
      `sort=displayName&cursor=${cursor('Crafted', `${id}'`)}`,
    ].map((q) => [`/tenants/${tenant.slug}?${q}`, tenant.name] as [string, string]),
    ...[
      'before=99999999999999999999999',
      'before=9223372036854775808',
      'before=-1',
      'before=abc',
      'before=1.5',
      `before=${NUL}`,
      `tenantId=${NUL}`,
      'tenantId=not-a-uuid',
      `actor=${NUL}`,
      `object=a${NUL}`,
      `object=${NUL}&actor=x${NUL}&before=${NUL}`,
      'actor=a&actor=b',
    ].map((q) => [`/audit?${q}`, 'Audit log'] as [string, string]),
    [`/?x=${NUL}`, 'Dashboard'],
    [`/admins?q=${NUL}`, 'Admins'],
    [`/tenants/${NUL}`, 'Not found'],
    [`/tenants/a${NUL}b/settings`, 'Not found'],
    [`/tenants/a${NUL}b/call-test`, 'Not found'],
    [`/tenants/a${NUL}b/extensions/new`, 'Not found'],
    [`/tenants/${tenant.slug}/extensions/${NUL}`, 'Not found'],
    [`/tenants/${tenant.slug}/extensions/${'-'.repeat(36)}`, 'Not found'],
    [`/tenants/${tenant.slug}/extensions/${extension.id}?x=${NUL}`, '1001 · Crafted'],
  ];
  // Soft: one run names every URL that fails, not just the first.
  for (const [url, heading] of matrix) {
    const res = await page.goto(url);
    expect.soft(res?.status(), url).toBeLessThan(500);
    const expected = page.getByRole('heading', { level: 1, name: heading, exact: true });
    const crashed = page.getByRole('heading', { level: 1, name: 'Something went wrong' });
    await expect(expected.or(crashed), url).toBeVisible();
    expect.soft(await crashed.count(), `${url} shows the error screen`).toBe(0);
  }
  // A fallen-back list still works: the extension is listed and its sort links are sane.
  await page.goto(`/tenants/${tenant.slug}?sort=constructor&q=${NUL}`);
  await expect(page.getByRole('link', { name: '1001' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
});

test('a NUL byte in any form field is a field error, never an internal error', async ({ platformPage: page, db, makeTenant, makeAdmin }) => {
  const tenant = await makeTenant();
  const { extension } = await createExtension(setup(db), tenant.id, { number: '1001', displayName: 'Target' });
  await makeAdmin('viewer', tenant.id);
  const [admin] = await sql<{ id: string }>(`SELECT id FROM sb_admin_users WHERE tenant_id = $1 LIMIT 1`, [tenant.id]);
  const slug = uniq('nul');
  const newTenant = { slug, name: 'Nul Corp', sipDomain: `${slug}.example.com`, defaultCountry: 'US' };
  const cases: [string, unknown[], string][] = [
    ['createExtensionAction', [tenant.id, { number: '1002', displayName: 'A\u0000B' }], 'displayName'],
    ['createExtensionAction', [tenant.id, { number: '1002', displayName: 'Ok', email: 'a\u0000@example.com' }], 'email'],
    ['createExtensionAction', [tenant.id, { number: '1002', displayName: 'Ok', voicemailPin: '48\u000026' }], 'voicemailPin'],
    ['createExtensionAction', [tenant.id, { number: '1002', displayName: 'Ok', secret: 'Vq8!mZ2#\u0000rT5wQx' }], 'secret'],
    ['createExtensionAction', [tenant.id, { number: '1002', displayName: 'Ok', adUsername: 'ACME\\x\u0000' }], 'adUsername'],
    ['createExtensionAction', [tenant.id, { number: '1002', displayName: 'Ok', directoryId: 'x\u0000' }], 'directoryId'],
    ['createExtensionAction', [tenant.id, { number: '10\u00002', displayName: 'Ok' }], 'number'],
    ['updateExtensionAction', [extension.id, { displayName: 'x\u0000' }], 'displayName'],
    ['updateExtensionAction', [extension.id, { displayName: 'Line\nbreak' }], 'displayName'],
    ['createTenantAction', [{ ...newTenant, name: 'Nul\u0000Corp' }], 'name'],
    ['createTenantAction', [{ ...newTenant, slug: `${slug}\u0000` }], 'slug'],
    ['createTenantAction', [{ ...newTenant, codecs: 'ulaw,\u0000' }], 'codecs'],
    ['createTenantAction', [{ ...newTenant, outboundTrunk: 'itsp\u0000' }], 'outboundTrunk'],
    ['updateTenantAction', [tenant.id, { name: 'x\u0000' }], 'name'],
    ['addDidAction', [tenant.id, { number: '+1 212 555 0100', label: 'Main\u0000' }], 'label'],
    ['addDidAction', [tenant.id, { number: '+1212\u00005550100' }], 'number'],
    ['createAdminAction', [{ email: `${uniq('n')}@example.com`, name: 'N\u0000', role: 'viewer' }], 'name'],
    ['createAdminAction', [{ email: `${uniq('n')}\u0000@example.com`, name: 'N', role: 'viewer' }], 'email'],
    ['createAdminAction', [{ email: `${uniq('n')}@example.com`, name: 'N', role: 'viewer', password: 'violet anchor\u0000 tundra cabinet' }], 'password'],
    ['updateAdminAction', [admin.id, { name: '\u0000' }], 'name'],
    ['explainCallAction', [tenant.id, { direction: 'outbound', from: '1001', dial: '9\u000011' }], 'dial'],
    ['explainCallAction', [tenant.id, { direction: 'inbound', did: '+1212\u00005550100' }], 'did'],
  ];
  const path = `/tenants/${tenant.slug}/extensions/${extension.id}`;
  for (const [name, args, field] of cases) {
    const body = await callAction(page, path, name, args);
    expect.soft(body, `${name} ${field}`).toMatch(/"ok":false,"code":"validation"/);
    expect.soft(body, `${name} ${field}`).toMatch(new RegExp(`"fieldErrors":\\{[^}]*"${field}":\\["`));
  }
  // A NUL byte in an id is simply not found.
  for (const [name, args] of [
    ['updateTenantAction', ['x\u0000', { name: 'X' }]],
    ['addDidAction', [`${tenant.slug}\u0000`, { number: '+1 212 555 0100' }]],
    ['explainCallAction', ['\u0000', { direction: 'inbound', did: '+12125550100' }]],
    ['updateExtensionAction', ['------------------------------------', { displayName: 'X' }]],
    ['updateAdminAction', ['x\u0000', { name: 'X' }]],
    ['resetAdminPasswordAction', ['not-a-uuid']],
    ['removeDidAction', ['\u0000']],
  ] as [string, unknown[]][]) {
    expect.soft(await callAction(page, path, name, args), name).toMatch(/"ok":false,"code":"not_found"/);
  }
  expect(await sql('SELECT display_name FROM sb_extensions WHERE tenant_id = $1', [tenant.id])).toEqual([{ display_name: 'Target' }]);
  expect(await sql('SELECT 1 FROM sb_tenants WHERE slug = $1', [slug])).toEqual([]);
});
