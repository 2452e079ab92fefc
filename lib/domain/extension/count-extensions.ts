import { dbOf, type Ctx } from '../context.ts';
import { findTenant } from '../tenant/get-tenant.ts';

export async function countExtensions(ctx: Ctx, tenantId: string): Promise<number> {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantId, 'read');
  return db.extension.count({ where: { tenantId: tenant.id } });
}
