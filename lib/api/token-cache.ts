/**
 * Tokens recently seen by this process, so an API request does not look its token up every time.
 * An entry is forgotten the moment its row changes anywhere (a NOTIFY from migration 0012), and
 * nothing is cached while that notification channel is down (a heartbeat tells). Only valid
 * tokens are kept, with their expiry, which is checked on every use, and for a minute at most.
 */
import type { ChangeFeed } from '../db/change-listener.ts';
import { changesFor, TOKEN_CHANNEL } from '../db/changes.ts';
import type { Tx } from '../db/client.ts';
import { ListenedCache } from '../db/listened-cache.ts';
import { authenticateToken, type TokenCheck, type TokenIdentity } from '../domain/api-token/authenticate-token.ts';

type Entry = { identity: TokenIdentity; expiresAt: number | null };
/** However sound the listener looks, an entry is read again from the database after this. */
const ENTRY_TTL_MS = 60_000;

const caches = new WeakMap<ChangeFeed, ListenedCache<Entry>>();

export async function authenticateCached(db: Tx, token: string, now = new Date()): Promise<TokenCheck> {
  const changes = changesFor(db);
  if (!changes?.live) return authenticateToken(db, token, now);
  let cache = caches.get(changes);
  if (!cache) caches.set(changes, (cache = new ListenedCache<Entry>(changes, TOKEN_CHANNEL, (id) => (_, e) => e.identity.tokenId === id, ENTRY_TTL_MS)));
  return cache.get(
    token,
    () => authenticateToken(db, token, now),
    (check) => (check.ok ? { identity: check.identity, expiresAt: check.expiresAt } : null),
    (e): TokenCheck => (e.expiresAt !== null && e.expiresAt <= now.getTime() ? { ok: false, reason: 'expired' } : { ok: true, ...e }),
  );
}
