import type { Page } from '@playwright/test';
import { PROBLEMS } from '../lib/api/problem.ts';
import { expect, test } from './support/fixtures';

type Doc = { paths: Record<string, Record<string, { operationId: string; deprecated?: boolean }>> };

/** Whatever the browser reports about blocked inline code while `run` goes on. */
async function cspViolations(page: Page, run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  page.on('pageerror', (err) => seen.push(`page error: ${err.message}`));
  await run();
  return seen;
}

test('the API reference is public and documents every operation and every problem kind', async ({ page, request }, testInfo) => {
  // The document as API clients get it, over HTTP; the page builds it in-process.
  const res = await request.get('/api/v1/openapi.json');
  expect(res.ok()).toBe(true);
  const doc = (await res.json()) as Doc;
  const ops = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
  expect(ops.length).toBeGreaterThan(0);

  const violations = await cspViolations(page, async () => {
    // No sign-in: a fresh browser context, and no redirect to /signin.
    const answer = await page.goto('/docs/api');
    expect(answer?.status()).toBe(200);
    // proxy.ts's matcher covers the page: it gets the portal's CSP with a nonce of its own.
    expect(answer?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  });
  expect(new URL(page.url()).pathname).toBe('/docs/api');
  await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
  expect(violations).toEqual([]);

  for (const op of ops) {
    const section = page.locator(`section[id="op-${op.operationId}"]`);
    await expect(section, op.operationId).toHaveCount(1);
    await expect(section.getByText('Deprecated', { exact: true }), `${op.operationId} deprecated: ${!!op.deprecated}`).toHaveCount(op.deprecated ? 1 : 0);
  }
  expect(ops.some((op) => op.deprecated), 'the document has deprecated operations to mark').toBe(true);
  // And nothing the document does not have: the page is the document, not a copy that drifts.
  const anchors = await page.locator('section[id^="op-"]').evaluateAll((els) => els.map((e) => e.id));
  expect(anchors.sort()).toEqual(ops.map((op) => `op-${op.operationId}`).sort());

  for (const [kind, { status, title }] of Object.entries(PROBLEMS)) {
    const heading = page.locator(`section[id="problem-${kind}"]`).getByRole('heading');
    await expect(heading, kind).toContainText(title);
    await expect(heading, kind).toContainText(String(status));
  }

  const site = page.getByRole('navigation', { name: 'Site' });
  await expect(site.getByRole('link', { name: 'openapi.json' })).toHaveAttribute('href', '/api/v1/openapi.json');
  await expect(site.getByRole('link', { name: 'Portal' })).toHaveAttribute('href', '/');

  await page.screenshot({ path: testInfo.outputPath('api-docs.png') });
});

test('a problem type links to its section', async ({ page, request }) => {
  await page.goto('/docs/api#problem-validation');
  const validation = page.locator('section[id="problem-validation"]');
  await expect(validation.getByRole('heading', { name: /Validation failed/ })).toBeVisible();
  await expect(validation).toBeInViewport();

  // The `type` of a real answer, followed the way a reader would: relative to the API's origin.
  const problem = await (await request.get('/api/v1/tenants')).json();
  expect(problem.type).toBe('/docs/api#problem-unauthenticated');
  await page.goto(problem.type);
  await expect(page.locator('section[id="problem-unauthenticated"]')).toBeInViewport();
});

test('the portal nav leads to the API reference, and its header leads back', async ({ platformPage: page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API', exact: true }).click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Portal' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
});
