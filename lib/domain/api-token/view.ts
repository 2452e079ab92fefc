import type { ApiToken } from '../../generated/prisma/client.ts';

/** A token as lists show it: never its hash. */
export type TokenView = Omit<ApiToken, 'tokenHash'> & { status: 'active' | 'revoked' | 'expired' };

export function toTokenView(t: Omit<ApiToken, 'tokenHash'> & { tokenHash?: string }, now = new Date()): TokenView {
  const { tokenHash: _hash, ...rest } = t;
  const status = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= now ? 'expired' : 'active';
  return { ...rest, status };
}

export const tokenAuditView = (t: TokenView) => ({
  name: t.name,
  prefix: t.tokenPrefix,
  scope: t.tenantId ? 'tenant' : 'platform',
  access: t.access,
  expiresAt: t.expiresAt,
  rateLimitPerMinute: t.rateLimitPerMinute,
});
