import { describe, expect, it } from 'vitest';
import type { ApiDoc } from '../components/api-docs/document.ts';
import { endpointsByTag } from '../components/api-docs/document.ts';
import { curlExample, exampleBody, examplePath } from '../components/api-docs/example.ts';
import { fieldRows } from '../components/api-docs/field-rows.ts';
import { buildOpenApi } from '../lib/api/openapi.ts';
import { OPERATIONS } from '../lib/api/operations/index.ts';

const doc = buildOpenApi(OPERATIONS) as unknown as ApiDoc;
const endpoints = endpointsByTag(doc).flatMap((g) => g.endpoints);
const operation = (id: string) => OPERATIONS.find((op) => op.id === id)!;

/** The reference page's curl examples are meant to be pasted: what they send must be accepted. */
describe('API reference examples', () => {
  it('covers every operation of the document', () => {
    expect(endpoints.map((e) => e.op.operationId).sort()).toEqual(OPERATIONS.map((op) => op.id).sort());
  });

  it.each(endpoints.map((e) => [e.op.operationId, e] as const))('%s: the example body passes the operation\'s body schema', (id, endpoint) => {
    const op = operation(id);
    const body = exampleBody(doc, endpoint);
    if (!op.body || op.bodyOptional) return expect(body).toBeUndefined();
    const parsed = op.body.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it.each(endpoints.map((e) => [e.op.operationId, e] as const))('%s: the example path fills every parameter validly', (id, endpoint) => {
    const op = operation(id);
    const path = examplePath(doc, endpoint);
    expect(path).not.toMatch(/[{}]/);
    const pattern = new RegExp(`^${endpoint.path.replace(/\{([^}]+)\}/g, '(?<$1>[^/?]+)')}(\\?|$)`);
    const params = Object.fromEntries(Object.entries(pattern.exec(path)?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
    if (op.params) expect(op.params.safeParse(params).success, JSON.stringify(params)).toBe(true);
  });

  it('quotes the JSON body for the shell, and sends a Content-Type only with a body', () => {
    const create = endpoints.find((e) => e.op.operationId === 'createTenant')!;
    const curl = curlExample(doc, create, 'https://pbx.example.com');
    expect(curl).toMatch(/^curl -X POST https:\/\/pbx\.example\.com\/api\/v1\/tenants \\\n/);
    expect(curl).toContain('-H "Content-Type: application/json"');
    const json = /-d '([\s\S]*)'$/.exec(curl)![1];
    expect(JSON.parse(json)).toMatchObject({ slug: 'acme', sip_domain: 'acme.example.com' });
    const get = curlExample(doc, endpoints.find((e) => e.op.operationId === 'getTenant')!, 'https://pbx.example.com');
    expect(get).not.toContain('Content-Type');
    expect(get).not.toContain('-X');
  });
});

describe('API reference field tables', () => {
  const bodyOf = (id: string) => endpoints.find((e) => e.op.operationId === id)!.op.requestBody!.content['application/json'].schema;
  const fields = (id: string) => fieldRows(doc, bodyOf(id)).filter((r) => r.kind === 'field');

  it('nests an array\'s objects under it, with "X or null" folded into X, nullable', () => {
    const rows = fields('bulkCreateExtensions');
    expect(rows[0]).toMatchObject({ name: 'extensions', depth: 0, required: true, type: 'array of ExtensionCreate' });
    expect(rows.find((r) => r.key === 'extensions[].number')).toMatchObject({ depth: 1, required: true, type: 'string' });
    expect(rows.find((r) => r.key === 'extensions[].email')).toMatchObject({ depth: 1, required: false, type: 'string', nullable: true, format: 'email' });
  });

  it('heads each alternative of a oneOf with what tells it apart', () => {
    const labels = fieldRows(doc, bodyOf('testCall')).filter((r) => r.kind === 'label');
    expect(labels.map((l) => l.kind === 'label' && l.code)).toEqual(['direction = "outbound"', 'direction = "inbound"']);
  });

  it('leaves out the safe-integer bounds zod writes for every integer', () => {
    const schema = doc.components.schemas.Tenant;
    const length = fieldRows(doc, schema).find((r) => r.key === 'extension_length');
    expect(length).toMatchObject({ type: 'integer', notes: [] });
  });
});
