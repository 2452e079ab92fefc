/**
 * Keeps tenant_contexts/*.conf in step with the tenants and tells Asterisk to reload its dialplan.
 * Runs inside the AGI server, which already hears every tenant change. A reload that fails
 * (Asterisk down, AMI refused) is retried with backoff; the files are written regardless, so the
 * next successful reload, or an Asterisk restart, picks them up. The manager session is opened
 * for the reload and closed once idle (see AmiOnDemand): none stands open between changes.
 */
import type { Db } from '../db/client.ts';
import type { AmiOnDemand } from './ami-on-demand.ts';
import type { DialplanTenant } from './dialplan.ts';
import { removeTenantDialplan, writeAllDialplans, writeTenantDialplan } from './dialplan-files.ts';

type Log = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
const SELECT = { id: true, slug: true, name: true, context: true, defaultCountry: true, outboundTrunk: true, status: true, sipDomain: true, extensionLength: true } as const;

export class DialplanSync {
  private slugs = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();
  private reloadWanted = false;
  private reloadTimer: NodeJS.Timeout | null = null;
  private retryMs = 1_000;

  constructor(
    private readonly db: Db,
    private readonly configDir: string,
    private readonly ami: Pick<AmiOnDemand, 'use'> | null,
    private readonly log: Log,
  ) {}

  /** Schedules the files of some tenants (or of all) to be written, then a reload. */
  changed(ids: string[] | 'all'): Promise<void> {
    this.queue = this.queue.then(() => this.write(ids)).catch((err) => this.log('error', 'dialplan files not written', { err: (err as Error).message }));
    return this.queue;
  }

  private async write(ids: string[] | 'all') {
    if (ids === 'all') {
      const tenants = await this.db.tenant.findMany({ select: SELECT });
      this.slugs = new Map(tenants.map((t) => [t.id, t.slug]));
      const { written, removed } = await writeAllDialplans(this.configDir, tenants as (DialplanTenant & { id: string })[]);
      this.log('info', 'tenant dialplans written', { written, removed });
    } else {
      const tenants = await this.db.tenant.findMany({ where: { id: { in: ids } }, select: SELECT });
      for (const t of tenants) {
        await writeTenantDialplan(this.configDir, t as DialplanTenant);
        this.slugs.set(t.id, t.slug);
      }
      for (const id of ids)
        if (!tenants.some((t) => t.id === id) && this.slugs.has(id)) {
          await removeTenantDialplan(this.configDir, this.slugs.get(id)!);
          this.slugs.delete(id);
        }
      this.log('info', 'tenant dialplans written', { tenants: tenants.map((t) => t.slug) });
    }
    this.requestReload();
  }

  private requestReload() {
    this.reloadWanted = true;
    if (!this.reloadTimer) this.reloadTimer = setTimeout(() => void this.reload(), 200);
  }

  private async reload() {
    this.reloadTimer = null;
    if (!this.reloadWanted || !this.ami) return;
    this.reloadWanted = false;
    try {
      const out = await this.ami.use((ami) => ami.command('dialplan reload'));
      this.retryMs = 1_000;
      this.log('info', 'Asterisk dialplan reloaded', { output: out.join(' ') });
    } catch (err) {
      this.reloadWanted = true;
      this.log('warn', 'Asterisk dialplan reload failed; will retry', { err: (err as Error).message, inMs: this.retryMs });
      this.reloadTimer = setTimeout(() => void this.reload(), this.retryMs);
      this.reloadTimer.unref();
      this.retryMs = Math.min(this.retryMs * 2, 60_000);
    }
  }

  /** True while a reload is still owed to Asterisk. */
  get pending(): boolean {
    return this.reloadWanted;
  }

  stop() {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
  }
}
