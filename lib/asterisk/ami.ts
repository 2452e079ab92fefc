/**
 * A small Asterisk Manager Interface client (REFERENCE.md section 5): login, actions matched to
 * their responses by ActionID, list actions collected up to their `EventList: Complete`, events
 * for whoever listens, and reconnection with backoff. Lines may end in \r\n or a bare \n.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';

export type AmiMessage = Record<string, string> & { __lines?: string[] };
export type AmiOptions = {
  host: string;
  port: number;
  username: string;
  secret: string;
  events?: string;
  timeoutMs?: number;
  /** Reconnect by itself after a drop (default). Off for sessions opened only while there is work. */
  reconnect?: boolean;
};

type Pending = { resolve: (m: AmiMessage[]) => void; reject: (e: Error) => void; list: AmiMessage[]; isList: boolean; timer: NodeJS.Timeout };

export class AmiError extends Error {
  constructor(message: string, readonly response?: AmiMessage) {
    super(message);
  }
}

/** Parses one message block; keys are matched case-insensitively, so they are kept lower-cased. */
export function parseMessage(block: string): AmiMessage {
  const msg: AmiMessage = {};
  const output: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at <= 0) continue;
    const key = line.slice(0, at).trim().toLowerCase();
    const value = line.slice(at + 1).replace(/^ /, '').replace(/\r$/, '');
    if (key === 'output') output.push(value);
    else msg[key] = value;
  }
  if (output.length) msg.__lines = output;
  return msg;
}

export class AmiClient extends EventEmitter {
  private socket: net.Socket | null = null;
  private buffer = '';
  private bannerSeen = false;
  private nextId = 1;
  private pending = new Map<string, Pending>();
  private stopped = false;
  private retryMs = 500;
  private ready: Promise<void> | null = null;
  connected = false;

  constructor(private readonly options: AmiOptions) {
    super();
  }

  /** Connects and logs in; later drops reconnect by themselves until close(). */
  connect(): Promise<void> {
    this.stopped = false;
    this.ready ??= this.open();
    return this.ready;
  }

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(this.options.port, this.options.host);
      this.socket = socket;
      this.buffer = '';
      this.bannerSeen = false;
      socket.setEncoding('utf8');
      let settled = false;
      const fail = (err: Error) => {
        if (!settled) {
          settled = true;
          reject(err);
        }
      };
      socket.setTimeout(this.options.timeoutMs ?? 5_000, () => socket.destroy(new Error('AMI connection timed out')));
      socket.on('data', (chunk: string) => this.onData(chunk));
      socket.on('error', (err) => fail(err));
      socket.on('close', () => {
        this.connected = false;
        this.ready = null;
        for (const [, p] of this.pending) {
          clearTimeout(p.timer);
          p.reject(new AmiError('AMI connection closed'));
        }
        this.pending.clear();
        fail(new AmiError('AMI connection closed before login'));
        this.emit('disconnected');
        if (!this.stopped && this.options.reconnect !== false) this.scheduleReconnect();
      });
      socket.once('connect', () => {
        socket.setTimeout(0);
        this.action({ Action: 'Login', Username: this.options.username, Secret: this.options.secret, Events: this.options.events ?? 'off' })
          .then(() => {
            this.connected = true;
            this.retryMs = 500;
            settled = true;
            this.emit('connected');
            resolve();
          })
          .catch((err) => {
            fail(err);
            socket.destroy();
          });
      });
    });
  }

  private scheduleReconnect() {
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
    setTimeout(() => {
      if (this.stopped || this.ready) return;
      this.connect().catch(() => {});
    }, wait).unref();
  }

  private onData(chunk: string) {
    this.buffer += chunk;
    if (!this.bannerSeen) {
      const nl = this.buffer.indexOf('\n');
      if (nl < 0) return;
      this.emit('banner', this.buffer.slice(0, nl).trim());
      this.buffer = this.buffer.slice(nl + 1);
      this.bannerSeen = true;
    }
    for (;;) {
      const m = /\r?\n\r?\n/.exec(this.buffer);
      if (!m) break;
      const block = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      if (block.trim()) this.dispatch(parseMessage(block));
    }
  }

  private dispatch(msg: AmiMessage) {
    const p = msg.actionid ? this.pending.get(msg.actionid) : undefined;
    if (msg.event) {
      if (p?.isList) {
        if ((msg.eventlist ?? '').toLowerCase() === 'complete') this.finish(msg.actionid, p);
        else p.list.push(msg);
        return;
      }
      this.emit('event', msg);
      this.emit(msg.event, msg);
      return;
    }
    if (!p) return;
    if ((msg.response ?? '').toLowerCase() === 'error') {
      clearTimeout(p.timer);
      this.pending.delete(msg.actionid);
      p.reject(new AmiError(msg.message ?? 'AMI error', msg));
      return;
    }
    if ((msg.eventlist ?? '').toLowerCase() === 'start') {
      p.isList = true;
      p.list.push(msg);
      return;
    }
    p.list.push(msg);
    this.finish(msg.actionid, p);
  }

  private finish(id: string, p: Pending) {
    clearTimeout(p.timer);
    this.pending.delete(id);
    p.resolve(p.list);
  }

  /** Sends an action; resolves with its response (and, for list actions, the events that follow). */
  action(fields: Record<string, string>): Promise<AmiMessage[]> {
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.reject(new AmiError('AMI is not connected'));
    const id = `sb-${process.pid}-${this.nextId++}`;
    const lines = Object.entries({ ...fields, ActionID: id }).map(([k, v]) => `${k}: ${String(v).replace(/[\r\n]+/g, ' ')}`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AmiError(`AMI ${fields.Action} timed out`));
      }, this.options.timeoutMs ?? 5_000);
      this.pending.set(id, { resolve, reject, list: [], isList: false, timer });
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  }

  /** A CLI command; resolves with its output lines. */
  async command(cli: string): Promise<string[]> {
    const [res] = await this.action({ Action: 'Command', Command: cli });
    return res.__lines ?? [];
  }

  async reload(module?: string): Promise<string> {
    const [res] = await this.action({ Action: 'Reload', ...(module ? { Module: module } : {}) });
    return res.message ?? '';
  }

  async pjsipShowContacts(): Promise<AmiMessage[]> {
    const list = await this.action({ Action: 'PJSIPShowContacts' });
    return list.filter((m) => m.event === 'ContactList');
  }

  /**
   * New and old messages of one mailbox (`1001@tenant-acme`). Asterisk answers 0/0 for a box it
   * does not know. Needs the `reporting` (or `call`) write class.
   */
  async mailboxCount(mailbox: string): Promise<{ urgent: number; new: number; old: number }> {
    const [res] = await this.action({ Action: 'MailboxCount', Mailbox: mailbox });
    const n = (v: string | undefined) => {
      const x = Number(v);
      if (!Number.isInteger(x) || x < 0) throw new AmiError(`MailboxCount answered without counts for ${mailbox}`, res);
      return x;
    };
    return { urgent: n(res.urgmessages ?? '0'), new: n(res.newmessages), old: n(res.oldmessages) };
  }

  /** Drops one cached object when sorcery memory_cache fronts realtime (e.g. res_pjsip/auth). */
  async expireCachedObject(cache: string, object: string): Promise<void> {
    await this.action({ Action: 'SorceryMemoryCacheExpireObject', Cache: cache, Object: object });
  }

  async close(): Promise<void> {
    this.stopped = true;
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    await this.action({ Action: 'Logoff' }).catch(() => {});
    socket.destroy();
  }
}
