import { notFound } from '../../errors.ts';
import { assertTenantAccess, tenantScope } from '../actor.ts';
import { dbOf, type Ctx } from '../context.ts';
import { isUuid } from '../ids.ts';
import { slugSchema } from '../tenant/schemas.ts';
import { toExtensionView } from './view.ts';

/**
 * Where-clause for one extension of one tenant, both named as doors name them (slug or id; number
 * or id), within the actor's reach: one query finds it, and one of another tenant is "not found",
 * even for a platform actor.
 */
function tenantExtensionWhere(ctx: Ctx, tenantRef: string, ref: string) {
  const scope = tenantScope(ctx.actor);
  const slug = slugSchema.safeParse(tenantRef);
  const tenantWhere = isUuid(tenantRef) ? { id: tenantRef } : slug.success ? { slug: slug.data } : null;
  const extWhere = /^[0-9]{1,10}$/.test(ref) ? { number: ref } : isUuid(ref) ? { id: ref } : null;
  if (!tenantWhere || !extWhere) throw notFound('Extension');
  return { ...extWhere, tenant: { AND: [tenantWhere, scope ? { id: scope } : {}] } };
}

/** The id of a tenant's extension, for doors whose addresses nest extensions under a tenant. */
export async function resolveExtensionId(ctx: Ctx, tenantRef: string, ref: string): Promise<string> {
  const ext = await dbOf(ctx).extension.findFirst({ where: tenantExtensionWhere(ctx, tenantRef, ref), select: { id: true, tenantId: true } });
  if (!ext) throw notFound('Extension');
  assertTenantAccess(ctx.actor, ext.tenantId, 'read', 'Extension');
  return ext.id;
}

/** One extension of one tenant with its tenant, in a single query: the read integrations do most. */
export async function getTenantExtension(ctx: Ctx, tenantRef: string, ref: string) {
  const ext = await dbOf(ctx).extension.findFirst({ where: tenantExtensionWhere(ctx, tenantRef, ref), include: { tenant: true } });
  if (!ext) throw notFound('Extension');
  assertTenantAccess(ctx.actor, ext.tenantId, 'read', 'Extension');
  const { tenant, ...row } = ext;
  return { ...toExtensionView(row), tenant };
}
