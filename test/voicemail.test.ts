import { describe, expect, it } from 'vitest';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { getMailboxCounts } from '../lib/domain/extension/mailbox-counts.ts';
import { generatePin, resetVoicemailPin } from '../lib/domain/extension/reset-voicemail-pin.ts';
import { pinSchema } from '../lib/domain/extension/schemas.ts';
import { caught, makeTenant, platform, sql, tenantAdmin, useDb, viewer } from './support/fixtures.ts';

const { db, url } = useDb();
const ctx = { actor: platform, db };

async function withMailbox(pin: string | null = '4826') {
  const tenant = await makeTenant(db);
  const { extension } = await createExtension(ctx, tenant.id, { number: '1001', displayName: 'Alice', voicemailPin: pin });
  return { tenant, extension };
}

describe('voicemail PIN reset', () => {
  it('sets a new generated PIN in voicemail.password and audits it without the PIN', async () => {
    const { tenant, extension } = await withMailbox();
    const { pin, mailbox } = await resetVoicemailPin({ actor: tenantAdmin(tenant.id), db }, extension.id);
    expect(pinSchema.safeParse(pin).success).toBe(true);
    expect(pin).toMatch(/^[0-9]{6}$/);
    expect(mailbox).toBe(`1001@${tenant.context}`);
    const [box] = await sql(url, 'SELECT password FROM voicemail WHERE context = $1 AND mailbox = $2', [tenant.context, '1001']);
    expect(box.password).toBe(pin);
    const audit = await sql(url, `SELECT target_label, after::text AS after FROM sb_audit_log WHERE action = 'extension.voicemail_pin_reset' AND target_id = $1`, [extension.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0].target_label).toBe(mailbox);
    expect(audit[0].after).not.toContain(pin);
  });

  it('finds no extension of another tenant, and lets a viewer change nothing', async () => {
    const { tenant, extension } = await withMailbox();
    const other = await makeTenant(db);
    expect((await caught(resetVoicemailPin({ actor: tenantAdmin(other.id), db }, extension.id))).code).toBe('not_found');
    expect((await caught(getMailboxCounts({ actor: tenantAdmin(other.id), db }, extension.id, null))).code).toBe('not_found');
    expect((await caught(resetVoicemailPin({ actor: viewer(tenant.id), db }, extension.id))).code).toBe('forbidden');
    const [box] = await sql(url, 'SELECT password FROM voicemail WHERE context = $1 AND mailbox = $2', [tenant.context, '1001']);
    expect(box.password).toBe('4826');
    const [{ n }] = await sql(url, `SELECT count(*)::int AS n FROM sb_audit_log WHERE action = 'extension.voicemail_pin_reset' AND target_id = $1`, [extension.id]);
    expect(n).toBe(0);
  });

  it('refuses an extension without a mailbox', async () => {
    const { extension } = await withMailbox(null);
    expect((await caught(resetVoicemailPin(ctx, extension.id))).code).toBe('conflict');
  });

  it('never generates a PIN the rules refuse or the extension number', () => {
    for (let i = 0; i < 500; i++) {
      const pin = generatePin('1234', 4);
      expect(pinSchema.safeParse(pin).success && pin !== '1234').toBe(true);
    }
  });
});

describe('mailbox counts', () => {
  it('asks Asterisk about the extension\'s own mailbox; unknown when it cannot answer', async () => {
    const { tenant, extension } = await withMailbox();
    const asked: string[] = [];
    const counter = { count: async (box: string) => (asked.push(box), { new: 3, old: 1 }) };
    expect(await getMailboxCounts({ actor: viewer(tenant.id), db }, extension.id, counter)).toEqual({ mailbox: `1001@${tenant.context}`, known: true, newMessages: 3, oldMessages: 1 });
    expect(asked).toEqual([`1001@${tenant.context}`]);
    const down = { count: async () => Promise.reject(new Error('AMI connection closed')) };
    expect(await getMailboxCounts(ctx, extension.id, down)).toEqual({ mailbox: `1001@${tenant.context}`, known: false });
  });

  it('has nothing to count without a mailbox', async () => {
    const { extension } = await withMailbox(null);
    expect(await getMailboxCounts(ctx, extension.id, { count: async () => ({ new: 9, old: 9 }) })).toEqual({ mailbox: null });
  });
});
