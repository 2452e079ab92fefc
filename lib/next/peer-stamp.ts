/**
 * The socket's peer address, carried to code that only sees headers.
 *
 * Under `next start` nothing below the HTTP server tells a route handler (or next-auth's
 * authorize(), which gets headers only) which address the connection came from. Next 16 does not
 * append it to X-Forwarded-For either: base-server.js only sets the header when the client sent
 * none (`req.headers['x-forwarded-for'] ??= socket.remoteAddress`), so any client can write the
 * whole list. So the server's 'request' event is wrapped once per process: before Next sees a
 * request, a header is set to the peer address with an HMAC under a per-process random key. A
 * client may send the header too; it is overwritten, and a value stamped before the wrapper was in
 * place (a request racing the server's start) fails the HMAC and reads as unknown.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';

export const PEER_HEADER = 'x-switchboard-peer';

// Kept on globalThis: Next bundles this module into several server chunks, and each copy must use
// the same key and wrap the server once.
const state = ((globalThis as Record<symbol, unknown>)[Symbol.for('switchboard.peerStamp')] ??= {
  key: randomBytes(32),
  installed: false,
}) as { key: Buffer; installed: boolean };

/** Clients are few and come back: each address is signed once, not on every request and check. */
const signatures = new Map<string, string>();
function sign(address: string): string {
  let mac = signatures.get(address);
  if (mac === undefined) {
    mac = createHmac('sha256', state.key).update(address).digest('base64url');
    if (signatures.size >= 10_000) signatures.clear();
    signatures.set(address, mac);
  }
  return mac;
}

export function stampPeer(req: IncomingMessage): void {
  const address = req.socket?.remoteAddress ?? '';
  req.headers[PEER_HEADER] = `${address} ${sign(address)}`;
}

/** Wraps http(s).Server's 'request' (and 'checkContinue') events in this process; idempotent. */
export function installPeerStamp(): void {
  if (state.installed) return;
  state.installed = true;
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (event: string | symbol, ...args: unknown[]) => boolean }[]) {
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === 'request' || event === 'checkContinue') stampPeer(args[0] as IncomingMessage);
      return emit.call(this, event, ...args);
    };
  }
}

/** The peer address from a stamped request's headers; null when absent or not ours. */
export function peerFromHeaders(headers: IncomingHttpHeaders | Record<string, unknown> | undefined): string | null {
  const raw = headers?.[PEER_HEADER];
  if (typeof raw !== 'string' || raw.length > 200) return null;
  const [address, mac, extra] = raw.split(' ');
  if (!address || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(address));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? address : null;
}
