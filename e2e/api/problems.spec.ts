/** Every way a request can be refused, each with its status and problem document. */
import { randomBytes } from 'node:crypto';
import { systemActor } from '../../lib/domain/actor';
import { revokeApiToken } from '../../lib/domain/api-token/revoke-token';
import { apiClient, makeToken } from '../support/api';
import { expect, sql, test, uniq } from '../support/fixtures';

const PROBLEM = 'application/problem+json';

test('tokens: missing, malformed, unknown, revoked, expired and read-only ones are refused', async ({ request, db, makeTenant }) => {
  const tenant = await makeTenant();
  const url = `/api/v1/tenants/${tenant.slug}/extensions`;

  for (const [headers, detail] of [
    [{}, 'Send an API token'],
    [{ authorization: 'Basic dXNlcjpwYXNz' }, 'Send an API token'],
    [{ authorization: 'Bearer not-a-token' }, 'not valid'],
    [{ authorization: `Bearer sbt_${randomBytes(32).toString('base64url')}` }, 'not valid'],
  ] as const) {
    const res = await apiClient(request, '').get(url, headers);
    expect(res.status()).toBe(401);
    expect(res.headers()['content-type']).toContain(PROBLEM);
    expect(res.headers()['www-authenticate']).toMatch(/^Bearer realm="switchboard"/);
    expect((await res.json()).detail).toContain(detail);
  }

  const revoked = await makeToken(db, { name: uniq('old'), access: 'write' });
  const [{ id }] = await sql<{ id: string }>('SELECT id FROM sb_api_tokens WHERE token_prefix = $1', [revoked.slice(0, 12)]);
  expect((await apiClient(request, revoked).get(url)).status()).toBe(200);
  await revokeApiToken({ actor: systemActor('e2e', 'cli'), db }, id);
  let res = await apiClient(request, revoked).get(url);
  expect(res.status()).toBe(401);
  expect(res.headers()['www-authenticate']).toContain('error="invalid_token"');
  expect((await res.json()).detail).toBe('The API token has been revoked');

  const expired = await makeToken(db, { name: uniq('exp'), access: 'write', expiresInDays: 1 });
  await sql(`UPDATE sb_api_tokens SET expires_at = now() - interval '1 second' WHERE token_prefix = $1`, [expired.slice(0, 12)]);
  res = await apiClient(request, expired).get(url);
  expect(res.status()).toBe(401);
  expect((await res.json()).detail).toBe('The API token has expired');

  const reader = apiClient(request, await makeToken(db, { name: uniq('ro'), tenantId: tenant.id, access: 'read' }));
  expect((await reader.get(url)).status()).toBe(200);
  res = await reader.post(url, { number: '1001', display_name: 'Nope' });
  expect(res.status()).toBe(403);
  expect((await res.json()).detail).toBe('This token is read-only');
  expect((await reader.delete(`/api/v1/tenants/${tenant.slug}`)).status()).toBe(403);
  // A question that changes nothing is open to read-only tokens.
  expect((await reader.post(`/api/v1/tenants/${tenant.slug}/call-test`, { direction: 'outbound', from: '1001', dial: '1002' })).status()).toBe(422);
  expect(await sql('SELECT 1 FROM sb_extensions WHERE tenant_id = $1', [tenant.id])).toEqual([]);

  // Last use is recorded for the portal's list.
  const [used] = await sql<{ last_used_at: Date | null; last_used_address: string | null }>(
    'SELECT last_used_at, last_used_address FROM sb_api_tokens WHERE token_prefix = $1', [reader.token.slice(0, 12)]);
  expect(used.last_used_at).not.toBeNull();
  expect(used.last_used_address).toBe('127.0.0.1');
});

