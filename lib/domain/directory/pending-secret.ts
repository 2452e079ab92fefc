import { notFound } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { findExtension } from '../extension/load.ts';
import { openSecret } from './secret-box.ts';

/** Whether a synced extension holds a generated secret no one has seen yet. */
export async function hasPendingSecret(ctx: Ctx, extensionId: string): Promise<boolean> {
  const db = dbOf(ctx);
  const ext = await findExtension(db, ctx.actor, extensionId, 'read');
  const row = await db.extension.findUnique({ where: { id: ext.id }, select: { pendingSecretSealed: true } });
  return !!row?.pendingSecretSealed;
}

/**
 * Shows a synced extension's generated secret once: it is cleared in the same transaction, so a
 * second request (or a second admin) finds nothing. Audited, without the secret.
 */
export async function revealPendingSecret(ctx: Ctx, extensionId: string): Promise<{ secret: string; number: string }> {
  return dbOf(ctx).$transaction(async (tx) => {
    const ext = await findExtension(tx, ctx.actor, extensionId, 'write');
    const [row] = await tx.$queryRaw<{ sealed: string | null }[]>`
      SELECT pending_secret_sealed AS sealed FROM sb_extensions WHERE id = ${ext.id}::uuid FOR UPDATE`;
    if (!row?.sealed) throw notFound('An unrevealed secret (it was shown already, or reset)');
    await tx.extension.update({ where: { id: ext.id }, data: { pendingSecretSealed: null } });
    await recordAudit(tx, ctx.actor, {
      action: 'extension.secret_reveal',
      tenantId: ext.tenantId,
      targetType: 'extension',
      targetId: ext.id,
      targetLabel: ext.endpointId,
    });
    return { secret: openSecret(row.sealed, ext.id), number: ext.number };
  });
}
