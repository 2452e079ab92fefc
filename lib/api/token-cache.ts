/**
 * Tokens recently seen by this process, so an API request does not look its token up every time.
 * An entry is forgotten the moment its row changes anywhere (a NOTIFY from migration 0012), and
 * nothing is cached while that notification channel is down (a heartbeat tells). Only valid
 * tokens are kept, with their expiry, which is checked on every use, and for a minute at most.
 */
import { changesFor, TOKEN_CHANNEL } from '../db/changes.ts';
import type { Tx } from '../db/client.ts';
import { authenticateToken, type TokenCheck, type TokenIdentity } from '../domain/api-token/authenticate-token.ts';
import type { ChangeListener } from '../db/change-listener.ts';

type Entry = { identity: TokenIdentity; expiresAt: number | null; until: number };
const MAX_ENTRIES = 10_000;
/** However sound the listener looks, an entry is read again from the database after this. */
const ENTRY_TTL_MS = 60_000;

class TokenCache {
  private byToken = new Map<string, Entry>();
  private tokensOf = new Map<string, Set<string>>();
  /** Moves on every forget: a lookup that overlapped one must not store what it read. */
  epoch = 0;

  constructor(changes: ChangeListener) {
    changes.on(TOKEN_CHANNEL, (id) => this.forget(id));
    changes.onReset(() => this.clear());
  }

  get(token: string): Entry | undefined {
    return this.byToken.get(token);
  }

  put(token: string, entry: Entry) {
    if (this.byToken.size >= MAX_ENTRIES) this.clear();
    this.byToken.set(token, entry);
    const set = this.tokensOf.get(entry.identity.tokenId) ?? new Set();
    set.add(token);
    this.tokensOf.set(entry.identity.tokenId, set);
  }

  forget(tokenId: string) {
    this.epoch++;
    for (const t of this.tokensOf.get(tokenId) ?? []) this.byToken.delete(t);
    this.tokensOf.delete(tokenId);
  }

  clear() {
    this.epoch++;
    this.byToken.clear();
    this.tokensOf.clear();
  }
}

const caches = new WeakMap<ChangeListener, TokenCache>();

export async function authenticateCached(db: Tx, token: string, now = new Date()): Promise<TokenCheck> {
  const changes = changesFor(db);
  if (!changes?.live) return authenticateToken(db, token, now);
  let cache = caches.get(changes);
  if (!cache) caches.set(changes, (cache = new TokenCache(changes)));
  const found = cache.get(token);
  const hit = found && found.until > Date.now() ? found : undefined;
  if (hit) return hit.expiresAt !== null && hit.expiresAt <= now.getTime() ? { ok: false, reason: 'expired' } : { ok: true, identity: hit.identity, expiresAt: hit.expiresAt };
  const epoch = cache.epoch;
  const check = await authenticateToken(db, token, now);
  // Not if anything was forgotten meanwhile: the row read may predate that change.
  if (check.ok && changes.live && cache.epoch === epoch) cache.put(token, { identity: check.identity, expiresAt: check.expiresAt, until: Date.now() + ENTRY_TTL_MS });
  return check;
}
