/**
 * PostgreSQL LISTEN on a few channels, for process caches that must forget a row as soon as it
 * changes anywhere (another worker, another copy of the portal, the CLI). While the connection is
 * down `live` is false and callers must not trust what they cached: notifications sent meanwhile
 * are lost, so every reset handler runs on each (re)connect and on each loss.
 */
import pg from 'pg';
import { log } from '../log.ts';

type Handler = (payload: string) => void;

/** What process caches follow: LISTEN on PostgreSQL, the change table on MariaDB/MySQL (change-poller.ts). */
export type ChangeFeed = {
  /** True while changes are followed: a change made now will be delivered. */
  readonly live: boolean;
  on(channel: string, handler: Handler): void;
  /** Called whenever changes may have been missed: forget everything. */
  onReset(handler: () => void): void;
  start(): void;
  stop(): Promise<void>;
};

/**
 * A connection that dies without a word (a NAT or firewall forgetting it, a failover) would look
 * alive for ever while notifications stop: it is asked a question this often, and counted lost
 * when the answer is late.
 */
const HEARTBEAT_MS = 10_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;

export class ChangeListener implements ChangeFeed {
  private client: pg.Client | null = null;
  private handlers = new Map<string, Handler[]>();
  private resets: (() => void)[] = [];
  private stopped = false;
  private retryMs = 500;
  private connecting = false;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly channels: string[],
    private readonly applicationName = 'switchboard-cache-listen',
  ) {}

  /** True while LISTEN is in force: a change made now will be heard. */
  get live(): boolean {
    return this.client !== null;
  }

  on(channel: string, handler: Handler): void {
    if (!this.channels.includes(channel)) throw new Error(`not listening on ${channel}`);
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
  }

  /** Called whenever notifications may have been missed: forget everything. */
  onReset(handler: () => void): void {
    this.resets.push(handler);
  }

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    const c = this.client;
    this.client = null;
    this.reset();
    await c?.end().catch(() => {});
  }

  private reset() {
    for (const r of this.resets) r();
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.connecting) return;
    this.connecting = true;
    const client = new pg.Client({ connectionString: this.url, application_name: this.applicationName, keepAlive: true });
    let lost = false;
    const onLost = (err: Error) => {
      if (lost) return;
      lost = true;
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.heartbeat = null;
      if (this.client === client) {
        this.client = null;
        log.warn('change notifications lost; caches off until they are back', { err: err.message });
      }
      this.reset();
      client.end().catch(() => {});
      if (this.stopped) return;
      const wait = this.retryMs;
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
      setTimeout(() => void this.connect(), wait).unref();
    };
    try {
      client.on('error', onLost);
      client.on('end', () => onLost(new Error('connection ended')));
      client.on('notification', (n) => {
        for (const h of this.handlers.get(n.channel) ?? []) h(n.payload ?? '');
      });
      await client.connect();
      for (const ch of this.channels) await client.query(`LISTEN ${pg.escapeIdentifier(ch)}`);
      // Whatever was cached before this point may have changed unheard.
      this.reset();
      if (this.stopped) {
        await client.end().catch(() => {});
      } else if (!lost) {
        this.client = client;
        this.retryMs = 500;
        this.heartbeat = setInterval(() => {
          const late = setTimeout(() => onLost(new Error('no answer to the heartbeat')), HEARTBEAT_TIMEOUT_MS);
          client.query('SELECT 1').then(() => clearTimeout(late), (err: Error) => (clearTimeout(late), onLost(err)));
        }, HEARTBEAT_MS);
        this.heartbeat.unref();
      }
    } catch (err) {
      onLost(err as Error);
    } finally {
      this.connecting = false;
    }
  }
}
