/**
 * Which address a request came from, for counting sign-in failures. Pure: no Next, no sockets.
 *
 * X-Forwarded-For is written by whoever sends the request; each proxy appends the address that
 * connected to it. So the list is read from the right, starting at the socket's peer, and only as
 * far as the hops are proxies we trust (TRUSTED_PROXIES): the first address that is not one is the
 * client. With no trusted proxy the client is the socket's peer and the header is never read.
 */
import { BlockList, isIP } from 'node:net';

export type TrustedProxies = { list: BlockList; empty: boolean; invalid: string[] };

const MAX_HOPS = 32;
const MAX_HEADER = 4096;

/** `TRUSTED_PROXIES`: IPs and CIDRs, comma separated. Entries that are neither are reported back. */
export function parseTrustedProxies(raw: string | undefined): TrustedProxies {
  const list = new BlockList();
  const invalid: string[] = [];
  let count = 0;
  for (const entry of (raw ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const [ip, bits, extra] = entry.split('/');
    const address = normalizeAddress(ip);
    const family = address ? (isIP(address) === 4 ? 'ipv4' : 'ipv6') : null;
    const prefix = bits === undefined ? null : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!address || !family || extra !== undefined || Number.isNaN(prefix) || (prefix !== null && prefix > (family === 'ipv4' ? 32 : 128))) {
      invalid.push(entry);
      continue;
    }
    if (prefix === null) list.addAddress(address, family);
    else list.addSubnet(address, prefix, family);
    count++;
  }
  return { list, empty: count === 0, invalid };
}

/**
 * A plain IP address, or null. Accepts what proxies and Node write (`::ffff:` IPv4-mapped, a zone
 * id, `[v6]:port`, `v4:port`) and nothing else; never longer than an address can be.
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim();
  if (s.length === 0 || s.length > 64) return null;
  const bracketed = s.match(/^\[([^\]]+)\](?::\d{1,5})?$/);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  s = s.replace(/%[0-9a-z._~-]+$/i, '').toLowerCase();
  const mapped = s.match(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/);
  if (mapped) s = mapped[1];
  return isIP(s) ? s : null;
}

const isTrusted = (address: string, trusted: TrustedProxies) =>
  !trusted.empty && trusted.list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');

/**
 * The right-most address that is not a trusted proxy, walking from the socket's peer leftwards
 * through X-Forwarded-For. Null when the peer is unknown, or when a hop a trusted proxy wrote is
 * not an address (a proxy misconfigured: better one shared "unknown" counter than a client-chosen one).
 */
export function chooseClientAddress(
  peer: string | null | undefined,
  forwardedFor: string | string[] | null | undefined,
  trusted: TrustedProxies,
): string | null {
  let current = normalizeAddress(peer);
  if (!current || !isTrusted(current, trusted)) return current;
  const header = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).slice(-MAX_HEADER);
  const hops = header.split(',').map((h) => h.trim()).filter(Boolean).slice(-MAX_HOPS);
  while (hops.length) {
    const hop = normalizeAddress(hops.pop());
    if (!hop) return null;
    current = hop;
    if (!isTrusted(current, trusted)) return current;
  }
  // Every hop is a trusted proxy: the request started inside, at the left-most of them.
  return current;
}
