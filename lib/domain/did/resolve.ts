import { notFound } from '../../errors.ts';
import { dbOf, type Ctx } from '../context.ts';
import { isUuid } from '../ids.ts';
import { toE164 } from '../phone/numbers.ts';
import { findTenant } from '../tenant/get-tenant.ts';

/** The id of a tenant's DID named by its id or its number (any format of the tenant's country). */
export async function resolveDidId(ctx: Ctx, tenantRef: string, ref: string): Promise<string> {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantRef, 'read');
  const e164 = isUuid(ref) ? null : toE164(ref, tenant.defaultCountry);
  const where = isUuid(ref) ? { tenantId: tenant.id, id: ref } : e164 ? { tenantId: tenant.id, e164 } : null;
  const did = where && (await db.did.findFirst({ where, select: { id: true } }));
  if (!did) throw notFound('DID');
  return did.id;
}
