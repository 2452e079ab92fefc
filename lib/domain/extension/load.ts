import type { Tx } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { assertTenantAccess, tenantScope, type Actor } from '../actor.ts';

/** An extension and its tenant, within the actor's reach; another tenant's is "not found". */
export async function findExtension(db: Tx, actor: Actor, id: string, mode: 'read' | 'write') {
  // The uuid column refuses anything else (36 hyphens too) with an error, not an empty result.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound('Extension');
  const scope = tenantScope(actor);
  const ext = await db.extension.findFirst({
    where: { id, ...(scope ? { tenantId: scope } : {}) },
    include: { tenant: true },
  });
  if (!ext) throw notFound('Extension');
  assertTenantAccess(actor, ext.tenantId, mode, 'Extension');
  return ext;
}
