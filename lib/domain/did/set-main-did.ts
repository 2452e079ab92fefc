import { LONG_TRANSACTION } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { assertTenantAccess, tenantScope } from '../actor.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { rewriteMainNumberFollowers } from '../extension/caller-id-rows.ts';
import { isUuid } from '../ids.ts';

/**
 * Makes one of the tenant's DIDs its main number: the caller ID of every extension without a pick
 * of its own. Their endpoints' set_var (read by the emergency extensions) changes in the same
 * transaction; the AGI servers learn it from the tenant row's notification.
 */
export async function setMainDid(ctx: Ctx, didId: string) {
  if (!isUuid(didId)) throw notFound('DID');
  return dbOf(ctx).$transaction(async (tx) => {
    const scope = tenantScope(ctx.actor);
    const did = await tx.did.findFirst({ where: { id: didId, ...(scope ? { tenantId: scope } : {}) }, include: { tenant: true } });
    if (!did) throw notFound('DID');
    assertTenantAccess(ctx.actor, did.tenantId, 'write', 'DID');
    if (did.tenant.mainDidId === did.id) return { e164: did.e164, changed: 0 };
    const before = did.tenant.mainDidId ? await tx.did.findUnique({ where: { id: did.tenant.mainDidId }, select: { e164: true } }) : null;
    await tx.tenant.update({ where: { id: did.tenantId }, data: { mainDidId: did.id } });
    const changed = await rewriteMainNumberFollowers(tx, did.tenantId, did.e164);
    await recordAudit(tx, ctx.actor, {
      action: 'tenant.main_number',
      tenantId: did.tenantId,
      targetType: 'tenant',
      targetId: did.tenantId,
      targetLabel: did.tenant.slug,
      before: { mainNumber: before?.e164 ?? null },
      after: { mainNumber: did.e164, extensionsFollowing: changed },
    });
    return { e164: did.e164, changed };
  }, LONG_TRANSACTION); // rewrites every extension that follows the main number
}
