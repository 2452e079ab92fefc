/**
 * How every API request is served: method, token, rate limit, access, parameters, body,
 * idempotency, the operation, and one place that turns any failure into a problem document.
 * Free of Next.js, so it can be driven with plain Requests.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getDb, type Db } from '../db/client.ts';
import { fieldErrorsFromZod, isAppError } from '../errors.ts';
import { log } from '../log.ts';
import { authenticateRequest } from './auth.ts';
import { readJsonBody } from './body.ts';
import { claimKey, idempotencyKeyOf, pruneExpiredKeys, releaseKey, requestFingerprint, storeResponse } from './idempotency.ts';
import type { Method, Operation } from './operation.ts';
import { ApiProblem, problemFromAppError, problemResponse } from './problem.ts';
import { rateLimitHeaders } from './rate-limit.ts';

export type Served = { request: Request; params: Record<string, string>; address: string | null; db?: Db };

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export async function serve(op: Operation, { request, params, address, db = getDb() }: Served): Promise<Response> {
  const requestId = randomUUID();
  let extra: Record<string, string> = { 'X-Request-Id': requestId };
  let claimed: { tokenId: string; key: string } | null = null;
  try {
    const { identity, rate } = await authenticateRequest(db, request, address);
    extra = { ...extra, ...rateLimitHeaders(rate) };
    const ctx = { actor: identity.actor, db };
    if (op.access === 'write' && identity.actor.role === 'viewer') throw new ApiProblem('forbidden', 'This token is read-only');
    const url = new URL(request.url);
    const parsedParams = op.params ? parseParams(op.params, params) : {};
    const query = op.query ? parseQuery(op.query, url.searchParams) : {};
    let body: unknown;
    let raw = '';
    if (op.body) {
      const read = await readJsonBody(request, !!op.bodyOptional);
      raw = read.raw;
      body = read.value === undefined && op.bodyOptional ? undefined : validate(op.body, read.value);
    }
    const key = op.method === 'POST' ? idempotencyKeyOf(request) : null;
    if (key) {
      const claim = await claimKey(db, identity.tokenId, key, requestFingerprint(op.method, url.pathname + url.search, raw));
      if (claim.state === 'replay')
        return new Response(claim.response.body || null, { status: claim.response.status, headers: { ...claim.response.headers, ...extra, 'Idempotent-Replayed': 'true' } });
      claimed = { tokenId: identity.tokenId, key };
      if (Math.random() < 0.01) pruneExpiredKeys(db).catch(() => {});
    }
    const result = await op.handle({ ctx, params: parsedParams, query, body, request, origin: originOf(request, url) });
    const text = result.json ?? (result.body === undefined ? '' : JSON.stringify(result.body));
    const headers = { ...(text === '' ? {} : JSON_HEADERS), ...result.headers };
    if (claimed) await storeResponse(db, claimed.tokenId, claimed.key, { status: result.status, headers, body: text });
    return new Response(text || null, { status: result.status, headers: { ...headers, ...extra } });
  } catch (err) {
    const problem = toProblem(err, op, requestId);
    // An answer the domain gave (a 4xx) is the answer a retry must get; an unexpected failure frees the key.
    if (claimed) {
      const status = problemResponse(problem).status;
      const stored = status < 500 ? storeProblem(db, claimed, problem, requestId) : releaseKey(db, claimed.tokenId, claimed.key);
      await stored.catch((e) => log.warn('could not settle an idempotency key', { err: (e as Error).message }));
    }
    const response = problemResponse(problem, requestId);
    for (const [k, v] of Object.entries(extra)) if (!response.headers.has(k)) response.headers.set(k, v);
    return response;
  }
}

async function storeProblem(db: Db, claimed: { tokenId: string; key: string }, problem: ApiProblem, requestId: string) {
  const response = problemResponse(problem, requestId);
  await storeResponse(db, claimed.tokenId, claimed.key, {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: await response.text(),
  });
}

/** The origin the client used (Location headers point there), not the one the server bound. */
export function originOf(request: Request, url = new URL(request.url)): string {
  const host = request.headers.get('host');
  return host && /^[A-Za-z0-9.\-\[\]:]{1,260}$/.test(host) ? `${url.protocol}//${host}` : url.origin;
}

function toProblem(err: unknown, op: Operation, requestId: string): ApiProblem {
  if (err instanceof ApiProblem) return err;
  if (isAppError(err)) return problemFromAppError(err, op.fieldNames);
  log.error('API request failed', { operation: op.id, requestId, err });
  return new ApiProblem('internal', `Something went wrong. It was logged as request ${requestId}.`);
}

function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ApiProblem('validation', 'The request has invalid values', fieldErrorsFromZod(result.error));
}

/** A path parameter that cannot name anything is a missing resource, not a client error. */
function parseParams(schema: z.ZodObject, params: Record<string, string>) {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  throw new ApiProblem('not-found', 'No such resource');
}

function parseQuery(schema: z.ZodObject, search: URLSearchParams) {
  const values: Record<string, string> = {};
  const unknown: Record<string, string[]> = {};
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key);
    if (!Object.hasOwn(schema.shape, key)) unknown[key] = ['is not a parameter of this operation'];
    else if (all.length > 1) unknown[key] = ['is given more than once'];
    else values[key] = all[0];
  }
  const result = schema.safeParse(values);
  const errors = { ...unknown, ...(result.success ? {} : fieldErrorsFromZod(result.error)) };
  if (!result.success || Object.keys(unknown).length) throw new ApiProblem('validation', 'The query string has invalid parameters', errors);
  return result.data;
}

/** 405 for a method the path does not have, with the ones it has. */
export function methodNotAllowed(method: string, allowed: Method[]): Response {
  return problemResponse(
    new ApiProblem('method-not-allowed', `${method} is not allowed here; use ${allowed.join(', ')}`, undefined, { Allow: allowed.join(', ') }),
  );
}
