import net, { type AddressInfo } from 'node:net';
import { AgiSession, DEFAULT_LIMITS, type Limits } from './session.ts';

export type Handler = (session: AgiSession) => Promise<void>;
export type Log = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
export type ServerOptions = { handler: Handler; limits?: Partial<Limits>; maxSessions?: number; log?: Log };

/**
 * The FastAGI listener. Every connection becomes one session that always ends with its socket
 * closed; a malformed or hostile peer ends only its own session, with one log line. close()
 * stops accepting, lets live sessions finish within a grace period, then cuts the rest.
 */
export class AgiServer {
  readonly sessions = new Set<AgiSession>();
  private readonly server: net.Server;
  private readonly limits: Limits;
  private readonly maxSessions: number;
  private readonly log: Log;
  private closing = false;
  private idle: (() => void) | null = null;

  constructor(private readonly options: ServerOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.maxSessions = options.maxSessions ?? 2_000;
    this.log = options.log ?? (() => {});
    this.server = net.createServer((socket) => this.accept(socket));
    this.server.on('error', (err) => this.log('error', 'listener error', { err: err.message }));
  }

  listen(port: number, host = '127.0.0.1'): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  private accept(socket: net.Socket) {
    if (this.closing || this.sessions.size >= this.maxSessions) {
      // Closing without answering leaves the dialplan's preset IS_ALLOWED=0: the call fails closed.
      this.log('warn', this.closing ? 'refused a session while shutting down' : 'refused a session: too many at once', { max: this.maxSessions });
      socket.on('error', () => {});
      socket.destroy();
      return;
    }
    const session = new AgiSession(socket, this.limits);
    this.sessions.add(session);
    const overall = setTimeout(() => {
      this.log('warn', 'session took too long; closed', { ms: this.limits.sessionTimeoutMs, request: session.env.agi_network_script });
      socket.destroy();
    }, this.limits.sessionTimeoutMs);
    overall.unref();
    void (async () => {
      try {
        await session.readEnv();
        await this.options.handler(session);
      } catch (err) {
        this.log('warn', 'session ended early', { err: (err as Error).message, remote: socket.remoteAddress, uniqueid: session.env.agi_uniqueid });
      } finally {
        clearTimeout(overall);
        session.close();
        socket.once('close', () => {
          this.sessions.delete(session);
          if (!this.sessions.size) this.idle?.();
        });
        if (socket.destroyed) {
          this.sessions.delete(session);
          if (!this.sessions.size) this.idle?.();
        }
      }
    })();
  }

  /** Stops accepting, waits up to `graceMs` for live sessions, then closes what is left. */
  async close(graceMs = 5_000): Promise<void> {
    this.closing = true;
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.sessions.size) {
      await Promise.race([new Promise<void>((resolve) => (this.idle = resolve)), new Promise((r) => setTimeout(r, graceMs).unref())]);
      for (const s of this.sessions) s.socket.destroy();
    }
    await stopped;
  }
}
