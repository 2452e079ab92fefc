import type { Tx } from '../../db/client.ts';
import type { Tenant } from '../../generated/prisma/client.ts';
import type { Actor } from '../actor.ts';
import { auditRow } from '../audit/record.ts';
import { aorRow, authRow, endpointRow, voicemailRow, type ExtensionSip } from '../sip/asterisk-rows.ts';
import type { PreparedExtension } from './prepare.ts';
import { extensionAuditView, toExtensionView, type ExtensionView } from './view.ts';

export const sipShape = (v: PreparedExtension['values']): ExtensionSip => ({
  number: v.number,
  displayName: v.displayName,
  email: v.email ?? null,
  maxContacts: v.maxContacts,
  active: v.active,
  hasVoicemail: Boolean(v.voicemailPin),
});

/**
 * Writes the Asterisk rows, our records and their audit entries for prepared extensions, with
 * one multi-row INSERT per table. Call inside a transaction: it is all or nothing.
 */
export async function insertExtensions(
  tx: Tx,
  actor: Actor,
  tenant: Tenant,
  batch: PreparedExtension[],
): Promise<ExtensionView[]> {
  await tx.psEndpoint.createMany({ data: batch.map((p) => endpointRow(tenant, sipShape(p.values))) });
  await tx.psAuth.createMany({ data: batch.map((p) => authRow(tenant, p.values.number, p.secret)) });
  await tx.psAor.createMany({ data: batch.map((p) => aorRow(tenant, sipShape(p.values))) });

  const withMailbox = batch.filter((p) => p.values.voicemailPin);
  const mailboxIds = new Map<string, number>();
  if (withMailbox.length) {
    const boxes = await tx.voicemail.createManyAndReturn({
      data: withMailbox.map((p) => voicemailRow(tenant, sipShape(p.values), p.values.voicemailPin!)),
      select: { uniqueid: true, mailbox: true },
    });
    for (const b of boxes) mailboxIds.set(b.mailbox, b.uniqueid);
  }

  const now = new Date();
  const rows = batch.map((p) => ({
    id: p.id,
    tenantId: tenant.id,
    number: p.values.number,
    displayName: p.values.displayName,
    email: p.values.email ?? null,
    allowExternal: p.values.allowExternal,
    active: p.values.active,
    maxContacts: p.values.maxContacts,
    adSynced: p.values.adSynced ?? false,
    adUsername: p.values.adUsername ?? null,
    directoryId: p.values.directoryId ?? null,
    endpointId: p.sipId,
    authId: p.sipId,
    aorId: p.sipId,
    voicemailId: mailboxIds.get(p.values.number) ?? null,
    secretChangedAt: now,
    createdAt: now,
    updatedAt: now,
  }));
  await tx.extension.createMany({ data: rows });
  const views = rows.map(toExtensionView);
  await tx.auditEntry.createMany({
    data: views.map((v) =>
      auditRow(actor, {
        action: 'extension.create',
        tenantId: tenant.id,
        targetType: 'extension',
        targetId: v.id,
        targetLabel: v.endpointId,
        after: extensionAuditView(v),
      }),
    ),
  });
  return views;
}