test('400, 404, 405, 409, 413, 415 and 422: each with a problem document that says what is wrong', async ({ request, db, makeTenant }) => {
  const tenant = await makeTenant();
  const api = apiClient(request, await makeToken(db, { name: uniq('int'), access: 'write' }));
  const url = `/api/v1/tenants/${tenant.slug}/extensions`;

  let res = await api.raw('POST', url, { headers: { 'content-type': 'application/json' }, data: Buffer.from('{"number": "1001", ') });
  expect(res.status()).toBe(400);
  expect(await res.json()).toMatchObject({ type: '/docs/api#problem-malformed-json', title: 'Malformed JSON', status: 400 });

  res = await api.raw('POST', url, { headers: { 'content-type': 'text/plain' }, data: Buffer.from('number=1001') });
  expect(res.status()).toBe(415);
  expect((await res.json()).detail).toContain('application/json, not text/plain');

  res = await api.raw('POST', url, { headers: { 'content-type': 'application/json' }, data: Buffer.from(JSON.stringify({ number: '1001', display_name: 'x'.repeat(1024 * 1024) })) });
  expect(res.status()).toBe(413);

  res = await api.post(url, { number: '10a1', display_name: '', email: 'not-mail', max_contacts: 50, colour: 'red' });
  expect(res.status()).toBe(422);
  const invalid = await res.json();
  expect(invalid.type).toBe('/docs/api#problem-validation');
  const fields = invalid.errors.map((e: { field: string }) => e.field);
  expect(fields).toEqual(expect.arrayContaining(['number', 'display_name', 'email', 'max_contacts']));
  expect(invalid.errors.find((e: { field: string }) => e.field === 'display_name')).toMatchObject({ pointer: '/display_name', detail: 'is required' });
  expect(JSON.stringify(invalid)).toContain('colour');
  // The tenant's own rules (number length) and the secret policy, named by field.
  res = await api.post(url, { number: '10011', display_name: 'Five digits', secret: 'abc' });
  const rules = await res.json();
  expect(res.status()).toBe(422);
  expect(rules.errors).toEqual(expect.arrayContaining([
    expect.objectContaining({ field: 'number', detail: 'must be 4 digits in this tenant' }),
    expect.objectContaining({ field: 'secret' }),
  ]));
  res = await api.get(`${url}?limit=5000&active=maybe&colour=red`);
  expect(res.status()).toBe(422);
  expect((await res.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual(['active', 'colour', 'limit']);
  res = await api.get(`${url}?cursor=AAAA`);
  expect(res.status()).toBe(422);

  expect((await api.post(url, { number: '1001', display_name: 'First' })).status()).toBe(201);
  res = await api.post(url, { number: '1001', display_name: 'Second' });
  expect(res.status()).toBe(409);
  expect(await res.json()).toMatchObject({ title: 'Conflict', errors: [{ field: 'number', detail: 'is already in use in this tenant' }] });

  // Bulk: one bad row writes nothing and is named by its index.
  res = await api.post(`${url}/bulk`, { extensions: [{ number: '1101', display_name: 'Fine' }, { number: '1102' }, { number: '1101', display_name: 'Again' }] });
  expect(res.status()).toBe(422);
  const bulk = await res.json();
  expect(bulk.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['extensions.1.display_name']));
  res = await api.post(`${url}/bulk`, { extensions: [{ number: '1101', display_name: 'Fine' }, { number: '1101', display_name: 'Again' }] });
  expect((await res.json()).errors).toEqual([expect.objectContaining({ field: 'extensions.1.number' })]);
  expect(await sql('SELECT number FROM sb_extensions WHERE tenant_id = $1', [tenant.id])).toEqual([{ number: '1001' }]);
  res = await api.post(`${url}/bulk`, { extensions: Array.from({ length: 1001 }, (_, i) => ({ number: String(2000 + i), display_name: 'x' })) });
  expect(res.status()).toBe(422);
  expect((await res.json()).detail).toContain('at most 1000');

  for (const path of [`/api/v1/tenants/nope-${uniq('')}`, `${url}/9999`, `${url}/../../nothing-here`, '/api/v1/widgets']) {
    res = await api.get(path);
    expect(res.status(), path).toBe(404);
    expect(res.headers()['content-type']).toContain(PROBLEM);
  }
  res = await api.raw('PUT', url);
  expect(res.status()).toBe(405);
  expect(res.headers().allow).toBe('GET, POST');
  expect(res.headers()['content-type']).toContain(PROBLEM);

  // Nothing internal leaks: a value PostgreSQL would choke on is refused before it gets there.
  res = await api.get(`${url}?q=${encodeURIComponent('a\u0000b')}`);
  expect(res.status()).toBe(422);
  expect(await res.text()).not.toMatch(/prisma|postgres|at .*\.ts|SELECT/i);
});

test('Idempotency-Key: a retry gets the first answer and creates nothing twice; another body is refused', async ({ request, db, makeTenant }) => {
  const tenant = await makeTenant();
  const api = apiClient(request, await makeToken(db, { name: uniq('prov'), access: 'write' }));
  const url = `/api/v1/tenants/${tenant.slug}/extensions`;
  const key = uniq('create-1001-');
  const first = await api.post(url, { number: '1001', display_name: 'Once' }, { 'idempotency-key': key });
  expect(first.status()).toBe(201);
  const again = await api.post(url, { number: '1001', display_name: 'Once' }, { 'idempotency-key': key });
  expect(again.status()).toBe(201);
  expect(again.headers()['idempotent-replayed']).toBe('true');
  expect(await again.json()).toEqual(await first.json());
  expect(await sql('SELECT count(*)::int AS n FROM sb_extensions WHERE tenant_id = $1', [tenant.id])).toEqual([{ n: 1 }]);

  const other = await api.post(url, { number: '1002', display_name: 'Other' }, { 'idempotency-key': key });
  expect(other.status()).toBe(422);
  expect(await other.json()).toMatchObject({ type: '/docs/api#problem-idempotency-key-reused' });
  expect(await sql('SELECT count(*)::int AS n FROM sb_extensions WHERE tenant_id = $1', [tenant.id])).toEqual([{ n: 1 }]);

  // A refused request is remembered too: the retry gets the same refusal, not a second attempt.
  const dupKey = uniq('dup-');
  const refused = await api.post(url, { number: '1001', display_name: 'Dup' }, { 'idempotency-key': dupKey });
  expect(refused.status()).toBe(409);
  const retried = await api.post(url, { number: '1001', display_name: 'Dup' }, { 'idempotency-key': dupKey });
  expect(retried.status()).toBe(409);
  expect(retried.headers()['idempotent-replayed']).toBe('true');

  // Keys are per token: another token's same key is a new request.
  const api2 = apiClient(request, await makeToken(db, { name: uniq('prov2'), access: 'write' }));
  expect((await api2.post(url, { number: '1003', display_name: 'Three' }, { 'idempotency-key': key })).status()).toBe(201);
  // After 24 hours a key is free again.
  await sql(`UPDATE sb_api_idempotency SET created_at = now() - interval '25 hours' WHERE key = $1`, [key]);
  expect((await api.post(url, { number: '1004', display_name: 'Four' }, { 'idempotency-key': key })).status()).toBe(201);
  expect((await api.post(url, { number: '1005', display_name: 'x' }, { 'idempotency-key': 'bad key with spaces' })).status()).toBe(400);
});

test('429 with Retry-After once a token used up its minute, counted in Redis when the portal has REDIS_URL', async ({ request, db, makeTenant }) => {
  const tenant = await makeTenant();
  const token = await makeToken(db, { name: uniq('tight'), access: 'read', rateLimitPerMinute: 3 });
  const api = apiClient(request, token);
  const url = `/api/v1/tenants/${tenant.slug}`;
  let res = await api.get(url);
  // The window may roll over mid-test; the counts below hold within one minute.
  const remaining = Number(res.headers()['ratelimit-remaining']);
  expect(res.headers()['ratelimit-limit']).toBe('3');
  for (let i = 0; i < remaining; i++) expect((await api.get(url)).status()).toBe(200);
  res = await api.get(url);
  expect(res.status()).toBe(429);
  const retryAfter = Number(res.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.headers()['ratelimit-remaining']).toBe('0');
  expect((await res.json()).detail).toContain('3 requests per minute');
  // Other tokens are not affected.
  expect((await apiClient(request, await makeToken(db, { name: uniq('free'), access: 'read' })).get(url)).status()).toBe(200);

  if (process.env.E2E_REDIS_URL) {
    const { Redis } = await import('ioredis');
    const redis = new Redis(process.env.E2E_REDIS_URL);
    try {
      const [{ id }] = await sql<{ id: string }>('SELECT id FROM sb_api_tokens WHERE token_prefix = $1', [token.slice(0, 12)]);
      const keys = await redis.keys(`${process.env.E2E_REDIS_PREFIX}ratelimit:token:${id}:*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(Math.max(...(await Promise.all(keys.map((k) => redis.get(k)))).map(Number))).toBeGreaterThanOrEqual(4);
    } finally {
      redis.disconnect();
    }
  }
});
