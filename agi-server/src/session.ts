import type { Socket } from 'node:net';
import { LineReader } from './line-reader.ts';
import { hasControlCharacter, parseEnvLine, parseReply, type AgiEnv, type Reply } from './protocol.ts';

export type Limits = {
  /** Asterisk's own buffer is 8192 bytes (AGI_BUF_LEN). */
  maxLineLength: number;
  maxHeaders: number;
  headerTimeoutMs: number;
  commandTimeoutMs: number;
  sessionTimeoutMs: number;
};

export const DEFAULT_LIMITS: Limits = {
  maxLineLength: 8192,
  maxHeaders: 256,
  // Asterisk writes the whole block (under 1 KiB) the moment it connects; a second still covers
  // a couple of TCP retransmissions, and a connection that sends nothing holds its slot no longer.
  headerTimeoutMs: 1_000,
  commandTimeoutMs: 2_000,
  sessionTimeoutMs: 10_000,
};

/** `kind` is a fixed code for logs (and for counting floods of the same failure). */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly kind: 'closed' | 'timeout' | 'malformed' | 'too_many_lines' | 'unsolicited' = 'malformed',
  ) {
    super(message);
  }
}

/**
 * One FastAGI connection, which is one call. The environment block is read up to its blank line,
 * then commands go out strictly one at a time, each waiting for its reply within a timeout. A bare
 * HANGUP line may arrive at any moment (before, instead of or after a reply): it is noted, never
 * mistaken for a reply.
 */
export class AgiSession {
  /** No prototype: a key such as `__proto__` or `constructor` is just a key. */
  readonly env: AgiEnv = Object.create(null);
  /** Why the environment block is not to be trusted (set by readEnv); such a session gets no decision. */
  refusal: string | null = null;
  /**
   * The AGI() arguments, agi_arg_1..N as Asterisk writes them: in order. Every agi_arg_* line
   * counts, so a forged `agi_arg_3` is a third argument, and one out of order is a refusal.
   */
  readonly args: string[] = [];
  hungUp = false;
  private readonly reader: LineReader;
  private readonly lines: string[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private inEnv = true;
  closed = false;

  constructor(
    readonly socket: Socket,
    private readonly limits: Limits,
  ) {
    this.reader = new LineReader(limits.maxLineLength);
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.on('data', (chunk: string) => {
      if (this.failure) return; // a failed session reads nothing more
      try {
        for (const line of this.reader.feed(chunk)) this.push(line);
      } catch (err) {
        this.fail(err as Error);
        socket.destroy(); // a peer that broke the protocol gets no orderly goodbye
      }
    });
    socket.on('end', () => this.fail(new ProtocolError('Asterisk closed the connection', 'closed')));
    socket.on('close', () => this.fail(new ProtocolError('connection closed', 'closed')));
    socket.on('error', (err) => this.fail(err));
  }

  private push(line: string) {
    if (!this.inEnv && line.trim() === 'HANGUP') {
      this.hungUp = true;
      return;
    }
    this.lines.push(line);
    if (this.lines.length > 64) return this.fail(new ProtocolError('too many unsolicited lines', 'too_many_lines'));
    this.wake?.();
  }

  private fail(err: Error) {
    this.failure ??= err;
    this.wake?.();
  }

  private async nextLine(timeoutMs: number, what: string): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.lines.length) {
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new ProtocolError(`timed out waiting for ${what}`, 'timeout');
      await new Promise<void>((resolve) => {
        // After a stalled event loop the timer runs before the socket is read: let pending input
        // in (setImmediate comes after the poll phase) before calling it a timeout.
        const timer = setTimeout(() => setImmediate(resolve), left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
    return this.lines.shift()!;
  }

  /**
   * Reads `agi_*: value` lines up to the blank line that ends them. A block that shows a forged
   * line (a key seen twice, a control character, lines after the blank one) is still read to its
   * end, so none of it is later taken for a command reply, and marked in `refusal`: the first
   * value of each key is kept only for the log.
   */
  async readEnv(): Promise<AgiEnv> {
    const deadline = Date.now() + this.limits.headerTimeoutMs;
    for (let count = 0; ; count++) {
      const line = await this.nextLine(deadline - Date.now(), 'the AGI environment');
      if (line === '') break;
      if (count >= this.limits.maxHeaders) throw new ProtocolError(`more than ${this.limits.maxHeaders} environment lines`, 'too_many_lines');
      if (line === 'HANGUP') {
        this.hungUp = true;
        continue;
      }
      const kv = parseEnvLine(line);
      if (!kv) throw new ProtocolError(`malformed environment line: ${JSON.stringify(line.slice(0, 80))}`);
      const [key, value] = kv;
      if (hasControlCharacter(line)) this.refusal ??= `control character in ${JSON.stringify(key.slice(0, 40))}`;
      else if (this.env[key] !== undefined) this.refusal ??= `${JSON.stringify(key.slice(0, 40))} appears twice`;
      else {
        this.env[key] = value;
        if (!key.startsWith('agi_arg_')) continue;
        if (key === `agi_arg_${this.args.length + 1}`) this.args.push(value);
        else this.refusal ??= `${JSON.stringify(key.slice(0, 40))} out of order`;
      }
    }
    this.inEnv = false;
    // Asterisk sends nothing after the blank line until it gets a command, HANGUP aside: other
    // lines here are the tail of a forged blank line.
    for (const line of this.lines)
      if (line === 'HANGUP') this.hungUp = true;
      else this.refusal ??= 'lines after the end of the environment';
    this.lines.length = 0;
    return this.env;
  }

  /** Sends one command and waits for its reply (several lines for a 520 usage reply). */
  async command(line: string): Promise<Reply> {
    if (this.closed || this.failure) throw this.failure ?? new ProtocolError('session closed', 'closed');
    if (/[\r\n]/.test(line)) throw new ProtocolError('a command is one line');
    // Asterisk speaks only when spoken to (HANGUP aside, which is not queued): a line waiting
    // here was not written by Asterisk as a reply, and must not be taken for one.
    if (this.lines.length) throw new ProtocolError('a line arrived before any command', 'unsolicited');
    this.socket.write(`${line}\n`);
    const first = await this.nextLine(this.limits.commandTimeoutMs, `the reply to ${line.split(' ').slice(0, 2).join(' ')}`);
    const lines = [first];
    if (first.startsWith('520-')) {
      while (!/^520 /.test(lines[lines.length - 1])) {
        if (lines.length > 100) throw new ProtocolError('520 reply without an end');
        lines.push(await this.nextLine(this.limits.commandTimeoutMs, 'the end of a 520 reply'));
      }
    } else if (!/^\d{3}[ -]/.test(first)) {
      throw new ProtocolError(`not an AGI reply: ${JSON.stringify(first.slice(0, 80))}`);
    }
    return parseReply(lines);
  }

  /**
   * Ends the session: a FIN now, and a hard close if the peer does not finish in a second. The
   * fallback timer is cleared as soon as the socket closes: left running, it would keep every
   * finished call reachable for a second, and at thousands of calls a second that fills the old
   * generation and brings long GC pauses.
   */
  close() {
    if (this.closed) return;
    this.closed = true;
    if (this.socket.destroyed) return;
    this.socket.end();
    const hard = setTimeout(() => this.socket.destroy(), 1_000);
    hard.unref();
    this.socket.once('close', () => clearTimeout(hard));
  }
}
