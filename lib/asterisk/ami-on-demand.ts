/**
 * An AMI session that exists only while there is work for it. While any manager session is
 * connected, Asterisk builds manager events for every channel of every call, even for a session
 * that logged in with `Events: off` (measured on Asterisk 22: about 0.65 ms of Asterisk's CPU per
 * call for one idle session, 1.2 ms for the AGI server's old standing one). So the AGI server
 * logs in when it has something to ask (a dialplan reload, cache expiries), lets work that
 * arrives meanwhile share the session, and logs off once it has been idle for `idleMs`.
 * It never reconnects by itself: the next piece of work does, and whoever owns the work retries.
 */
import { AmiClient, type AmiOptions } from './ami.ts';

export class AmiOnDemand {
  private client: AmiClient | null = null;
  private busy = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private closing: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: AmiOptions,
    private readonly idleMs = 2_000,
  ) {}

  /** Runs `work` on a logged-in session, opening one if none is open. */
  async use<T>(work: (ami: AmiClient) => Promise<T>): Promise<T> {
    this.cancelIdle();
    this.busy++;
    try {
      await this.closing; // a logoff under way finishes before a new login
      this.client ??= this.newClient();
      const client = this.client;
      await client.connect().catch((err) => {
        if (this.client === client) this.client = null;
        throw err;
      });
      return await work(client);
    } finally {
      if (--this.busy === 0) this.scheduleIdle();
    }
  }

  /** True while a manager session is open (or opening). */
  get open(): boolean {
    return this.client !== null;
  }

  /** Logs off now (shutdown). */
  async close(): Promise<void> {
    this.cancelIdle();
    await this.logoff();
  }

  private newClient(): AmiClient {
    const client = new AmiClient({ ...this.options, reconnect: false });
    client.on('error', () => {});
    // Asterisk restarting or dropping us: forget the session; the next work opens a fresh one.
    client.on('disconnected', () => {
      if (this.client === client) this.client = null;
    });
    return client;
  }

  private scheduleIdle() {
    this.idleTimer = setTimeout(() => void this.logoff(), this.idleMs);
    this.idleTimer.unref();
  }

  private cancelIdle() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private logoff(): Promise<void> {
    this.idleTimer = null;
    const client = this.client;
    if (!client || this.busy > 0) return this.closing;
    this.client = null;
    this.closing = client.close().catch(() => {});
    return this.closing;
  }
}
