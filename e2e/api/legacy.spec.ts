/** The old PBX managers' routes, with exactly the bodies their scripts send, plus a token header. */
import { randomInt } from 'node:crypto';
import { apiClient, makeToken } from '../support/api';
import { expect, sql, test, uniq } from '../support/fixtures';

const freeDid = () => `1415${randomInt(2, 10)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;

test('POST /tenant, GET /tenants, POST /tenant/:name/extension, GET /tenant/:name/extensions', async ({ request, db }) => {
  const api = apiClient(request, await makeToken(db, { name: uniq('legacy'), access: 'write' }));
  const name = uniq('acme');
  const did = freeDid();
  let res = await api.post('/tenant', { name, inbound_did: did, outbound_trunk: 'pstn' });
  expect(res.status()).toBe(201);
  expect(await res.json()).toMatchObject({ name, sip_domain: `${name}.pbx.example.com`, outbound_trunk: 'pstn', inbound_did: `+${did}` });
  const [tenant] = await sql<{ id: string; main_did_id: string; default_country: string }>('SELECT id, main_did_id, default_country FROM sb_tenants WHERE slug = $1', [name]);
  expect(tenant.default_country).toBe('US');
  expect(await sql('SELECT e164 FROM sb_dids WHERE id = $1', [tenant.main_did_id])).toEqual([{ e164: `+${did}` }]);

  res = await api.get('/tenants');
  expect(res.status()).toBe(200);
  expect((await res.json()).find((t: { name: string }) => t.name === name)).toMatchObject({ sip_domain: `${name}.pbx.example.com` });

  res = await api.post(`/tenant/${name}/extension`, { username: '1001', password: 'Tr0ub4dor&3-horse' });
  expect(res.status()).toBe(201);
  expect(await res.json()).toMatchObject({ username: '1001', endpoint_id: `1001@${name}.pbx.example.com` });
  const [auth] = await sql<{ username: string; realm: string }>('SELECT username, realm FROM ps_auths WHERE id = $1', [`1001@${name}.pbx.example.com`]);
  expect(auth).toEqual({ username: '1001', realm: `${name}.pbx.example.com` });

  res = await api.get(`/tenant/${name}/extensions`);
  expect(await res.json()).toEqual([expect.objectContaining({ username: '1001', name: '1001' })]);

  // What the old system took but Switchboard refuses: a 422 naming the field and the rule.
  res = await api.post(`/tenant/${name}/extension`, { username: '1002', password: 'abc' });
  expect(res.status()).toBe(422);
  const weak = await res.json();
  expect(weak.errors[0]).toMatchObject({ field: 'password' });
  expect(weak.detail).toMatch(/^password: /);
  res = await api.post('/tenant', { name: uniq('beta'), inbound_did: '12345', outbound_trunk: 'pstn' });
  expect(res.status()).toBe(422);
  expect((await res.json()).errors).toEqual([expect.objectContaining({ field: 'inbound_did', detail: 'is not a valid phone number in US' })]);
  res = await api.post('/tenant', { name: 'Not A Slug!', outbound_trunk: 'pstn' });
  expect(res.status()).toBe(422);
  expect((await res.json()).errors[0].field).toBe('name');
  // Refused as a whole: no tenant without its number.
  expect(await sql("SELECT 1 FROM sb_tenants WHERE slug LIKE 'beta%' AND id NOT IN (SELECT tenant_id FROM sb_dids)")).toEqual([]);

  // A browser asking for /tenants still gets the portal (here: its sign-in).
  res = await request.get('/tenants', { headers: { accept: 'text/html' }, maxRedirects: 0 });
  expect([302, 303, 307]).toContain(res.status());
});

test('/api/extensions acts on the token\'s tenant; a platform token names it with ?tenant=', async ({ request, db, makeTenant }) => {
  const tenant = await makeTenant();
  const api = apiClient(request, await makeToken(db, { name: uniq('old-crm'), tenantId: tenant.id, access: 'write' }));
  let res = await api.post('/api/extensions', { number: '1005', name: 'New User', email: 'user@company.com', password: 'securepass123', allow_external: true });
  // The old system took securepass123; Switchboard's secret policy does not (two character classes, 13 long): a 422 that says which rule.
  expect(res.status()).toBe(422);
  expect((await res.json()).errors[0]).toMatchObject({ field: 'password', detail: expect.stringContaining('needs three of') });
  res = await api.post('/api/extensions', { number: '1005', name: 'New User', email: 'user@company.com', password: 'Plum-Orbit-Tundra-42', allow_external: true });
  expect(res.status()).toBe(201);
  expect(await res.json()).toMatchObject({ number: '1005', name: 'New User', email: 'user@company.com', allow_external: true });

  res = await api.put('/api/extensions/1005', { name: 'Renamed User', email: 'renamed@company.com' });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ number: '1005', name: 'Renamed User', email: 'renamed@company.com', allow_external: true });
  res = await api.get('/api/extensions');
  expect(await res.json()).toEqual([expect.objectContaining({ number: '1005', name: 'Renamed User' })]);
  res = await api.put('/api/extensions/1005', { email: 'not an address' });
  expect(res.status()).toBe(422);
  expect((await res.json()).errors[0].field).toBe('email');

  const platform = apiClient(request, await makeToken(db, { name: uniq('root'), access: 'write' }));
  res = await platform.get('/api/extensions');
  expect(res.status()).toBe(400);
  expect((await res.json()).detail).toContain('?tenant=');
  res = await platform.get(`/api/extensions?tenant=${tenant.slug}`);
  expect((await res.json()).map((e: { number: string }) => e.number)).toEqual(['1005']);
  // A tenant token cannot point itself elsewhere.
  const other = await makeTenant();
  expect((await api.get(`/api/extensions?tenant=${other.slug}`)).status()).toBe(404);

  expect((await api.delete('/api/extensions/1005')).status()).toBe(204);
  expect((await api.delete('/api/extensions/1005')).status()).toBe(404);
  expect(await sql('SELECT 1 FROM ps_endpoints WHERE id = $1', [`1005@${tenant.sipDomain}`])).toEqual([]);
});
