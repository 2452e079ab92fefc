import { notFound } from '../../errors.ts';
import { dbOf, type Ctx } from '../context.ts';
import { isUuid } from '../ids.ts';
import { findTenant } from '../tenant/get-tenant.ts';

/**
 * The id of a tenant's extension named by its number or its id, for doors whose addresses nest
 * extensions under a tenant. One of another tenant is "not found", even for a platform actor.
 */
export async function resolveExtensionId(ctx: Ctx, tenantRef: string, ref: string): Promise<string> {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantRef, 'read');
  const where = /^[0-9]{1,10}$/.test(ref) ? { tenantId: tenant.id, number: ref } : isUuid(ref) ? { tenantId: tenant.id, id: ref } : null;
  const ext = where && (await db.extension.findFirst({ where, select: { id: true } }));
  if (!ext) throw notFound('Extension');
  return ext.id;
}
