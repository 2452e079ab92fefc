import { bulkInsert } from '../../db/bulk-insert.ts';
import type { SqlTx as Tx } from '../../db/sql.ts';
import type { Tenant } from '../../generated/prisma/client.ts';
import type { Actor } from '../actor.ts';
import { auditRow } from '../audit/record.ts';
import { aorRow, authRow, endpointRow, voicemailRow, type ExtensionSip } from '../sip/asterisk-rows.ts';
import type { PreparedExtension } from './prepare.ts';
import { extensionAuditView, toExtensionView, type ExtensionView } from './view.ts';

export const sipShape = ({ values: v, callerIdNumber }: PreparedExtension): ExtensionSip => ({
  number: v.number,
  displayName: v.displayName,
  email: v.email ?? null,
  maxContacts: v.maxContacts,
  active: v.active,
  hasVoicemail: Boolean(v.voicemailPin),
  callerIdNumber,
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
  await bulkInsert(tx, 'ps_endpoints', batch.map((p) => endpointRow(tenant, sipShape(p))));
  await bulkInsert(tx, 'ps_auths', batch.map((p) => authRow(tenant, p.values.number, p.secret)));
  await bulkInsert(tx, 'ps_aors', batch.map((p) => aorRow(tenant, sipShape(p))));

  const withMailbox = batch.filter((p) => p.values.voicemailPin);
  const mailboxIds = new Map<string, number>();
  if (withMailbox.length) {
    const boxes = await bulkInsert<{ uniqueid: number; mailbox: string }>(
      tx,
      'voicemail',
      withMailbox.map((p) => voicemailRow(tenant, sipShape(p), p.values.voicemailPin!)),
      ['uniqueid', 'mailbox'],
    );
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
    // An extension made for a directory user starts in step with it.
    directoryState: p.values.directoryId ? ('active' as const) : null,
    directorySyncedAt: p.values.directoryId ? now : null,
    directoryRemovalDueAt: null,
    directoryPriorAllowExternal: null,
    endpointId: p.sipId,
    authId: p.sipId,
    aorId: p.sipId,
    voicemailId: mailboxIds.get(p.values.number) ?? null,
    callerIdDidId: p.callerIdDidId,
    secretChangedAt: now,
    createdAt: now,
    updatedAt: now,
  }));
  await bulkInsert(tx, 'sb_extensions', rows.map(extensionColumns));
  const views = rows.map(toExtensionView);
  await bulkInsert(
    tx,
    'sb_audit_log',
    views.map((v) =>
      auditColumns(auditRow(actor, {
        action: 'extension.create',
        tenantId: tenant.id,
        targetType: 'extension',
        targetId: v.id,
        targetLabel: v.endpointId,
        after: extensionAuditView(v),
      })),
    ),
  );
  return views;
}

type ExtensionRow = Parameters<typeof toExtensionView>[0];

const extensionColumns = (r: ExtensionRow) => ({
  id: r.id,
  tenant_id: r.tenantId,
  number: r.number,
  display_name: r.displayName,
  email: r.email,
  allow_external: r.allowExternal,
  active: r.active,
  max_contacts: r.maxContacts,
  ad_synced: r.adSynced,
  ad_username: r.adUsername,
  directory_id: r.directoryId,
  directory_state: r.directoryState,
  directory_synced_at: r.directorySyncedAt,
  endpoint_id: r.endpointId,
  auth_id: r.authId,
  aor_id: r.aorId,
  voicemail_id: r.voicemailId,
  caller_id_did_id: r.callerIdDidId,
  secret_changed_at: r.secretChangedAt,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
});

const auditColumns = (a: ReturnType<typeof auditRow>) => ({
  actor_type: a.actorType,
  actor_id: a.actorId,
  actor_label: a.actorLabel,
  tenant_id: a.tenantId,
  action: a.action,
  target_type: a.targetType,
  target_id: a.targetId,
  target_label: a.targetLabel,
  before: a.before ?? null,
  after: a.after ?? null,
});
