import { dbOf, type Ctx } from '../context.ts';
import { findTenant } from '../tenant/get-tenant.ts';

export async function listDids(ctx: Ctx, tenantId: string) {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantId, 'read');
  return db.did.findMany({
    where: { tenantId: tenant.id },
    orderBy: { e164: 'asc' },
    include: { extension: { select: { id: true, number: true, displayName: true } } },
  });
}
