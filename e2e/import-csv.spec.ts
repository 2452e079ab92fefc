import { readFile } from 'node:fs/promises';
import { randomInt } from 'node:crypto';
import type { Download, Page } from '@playwright/test';
import { md5Credential } from '../lib/domain/sip/secret';
import { expect, signIn, sql, test } from './support/fixtures';

const did = () => `+1212555${String(randomInt(10_000)).padStart(4, '0')}`;
const contentOf = async (download: Download) => readFile((await download.path())!, 'utf8');

async function checkFile(page: Page, name: string, content: string) {
  await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  await page.getByRole('button', { name: 'Upload and check' }).click();
}

test('an admin uploads a CSV, reads the report of a bad line, fixes it, creates the extensions and sees their secrets once', async ({ platformPage: page, db, makeTenant }) => {
  const tenant = await makeTenant({ mainDid: did() });
  await page.goto(`/tenants/${tenant.slug}`);
  await page.getByRole('main').getByRole('link', { name: 'Import CSV' }).click();
  await expect(page.getByRole('heading', { name: 'Import extensions from CSV' })).toBeVisible();

  // A slow line, so the upload's progress can be seen.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 50 * 1024 });
  const padding = Array.from({ length: 3_000 }, (_, i) => `${5000 + i},Padding Person ${i},,,,,,,,,,`).join('\n');
  await checkFile(page, 'big.csv', `number,name,email,password,allow_external,active,max_contacts,voicemail,voicemail_pin,caller_id,ad_synced,ad_username\n${padding}\n`);
  await expect(page.getByRole('progressbar', { name: 'Upload progress' })).toBeVisible();
  await expect(page.getByText(/Uploading \d+%/)).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('3,000 extensions to create');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  const bad = 'number,name,email,voicemail,department\n1001,Alice Example,alice@example.com,yes,Sales\n1002,Bob Example,bob@,no,\n1003,Carol Example,,,\n';
  await checkFile(page, 'people.csv', bad);
  const report = page.getByRole('region', { name: 'Import report' });
  await expect(page.getByTestId('import-summary')).toHaveText('people.csv: 3 lines read · 2 extensions to create · 0 skipped (already present) · 1 line with errors');
  const errors = report.getByRole('table', { name: 'Errors' });
  await expect(errors.getByRole('row')).toHaveCount(2);
  await expect(errors.getByRole('row').nth(1).getByRole('cell')).toHaveText(['3', 'email', 'must be an e-mail address']);
  await expect(report).toContainText('Line 1, column department: unknown column, ignored');
  await expect(page.getByText('Nothing can be created while the file has errors')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Create/ })).toHaveCount(0);
  expect(await db.extension.count({ where: { tenantId: tenant.id } })).toBe(0);

  // Fixed, checked again, created.
  await checkFile(page, 'people.csv', bad.replace('bob@,', 'bob@example.com,'));
  await expect(page.getByTestId('import-summary')).toContainText('3 extensions to create');
  await expect(report.getByRole('table', { name: 'Errors' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Create 3 extensions' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Created 3 extensions.' })).toBeVisible();

  const shown = page.getByRole('region', { name: 'Generated secrets' });
  await expect(shown.getByRole('row')).toHaveCount(4);
  const first = shown.getByRole('row').nth(1);
  await expect(first.getByRole('cell').nth(0)).toHaveText('1001');
  const secret = (await first.getByTestId('secret-value').textContent())!.trim();
  const pin = (await first.getByRole('cell').nth(2).textContent())!.trim();
  expect(pin).toMatch(/^[0-9]{6}$/);
  const [auth] = await sql<{ md5_cred: string }>('SELECT md5_cred FROM ps_auths WHERE id = $1', [`1001@${tenant.sipDomain}`]);
  expect(auth.md5_cred).toBe(md5Credential('1001', tenant.sipDomain, secret));
  const [box] = await sql<{ password: string }>('SELECT password FROM voicemail WHERE mailbox = $1 AND context = $2', ['1001', tenant.context]);
  expect(box.password).toBe(pin);

  // The download is made in the browser from what is on the page.
  const saved = page.waitForEvent('download');
  await shown.getByRole('button', { name: 'Download secrets as CSV' }).click();
  const secrets = await contentOf(await saved);
  expect(secrets.split('\n')[0]).toBe('number,username,domain,sip_secret,voicemail_pin');
  expect(secrets).toContain(`1001,1001,${tenant.sipDomain},${secret},${pin}`);
  expect(secrets.trim().split('\n')).toHaveLength(4);

  // Shown once: gone after a reload, and nowhere in the page.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Import extensions from CSV' })).toBeVisible();
  await expect(page.getByTestId('secret-value')).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  // The list's search goes into the export.
  await page.goto(`/tenants/${tenant.slug}?q=carol`);
  const exported = page.waitForEvent('download');
  await page.getByRole('main').getByRole('link', { name: 'Export CSV' }).click();
  const download = await exported;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${tenant.slug}-extensions-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  expect(await contentOf(download)).toBe(
    'number,name,email,allow_external,active,max_contacts,voicemail,caller_id,ad_synced,ad_username\n1003,Carol Example,,true,true,1,no,,false,\n',
  );
});

test("a tenant admin finds no other tenant's import or export; cross-site and oversized uploads are refused", async ({ page, makeTenant, makeAdmin }) => {
  const mine = await makeTenant();
  const theirs = await makeTenant();
  await signIn(page, await makeAdmin('tenant_admin', mine.id));

  await page.goto(`/tenants/${theirs.slug}/extensions/import`);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  expect((await page.request.get(`/tenants/${theirs.slug}/extensions/export`)).status()).toBe(404);

  await page.goto(`/tenants/${mine.slug}/extensions/import`);
  const post = (slug: string, body: string) =>
    page.evaluate(
      async ([url, data]) => {
        const res = await fetch(url, { method: 'POST', body: data, headers: { 'content-type': 'text/csv' } });
        return { status: res.status, body: await res.json() };
      },
      [`/tenants/${slug}/extensions/import/check?name=x.csv`, body] as const,
    );
  expect((await post(theirs.slug, 'number,name\n1001,A\n')).status).toBe(404);
  expect(await post(mine.slug, 'number,name\n1001,A\n')).toMatchObject({ status: 200, body: { outcome: 'done', counts: { valid: 1 } } });
  // Over 10 MB, which Next would cut short if the upload passed through proxy.ts: every row arrives.
  const wide = Array.from({ length: 180 }, (_, i) => `${2000 + i},Wide ${i},${'n'.repeat(60_000)}`).join('\n');
  expect(await post(mine.slug, `number,name,notes\n${wide}\n`)).toMatchObject({ status: 200, body: { outcome: 'done', counts: { rows: 180, valid: 180 } } });
  expect(await post(mine.slug, `number,name\n${'x'.repeat(21 * 1024 * 1024)}\n`)).toEqual({
    status: 413,
    body: { message: 'The file is larger than 20 MiB. Split it into smaller files and import them one after another.' },
  });

  // The session's cookies on a request another site started: refused before anything is read.
  const forged = await page.request.post(`/tenants/${mine.slug}/extensions/import/create`, {
    data: 'number,name\n1001,A\n',
    headers: { origin: 'https://evil.example', 'content-type': 'text/csv' },
  });
  expect(forged.status()).toBe(403);
  expect(await sql('SELECT 1 FROM sb_extensions WHERE tenant_id = $1', [mine.id])).toEqual([]);
});
