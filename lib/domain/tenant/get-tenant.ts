import type { Tx } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { assertTenantAccess, tenantScope, type Actor } from '../actor.ts';
import { dbOf, type Ctx } from '../context.ts';
import { isUuid } from '../ids.ts';
import { slugSchema } from './schemas.ts';

/** A tenant by id or slug, within the actor's reach; another tenant's is "not found". */
export async function getTenant(ctx: Ctx, idOrSlug: string) {
  return findTenant(dbOf(ctx), ctx.actor, idOrSlug, 'read');
}

export async function findTenant(db: Tx, actor: Actor, idOrSlug: string, mode: 'read' | 'write') {
  const scope = tenantScope(actor);
  // Anything else (a NUL byte, say, which PostgreSQL refuses outright) cannot name a tenant.
  const slug = slugSchema.safeParse(idOrSlug);
  const where = isUuid(idOrSlug) ? { id: idOrSlug } : slug.success ? { slug: slug.data } : null;
  if (!where) throw notFound('Tenant');
  const tenant = await db.tenant.findFirst({ where: { AND: [where, scope ? { id: scope } : {}] } });
  if (!tenant) throw notFound('Tenant');
  assertTenantAccess(actor, tenant.id, mode);
  return tenant;
}

/**
 * The tenants a figure covers: the one named (within the actor's reach, else "not found"), or
 * with none named every tenant the actor reaches: its own, or null for all of them.
 */
export async function tenantIdsInReach(db: Tx, actor: Actor, tenantRef: string | null): Promise<string[] | null> {
  if (tenantRef) return [(await findTenant(db, actor, tenantRef, 'read')).id];
  const scope = tenantScope(actor);
  return scope ? [scope] : null;
}
