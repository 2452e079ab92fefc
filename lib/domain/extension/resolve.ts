import { notFound } from '../../errors.ts';
import { assertTenantAccess, tenantScope } from '../actor.ts';
import { slugSchema } from '../tenant/schemas.ts';
import { toExtensionView } from './view.ts';
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

/**
 * One extension of one tenant, both named as the API names them (slug or id; number or id), in a
 * single query: the read integrations do most.
 */
export async function getTenantExtension(ctx: Ctx, tenantRef: string, ref: string) {
  const scope = tenantScope(ctx.actor);
  const slug = slugSchema.safeParse(tenantRef);
  const tenantWhere = isUuid(tenantRef) ? { id: tenantRef } : slug.success ? { slug: slug.data } : null;
  const extWhere = /^[0-9]{1,10}$/.test(ref) ? { number: ref } : isUuid(ref) ? { id: ref } : null;
  if (!tenantWhere || !extWhere) throw notFound('Extension');
  const ext = await dbOf(ctx).extension.findFirst({
    where: { ...extWhere, tenant: { AND: [tenantWhere, scope ? { id: scope } : {}] } },
    include: { tenant: true },
  });
  if (!ext) throw notFound('Extension');
  assertTenantAccess(ctx.actor, ext.tenantId, 'read', 'Extension');
  const { tenant, ...row } = ext;
  return { ...toExtensionView(row), tenant };
}
