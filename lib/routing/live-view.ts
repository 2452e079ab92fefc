/**
 * The AGI server's in-memory routing view: loaded once, then kept current from PostgreSQL
 * LISTEN/NOTIFY (migration 0003), or on MariaDB/MySQL from the change table the same triggers
 * write (lib/db/change-poller.ts), so a change is live within a second and no call waits on the
 * database. When the database goes away the last good view keeps answering; on reconnect the
 * view is reloaded whole, since changes made meanwhile may have gone unheard.
 */
import pg from 'pg';
import { ChangePoller } from '../db/change-poller.ts';
import type { Db } from '../db/client.ts';
import { engineOf } from '../db/engine.ts';
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
  /** MariaDB/MySQL: the change table's reader, in place of the LISTEN connection. */
  private poller: ChangePoller | null = null;

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
    return { loaded: !!this.current, listening: !!this.listener || !!this.poller?.live, loadedAt: this.loadedAt, changedAt: this.changedAt, extensions: this.current?.extensions.size ?? 0 };
  }

  /** Resolves once the view is loaded and listening, or after the first failure (it keeps retrying). */
  async start(): Promise<void> {
    if (engineOf(this.url) === 'mariadb') return this.follow();
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.poller?.stop();
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
        if (n.channel === 'sb_routing' && n.payload) this.note(n.payload);
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

  private note(payload: string) {
    this.pending.push(JSON.parse(payload) as Note);
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
  }

  /**
   * MariaDB/MySQL: the change table. It resets when it starts reading and after each lost
   * connection: the view is reloaded then (in turn with the changes, which come after it), and
   * while the database is away the last view keeps answering. Resolves after the first load or
   * its failure, as start() does on PostgreSQL.
   */
  private follow(): Promise<void> {
    const poller = new ChangePoller(this.url, ['sb_routing']);
    this.poller = poller;
    poller.on('sb_routing', (payload) => this.note(payload));
    return new Promise((resolve) => {
      poller.onReset(() => {
        if (!poller.live) {
          if (!this.stopped) this.log('routing database unreachable; answering from the last view', { loaded: !!this.current });
          resolve();
          return;
        }
        this.queue = this.queue.then(() => this.reload()).catch((err) => this.log('routing view not loaded', { err: String(err) })).finally(resolve);
      });
      poller.start();
    });
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
    // MySQL fires no trigger for the rows a foreign key's cascade changes: a tenant's DIDs go
    // with it, a DID whose extension went points nowhere. PostgreSQL announces both; either way
    // the view follows from the rows that changed.
    const goneTenants = new Set(tenantIds.filter((id) => !tenants.some((t) => t.id === id)));
    const goneExts = new Set(extIds.filter((id) => !exts.some((x) => x.id === id)));
    if (goneTenants.size || goneExts.size)
      for (const d of [...view.dids.values()]) {
        if (goneTenants.has(d.tenantId)) view.removeDid(d.e164);
        else if (d.extensionId && goneExts.has(d.extensionId)) view.putDid({ ...d, extensionId: null });
      }
    this.changedAt = new Date();
    if (tenantIds.length) for (const l of this.tenantListeners) l(tenantIds);
    if (endpoints.size) for (const l of this.endpointListeners) l([...endpoints]);
  }
}
