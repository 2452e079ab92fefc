import { createExtension } from '../lib/domain/extension/create-extension';
import { systemActor } from '../lib/domain/actor';
import { expect, signIn, sql, test, uniq } from './support/fixtures';

const setup = { actor: systemActor('e2e-setup', 'cli') };
/** Asterisk's clock: cdr_pgsql with timezone=UTC writes naive UTC times to the second. */
const asteriskTime = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

/** A row as cdr_pgsql writes it for a call of `slug`'s phones (empty values left NULL). */
async function cdr(row: Record<string, string | number>) {
  const cols = Object.keys(row);
  await sql(`INSERT INTO cdr (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
}

test('a tenant admin sees its calls on its own clock, filters them, exports them, and never sees another tenant\'s', async ({ browser, db, makeTenant, makeAdmin }) => {
  const acme = await makeTenant();
  const beta = await makeTenant();
  for (const n of ['1001', '1002']) await createExtension({ ...setup, db }, acme.id, { number: n, displayName: `Acme ${n}` });
  await createExtension({ ...setup, db }, beta.id, { number: '1001', displayName: 'Beta 1001' });
  const started = new Date(Date.now() - 3_600_000);
  started.setUTCMilliseconds(0);
  const id = uniq('');
  await cdr({
    accountcode: acme.slug, src: '1001', dst: '1002', dcontext: acme.context, clid: '"Acme 1001" <1001>',
    channel: `PJSIP/1001@${acme.sipDomain}-00000001`, dstchannel: `PJSIP/1002@${acme.sipDomain}-00000002`, lastapp: 'Dial', lastdata: `PJSIP/1002@${acme.sipDomain},60,i`,
    start: asteriskTime(started), answer: asteriskTime(started), end: asteriskTime(new Date(started.getTime() + 83_000)), duration: 83, billsec: 83,
    disposition: 'ANSWERED', amaflags: 'DOCUMENTATION', userfield: 'sb:internal:ok', uniqueid: `${id}.1`, linkedid: `${id}.1`, peeraccount: acme.slug, sequence: 1,
  });
  await cdr({
    accountcode: acme.slug, src: '1002', dst: '2125550123', dcontext: acme.context, clid: '"Acme 1002" <1002>',
    channel: `PJSIP/1002@${acme.sipDomain}-00000003`, lastapp: 'Hangup', lastdata: '21',
    start: asteriskTime(new Date(started.getTime() + 600_000)), end: asteriskTime(new Date(started.getTime() + 604_000)), duration: 4, billsec: 0,
    disposition: 'NO ANSWER', amaflags: 'DOCUMENTATION', userfield: 'sb:dialled:external_not_allowed', uniqueid: `${id}.2`, linkedid: `${id}.2`, sequence: 2,
  });
  await cdr({
    accountcode: beta.slug, src: '1001', dst: '5551234', dcontext: beta.context, channel: `PJSIP/1001@${beta.sipDomain}-00000004`,
    start: asteriskTime(started), end: asteriskTime(started), duration: 0, billsec: 0, disposition: 'FAILED', uniqueid: `${id}.3`, linkedid: `${id}.3`, sequence: 3,
  });

  const account = await makeAdmin('tenant_admin', acme.id);
  const context = await browser.newContext({ timezoneId: 'Europe/Berlin', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, account);
  await page.goto(`/tenants/${acme.slug}`);
  await page.getByRole('main').getByRole('link', { name: 'Calls' }).click();
  await expect(page.getByText('Times in Europe/Berlin')).toBeVisible();
  const table = page.getByRole('table', { name: `Calls of ${acme.name}, newest first` });
  await expect(table.getByRole('row')).toHaveCount(3); // header + 2 calls
  const berlin = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' });
  const answered = table.getByRole('row').filter({ hasText: 'answered' });
  await expect(answered).toContainText(berlin.format(started));
  await expect(answered).toContainText('1:23');
  await expect(answered).toContainText('Acme 1001');
  await expect(table).not.toContainText('5551234');
  // The charts' figures, beside them: this tenant's two calls only.
  await expect(page.getByTestId('call-summary')).toContainText('2 calls, 1 answered (50%), 0 missed or busy, 1 failed or refused; 1:23 talked');
  await expect(page.getByRole('table', { name: 'Calls by direction' })).toContainText('Internal1');
  await expect(page.getByRole('table', { name: 'Busiest extensions' }).getByRole('row').first()).toContainText('1002 Acme 10022');

  await page.getByLabel('Outcome', { exact: true }).selectOption('refused');
  await page.getByRole('button', { name: 'Show calls' }).click();
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('external_not_allowed');
  await expect(table).toContainText('Outbound');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const csv = await (await (await download).createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  const lines = text.trim().split('\n');
  expect(lines[0]).toBe('started_at,answered_at,ended_at,direction,outcome,reason,caller,caller_name,caller_extension,callee,callee_extension,duration,billsec,uniqueid,linkedid');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(',outbound,refused,external_not_allowed,1002,Acme 1002,1002,2125550123,');

  // The extension's own page lists its recent calls.
  await page.goto(`/tenants/${acme.slug}`);
  await page.getByRole('link', { name: '1002', exact: true }).first().click();
  await expect(page.getByRole('table', { name: 'Recent calls of 1002' }).getByRole('row')).toHaveCount(3);

  // Another tenant's calls, and their export, are not found.
  await page.goto(`/tenants/${beta.slug}/calls`);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('5551234');
  expect((await page.request.get(`/tenants/${beta.slug}/calls/export`)).status()).toBe(404);
  await context.close();
});
