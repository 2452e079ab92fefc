import { systemActor } from '../lib/domain/actor';
import { createExtension } from '../lib/domain/extension/create-extension';
import { expect, sql, test } from './support/fixtures';

// scripts/e2e.sh gives the portal a scripted AMI peer (e2e/support/fake-ami-server.ts): mailbox
// 1001 holds 2 new and 5 old messages, and counts of 1003 are refused.
test('an admin sees the mailbox and its message counts, and resets its PIN once', async ({ platformPage: page, db, makeTenant }) => {
  const tenant = await makeTenant();
  const ctx = { actor: systemActor('e2e', 'cli'), db };
  const { extension } = await createExtension(ctx, tenant.id, { number: '1001', displayName: 'Alice Anders', voicemailPin: '4826' });
  const { extension: plain } = await createExtension(ctx, tenant.id, { number: '1002', displayName: 'No Box' });
  const { extension: refused } = await createExtension(ctx, tenant.id, { number: '1003', displayName: 'Refused', voicemailPin: '7391' });

  await page.goto(`/tenants/${tenant.slug}/extensions/${extension.id}`);
  const voicemail = page.getByRole('heading', { name: 'Voicemail' });
  await expect(voicemail).toBeVisible();
  await expect(page.getByText(`1001@${tenant.context}`).first()).toBeVisible();
  await expect(page.getByTestId('vm-new')).toHaveText('2');
  await expect(page.getByTestId('vm-old')).toHaveText('5');

  await page.getByRole('button', { name: 'Reset voicemail PIN' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset PIN' }).click();
  const shown = page.getByRole('region', { name: 'New voicemail PIN of 1001' });
  await expect(shown).toBeVisible();
  const pin = (await shown.getByTestId('secret-value').textContent())!.trim();
  expect(pin).toMatch(/^[0-9]{6}$/);
  expect(await sql('SELECT password FROM voicemail WHERE context = $1 AND mailbox = $2', [tenant.context, '1001'])).toEqual([{ password: pin }]);
  const audit = await sql<{ actor_label: string; after: string }>(
    `SELECT actor_label, after::text AS after FROM sb_audit_log WHERE action = 'extension.voicemail_pin_reset' AND target_id = $1`,
    [extension.id],
  );
  expect(audit).toHaveLength(1);
  expect(audit[0].after).not.toContain(pin);

  // Shown once: a reload has no trace of it.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Voicemail' })).toBeVisible();
  await expect(page.getByText(pin)).toHaveCount(0);

  // Counts Asterisk will not give are unknown, never made up.
  await page.goto(`/tenants/${tenant.slug}/extensions/${refused.id}`);
  await expect(page.getByTestId('vm-unknown')).toHaveText('unknown (Asterisk is not reachable)');

  await page.goto(`/tenants/${tenant.slug}/extensions/${plain.id}`);
  await expect(page.getByText('No mailbox: set a voicemail PIN to create one.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reset voicemail PIN' })).toHaveCount(0);
});
