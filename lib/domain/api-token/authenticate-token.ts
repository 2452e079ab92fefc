import type { Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { roleForToken } from './access.ts';
import { hashToken, looksLikeToken } from './secret.ts';

export type TokenIdentity = {
  actor: Actor;
  tokenId: string;
  rateLimitPerMinute: number | null;
};

export type TokenCheck =
  | { ok: true; identity: TokenIdentity }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

/**
 * The actor a bearer token stands for. An unknown token and a malformed one are the same answer;
 * revoked and expired are told apart, since whoever holds such a token already had it.
 */
export async function authenticateToken(db: Tx, token: string, now = new Date()): Promise<TokenCheck> {
  if (!looksLikeToken(token)) return { ok: false, reason: 'unknown' };
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, name: true, tenantId: true, access: true, rateLimitPerMinute: true, expiresAt: true, revokedAt: true },
  });
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revokedAt) return { ok: false, reason: 'revoked' };
  if (row.expiresAt && row.expiresAt <= now) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    identity: {
      tokenId: row.id,
      rateLimitPerMinute: row.rateLimitPerMinute,
      actor: { type: 'api', id: row.id, label: row.name, role: roleForToken(row.tenantId, row.access), tenantId: row.tenantId },
    },
  };
}

/** Stamps when and from where a token was last used, for the portal's token list. */
export async function recordTokenUse(db: Tx, tokenId: string, address: string | null, at = new Date()): Promise<void> {
  await db.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: at, lastUsedAddress: address }, select: { id: true } });
}
