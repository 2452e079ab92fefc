/**
 * The OpenAPI 3.1 document, generated from the operations' zod schemas (the same ones the
 * handlers validate with), never written by hand.
 */
import { z } from 'zod';
import { MAX_BODY_BYTES } from './body.ts';
import type { Operation } from './operation.ts';
import { PROBLEMS, type ProblemKind } from './problem.ts';

type Json = Record<string, unknown>;

const PROBLEM_SCHEMA: Json = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: 'A URI reference naming the kind of problem; the API reference explains each.' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What went wrong with this request, in words.' },
    errors: {
      type: 'array',
      description: 'Per-field problems: field is the dotted path in the body or query (rows by index), pointer the JSON Pointer.',
      items: { type: 'object', required: ['field', 'pointer', 'detail'], properties: { field: { type: 'string' }, pointer: { type: 'string' }, detail: { type: 'string' } } },
    },
    request_id: { type: 'string', description: 'Quote it when reporting an error.' },
  },
};

const RATE_HEADERS: Json = {
  'RateLimit-Limit': { description: 'Requests allowed per window.', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in this window.', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the window resets.', schema: { type: 'integer' } },
};

class SchemaCollector {
  readonly components: Record<string, Json> = {};

  /** A schema for the document: shared parts ($defs with an id) become components. */
  convert(schema: z.ZodType, io: 'input' | 'output'): Json {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
    delete json.$schema;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    const renamed: Record<string, string> = {};
    for (const [id, def] of Object.entries(defs)) {
      let name = id;
      const text = JSON.stringify(def);
      if (this.components[name] && JSON.stringify(this.components[name]) !== text) name = `${id}${io === 'input' ? 'Input' : 'Output'}`;
      this.components[name] = def;
      renamed[id] = name;
    }
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (value && typeof value === 'object')
        return Object.fromEntries(
          Object.entries(value).map(([k, v]) =>
            k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/') ? [k, `#/components/schemas/${renamed[v.slice(8)] ?? v.slice(8)}`] : [k, rewrite(v)],
          ),
        );
      return value;
    };
    const out = rewrite(json) as Json;
    for (const name of Object.values(renamed)) this.components[name] = rewrite(this.components[name]) as Json;
    return out;
  }
}

function parameters(collector: SchemaCollector, schema: z.ZodObject | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = collector.convert(schema, 'input');
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries((json.properties ?? {}) as Record<string, Json>).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

const problemRef = (kind: ProblemKind) => ({ $ref: `#/components/responses/${kind}` });

function problemResponses(op: Operation): Record<string, Json> {
  const kinds: ProblemKind[] = ['unauthenticated', 'rate-limited', 'internal'];
  if (op.access === 'write') kinds.push('forbidden');
  // Every operation can miss: a tenant named in the path or the query may not exist (or be out of reach).
  kinds.push('not-found');
  if (op.query || op.body) kinds.push('validation');
  if (op.body) kinds.push('malformed-json', 'payload-too-large', 'unsupported-media-type');
  if (op.method !== 'GET') kinds.push('conflict');
  if (op.method === 'POST') kinds.push('idempotency-in-progress', 'idempotency-key-reused');
  // 400: a malformed header (Idempotency-Key) or a parameter the route needs (?tenant= for platform tokens).
  kinds.push('invalid-request');
  // Several kinds share a status (409, 422); the document lists each status once.
  const byStatus: Record<string, Json> = {};
  for (const k of kinds) byStatus[String(PROBLEMS[k].status)] ??= problemRef(k);
  return byStatus;
}

export function buildOpenApi(operations: Operation[], serverUrl?: string): Json {
  const collector = new SchemaCollector();
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of operations) {
    const responses: Record<string, Json> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      const headers = status === '201' ? { Location: { description: 'The new resource.', schema: { type: 'string' } }, ...RATE_HEADERS } : RATE_HEADERS;
      responses[status] = { description: r.description, headers, ...(r.schema ? { content: { 'application/json': { schema: collector.convert(r.schema, 'output') } } } : {}) };
    }
    Object.assign(responses, problemResponses(op));
    const params = [...parameters(collector, op.params, 'path'), ...parameters(collector, op.query, 'query')];
    if (op.method === 'POST')
      params.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Makes a retry safe: the same key and body within 24 hours returns the first answer and creates nothing twice.',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      });
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: op.id,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      ...(op.deprecated ? { deprecated: true } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body
        ? { requestBody: { required: !op.bodyOptional, content: { 'application/json': { schema: collector.convert(op.body, 'input') } } } }
        : {}),
      responses,
      'x-switchboard-access': op.access,
    };
  }
  const problemResponsesDoc = Object.fromEntries(
    (Object.keys(PROBLEMS) as ProblemKind[]).map((k) => [
      k,
      {
        description: `${PROBLEMS[k].title}: ${PROBLEMS[k].about}`,
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        ...(k === 'rate-limited' ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } }, ...RATE_HEADERS } } : {}),
        ...(k === 'unauthenticated' ? { headers: { 'WWW-Authenticate': { description: 'Bearer realm="switchboard", with error="invalid_token" for a bad token.', schema: { type: 'string' } } } } : {}),
        ...(k === 'method-not-allowed' ? { headers: { Allow: { description: 'The methods the resource has.', schema: { type: 'string' } } } } : {}),
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: '1.0.0',
      description: [
        'Tenants, extensions (PJSIP phone accounts), inbound numbers, registration status, call-policy tests and the audit log of a multi-tenant Asterisk.',
        '',
        'Authenticate with an API token from the portal or `npm run token:create`: `Authorization: Bearer <token>`. A tenant token reaches one tenant; another tenant\'s objects answer 404, exactly like missing ones. Read-only tokens get 403 on changes.',
        `JSON in and out, snake_case. Bodies are application/json, at most ${MAX_BODY_BYTES / 1024 / 1024} MiB. Errors are application/problem+json (RFC 9457). Lists page by cursor: pass next_cursor back as cursor.`,
        'Requests are limited per token (and per address without a valid token) per minute; every answer carries RateLimit-* headers, and 429 carries Retry-After.',
      ].join('\n'),
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'Tenants', description: 'Customer companies: each has its SIP domain, dialplan context and numbering plan.' },
      { name: 'Extensions', description: 'Phone accounts: each is a PJSIP endpoint, auth and aor (and a mailbox) written together.' },
      { name: 'DIDs', description: 'Inbound numbers: which extension they ring, and the number outside calls present.' },
      { name: 'Status', description: 'Registrations and call-policy decisions.' },
      { name: 'Calls', description: 'Call history: what Asterisk recorded for each call, classified by Switchboard.' },
      { name: 'Audit', description: 'Who changed what.' },
      { name: 'Compatibility', description: 'The routes of earlier PBX managers, kept for their scripts. Deprecated.' },
    ],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token (sbt_...).' } },
      schemas: { ...collector.components, Problem: PROBLEM_SCHEMA },
      responses: problemResponsesDoc,
    },
  };
}
