import { LONG_TRANSACTION, type Tx } from '../../db/client.ts';
import { conflict, notFound } from '../../errors.ts';
import { assertTenantAccess, tenantScope } from '../actor.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { rewriteMainNumberFollowers } from '../extension/caller-id-rows.ts';
import { isUuid } from '../ids.ts';

const NAMED = 5;

/**
 * Removes an inbound number. A number some extension presents as its caller ID is refused, with
 * their names, rather than replaced behind the admin's back: the caller ID is the number people
 * call back, and a DID usually goes because it was ported away or released, so which number those
 * users present next is the admin's decision. Likewise the main number goes only as the tenant's
 * last DID (its outside calls are then refused with no_caller_id until a new number is added).
 */
export async function removeDid(ctx: Ctx, id: string) {
  if (!isUuid(id)) throw notFound('DID');
  await dbOf(ctx).$transaction(async (tx) => {
    const scope = tenantScope(ctx.actor);
    const did = await tx.did.findFirst({ where: { id, ...(scope ? { tenantId: scope } : {}) }, include: { tenant: true } });
    if (!did) throw notFound('DID');
    assertTenantAccess(ctx.actor, did.tenantId, 'write', 'DID');
    await refuseWhileInUse(tx, did);
    const wasMain = did.tenant.mainDidId === did.id;
    if (wasMain) {
      await tx.tenant.update({ where: { id: did.tenantId }, data: { mainDidId: null } });
      await rewriteMainNumberFollowers(tx, did.tenantId, null);
    }
    await tx.did.delete({ where: { id: did.id } });
    await recordAudit(tx, ctx.actor, {
      action: 'did.delete',
      tenantId: did.tenantId,
      targetType: 'did',
      targetId: did.id,
      targetLabel: did.e164,
      before: { e164: did.e164, extensionId: did.extensionId, label: did.label, mainNumber: wasMain },
    });
  }, LONG_TRANSACTION); // the last number gone rewrites every extension's caller ID
}

async function refuseWhileInUse(tx: Tx, did: { id: string; e164: string; tenantId: string; tenant: { mainDidId: string | null } }) {
  const [users, count] = await Promise.all([
    tx.extension.findMany({ where: { callerIdDidId: did.id }, orderBy: { number: 'asc' }, take: NAMED, select: { number: true, displayName: true } }),
    tx.extension.count({ where: { callerIdDidId: did.id } }),
  ]);
  if (count) {
    const names = users.map((u) => `${u.number} (${u.displayName})`).join(', ') + (count > NAMED ? ` and ${count - NAMED} more` : '');
    throw conflict(`${did.e164} is the caller ID of ${names}: choose another caller ID for ${count === 1 ? 'it' : 'them'} first`);
  }
  if (did.tenant.mainDidId === did.id && (await tx.did.count({ where: { tenantId: did.tenantId, NOT: { id: did.id } } })))
    throw conflict(`${did.e164} is the tenant's main number: make another number the main number first`);
}
