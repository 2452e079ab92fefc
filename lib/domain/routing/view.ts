/** What a call decision needs to know, held in memory by the AGI server (see lib/routing/). */
export type RoutingTenant = {
  id: string;
  slug: string;
  country: string;
  trunk: string | null;
  active: boolean;
  allowPremium: boolean;
};
export type RoutingExtension = {
  id: string;
  tenantId: string;
  number: string;
  endpointId: string;
  active: boolean;
  allowExternal: boolean;
};
/** A tenant row as the decision needs it. */
export const routingTenant = (t: { id: string; slug: string; defaultCountry: string; outboundTrunk: string | null; status: string; allowPremium: boolean }): RoutingTenant => ({
  id: t.id,
  slug: t.slug,
  country: t.defaultCountry,
  trunk: t.outboundTrunk,
  active: t.status === 'active',
  allowPremium: t.allowPremium,
});

/** The columns of an extension the decision reads (a Prisma select). */
export const ROUTING_EXTENSION_FIELDS = { id: true, tenantId: true, number: true, endpointId: true, active: true, allowExternal: true } as const;

export type RoutingDid = { e164: string; tenantId: string; extensionId: string | null };

export class RoutingView {
  readonly tenants = new Map<string, RoutingTenant>();
  readonly extensions = new Map<string, RoutingExtension>();
  private readonly byEndpoint = new Map<string, RoutingExtension>();
  private readonly byNumber = new Map<string, RoutingExtension>();
  readonly dids = new Map<string, RoutingDid>();
  /** Countries of the tenants, to read DIDs the trunk delivers in national format. */
  countries(): Set<string> {
    return new Set([...this.tenants.values()].map((t) => t.country));
  }

  putTenant(t: RoutingTenant) {
    this.tenants.set(t.id, t);
  }
  removeTenant(id: string) {
    this.tenants.delete(id);
  }
  putExtension(x: RoutingExtension) {
    this.removeExtension(x.id);
    this.extensions.set(x.id, x);
    this.byEndpoint.set(x.endpointId, x);
    this.byNumber.set(`${x.tenantId}/${x.number}`, x);
  }
  removeExtension(id: string) {
    const old = this.extensions.get(id);
    if (!old) return;
    this.extensions.delete(id);
    if (this.byEndpoint.get(old.endpointId)?.id === id) this.byEndpoint.delete(old.endpointId);
    if (this.byNumber.get(`${old.tenantId}/${old.number}`)?.id === id) this.byNumber.delete(`${old.tenantId}/${old.number}`);
  }
  putDid(d: RoutingDid) {
    this.dids.set(d.e164, d);
  }
  removeDid(e164: string) {
    this.dids.delete(e164);
  }
  extensionByEndpoint(endpointId: string) {
    return this.byEndpoint.get(endpointId);
  }
  extensionByNumber(tenantId: string, number: string) {
    return this.byNumber.get(`${tenantId}/${number}`);
  }
}
