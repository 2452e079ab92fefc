import net, { type AddressInfo } from 'node:net';
import { AllowList, plainAddress } from './access.ts';
import { LineTooLongError } from './line-reader.ts';
import { AgiSession, DEFAULT_LIMITS, ProtocolError, type Limits } from './session.ts';
import { WarningLimiter } from './warning-limiter.ts';

export type Handler = (session: AgiSession) => Promise<void>;
export type Log = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
export type ServerOptions = {
  handler: Handler;
  /** Answers a session whose environment was refused (`session.refusal`); without it, it just closes. */
  refuse?: Handler;
  limits?: Partial<Limits>;
  maxSessions?: number;
  /** Sessions at once from one address; default half of maxSessions. */
  maxSessionsPerHost?: number;
  /** Who may connect; default loopback only. */
  allowList?: AllowList;
  log?: Log;
  /** Repeated warnings of one kind are summed up once per this interval. */
  warningIntervalMs?: number;
};

/**
 * The FastAGI listener. Every connection becomes one session that always ends with its socket
 * closed; a malformed or hostile peer ends only its own session. Only allowed addresses get a
 * session slot, each address at most its share of them, and the warnings peers can cause are
 * rate-limited. close() stops accepting, lets live sessions finish within a grace period, then
 * cuts the rest.
 */
export class AgiServer {
  readonly sessions = new Set<AgiSession>();
  private readonly perHost = new Map<string, number>();
  private readonly server: net.Server;
  private readonly limits: Limits;
  private readonly maxSessions: number;
  private readonly maxPerHost: number;
  private readonly allowList: AllowList;
  private readonly warnings: WarningLimiter;
  private closing = false;
  private idle: (() => void) | null = null;

  constructor(private readonly options: ServerOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.maxSessions = options.maxSessions ?? 2_000;
    this.maxPerHost = options.maxSessionsPerHost ?? Math.ceil(this.maxSessions / 2);
    this.allowList = options.allowList ?? AllowList.fromSpec(undefined);
    const log = options.log ?? (() => {});
    this.warnings = new WarningLimiter(log, options.warningIntervalMs);
    this.server = net.createServer((socket) => this.accept(socket));
    this.server.on('error', (err) => log('error', 'listener error', { err: err.message }));
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

  /** Why a new connection from `peer` gets no session, if it does not. */
  private refusal(peer: string): [kind: string, msg: string, fields: Record<string, unknown>] | null {
    if (!this.allowList.allows(peer)) return ['not_allowed', 'refused a connection from an address not in AGI_ALLOWED_HOSTS', {}];
    if (this.closing) return ['shutting_down', 'refused a session while shutting down', {}];
    if (this.sessions.size >= this.maxSessions) return ['too_many', 'refused a session: too many at once', { max: this.maxSessions }];
    if ((this.perHost.get(peer) ?? 0) >= this.maxPerHost)
      return ['too_many_from_host', 'refused a session: too many at once from one address', { max: this.maxPerHost }];
    return null;
  }

  private accept(socket: net.Socket) {
    socket.on('error', () => {});
    const peer = socket.remoteAddress === undefined ? undefined : plainAddress(socket.remoteAddress);
    if (peer === undefined) return void socket.destroy(); // already gone
    const refused = this.refusal(peer);
    if (refused) {
      // Closing without answering leaves the dialplan's preset IS_ALLOWED=0: the call fails closed.
      // A reset, not a FIN: nothing waits on a peer that may never answer.
      this.warnings.warn(refused[0], refused[1], { ...refused[2], remote: peer });
      socket.resetAndDestroy();
      return;
    }
    const session = new AgiSession(socket, this.limits);
    this.sessions.add(session);
    this.perHost.set(peer, (this.perHost.get(peer) ?? 0) + 1);
    socket.once('close', () => {
      this.sessions.delete(session);
      const left = (this.perHost.get(peer) ?? 1) - 1;
      if (left) this.perHost.set(peer, left);
      else this.perHost.delete(peer);
      if (!this.sessions.size) this.idle?.();
    });
    const overall = setTimeout(() => {
      this.warnings.warn('session_timeout', 'session took too long; closed', { ms: this.limits.sessionTimeoutMs, request: session.env.agi_network_script, remote: peer });
      socket.destroy();
    }, this.limits.sessionTimeoutMs);
    overall.unref();
    void (async () => {
      try {
        await session.readEnv();
        if (session.refusal) {
          const env = session.env;
          this.warnings.warn('invalid_environment', 'refused an AGI request with a forged or damaged environment', {
            why: session.refusal,
            request: env.agi_network_script,
            channel: env.agi_channel,
            uniqueid: env.agi_uniqueid,
            remote: peer,
          });
          await this.options.refuse?.(session);
        } else await this.options.handler(session);
      } catch (err) {
        this.warnings.warn(`ended_early:${failureKind(err)}`, 'session ended early', { err: (err as Error).message, remote: peer, uniqueid: session.env.agi_uniqueid });
        socket.destroy(); // a broken session gets no orderly goodbye: its slot is free at once
      } finally {
        clearTimeout(overall);
        session.close();
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
    this.warnings.flush();
  }
}

function failureKind(err: unknown): string {
  if (err instanceof ProtocolError) return err.kind;
  if (err instanceof LineTooLongError) return 'line_too_long';
  return (err as NodeJS.ErrnoException)?.code ? 'socket' : 'error';
}
