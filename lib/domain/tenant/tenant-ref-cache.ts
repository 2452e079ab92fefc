/**
 * Which tenant a slug or id names, remembered by this process: a page of a tenant's extensions
 * should not cost a tenant lookup each time. Slugs and ids never change; an entry is forgotten as
 * soon as its tenant changes or goes (the routing notifications of migration 0003), and nothing is
 * remembered while those notifications are not being heard. The caller's reach is checked on
 * every use, exactly as a lookup would.
 */
import type { ChangeFeed } from '../../db/change-listener.ts';
import { changesFor, ROUTING_CHANNEL } from '../../db/changes.ts';
import { ListenedCache } from '../../db/listened-cache.ts';
import type { Tx } from '../../db/client.ts';
import { assertTenantAccess, type Actor } from '../actor.ts';
import { isUuid } from '../ids.ts';
import { findTenant } from './get-tenant.ts';

const caches = new WeakMap<ChangeFeed, ListenedCache<string>>();

/** The entries a routing note makes stale: the channel also carries every extension and DID change. */
function tenantChanged(payload: string): ((ref: string, id: string) => boolean) | null {
  if (!payload.includes('"sb_tenants"')) return null;
  const note = JSON.parse(payload) as { t: string; id: string };
  return note.t === 'sb_tenants' ? (_, id) => id === note.id : null;
}

/** The id of the tenant `idOrSlug` names, if the actor may read it; else "not found", as findTenant. */
export async function tenantIdInReach(db: Tx, actor: Actor, idOrSlug: string): Promise<string> {
  const changes = changesFor(db);
  if (!changes?.live) return (await findTenant(db, actor, idOrSlug, 'read')).id;
  let refs = caches.get(changes);
  if (!refs) caches.set(changes, (refs = new ListenedCache<string>(changes, ROUTING_CHANNEL, tenantChanged)));
  const ref = isUuid(idOrSlug) ? idOrSlug.toLowerCase() : idOrSlug;
  return refs.get(
    ref,
    async () => (await findTenant(db, actor, idOrSlug, 'read')).id,
    (id) => id,
    // Remembered from anyone's lookup: the caller's own reach is checked every time.
    (id) => (assertTenantAccess(actor, id, 'read'), id),
  );
}
