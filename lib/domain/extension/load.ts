import type { Tx } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { assertTenantAccess, tenantScope, type Actor } from '../actor.ts';
import { isUuid } from '../ids.ts';

/** An extension and its tenant, within the actor's reach; another tenant's is "not found". */
export async function findExtension(db: Tx, actor: Actor, id: string, mode: 'read' | 'write') {
  if (!isUuid(id)) throw notFound('Extension');
  const scope = tenantScope(actor);
  const ext = await db.extension.findFirst({
    where: { id, ...(scope ? { tenantId: scope } : {}) },
    include: { tenant: true },
  });
  if (!ext) throw notFound('Extension');
  assertTenantAccess(actor, ext.tenantId, mode, 'Extension');
  return ext;
}
