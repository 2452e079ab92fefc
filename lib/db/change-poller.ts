/**
 * MariaDB/MySQL's stand-in for LISTEN: the change table (sb_changes, migration 0012 for MySQL),
 * written by triggers in each changing transaction and read here every POLL_MS. Same contract as
 * ChangeListener (lib/db/change-listener.ts), with one thing better: the rows stay, so a lost
 * connection or a restarted server costs no reset; reading goes on from the last row seen.
 *
 * Ids are taken when a row is inserted but become visible when its transaction commits, so a
 * later id can be seen before an earlier one. The ids skipped over are kept as holes and read
 * again until they appear, or until no transaction can still be open that took them (a rolled
 * back transaction leaves its ids unused for ever).
 */
import mariadb, { type Connection } from 'mariadb';
import { log } from '../log.ts';
import type { ChangeFeed } from './change-listener.ts';
import { LONG_TRANSACTION } from './client.ts';
import { mariadbOptions } from './mariadb-url.ts';

type Handler = (payload: string) => void;
type Hole = { from: number; to: number; since: number };

const POLL_MS = 200;
const BATCH = 5_000;
/** Longer than the longest transaction Switchboard runs: a hole older than this stays empty. */
const HOLE_WAIT_MS = LONG_TRANSACTION.timeout + 30_000;
/** How far back, at start, ids missing below the newest may belong to transactions still open. */
const START_WINDOW = 10_000;
/** Announcements are for live readers; a day's worth is kept. */
const PRUNE_EVERY_MS = 3_600_000;

export class ChangePoller implements ChangeFeed {
  private conn: Connection | null = null;
  private handlers = new Map<string, Handler[]>();
  private resets: (() => void)[] = [];
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private maxSeen: number | null = null;
  private holes: Hole[] = [];
  private lastPrune = 0;
  private polling: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly channels: string[],
    private readonly now: () => number = Date.now,
  ) {}

  /** True while the table is being read: a change committed now will be delivered. */
  get live(): boolean {
    return this.conn !== null && this.maxSeen !== null;
  }

  on(channel: string, handler: Handler): void {
    if (!this.channels.includes(channel)) throw new Error(`not following ${channel}`);
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
  }

  onReset(handler: () => void): void {
    this.resets.push(handler);
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling?.catch(() => {});
    const c = this.conn;
    this.conn = null;
    for (const r of this.resets) r();
    await c?.end().catch(() => {});
  }

  /** One read now (tests, and callers that must see a change they just made). */
  async poll(): Promise<void> {
    this.polling ??= this.read().finally(() => (this.polling = null));
    return this.polling;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.poll().then(
        () => this.schedule(POLL_MS),
        (err: Error) => {
          this.drop(err);
          this.schedule(Math.max(POLL_MS, 1_000));
        },
      );
    }, ms);
    this.timer.unref();
  }

  private drop(err: Error) {
    const c = this.conn;
    if (!c) return;
    this.conn = null;
    c.destroy();
    log.warn('change table unreadable; caches off until it is back', { err: err.message });
    // Reading resumes where it stopped, but what was cached meanwhile went unchecked.
    for (const r of this.resets) r();
  }

  private async read(): Promise<void> {
    if (this.stopped) return;
    if (!this.conn) {
      const fresh = await mariadb.createConnection({ ...mariadbOptions(this.url), bigIntAsNumber: true });
      // A connection closed while idle (the server restarting, a KILL) reports it as an event.
      fresh.on('error', (err: Error) => {
        if (this.conn === fresh) this.drop(err);
      });
      this.conn = fresh;
    }
    const conn = this.conn;
    if (this.maxSeen === null) {
      await this.begin(conn);
      for (const r of this.resets) r();
      return;
    }
    const ranges = this.holes.map((h) => `id BETWEEN ${h.from} AND ${h.to}`);
    const rows: { id: number; channel: string; payload: string }[] = await conn.query(
      // Every channel's rows, even those nobody here follows: an id not read would look like a hole.
      `SELECT id, channel, payload FROM sb_changes WHERE id > ?${ranges.length ? ` OR ${ranges.join(' OR ')}` : ''} ORDER BY id LIMIT ${BATCH}`,
      [this.maxSeen],
    );
    for (const row of rows) {
      this.fill(row.id);
      for (const h of this.handlers.get(row.channel) ?? []) h(row.payload);
    }
    const now = this.now();
    this.holes = this.holes.filter((h) => now - h.since < HOLE_WAIT_MS);
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now;
      await conn.query('DELETE FROM sb_changes WHERE at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY LIMIT 100000');
    }
  }

  /** The newest id, and the ids below it that open transactions may still fill. */
  private async begin(conn: Connection) {
    const [{ top }] = await conn.query('SELECT COALESCE(MAX(id), 0) AS top FROM sb_changes');
    const present: { id: number }[] = await conn.query('SELECT id FROM sb_changes WHERE id > ? ORDER BY id', [top - START_WINDOW]);
    this.maxSeen = Math.max(0, top - START_WINDOW);
    for (const { id } of present) this.fill(id);
    this.maxSeen = top;
  }

  /** Records id as seen: past the newest, the ids in between become holes; inside a hole, it splits. */
  private fill(id: number) {
    const max = this.maxSeen!;
    if (id > max) {
      if (id > max + 1) this.holes.push({ from: max + 1, to: id - 1, since: this.now() });
      this.maxSeen = id;
      return;
    }
    const i = this.holes.findIndex((h) => h.from <= id && id <= h.to);
    if (i < 0) return;
    const h = this.holes[i];
    const parts = [
      ...(h.from < id ? [{ from: h.from, to: id - 1, since: h.since }] : []),
      ...(id < h.to ? [{ from: id + 1, to: h.to, since: h.since }] : []),
    ];
    this.holes.splice(i, 1, ...parts);
  }
}
