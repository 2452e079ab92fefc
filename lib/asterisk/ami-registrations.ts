/**
 * Registration status from AMI, for Asterisks that keep contacts in astdb (their default) rather
 * than in ps_contacts. Seeded with PJSIPShowContacts at every (re)connect, then kept current by
 * ContactStatus events; DeviceStateChange says whether a phone is in use.
 */
import type { Registration } from '../domain/extension/registrations.ts';
import type { AmiClient, AmiMessage } from './ami.ts';

export type LiveRegistration = Registration & { status: string; deviceState?: string };

/** A phone that appeared or went, as AMI tells it (for the registration history). */
export type AmiContactChange = { endpoint: string; change: 'registered' | 'removed'; uri: string; userAgent: string | null; address: string | null; port: number | null; at: Date };

export class AmiRegistrations {
  private readonly contacts = new Map<string, Map<string, LiveRegistration>>();
  private readonly states = new Map<string, string>();

  constructor(
    private readonly ami: AmiClient,
    /** Told of each contact that appears or goes; AMI cannot tell an expiry from a removal. */
    private readonly onChange: (c: AmiContactChange) => void = () => {},
  ) {
    ami.on('connected', () => void this.refresh().catch(() => {}));
    ami.on('ContactStatus', (e: AmiMessage) => this.onContactStatus(e));
    ami.on('DeviceStateChange', (e: AmiMessage) => {
      const m = /^PJSIP\/(.+)$/.exec(e.device ?? '');
      if (m && e.state) this.states.set(m[1], e.state);
    });
  }

  async refresh(): Promise<void> {
    const list = await this.ami.pjsipShowContacts();
    this.contacts.clear();
    for (const c of list) {
      if (!c.endpoint || !c.uri) continue;
      this.put(c.endpoint, {
        uri: c.uri,
        userAgent: c.useragent || null,
        // ContactList names them ViaAddr, ViaPort and ExpirationTime (pjsip_manager.xml);
        // ViaAddress (host:port) and RegExpire are ContactStatusDetail's, read as a fallback.
        viaAddr: c.viaaddr || c.viaaddress?.split(':')[0] || null,
        viaPort: c.viaport ? Number(c.viaport) : c.viaaddress?.includes(':') ? Number(c.viaaddress.split(':')[1]) : null,
        expiresAt: c.expirationtime || c.regexpire ? new Date(Number(c.expirationtime || c.regexpire) * 1000) : null,
        status: c.status ?? 'Unknown',
      });
    }
  }

  private put(endpoint: string, reg: LiveRegistration) {
    const byUri = this.contacts.get(endpoint) ?? new Map<string, LiveRegistration>();
    byUri.set(reg.uri!, reg);
    this.contacts.set(endpoint, byUri);
  }

  private onContactStatus(e: AmiMessage) {
    const endpoint = e.endpointname;
    if (!endpoint || !e.uri) return;
    if (e.contactstatus === 'Removed') {
      const gone = this.contacts.get(endpoint)?.get(e.uri);
      this.contacts.get(endpoint)?.delete(e.uri);
      this.onChange({ endpoint, change: 'removed', uri: e.uri, userAgent: gone?.userAgent ?? null, address: gone?.viaAddr ?? null, port: gone?.viaPort ?? null, at: new Date() });
      return;
    }
    const known = this.contacts.get(endpoint)?.get(e.uri);
    this.put(endpoint, { ...(known ?? { uri: e.uri, userAgent: null, viaAddr: null, viaPort: null, expiresAt: null }), status: e.contactstatus ?? 'Unknown' });
    // A new contact's details (user agent, expiry) come only with the list: fetch it soon, then
    // report the phone with them.
    if (!known)
      setTimeout(() => {
        void this.refresh()
          .catch(() => {})
          .finally(() => {
            const r = this.contacts.get(endpoint)?.get(e.uri!);
            this.onChange({ endpoint, change: 'registered', uri: e.uri!, userAgent: r?.userAgent ?? null, address: r?.viaAddr ?? null, port: r?.viaPort ?? null, at: new Date() });
          });
      }, 500).unref();
  }

  /** Endpoints with a reachable contact, among those whose id ends in one of these domains. */
  countRegistered(domains: string[]): number {
    const suffixes = domains.map((d) => `@${d}`);
    let n = 0;
    for (const [endpoint, byUri] of this.contacts)
      if (suffixes.some((s) => endpoint.endsWith(s)) && [...byUri.values()].some((r) => r.status !== 'Unreachable')) n++;
    return n;
  }

  registrationsFor(endpointIds: string[]): Map<string, LiveRegistration[]> {
    const out = new Map<string, LiveRegistration[]>();
    for (const id of endpointIds) {
      const list = [...(this.contacts.get(id)?.values() ?? [])].filter((r) => r.status !== 'Unreachable');
      const state = this.states.get(id);
      if (list.length) out.set(id, list.map((r) => ({ ...r, ...(state ? { deviceState: state } : {}) })));
    }
    return out;
  }
}
