import type { Db } from '../db/client.ts';
import { recordTokenUse, type TokenIdentity } from '../domain/api-token/authenticate-token.ts';
import { log } from '../log.ts';
import { ApiProblem } from './problem.ts';
import { authenticateCached } from './token-cache.ts';
import { anonymousLimit, rateLimitHeaders, rateLimiter, tokenLimit, type RateDecision } from './rate-limit.ts';

export const WWW_AUTHENTICATE = 'Bearer realm="switchboard"';
/** Last use is stamped at most this often per token and process: not a write per request. */
const TOUCH_EVERY_MS = 30_000;
const touched = new Map<string, { at: number; address: string | null }>();

const REASONS = {
  missing: 'Send an API token: Authorization: Bearer <token>',
  unknown: 'The API token is not valid',
  revoked: 'The API token has been revoked',
  expired: 'The API token has expired',
} as const;

export type Authenticated = { identity: TokenIdentity; rate: RateDecision };

/**
 * The bearer token's identity, counted against the token's limit. A request without a valid token
 * is counted against its address instead, and refused with 401, or 429 once the address has
 * guessed too often.
 */
export async function authenticateRequest(db: Db, request: Request, address: string | null): Promise<Authenticated> {
  const header = request.headers.get('authorization');
  const match = header?.match(/^Bearer +([^\s]+) *$/i);
  const check = match ? await authenticateCached(db, match[1]) : null;
  if (!check?.ok) {
    const rate = await rateLimiter().hit(`anon:${address ?? 'unknown'}`, anonymousLimit());
    if (!rate.allowed) throw tooMany(rate);
    const reason = !match ? 'missing' : check!.ok ? 'unknown' : check!.reason;
    const error = reason === 'missing' ? 'Bearer realm="switchboard"' : `${WWW_AUTHENTICATE}, error="invalid_token", error_description="${REASONS[reason]}"`;
    throw new ApiProblem('unauthenticated', REASONS[reason], undefined, { 'WWW-Authenticate': error, ...rateLimitHeaders(rate) });
  }
  const { identity } = check;
  const rate = await rateLimiter().hit(`token:${identity.tokenId}`, tokenLimit(identity.rateLimitPerMinute));
  if (!rate.allowed) throw tooMany(rate);
  touch(db, identity.tokenId, address);
  return { identity, rate };
}

function tooMany(rate: RateDecision): ApiProblem {
  return new ApiProblem('rate-limited', `Rate limit of ${rate.limit} requests per minute reached; retry in ${rate.resetSeconds} s`, undefined, {
    'Retry-After': String(rate.resetSeconds),
    ...rateLimitHeaders(rate),
  });
}

function touch(db: Db, tokenId: string, address: string | null): void {
  const now = Date.now();
  const last = touched.get(tokenId);
  if (last && now - last.at < TOUCH_EVERY_MS && last.address === address) return;
  touched.set(tokenId, { at: now, address });
  if (touched.size > 10_000) touched.clear();
  recordTokenUse(db, tokenId, address).catch((err) => log.warn('could not record an API token\'s last use', { err: (err as Error).message }));
}
