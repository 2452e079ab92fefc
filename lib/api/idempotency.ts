/**
 * Idempotency-Key for POST: the first request with a key runs; a retry with the same key and the
 * same request gets the first answer again and changes nothing; the same key with another request
 * is refused. Keys are per token and live 24 hours, in PostgreSQL, so every copy of the portal
 * sees them.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { ApiProblem } from './problem.ts';

export const KEY_TTL_HOURS = 24;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export type StoredResponse = { status: number; headers: Record<string, string>; body: string };
export type Claim = { state: 'new' } | { state: 'replay'; response: StoredResponse };

export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get('idempotency-key');
  if (key === null) return null;
  if (!KEY_SHAPE.test(key)) throw new ApiProblem('invalid-request', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
  return key;
}

export const requestFingerprint = (method: string, path: string, body: string) =>
  createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');

/** Takes the key for this request, or answers what a retry gets. */
export async function claimKey(db: Db, tokenId: string, key: string, fingerprint: string): Promise<Claim> {
  // An expired key is free again; it is removed here rather than trusted to a sweeper.
  await db.$executeRaw`DELETE FROM sb_api_idempotency
    WHERE token_id = ${tokenId}::uuid AND key = ${key} AND created_at < now() - make_interval(hours => ${KEY_TTL_HOURS})`;
  const inserted = await db.$executeRaw`INSERT INTO sb_api_idempotency (token_id, key, request_hash)
    VALUES (${tokenId}::uuid, ${key}, ${fingerprint}) ON CONFLICT DO NOTHING`;
  if (inserted === 1) return { state: 'new' };
  const [row] = await db.$queryRaw<{ request_hash: string; status: number | null; response_headers: Record<string, string> | null; response_body: string | null }[]>`
    SELECT request_hash, status, response_headers, response_body FROM sb_api_idempotency WHERE token_id = ${tokenId}::uuid AND key = ${key}`;
  if (!row) return claimKey(db, tokenId, key, fingerprint); // released meanwhile: take it now
  if (row.request_hash !== fingerprint)
    throw new ApiProblem('idempotency-key-reused', 'This Idempotency-Key was used for a different request (method, path or body) in the last 24 hours');
  if (row.status === null) throw new ApiProblem('idempotency-in-progress', 'A request with this Idempotency-Key is still being processed; retry when it has finished');
  return { state: 'replay', response: { status: row.status, headers: row.response_headers ?? {}, body: row.response_body ?? '' } };
}

export async function storeResponse(db: Db, tokenId: string, key: string, response: StoredResponse): Promise<void> {
  await db.$executeRaw`UPDATE sb_api_idempotency SET status = ${response.status}, response_headers = ${JSON.stringify(response.headers)}::jsonb,
    response_body = ${response.body} WHERE token_id = ${tokenId}::uuid AND key = ${key}`;
}

/** A request that failed unexpectedly gives its key back, so the client's retry can run. */
export async function releaseKey(db: Db, tokenId: string, key: string): Promise<void> {
  await db.$executeRaw`DELETE FROM sb_api_idempotency WHERE token_id = ${tokenId}::uuid AND key = ${key} AND status IS NULL`;
}

export async function pruneExpiredKeys(db: Db): Promise<number> {
  return db.$executeRaw`DELETE FROM sb_api_idempotency WHERE created_at < now() - make_interval(hours => ${KEY_TTL_HOURS})`;
}
