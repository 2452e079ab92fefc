import type { Socket } from 'node:net';
import { LineReader } from './line-reader.ts';
import { parseEnvLine, parseReply, type AgiEnv, type Reply } from './protocol.ts';

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
  headerTimeoutMs: 2_000,
  commandTimeoutMs: 2_000,
  sessionTimeoutMs: 10_000,
};

export class ProtocolError extends Error {}

/**
 * One FastAGI connection, which is one call. The environment block is read up to its blank line,
 * then commands go out strictly one at a time, each waiting for its reply within a timeout. A bare
 * HANGUP line may arrive at any moment (before, instead of or after a reply): it is noted, never
 * mistaken for a reply.
 */
export class AgiSession {
  readonly env: AgiEnv = {};
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
    socket.on('end', () => this.fail(new ProtocolError('Asterisk closed the connection')));
    socket.on('close', () => this.fail(new ProtocolError('connection closed')));
    socket.on('error', (err) => this.fail(err));
  }

  private push(line: string) {
    if (!this.inEnv && line.trim() === 'HANGUP') {
      this.hungUp = true;
      return;
    }
    this.lines.push(line);
    if (this.lines.length > 64) return this.fail(new ProtocolError('too many unsolicited lines'));
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
      if (left <= 0) throw new ProtocolError(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
    return this.lines.shift()!;
  }

  /** Reads `agi_*: value` lines up to the blank line that ends them. */
  async readEnv(): Promise<AgiEnv> {
    const deadline = Date.now() + this.limits.headerTimeoutMs;
    for (let count = 0; ; count++) {
      const line = await this.nextLine(deadline - Date.now(), 'the AGI environment');
      if (line === '') break;
      if (count >= this.limits.maxHeaders) throw new ProtocolError(`more than ${this.limits.maxHeaders} environment lines`);
      const kv = parseEnvLine(line);
      if (!kv) {
        if (line.trim() === 'HANGUP') {
          this.hungUp = true;
          continue;
        }
        throw new ProtocolError(`malformed environment line: ${JSON.stringify(line.slice(0, 80))}`);
      }
      this.env[kv[0]] = kv[1];
    }
    this.inEnv = false;
    return this.env;
  }

  /** Sends one command and waits for its reply (several lines for a 520 usage reply). */
  async command(line: string): Promise<Reply> {
    if (this.closed || this.failure) throw this.failure ?? new ProtocolError('session closed');
    if (/[\r\n]/.test(line)) throw new ProtocolError('a command is one line');
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
