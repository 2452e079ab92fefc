/**
 * Sign-in throttling rules. Taking an attempt's slot is one SQL statement (sb_sign_in_take_slots,
 * migration 0004), called from authenticate.ts; what is counted, and how much, is decided here.
 *
 * Three counters per attempt:
 * - the account and address pair (`pair:`): after SIGNIN_MAX_FAILURES failures that address is
 *   refused for that account, even with the right password. This is "the account lock" as a
 *   guesser sees it; it does not reach the owner, who signs in from an address that has not been
 *   failing for this account.
 * - the address (`ip:`), across accounts: one address cannot spray many accounts.
 * - the account as a whole (`account:`), a hard cap well above the pair limit: many addresses (a
 *   botnet) together get at most this many guesses per window, at the price that such a botnet can
 *   lock the owner out too, for the lock time. A pair lock alone would let N addresses make 5·N
 *   guesses; the cap bounds that whatever N is.
 * IPv6 addresses count per /48, the most one site is usually given: a host holds a /64 and
 * often a /56 or /48 besides, and counting per /64 would give it thousands of fresh counters (and
 * the account-wide cap within reach of one machine). A /48 is to IPv6 what one NAT address is to
 * an office on IPv4.
 */
import { isIP } from 'node:net';

export type Limits = { slowAfter: number; lockAfter: number };
export type Scope = 'pair' | 'address' | 'account';

const positive = (raw: string | undefined, fallback: number) => {
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
const minutes = (n: number) => n * 60_000;

export const THROTTLE = {
  windowMs: minutes(positive(process.env.SIGNIN_WINDOW_MINUTES, 15)),
  lockMs: minutes(positive(process.env.SIGNIN_LOCK_MINUTES, 15)),
  maxDelayMs: 5_000,
  pair: { slowAfter: 3, lockAfter: Math.floor(positive(process.env.SIGNIN_MAX_FAILURES, 5)) } as Limits,
  address: { slowAfter: 10, lockAfter: 30 } as Limits,
  account: { slowAfter: 10, lockAfter: Math.floor(positive(process.env.SIGNIN_ACCOUNT_MAX_FAILURES, 100)) } as Limits,
};

/** Where an attempt came from, for counting: an IPv4 address, an IPv6 /48, or `unknown`. */
export function addressIdentity(address: string | null): string {
  if (!address || address.length > 45) return 'unknown';
  const kind = isIP(address);
  if (kind === 4) return address;
  if (kind !== 6) return 'unknown';
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 3).join(':')}::/48` : 'unknown';
}

/** The eight 16-bit groups of a valid IPv6 address, without leading zeros. */
function expandIpv6(address: string): string[] | null {
  let text = address.toLowerCase();
  const v4 = text.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  const groups = [...left, ...fill, ...right];
  return groups.length === 8 ? groups.map((g) => parseInt(g, 16).toString(16)) : null;
}

/** The counters one attempt takes a slot on, in a fixed order. */
export function throttleKeys(email: string, address: string | null): { key: string; scope: Scope; limits: Limits }[] {
  const from = addressIdentity(address);
  return [
    { key: `account:${email}`, scope: 'account' as const, limits: THROTTLE.account },
    { key: `ip:${from}`, scope: 'address' as const, limits: THROTTLE.address },
    { key: `pair:${email}|${from}`, scope: 'pair' as const, limits: THROTTLE.pair },
  ];
}

/** How long to hold the answer to a failed attempt: nothing at first, then growing. */
export function delayMs(failures: number, limits: Limits): number {
  if (failures <= limits.slowAfter) return 0;
  return Math.min(THROTTLE.maxDelayMs, 500 * 2 ** (failures - limits.slowAfter - 1));
}
