import { lookup } from 'node:dns/promises';
import net from 'node:net';

/** Who may speak FastAGI when AGI_ALLOWED_HOSTS is unset: an Asterisk on the same machine. */
export const LOOPBACK = '127.0.0.0/8,::1';

type Family = 'ipv4' | 'ipv6';
export type AllowEntry = { kind: 'subnet'; address: string; prefix: number; family: Family } | { kind: 'host'; name: string };
export type Resolve = (name: string) => Promise<string[]>;

const resolveAll: Resolve = async (name) => (await lookup(name, { all: true })).map((a) => a.address);
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,62})(\.[a-z0-9]([a-z0-9-]{0,62}))*\.?$/i;

/** `::ffff:10.0.0.1` (an IPv4 peer of a dual-stack listener) is 10.0.0.1 for every rule here. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

const familyOf = (address: string): Family => (address.includes(':') ? 'ipv6' : 'ipv4');

/** `10.0.0.0/8`, `192.0.2.7`, `fd00::/8`, `::1`, `[::1]`, `::ffff:10.1.2.3`, or a host name. */
export function parseAllowedHosts(spec: string): AllowEntry[] {
  const entries: AllowEntry[] = [];
  for (const raw of spec.split(',')) {
    const item = raw.trim().replace(/^\[(.*)\]$/, '$1');
    if (!item) continue;
    const [head, bits, extra] = item.split('/');
    const address = plainAddress(head.replace(/^\[(.*)\]$/, '$1'));
    const version = net.isIP(address);
    if (version) {
      const family: Family = version === 4 ? 'ipv4' : 'ipv6';
      const max = version === 4 ? 32 : 128;
      // A mapped IPv6 prefix counts the 96 bits of ::ffff: in front of the IPv4 ones.
      const shift = version === 4 && head !== address ? 96 : 0;
      const prefix = bits === undefined ? max : Number(bits) - shift;
      if (extra !== undefined || !/^\d{1,3}$/.test(bits ?? '0') || prefix < 0 || prefix > max)
        throw new Error(`AGI_ALLOWED_HOSTS: bad prefix length in ${JSON.stringify(item)}`);
      entries.push({ kind: 'subnet', address, prefix, family });
    } else if (bits === undefined && HOSTNAME.test(item) && !/^[\d.]+$/.test(item)) entries.push({ kind: 'host', name: item });
    else throw new Error(`AGI_ALLOWED_HOSTS: ${JSON.stringify(item)} is neither an address, a CIDR range nor a host name`);
  }
  if (!entries.length) throw new Error('AGI_ALLOWED_HOSTS is empty: no Asterisk could connect');
  return entries;
}

/**
 * The addresses Asterisk connects from (AGI_ALLOWED_HOSTS). Host names are resolved here, never
 * per call: `resolve()` at start and `keepResolved()` after (an Asterisk container that starts
 * later or comes back with a new address). A call costs one Map lookup: the answer per peer
 * address is cached, as Asterisk connects from the same few addresses all day.
 */
export class AllowList {
  private blocks = new net.BlockList();
  private readonly known = new Map<string, string[]>();
  private readonly cache = new Map<string, boolean>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly entries: AllowEntry[],
    private readonly resolveName: Resolve = resolveAll,
  ) {
    this.rebuild();
  }

  static fromSpec(spec: string | undefined, resolveName?: Resolve): AllowList {
    return new AllowList(parseAllowedHosts(spec?.trim() ? spec : LOOPBACK), resolveName);
  }

  get hostnames(): string[] {
    return this.entries.flatMap((e) => (e.kind === 'host' ? [e.name] : []));
  }

  allows(peer: string | undefined): boolean {
    if (!peer) return false;
    let ok = this.cache.get(peer);
    if (ok === undefined) {
      ok = this.blocks.check(peer, familyOf(peer));
      if (this.cache.size >= 1_024) this.cache.clear(); // a scan from many addresses cannot grow it
      this.cache.set(peer, ok);
    }
    return ok;
  }

  /** Looks every host name up again; a name that fails keeps its last addresses. Returns the failures. */
  async resolve(): Promise<string[]> {
    const failed: string[] = [];
    await Promise.all(
      this.hostnames.map(async (name) => {
        try {
          this.known.set(name, (await this.resolveName(name)).map(plainAddress));
        } catch {
          failed.push(name);
        }
      }),
    );
    this.rebuild();
    return failed;
  }

  /** Re-resolves host names in the background: every `retryMs` while one fails, else every `refreshMs`. */
  keepResolved(onFailure: (names: string[]) => void, refreshMs = 30_000, retryMs = 2_000): void {
    if (!this.hostnames.length || this.timer) return;
    const again = (ms: number) => {
      this.timer = setTimeout(async () => {
        const failed = await this.resolve();
        if (failed.length) onFailure(failed);
        if (this.timer) again(failed.length ? retryMs : refreshMs);
      }, ms);
      this.timer.unref();
    };
    again(this.hostnames.some((n) => !this.known.has(n)) ? retryMs : refreshMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** What is allowed right now, for the start-up log line. */
  describe(): string[] {
    return this.entries.map((e) =>
      e.kind === 'subnet' ? `${e.address}/${e.prefix}` : `${e.name} (${this.known.get(e.name)?.join(' ') || 'unresolved'})`,
    );
  }

  private rebuild() {
    const blocks = new net.BlockList();
    for (const e of this.entries) {
      if (e.kind === 'subnet') blocks.addSubnet(e.address, e.prefix, e.family);
      else for (const a of this.known.get(e.name) ?? []) blocks.addAddress(a, familyOf(a));
    }
    this.blocks = blocks;
    this.cache.clear();
  }
}
