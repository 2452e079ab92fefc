import { randomUUID } from 'node:crypto';
import { bulkInsert } from '../../db/bulk-insert.ts';
import type { Tx } from '../../db/client.ts';
import type { Tenant } from '../../generated/prisma/client.ts';
import type { Actor } from '../actor.ts';
import { auditRow } from '../audit/record.ts';
import { callerIdNumberFor, loadTenantCallerIds } from '../extension/caller-id-rows.ts';
import { extensionAuditView, toExtensionView } from '../extension/view.ts';
import { mailboxFor } from '../sip/asterisk-rows.ts';
import type { PlanItem } from './plan.ts';
import { convertedAuth, tenantContextPatch } from './rows.ts';

const CHUNK = 1_000;

/**
 * Writes an adoption inside the caller's transaction: our records for the adopted endpoints, and
 * in Asterisk's rows only what the plan says it changes (secrets, context). Returns how many.
 */
export async function writeAdoption(tx: Tx, actor: Actor, tenant: Tenant, items: PlanItem[], onProgress?: (done: number, total: number) => void): Promise<number> {
  const callerIds = await loadTenantCallerIds(tx, tenant);
  // A new extension follows the tenant's main number, as one made in the portal does.
  const mainNumber = callerIdNumberFor(callerIds, null);
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    await convertSecrets(tx, chunk.filter((c) => c.digestRealm));
    const moved = chunk.filter((c) => c.setContext).map((c) => c.endpointId);
    if (moved.length) {
      const p = tenantContextPatch(tenant, mainNumber);
      await tx.$executeRaw`
        UPDATE ps_endpoints SET context = ${p.context}, subscribe_context = ${p.subscribe_context}, accountcode = ${p.accountcode},
               tenantid = ${p.tenantid}, set_var = ${p.set_var}
         WHERE id = ANY(${moved}::text[])`;
    }
    await insertRecords(tx, actor, tenant, chunk);
    onProgress?.(Math.min(i + CHUNK, items.length), items.length);
  }
  return items.length;
}

/** The passwords are read here, in the transaction that replaces them, and never leave it. */
async function convertSecrets(tx: Tx, items: PlanItem[]) {
  if (!items.length) return;
  const rows = await tx.$queryRaw<{ id: string; username: string; password: string | null }[]>`
    SELECT id, username, password FROM ps_auths WHERE id = ANY(${items.map((i) => i.authId!)}::text[]) FOR UPDATE`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const updates = items.flatMap((i) => {
    const row = byId.get(i.authId!);
    return row?.password ? [{ id: row.id, ...convertedAuth(row.username, i.digestRealm!, row.password) }] : [];
  });
  if (!updates.length) return;
  await tx.$executeRaw`
    UPDATE ps_auths a SET auth_type = 'md5', md5_cred = v.md5_cred, password = NULL, realm = v.realm
      FROM unnest(${updates.map((u) => u.id)}::text[], ${updates.map((u) => u.md5_cred)}::text[], ${updates.map((u) => u.realm)}::text[])
           AS v(id, md5_cred, realm)
     WHERE a.id = v.id`;
}

async function insertRecords(tx: Tx, actor: Actor, tenant: Tenant, items: PlanItem[]) {
  const now = new Date();
  const records = items.map((i) => ({
    id: randomUUID(),
    tenantId: tenant.id,
    number: i.number!,
    displayName: i.displayName,
    email: i.email,
    allowExternal: true,
    active: i.active,
    maxContacts: i.maxContacts,
    adSynced: false,
    adUsername: null,
    directoryId: null,
    directoryState: null,
    directorySyncedAt: null,
    directoryRemovalDueAt: null,
    directoryPriorAllowExternal: null,
    endpointId: i.endpointId,
    authId: i.authId!,
    aorId: i.aorId!,
    voicemailId: i.voicemail?.id ?? null,
    // Only a box outside `<number>@<tenant context>` needs naming (migration 0009).
    voicemailBox: i.voicemail && i.voicemail.box !== mailboxFor(i.number!, tenant) ? i.voicemail.box : null,
    callerIdDidId: null,
    secretChangedAt: now,
    createdAt: now,
    updatedAt: now,
  }));
  await bulkInsert(
    tx,
    'sb_extensions',
    records.map((r) => ({
      id: r.id, tenant_id: r.tenantId, number: r.number, display_name: r.displayName, email: r.email, allow_external: r.allowExternal,
      active: r.active, max_contacts: r.maxContacts, endpoint_id: r.endpointId, auth_id: r.authId, aor_id: r.aorId,
      voicemail_id: r.voicemailId, voicemail_box: r.voicemailBox, secret_changed_at: r.secretChangedAt, created_at: r.createdAt, updated_at: r.updatedAt,
    })),
  );
  await tx.auditEntry.createMany({
    data: records.map((r, n) =>
      auditRow(actor, {
        action: 'extension.adopt',
        tenantId: tenant.id,
        targetType: 'extension',
        targetId: r.id,
        targetLabel: r.endpointId,
        after: {
          ...extensionAuditView(toExtensionView(r)),
          authId: r.authId,
          aorId: r.aorId,
          voicemail: items[n].voicemail?.box ?? null,
          secretConverted: Boolean(items[n].digestRealm),
          contextSet: items[n].setContext ? { from: items[n].context, to: tenant.context } : null,
        },
      }),
    ),
  });
}
