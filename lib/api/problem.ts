/**
 * RFC 9457 problem documents: every error the REST API answers is one of these, and the mapping
 * from the domain's AppError to a status lives here and nowhere else.
 */
import { AppError, type ErrorCode, type FieldErrors } from '../errors.ts';
import { snakeFieldPath } from './casing.ts';

export type ProblemKind =
  | 'malformed-json'
  | 'invalid-request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'method-not-allowed'
  | 'conflict'
  | 'idempotency-in-progress'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'validation'
  | 'idempotency-key-reused'
  | 'rate-limited'
  | 'unavailable'
  | 'internal';

/** Status and title of each kind; the reference page documents them under #problem-<kind>. */
export const PROBLEMS: Record<ProblemKind, { status: number; title: string; about: string }> = {
  'malformed-json': { status: 400, title: 'Malformed JSON', about: 'The body is not valid JSON.' },
  'invalid-request': { status: 400, title: 'Invalid request', about: 'A header or parameter the request needs is missing or malformed, such as a platform token calling a tenant route without ?tenant=.' },
  unauthenticated: { status: 401, title: 'Authentication required', about: 'No bearer token, or one that is unknown, revoked or expired. The answer carries WWW-Authenticate.' },
  forbidden: { status: 403, title: 'Forbidden', about: 'The token is valid but may not do this: a read-only token asked to change something, or a tenant token asked for a platform operation.' },
  'not-found': { status: 404, title: 'Not found', about: 'No such resource within the token\'s reach. Another tenant\'s objects are reported exactly like missing ones.' },
  'method-not-allowed': { status: 405, title: 'Method not allowed', about: 'The resource exists but not with this method; Allow lists the ones it has.' },
  conflict: { status: 409, title: 'Conflict', about: 'The change clashes with existing data, such as an extension number already in use.' },
  'idempotency-in-progress': { status: 409, title: 'Request in progress', about: 'A request with the same Idempotency-Key is still running; retry after it has finished.' },
  'payload-too-large': { status: 413, title: 'Payload too large', about: 'The body is larger than 1 MiB.' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type', about: 'Bodies must be sent as application/json.' },
  validation: { status: 422, title: 'Validation failed', about: 'The request is well-formed but some values break a rule; errors lists each field and what is wrong.' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused', about: 'The Idempotency-Key was used within 24 hours for a request with a different method, path or body.' },
  'rate-limited': { status: 429, title: 'Too many requests', about: 'The token (or, without a valid token, the client address) used up its requests for this minute. Retry-After says when to try again.' },
  unavailable: { status: 503, title: 'Service unavailable', about: 'A service Switchboard depends on is unreachable; try again shortly.' },
  internal: { status: 500, title: 'Internal error', about: 'Something unexpected happened. It was logged with the request id this answer carries; no details are given out.' },
};

export type FieldProblem = { field: string; pointer: string; detail: string };
export type Problem = { type: string; title: string; status: number; detail: string; errors?: FieldProblem[]; request_id?: string };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const problemTypeUri = (kind: ProblemKind) => `/docs/api#problem-${kind}`;

export class ApiProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly fieldErrors?: FieldErrors,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

const KIND_OF_CODE: Record<ErrorCode, ProblemKind> = {
  validation: 'validation',
  not_found: 'not-found',
  conflict: 'conflict',
  forbidden: 'forbidden',
  unauthenticated: 'unauthenticated',
  rate_limited: 'rate-limited',
  unavailable: 'unavailable',
};

/** The HTTP status of a domain error, for every door that answers over HTTP (API, portal routes). */
export const statusOfCode = (code: ErrorCode): number => PROBLEMS[KIND_OF_CODE[code]].status;

/** The domain's error as the API tells it: its field names in the API's snake_case, or renamed. */
export function problemFromAppError(err: AppError, rename?: Record<string, string>): ApiProblem {
  return new ApiProblem(KIND_OF_CODE[err.code], err.message, err.fieldErrors && renameFields(err.fieldErrors, rename));
}

function renameFields(errors: FieldErrors, rename: Record<string, string> = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, messages] of Object.entries(errors)) {
    const [head, ...rest] = path.split('.');
    const key = rename[head] !== undefined ? snakeFieldPath([rename[head], ...rest].join('.')) : snakeFieldPath(path);
    (out[key] ??= []).push(...messages);
  }
  return out;
}

export function problemBody(p: ApiProblem, requestId?: string): Problem {
  const { status, title } = PROBLEMS[p.kind];
  const errors = p.fieldErrors
    ? Object.entries(p.fieldErrors).flatMap(([field, messages]) =>
        messages.map((detail) => ({ field, pointer: field === '_' ? '' : `/${field.split('.').join('/')}`, detail })),
      )
    : undefined;
  const detail = p.fieldErrors && p.kind === 'validation' ? validationDetail(p) : p.detail;
  return { type: problemTypeUri(p.kind), title, status, detail, ...(errors?.length ? { errors } : {}), ...(requestId ? { request_id: requestId } : {}) };
}

/** "display_name: is required" reads better than the domain's camelCase message for one field. */
function validationDetail(p: ApiProblem): string {
  const fields = Object.keys(p.fieldErrors!);
  if (fields.length === 1) return `${fields[0] === '_' ? 'body' : fields[0]}: ${p.fieldErrors![fields[0]][0]}`;
  return p.detail.includes('fields are invalid') ? `${fields.length} fields are invalid` : p.detail;
}

export function problemResponse(p: ApiProblem, requestId?: string): Response {
  const body = problemBody(p, requestId);
  const headers = new Headers({ 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...p.headers });
  return new Response(JSON.stringify(body), { status: body.status, headers });
}
