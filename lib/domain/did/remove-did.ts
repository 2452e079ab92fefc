import { notFound } from '../../errors.ts';
import { assertTenantAccess, tenantScope } from '../actor.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { isUuid } from '../ids.ts';

export async function removeDid(ctx: Ctx, id: string) {
  if (!isUuid(id)) throw notFound('DID');
  await dbOf(ctx).$transaction(async (tx) => {
    const scope = tenantScope(ctx.actor);
    const did = await tx.did.findFirst({ where: { id, ...(scope ? { tenantId: scope } : {}) } });
    if (!did) throw notFound('DID');
    assertTenantAccess(ctx.actor, did.tenantId, 'write', 'DID');
    await tx.did.delete({ where: { id: did.id } });
    await recordAudit(tx, ctx.actor, {
      action: 'did.delete',
      tenantId: did.tenantId,
      targetType: 'did',
      targetId: did.id,
      targetLabel: did.e164,
      before: { e164: did.e164, extensionId: did.extensionId, label: did.label },
    });
  });
}
