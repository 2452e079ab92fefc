import { dbOf, type Ctx } from '../context.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import type { Registration } from './registrations.ts';

export type RegistrationSource = (endpointIds: string[]) => Promise<Map<string, Registration[]>>;

/** The tenant's extensions that are registered now, by number, from the given status source. */
export async function tenantRegistrations(ctx: Ctx, tenantId: string, source: RegistrationSource) {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantId, 'read');
  const exts = await db.extension.findMany({ where: { tenantId: tenant.id }, select: { id: true, number: true, endpointId: true }, orderBy: { number: 'asc' } });
  const contacts = await source(exts.map((e) => e.endpointId));
  return exts.filter((e) => contacts.get(e.endpointId)?.length).map((e) => ({ ...e, contacts: contacts.get(e.endpointId)! }));
}
