/**
 * The AGI server's in-memory routing view: loaded once, then kept current from PostgreSQL
 * LISTEN/NOTIFY (migration 0003), so a change is live within a second and no call waits on the
 * database. When the database goes away the last good view keeps answering; on reconnect the
 * view is reloaded whole, since notifications sent meanwhile are lost.
 */
import pg from 'pg';
import type { Db } from '../db/client.ts';
import { ROUTING_DID_FIELDS, ROUTING_EXTENSION_FIELDS, RoutingView, routingTenant, type RoutingExtension } from '../domain/routing/view.ts';

type Note = { t: 'sb_tenants' | 'sb_extensions' | 'sb_dids'; op: 'INSERT' | 'UPDATE' | 'DELETE'; id: string; old: string | null };
type Log = (msg: string, fields?: Record<string, unknown>) => void;
export type ViewStatus = { loaded: boolean; listening: boolean; loadedAt: Date | null; changedAt: Date | null; extensions: number };

const tenantOf = routingTenant;
const EXT_SELECT = ROUTING_EXTENSION_FIELDS;

export class LiveRoutingView {
  private current: RoutingView | null = null;
  private listener: pg.Client | null = null;
  private stopped = false;
  private retryMs = 500;
  /** Clients already counted as lost: pg reports one loss as both 'error' and 'end'. */
  private readonly lostClients = new WeakSet<pg.Client>();
  private retryPending = false;
  private queue: Promise<void> = Promise.resolve();
  private pending: Note[] = [];
  private flushScheduled = false;
  private loadedAt: Date | null = null;
  private tenantListeners: ((changed: string[] | 'all') => void)[] = [];
  private endpointListeners: ((endpointIds: string[]) => void)[] = [];
  private changedAt: Date | null = null;

  constructor(
    private readonly db: Db,
    private readonly url: string,
    private readonly log: Log = () => {},
    private readonly applicationName = 'switchboard-agi-listen',
  ) {}

  /** The view to decide with; null until the first load succeeded (a cold server). */
  get view(): RoutingView | null {
    return this.current;
  }

  /** Called after tenants changed: their ids, or 'all' after a (re)load. */
  onTenantsChanged(listener: (changed: string[] | 'all') => void) {
    this.tenantListeners.push(listener);
  }

  /** Called with the endpoint ids (before and after) of extensions that changed. */
  onEndpointsChanged(listener: (endpointIds: string[]) => void) {
    this.endpointListeners.push(listener);
  }

  status(): ViewStatus {
    return { loaded: !!this.current, listening: !!this.listener, loadedAt: this.loadedAt, changedAt: this.changedAt, extensions: this.current?.extensions.size ?? 0 };
  }

  /** Resolves once the view is loaded and listening, or after the first failure (it keeps retrying). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const l = this.listener;
    this.listener = null;
    await l?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    this.retryPending = false;
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, application_name: this.applicationName });
    try {
      client.on('error', (err) => this.lost(client, err));
      client.on('end', () => this.lost(client, new Error('connection ended')));
      await client.connect();
      client.on('notification', (n) => {
        if (n.channel !== 'sb_routing' || !n.payload) return;
        this.pending.push(JSON.parse(n.payload) as Note);
        if (this.flushScheduled) return;
        this.flushScheduled = true;
        // Coalesce: a bulk import sends thousands of notes; they are applied with one query per table.
        setTimeout(() => {
          this.flushScheduled = false;
          const batch = this.pending.splice(0);
          this.queue = this.queue
            .then(() => this.apply(batch))
            .catch(async (err) => {
              // A change we could not apply would leave the view stale: reload it whole instead.
              this.log('routing changes not applied; reloading the view', { err: String(err), count: batch.length });
              await this.reload().catch(() => {});
            });
        }, 20);
      });
      // LISTEN before loading: a change made during the load is then applied after it.
      await client.query('LISTEN sb_routing');
      this.listener = client;
      await this.reload();
      this.retryMs = 500;
    } catch (err) {
      this.lost(client, err as Error);
    }
  }

  private lost(client: pg.Client, err: Error) {
    if (this.lostClients.has(client)) return;
    this.lostClients.add(client);
    if (this.listener && this.listener !== client) return;
    const wasListening = this.listener === client;
    this.listener = null;
    client.end().catch(() => {});
    if (this.stopped || this.retryPending) return;
    this.retryPending = true;
    if (wasListening || this.retryMs === 500)
      this.log('routing database unreachable; answering from the last view', { err: err.message, loaded: !!this.current });
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
    setTimeout(() => void this.connect(), wait).unref();
  }

  private async reload(): Promise<void> {
    const [tenants, extensions, dids] = await Promise.all([
      this.db.tenant.findMany(),
      this.db.extension.findMany({ select: EXT_SELECT }),
      this.db.did.findMany({ select: ROUTING_DID_FIELDS }),
    ]);
    const next = new RoutingView();
    for (const t of tenants) next.putTenant(tenantOf(t));
    for (const x of extensions) next.putExtension(x as RoutingExtension);
    for (const d of dids) next.putDid(d);
    this.current = next;
    this.loadedAt = new Date();
    for (const l of this.tenantListeners) l('all');
    this.log('routing view loaded', { tenants: tenants.length, extensions: extensions.length, dids: dids.length });
  }

  private async apply(notes: Note[]): Promise<void> {
    const view = this.current;
    if (!view || !notes.length) return;
    const ids = (t: Note['t']) => [...new Set(notes.filter((n) => n.t === t).map((n) => n.id))];
    const [tenantIds, extIds, didIds] = [ids('sb_tenants'), ids('sb_extensions'), ids('sb_dids')];
    const [tenants, exts, dids] = await Promise.all([
      tenantIds.length ? this.db.tenant.findMany({ where: { id: { in: tenantIds } } }) : [],
      extIds.length ? this.db.extension.findMany({ where: { id: { in: extIds } }, select: EXT_SELECT }) : [],
      didIds.length ? this.db.did.findMany({ where: { id: { in: didIds } }, select: ROUTING_DID_FIELDS }) : [],
    ]);
    // What is no longer in the database was deleted; what is, is current.
    const endpoints = new Set<string>();
    const mainBefore = new Map(tenantIds.map((id) => [id, view.tenants.get(id)?.mainDidId ?? null]));
    for (const id of tenantIds) view.removeTenant(id);
    for (const t of tenants) {
      view.putTenant(tenantOf(t));
      // A new main number changed set_var of the tenant's endpoints without touching their rows.
      if (mainBefore.has(t.id) && mainBefore.get(t.id) !== t.mainDidId) for (const x of view.extensionsOf(t.id)) endpoints.add(x.endpointId);
    }
    for (const id of extIds) {
      const old = view.extensions.get(id);
      if (old) endpoints.add(old.endpointId);
      view.removeExtension(id);
    }
    for (const x of exts) {
      endpoints.add(x.endpointId);
      view.putExtension(x as RoutingExtension);
    }
    for (const n of notes) if (n.t === 'sb_dids' && n.old) view.removeDid(n.old);
    for (const id of didIds) view.removeDidById(id);
    for (const d of dids) view.putDid(d);
    this.changedAt = new Date();
    if (tenantIds.length) for (const l of this.tenantListeners) l(tenantIds);
    if (endpoints.size) for (const l of this.endpointListeners) l([...endpoints]);
  }
}
