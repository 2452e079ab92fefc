import { dbOf, type Ctx } from '../context.ts';
import { findTenant } from '../tenant/get-tenant.ts';

/** The tenant's DIDs, which is its main number, and how many extensions present each as caller ID. */
export async function listDids(ctx: Ctx, tenantId: string) {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantId, 'read');
  const [dids, users] = await Promise.all([
    db.did.findMany({
      where: { tenantId: tenant.id },
      orderBy: { e164: 'asc' },
      include: { extension: { select: { id: true, number: true, displayName: true } } },
    }),
    db.extension.groupBy({ by: ['callerIdDidId'], where: { tenantId: tenant.id, callerIdDidId: { not: null } }, _count: true }),
  ]);
  const usedBy = new Map(users.map((u) => [u.callerIdDidId, u._count]));
  return dids.map((d) => ({ ...d, isMain: d.id === tenant.mainDidId, callerIdUsers: usedBy.get(d.id) ?? 0 }));
}
