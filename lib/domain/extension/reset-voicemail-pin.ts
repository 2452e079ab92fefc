import { randomInt } from 'node:crypto';
import { conflict } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { mailboxOf } from '../sip/asterisk-rows.ts';
import { findExtension } from './load.ts';
import { pinSchema } from './schemas.ts';

export const GENERATED_PIN_LENGTH = 6;

/** A random PIN the PIN rules accept (not one repeated digit) and that is not the extension number. */
export function generatePin(number: string, length = GENERATED_PIN_LENGTH): string {
  for (;;) {
    const pin = Array.from({ length }, () => randomInt(10)).join('');
    if (pin !== number && pinSchema.safeParse(pin).success) return pin;
  }
}

/**
 * Gives the extension's mailbox a new generated PIN, returned once and audited without it.
 * Asterisk reads voicemail.password at the next mailbox login: no reload.
 */
export async function resetVoicemailPin(ctx: Ctx, id: string): Promise<{ pin: string; mailbox: string }> {
  return dbOf(ctx).$transaction(async (tx) => {
    const ext = await findExtension(tx, ctx.actor, id, 'write');
    if (ext.voicemailId == null) throw conflict(`Extension ${ext.number} has no mailbox: set a PIN in its settings to create one`);
    const pin = generatePin(ext.number);
    const mailbox = mailboxOf(ext, ext.tenant);
    await tx.voicemail.update({ where: { uniqueid: ext.voicemailId }, data: { password: pin } });
    await recordAudit(tx, ctx.actor, {
      action: 'extension.voicemail_pin_reset',
      tenantId: ext.tenantId,
      targetType: 'extension',
      targetId: ext.id,
      targetLabel: mailbox,
      after: { generated: true },
    });
    return { pin, mailbox };
  });
}
