import type { Tx } from '../../db/client.ts';
import { epochMs, sqlRows } from '../../db/sql.ts';
import type { Actor } from '../actor.ts';
import { roleForToken } from './access.ts';
import { hashToken, looksLikeToken } from './secret.ts';

export type TokenIdentity = {
  actor: Actor;
  tokenId: string;
  rateLimitPerMinute: number | null;
};

type TokenRow = {
  id: string; name: string; tenantId: string | null; access: 'read' | 'write';
  rateLimitPerMinute: number | null; expiresAt: number | null; revoked: boolean;
};

export type TokenCheck =
  | { ok: true; identity: TokenIdentity; expiresAt: number | null }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

/**
 * The actor a bearer token stands for. An unknown token and a malformed one are the same answer;
 * revoked and expired are told apart, since whoever holds such a token already had it.
 */
export async function authenticateToken(db: Tx, token: string, now = new Date()): Promise<TokenCheck> {
  if (!looksLikeToken(token)) return { ok: false, reason: 'unknown' };
  // Every API request asks this: a prepared statement on the pool, not a Prisma query.
  const [row] = await sqlRows<TokenRow>(db, {
    text: `SELECT id::text AS id, name, tenant_id::text AS "tenantId", access::text AS access, rate_limit_per_minute AS "rateLimitPerMinute",
      ${epochMs('expires_at', 'expiresAt')}, revoked_at IS NOT NULL AS revoked FROM sb_api_tokens WHERE token_hash = $1`,
    values: [hashToken(token)],
  });
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked) return { ok: false, reason: 'revoked' };
  if (row.expiresAt !== null && row.expiresAt <= now.getTime()) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    expiresAt: row.expiresAt,
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
