import type { Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { deleteSipRows } from './delete-rows.ts';
import { findExtension } from './load.ts';
import { extensionAuditView, toExtensionView } from './view.ts';

export async function deleteExtension(ctx: Ctx, id: string): Promise<void> {
  await dbOf(ctx).$transaction((tx) => deleteExtensionIn(tx, ctx.actor, id));
}

/** The same inside the caller's transaction. */
export async function deleteExtensionIn(tx: Tx, actor: Actor, id: string): Promise<void> {
  const ctx = { actor };
  const ext = await findExtension(tx, ctx.actor, id, 'write');
  await deleteSipRows(tx, [ext], ext.voicemailId ? [ext.voicemailId] : []);
  await tx.extension.delete({ where: { id: ext.id } });
  await recordAudit(tx, ctx.actor, {
    action: 'extension.delete',
    tenantId: ext.tenantId,
    targetType: 'extension',
    targetId: ext.id,
    targetLabel: ext.endpointId,
    before: extensionAuditView(toExtensionView(ext)),
  });
}
