import { Validator } from '@seriousme/openapi-schema-validator';
import { OPERATIONS } from '../../lib/api/operations';
import { expect, test } from '../support/fixtures';

test('the OpenAPI document is valid OpenAPI 3.1 and lists every operation, the old routes deprecated', async ({ request }) => {
  const res = await request.get('/api/v1/openapi.json');
  expect(res.status()).toBe(200);
  const doc = await res.json();
  const result = await new Validator().validate(doc);
  expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
  expect(result.valid).toBe(true);
  expect(doc.openapi).toBe('3.1.0');
  const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string; deprecated?: boolean }>>).flatMap((p) => Object.values(p));
  expect(ids.map((o) => o.operationId).sort()).toEqual(OPERATIONS.map((o) => o.id).sort());
  for (const path of ['/tenant', '/tenants', '/api/extensions', '/api/extensions/{number}'])
    for (const op of Object.values(doc.paths[path] as Record<string, { deprecated?: boolean }>)) expect(op.deprecated, path).toBe(true);
  expect(doc.paths['/api/v1/tenants/{tenant}/extensions'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ExtensionCreate');
  expect(doc.servers[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});
