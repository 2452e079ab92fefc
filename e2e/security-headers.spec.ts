import type { ConsoleMessage, Page } from '@playwright/test';
import { seedDemoCalls } from '../prisma/demo-calls';
import { expect, signIn, test } from './support/fixtures';

const directives = (csp: string) =>
  Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );

/** Everything the browser reports about a blocked resource or inline script while `run` goes on. */
async function cspViolations(page: Page, run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onConsole = (m: ConsoleMessage) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  };
  const onError = (err: Error) => seen.push(`page error: ${err.message}`);
  page.on('console', onConsole);
  page.on('pageerror', onError);
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI} on ${location.pathname} from ${e.sourceFile}:${e.lineNumber}`)),
  );
  try {
    await run();
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onError);
  }
  return seen;
}

test('pages carry a strict CSP with a fresh nonce, anti-framing and the other security headers', async ({ request, platformPage }) => {
  for (const url of ['/signin', '/tenants', '/no-such-page']) {
    const res = await (url === '/signin' ? request : platformPage.request).get(url, { maxRedirects: 0 });
    const h = res.headers();
    expect(h['content-security-policy'], url).toBeTruthy();
    const csp = directives(h['content-security-policy']);
    expect(csp['frame-ancestors'], url).toEqual(["'none'"]);
    expect(csp['default-src'], url).toEqual(["'self'"]);
    expect(csp['object-src'], url).toEqual(["'none'"]);
    expect(csp['base-uri'], url).toEqual(["'none'"]);
    expect(csp['form-action'], url).toEqual(["'self'"]);
    expect(csp['script-src'], url).toContain("'strict-dynamic'");
    expect(csp['script-src'].some((v: string) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(v)), url).toBe(true);
    expect(csp['script-src'], url).not.toContain("'unsafe-eval'");
    expect(csp['script-src'], url).not.toContain("'unsafe-inline'");
    expect(csp['upgrade-insecure-requests'], url).toBeUndefined();
    expect(h['x-frame-options'], url).toBe('DENY');
    expect(h['x-content-type-options'], url).toBe('nosniff');
    expect(h['referrer-policy'], url).toBe('same-origin');
    expect(h['permissions-policy'], url).toContain('camera=()');
    expect(h['cross-origin-opener-policy'], url).toBe('same-origin');
    expect(h['strict-transport-security'], `${url} is served over plain HTTP here`).toBeUndefined();
    expect(h['x-powered-by'], url).toBeUndefined();
  }
  // Every response gets a nonce of its own, and the page's scripts carry it.
  const [a, b] = await Promise.all([request.get('/signin'), request.get('/signin')]);
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)![1];
  const nonce = nonceOf(a.headers()['content-security-policy']);
  expect(nonce).not.toBe(nonceOf(b.headers()['content-security-policy']));
  expect(await a.text()).toContain(`nonce="${nonce}"`);
  // Static files are not framed or sniffed either.
  const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(await a.text())![1];
  const asset = await request.get(css);
  expect(asset.status()).toBe(200);
  expect(asset.headers()['x-content-type-options']).toBe('nosniff');
  expect(asset.headers()['x-frame-options']).toBe('DENY');
});

test('behind a TLS proxy the portal asks for HTTPS only (HSTS) and upgrades requests', async ({ request }) => {
  const res = await request.get('/signin', { headers: { 'X-Forwarded-Proto': 'https' } });
  expect(res.headers()['strict-transport-security']).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
  expect(directives(res.headers()['content-security-policy'])['upgrade-insecure-requests']).toEqual([]);
});

test('the portal works under its CSP: sign-in, the charts and an extension create report no violation', async ({ page, db, makeAdmin, makeTenant }) => {
  const tenant = await makeTenant();
  // Calls to chart: chart libraries write style attributes, which this CSP refuses in server HTML.
  await seedDemoCalls(db, { slug: tenant.slug, context: tenant.context, sipDomain: tenant.sipDomain, trunk: 'itsp', did: '+12125550142' });
  const account = await makeAdmin('tenant_admin', tenant.id);
  const violations = await cspViolations(page, async () => {
    await signIn(page, account);
    for (const [url, heading] of [
      ['/', 'Dashboard'],
      ['/audit', 'Audit log'],
      [`/tenants/${tenant.slug}/settings`, `${tenant.name}: settings`],
      [`/tenants/${tenant.slug}/call-test`, 'Call-policy tester'],
      ['/no-such-page', 'Not found'],
    ]) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1, name: heading }), url).toBeVisible();
    }
    await page.goto(`/tenants/${tenant.slug}/calls`);
    await expect(page.locator('svg.recharts-surface').first()).toBeVisible();
    await page.goto(`/tenants/${tenant.slug}`);
    await page.getByRole('link', { name: 'New extension' }).click();
    await page.getByLabel('Number').fill('1001');
    await page.getByLabel('Display name').fill('Under CSP');
    await page.getByLabel('Voicemail PIN').fill('4826');
    await page.getByRole('button', { name: 'Create extension' }).click();
    await expect(page.getByTestId('secret-value')).toBeVisible();
    await page.getByRole('link', { name: 'Open the extension' }).click();
    await expect(page.getByRole('heading', { name: '1001 · Under CSP' })).toBeVisible();
  });
  expect(violations).toEqual([]);
});

test('another site cannot frame the portal', async ({ page, baseURL }) => {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/frame-ancestors|X-Frame-Options/i.test(m.text())) refused.push(m.text());
  });
  await page.setContent(`<iframe title="portal" src="${baseURL}/signin"></iframe>`);
  await expect.poll(() => refused.length).toBeGreaterThan(0);
  await expect(page.frameLocator('iframe').getByRole('button', { name: 'Sign in' })).toHaveCount(0);
});
