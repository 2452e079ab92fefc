import { createExtension } from '../lib/domain/extension/create-extension';
import { systemActor } from '../lib/domain/actor';
import { expect, test } from './support/fixtures';

const setup = (db: Parameters<typeof createExtension>[0]['db']) => ({ actor: systemActor('e2e-setup', 'cli'), db });

// Before hydration (or without JavaScript) a browser submits a form by its own method: a form
// without one sends its fields as a GET query, so passwords and PINs would land in the URL,
// the history, proxy logs and Referer headers.
test('every form that sends data posts it; only search forms use GET', async ({ browser, platformPage, db, makeTenant }) => {
  const tenant = await makeTenant();
  const { extension } = await createExtension(setup(db), tenant.id, { number: '1001', displayName: 'Form Walk' });
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await platformPage.context().storageState() });
  const page = await context.newPage();
  const pages = [
    '/tenants',
    '/tenants/new',
    `/tenants/${tenant.slug}`,
    `/tenants/${tenant.slug}/settings`,
    `/tenants/${tenant.slug}/extensions/new`,
    `/tenants/${tenant.slug}/extensions/${extension.id}`,
    `/tenants/${tenant.slug}/call-test`,
    '/admins',
    '/audit',
  ];
  for (const url of pages) {
    await page.goto(url);
    const forms = await page.locator('form').evaluateAll((all) =>
      all.map((f) => ({
        method: f.getAttribute('method'),
        search: f.getAttribute('role') === 'search',
        secret: !!f.querySelector('input[type=password], input[autocomplete=new-password], input[inputmode=numeric]'),
      })),
    );
    expect(forms.length, url).toBeGreaterThan(0);
    for (const form of forms) {
      if (form.search) {
        expect(form, `${url}: a search form keeps its query in the URL`).toEqual({ method: 'get', search: true, secret: false });
      } else {
        expect(form.method, `${url}: a form that sends data`).toBe('post');
      }
    }
  }
  await context.close();
});

test('submitted before hydration, the extension form puts neither the SIP password nor the PIN in the URL', async ({ browser, platformPage, makeTenant }) => {
  const tenant = await makeTenant();
  const context = await browser.newContext({ storageState: await platformPage.context().storageState() });
  // The page's own inline scripts run (they reveal the streamed page), React never arrives: the
  // browser submits the form by itself, as on a slow line before hydration.
  await context.route('**/_next/static/**/*.js', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(`/tenants/${tenant.slug}/extensions/new`);
  await page.getByLabel('Number').fill('1001');
  await page.getByLabel('Display name').fill('No Script');
  await page.getByLabel('Voicemail PIN').fill('4826');
  await page.getByLabel('SIP password').fill('Vq8!mZ2#rT5wQx');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame()),
    page.getByRole('button', { name: 'Create extension' }).click(),
  ]);
  expect(response.request().method()).toBe('POST');
  expect(response.status()).toBeLessThan(500);
  expect(page.url()).not.toContain('4826');
  expect(page.url()).not.toContain('Vq8');
  expect(new URL(page.url()).search).toBe('');
  await context.close();
});
