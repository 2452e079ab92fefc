/** What a call decision needs to know, held in memory by the AGI server (see lib/routing/). */
export type RoutingTenant = {
  id: string;
  slug: string;
  country: string;
  trunk: string | null;
  active: boolean;
  allowPremium: boolean;
  /** Dialplan context of its phones; a mailbox is `<number>@<context>`. */
  context?: string;
  /** sb_dids.id of the main number (the default caller ID); absent or null: the tenant has none. */
  mainDidId?: string | null;
};
export type RoutingExtension = {
  id: string;
  tenantId: string;
  number: string;
  endpointId: string;
  active: boolean;
  allowExternal: boolean;
  /** The DID picked as caller ID; absent or null: the tenant's main number. */
  callerIdDidId?: string | null;
  /** voicemail.uniqueid: set when the extension has a mailbox (unanswered calls go there). */
  voicemailId?: number | null;
  /** The mailbox when it is not `<number>@<tenant context>` (a box adopted from an existing PBX). */
  voicemailBox?: string | null;
};
/** A tenant row as the decision needs it. */
export const routingTenant = (t: {
  id: string;
  slug: string;
  defaultCountry: string;
  outboundTrunk: string | null;
  status: string;
  allowPremium: boolean;
  mainDidId: string | null;
  context: string;
}): RoutingTenant => ({
  id: t.id,
  slug: t.slug,
  country: t.defaultCountry,
  trunk: t.outboundTrunk,
  active: t.status === 'active',
  allowPremium: t.allowPremium,
  mainDidId: t.mainDidId,
  context: t.context,
});

/** The columns of an extension the decision reads (a Prisma select). */
export const ROUTING_EXTENSION_FIELDS = { id: true, tenantId: true, number: true, endpointId: true, active: true, allowExternal: true, callerIdDidId: true, voicemailId: true, voicemailBox: true } as const;

/** `id` lets tenants and extensions name a DID as their caller ID. */
export type RoutingDid = { id?: string; e164: string; tenantId: string; extensionId: string | null };
/** The columns of a DID the view holds (a Prisma select). */
export const ROUTING_DID_FIELDS = { id: true, e164: true, tenantId: true, extensionId: true } as const;

export class RoutingView {
  readonly tenants = new Map<string, RoutingTenant>();
  readonly extensions = new Map<string, RoutingExtension>();
  private readonly byEndpoint = new Map<string, RoutingExtension>();
  private readonly byNumber = new Map<string, RoutingExtension>();
  readonly dids = new Map<string, RoutingDid>();
  private readonly didsById = new Map<string, RoutingDid>();
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
    if (d.id) this.removeDidById(d.id);
    this.dids.set(d.e164, d);
    if (d.id) this.didsById.set(d.id, d);
  }
  removeDid(e164: string) {
    const old = this.dids.get(e164);
    this.dids.delete(e164);
    if (old?.id && this.didsById.get(old.id) === old) this.didsById.delete(old.id);
  }
  removeDidById(id: string) {
    const old = this.didsById.get(id);
    if (!old) return;
    this.didsById.delete(id);
    if (this.dids.get(old.e164) === old) this.dids.delete(old.e164);
  }
  didById(id: string) {
    return this.didsById.get(id);
  }
  /** Extensions of a tenant (a caller-ID change of the tenant touches all of their endpoints). */
  extensionsOf(tenantId: string): RoutingExtension[] {
    return [...this.extensions.values()].filter((x) => x.tenantId === tenantId);
  }
  extensionByEndpoint(endpointId: string) {
    return this.byEndpoint.get(endpointId);
  }
  extensionByNumber(tenantId: string, number: string) {
    return this.byNumber.get(`${tenantId}/${number}`);
  }
}
