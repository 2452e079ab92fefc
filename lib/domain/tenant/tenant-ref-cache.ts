/**
 * Which tenant a slug or id names, remembered by this process: a page of a tenant's extensions
 * should not cost a tenant lookup each time. Slugs and ids never change; an entry is forgotten as
 * soon as its tenant changes or goes (the routing notifications of migration 0003), and nothing is
 * remembered while those notifications are not being heard. The caller's reach is checked on
 * every use, exactly as a lookup would.
 */
import type { ChangeListener } from '../../db/change-listener.ts';
import { changesFor, ROUTING_CHANNEL } from '../../db/changes.ts';
import type { Tx } from '../../db/client.ts';
import { assertTenantAccess, type Actor } from '../actor.ts';
import { isUuid } from '../ids.ts';
import { findTenant } from './get-tenant.ts';

class TenantRefs {
  private ids = new Map<string, string>();
  epoch = 0;

  constructor(changes: ChangeListener) {
    changes.on(ROUTING_CHANNEL, (payload) => {
      // The channel also carries every extension and DID change: only tenants matter here.
      if (!payload.includes('"sb_tenants"')) return;
      const note = JSON.parse(payload) as { t: string; id: string };
      if (note.t !== 'sb_tenants') return;
      this.epoch++;
      for (const [ref, id] of this.ids) if (id === note.id) this.ids.delete(ref);
    });
    changes.onReset(() => {
      this.epoch++;
      this.ids.clear();
    });
  }

  get = (ref: string) => this.ids.get(ref);
  put(ref: string, id: string) {
    if (this.ids.size >= 10_000) this.ids.clear();
    this.ids.set(ref, id);
  }
}

const caches = new WeakMap<ChangeListener, TenantRefs>();

/** The id of the tenant `idOrSlug` names, if the actor may read it; else "not found", as findTenant. */
export async function tenantIdInReach(db: Tx, actor: Actor, idOrSlug: string): Promise<string> {
  const changes = changesFor(db);
  if (!changes?.live) return (await findTenant(db, actor, idOrSlug, 'read')).id;
  let refs = caches.get(changes);
  if (!refs) caches.set(changes, (refs = new TenantRefs(changes)));
  const ref = isUuid(idOrSlug) ? idOrSlug.toLowerCase() : idOrSlug;
  const known = refs.get(ref);
  if (known) {
    assertTenantAccess(actor, known, 'read');
    return known;
  }
  const epoch = refs.epoch;
  const tenant = await findTenant(db, actor, idOrSlug, 'read');
  if (changes.live && refs.epoch === epoch) refs.put(ref, tenant.id);
  return tenant.id;
}
