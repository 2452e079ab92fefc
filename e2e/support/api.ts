/**
 * API tests' client: Playwright's request context with a bearer token, and every answer checked
 * against the OpenAPI document the server itself publishes, so the document cannot drift from
 * what the handlers send.
 */
import { createRequire } from 'node:module';
import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import type { Db } from '../../lib/db/client.ts';
import { systemActor } from '../../lib/domain/actor.ts';
import { createApiToken } from '../../lib/domain/api-token/create-token.ts';
import type { TokenCreateInput } from '../../lib/domain/api-token/schemas.ts';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default ?? require('ajv/dist/2020.js');
const addFormats = require('ajv-formats').default ?? require('ajv-formats');

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, unknown> }> }>> };

let doc: Doc | undefined;
let ajv: { addSchema: (s: object, key: string) => void; getSchema: (ref: string) => ((d: unknown) => boolean) & { errors?: unknown } | undefined; compile: (s: object) => ((d: unknown) => boolean) & { errors?: unknown } } | undefined;

export async function openApi(request: APIRequestContext): Promise<Doc> {
  if (!doc) {
    const res = await request.get('/api/v1/openapi.json');
    expect(res.status()).toBe(200);
    doc = (await res.json()) as Doc;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv!.addSchema(doc, 'openapi.json');
  }
  return doc;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The documented path template a concrete path answers to (static segments win). */
function templateFor(d: Doc, path: string): string | undefined {
  const candidates = Object.keys(d.paths).filter((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
  return candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
}

/** Fails the test when an answer is not what the document says this operation answers. */
export async function checkAgainstDocument(request: APIRequestContext, method: string, url: string, res: APIResponse): Promise<void> {
  const d = await openApi(request);
  const path = new URL(url, 'http://x').pathname;
  const template = templateFor(d, path);
  const status = String(res.status());
  if (!template) {
    // Outside the document: only problem documents (404 for unknown paths) may come back.
    expect(res.headers()['content-type'], `${method} ${path}`).toContain('application/problem+json');
    return;
  }
  const op = d.paths[template][method.toLowerCase()];
  if (!op) {
    expect(status, `${method} ${template} is not documented`).toBe('405');
    return;
  }
  const documented = op.responses[status];
  expect(documented, `${method} ${template} answered ${status}, which the document does not list`).toBeTruthy();
  const type = res.headers()['content-type'] ?? '';
  const text = await res.text();
  if (documented.$ref) {
    expect(type, `${method} ${template} ${status}`).toContain('application/problem+json');
    validate('openapi.json#/components/schemas/Problem', JSON.parse(text), `${method} ${template} ${status}`);
    return;
  }
  if (!documented.content) {
    expect(text, `${method} ${template} ${status} has no body in the document`).toBe('');
    return;
  }
  expect(type).toContain('application/json');
  validate(`openapi.json#/paths/${escape(template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`, JSON.parse(text), `${method} ${template} ${status}`);
}

function validate(ref: string, value: unknown, what: string) {
  const check = ajv!.getSchema(ref) ?? ajv!.compile({ $ref: ref });
  const ok = check(value);
  expect(ok ? [] : check.errors, `${what} does not match its schema`).toEqual([]);
}

export type Api = {
  token: string;
  get: (url: string, headers?: Record<string, string>) => Promise<APIResponse>;
  delete: (url: string, headers?: Record<string, string>) => Promise<APIResponse>;
  post: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<APIResponse>;
  patch: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<APIResponse>;
  put: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<APIResponse>;
  /** Bytes as given (Playwright would JSON-encode a string sent with a JSON content type). */
  raw: (method: string, url: string, options?: { headers?: Record<string, string>; data?: Buffer }) => Promise<APIResponse>;
};

/** A client for one token (or none: token ''), checking every answer against the document. */
export function apiClient(request: APIRequestContext, token: string): Api {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const send = async (method: string, url: string, options: { headers?: Record<string, string>; data?: Buffer } = {}) => {
    const res = await request.fetch(url, { method, headers: { ...auth, ...options.headers }, data: options.data, failOnStatusCode: false, maxRedirects: 0 });
    await checkAgainstDocument(request, method, url, res);
    return res;
  };
  const json = (method: string) => (url: string, body?: unknown, headers: Record<string, string> = {}) =>
    send(method, url, body === undefined ? { headers } : { headers: { 'content-type': 'application/json', ...headers }, data: Buffer.from(JSON.stringify(body)) });
  return {
    token,
    get: (url, headers) => send('GET', url, { headers }),
    delete: (url, headers) => send('DELETE', url, { headers }),
    post: json('POST'),
    patch: json('PATCH'),
    put: json('PUT'),
    raw: send,
  };
}

/** A token made as the platform would make it (the portal's own path is tested in tokens.spec.ts). */
export async function makeToken(db: Db, input: TokenCreateInput): Promise<string> {
  const { token } = await createApiToken({ actor: systemActor('e2e-setup', 'cli'), db }, input);
  return token;
}
