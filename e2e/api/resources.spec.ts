/** The /api/v1 resources end to end against `next start`: what an integrator does with curl. */
import { randomInt } from 'node:crypto';
import { apiClient, makeToken } from '../support/api';
import { expect, sql, test, uniq } from '../support/fixtures';

const newNumber = () => `+1646${randomInt(2, 10)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;

test('a platform token runs a tenant\'s life: create, extensions, DIDs, status, call test, audit, delete', async ({ request, db }) => {
  test.setTimeout(180_000);
  const name = uniq('billing');
  const api = apiClient(request, await makeToken(db, { name, access: 'write' }));
  const slug = uniq('api');

  // Tenant with its first number in the same request.
  const did = newNumber();
  let res = await api.post('/api/v1/tenants', { slug, name: 'API Corp', sip_domain: `${slug}.example.com`, default_country: 'US', outbound_trunk: 'itsp', main_did: did });
  expect(res.status()).toBe(201);
  expect(res.headers().location).toMatch(new RegExp(`/api/v1/tenants/${slug}$`));
  const tenant = (await res.json()).data;
  expect(tenant).toMatchObject({ slug, context: `tenant-${slug}`, sip_domain: `${slug}.example.com`, extension_length: 4 });
  expect(tenant.main_did_id).not.toBeNull();

  res = await api.get(`/api/v1/tenants?q=${slug}`);
  expect((await res.json()).data.map((t: { slug: string }) => t.slug)).toEqual([slug]);
  res = await api.patch(`/api/v1/tenants/${slug}`, { name: 'API Corporation' });
  expect((await res.json()).data.name).toBe('API Corporation');
  expect((await (await api.get(`/api/v1/tenants/${tenant.id}`)).json()).data.name).toBe('API Corporation');

  // One extension: its rows are what Asterisk reads, and the secret is in this answer only.
  res = await api.post(`/api/v1/tenants/${slug}/extensions`, { number: '2001', display_name: 'Ada', email: 'Ada@Example.com', voicemail_pin: '4826' });
  expect(res.status()).toBe(201);
  const created = await res.json();
  expect(created.data).toMatchObject({ number: '2001', display_name: 'Ada', email: 'ada@example.com', has_voicemail: true, endpoint_id: `2001@${slug}.example.com` });
  expect(created.sip_secret).toMatch(/^\S{24}$/);
  const [endpoint] = await sql('SELECT context, accountcode, mailboxes FROM ps_endpoints WHERE id = $1', [`2001@${slug}.example.com`]);
  expect(endpoint).toMatchObject({ context: `tenant-${slug}`, accountcode: slug });
  expect(JSON.stringify(await (await api.get(`/api/v1/tenants/${slug}/extensions/2001`)).json())).not.toContain(created.sip_secret);

  // Bulk: all rows land, each secret once.
  const rows = Array.from({ length: 120 }, (_, i) => ({ number: String(3000 + i), display_name: `Bulk ${i}`, allow_external: i % 2 === 0 }));
  res = await api.post(`/api/v1/tenants/${slug}/extensions/bulk`, { extensions: rows });
  expect(res.status()).toBe(201);
  const bulk = await res.json();
  expect(bulk.created).toBe(120);
  expect(bulk.sip_secrets).toHaveLength(120);

  // Lists: filters, search, sort, cursor pagination over every row once.
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    res = await api.get(`/api/v1/tenants/${slug}/extensions?limit=50&allow_external=false&sort=number&order=desc${cursor ? `&cursor=${cursor}` : ''}`);
    const page = await res.json();
    seen.push(...page.data.map((e: { number: string }) => e.number));
    cursor = page.next_cursor;
  } while (cursor);
  expect(seen).toHaveLength(60);
  expect(seen).toEqual([...seen].sort().reverse());
  res = await api.get(`/api/v1/tenants/${slug}/extensions?q=ada`);
  expect((await res.json()).data.map((e: { number: string }) => e.number)).toEqual(['2001']);

  // Patch, by number or by id; rotate the secret; new voicemail PIN.
  res = await api.patch(`/api/v1/tenants/${slug}/extensions/2001`, { display_name: 'Ada Lovelace', allow_external: false });
  expect((await res.json()).data).toMatchObject({ display_name: 'Ada Lovelace', allow_external: false });
  const [{ callerid }] = await sql<{ callerid: string }>('SELECT callerid FROM ps_endpoints WHERE id = $1', [`2001@${slug}.example.com`]);
  expect(callerid).toBe('"Ada Lovelace" <2001>');
  res = await api.post(`/api/v1/tenants/${slug}/extensions/${created.data.id}/secret`);
  const rotated = await res.json();
  expect(rotated.generated).toBe(true);
  expect(rotated.sip_secret).not.toBe(created.sip_secret);
  res = await api.post(`/api/v1/tenants/${slug}/extensions/2001/secret`, { secret: 'Correct-Horse-Battery-9' });
  expect(await res.json()).toEqual({ sip_secret: 'Correct-Horse-Battery-9', generated: false });
  res = await api.post(`/api/v1/tenants/${slug}/extensions/2001/voicemail-pin`);
  expect((await res.json()).voicemail_pin).toMatch(/^[0-9]{6,}$/);

  // DIDs: add one ringing 2001, make it main, remove the old main.
  const second = newNumber();
  res = await api.post(`/api/v1/tenants/${slug}/dids`, { number: second, extension_number: '2001', label: 'Sales' });
  expect(res.status()).toBe(201);
  expect((await res.json()).data).toMatchObject({ e164: second, extension_number: '2001', is_main: false });
  res = await api.post(`/api/v1/tenants/${slug}/dids/${encodeURIComponent(second)}/main`);
  expect((await res.json()).data.is_main).toBe(true);
  expect((await api.delete(`/api/v1/tenants/${slug}/dids/${encodeURIComponent(did)}`)).status()).toBe(204);
  res = await api.get(`/api/v1/tenants/${slug}/dids`);
  expect((await res.json()).data.map((d: { e164: string }) => d.e164)).toEqual([second]);

  // Registrations come from ps_contacts, as in the portal.
  await sql(`INSERT INTO ps_contacts (id, uri, expiration_time, endpoint, user_agent, via_addr, via_port)
             VALUES ($1, $2, $3, $4, 'Yealink T54W', '192.0.2.10', 5060)`,
    [`2001@${slug}.example.com;@abc`, `sip:2001@192.0.2.10:5060`, Math.floor(Date.now() / 1000) + 300, `2001@${slug}.example.com`]);
  res = await api.get(`/api/v1/tenants/${slug}/registrations`);
  const regs = (await res.json()).data;
  expect(regs).toHaveLength(1);
  expect(regs[0]).toMatchObject({ number: '2001', contacts: [{ user_agent: 'Yealink T54W', via_addr: '192.0.2.10', via_port: 5060 }] });

  // The call-policy test: the AGI server's decision with its reasons.
  res = await api.post(`/api/v1/tenants/${slug}/call-test`, { direction: 'outbound', from: '3000', dial: '2001' });
  expect((await res.json()).data).toMatchObject({ allowed: true, type: 'INTERNAL', dial_target: `PJSIP/2001@${slug}.example.com` });
  res = await api.post(`/api/v1/tenants/${slug}/call-test`, { direction: 'outbound', from: '2001', dial: '2125550123' });
  const denied = (await res.json()).data;
  expect(denied).toMatchObject({ allowed: false, deny_reason: 'external_not_allowed' });
  expect(denied.reasons.length).toBeGreaterThan(0);
  res = await api.post(`/api/v1/tenants/${slug}/call-test`, { direction: 'inbound', did: second });
  expect((await res.json()).data).toMatchObject({ allowed: true, dial_target: `PJSIP/2001@${slug}.example.com` });

  // Every change is in the audit log under the token's name.
  res = await api.get(`/api/v1/audit?tenant=${slug}&limit=200`);
  const entries = (await res.json()).data as { action: string; actor_label: string; actor_type: string }[];
  for (const action of ['tenant.create', 'tenant.update', 'extension.create', 'extension.update', 'extension.secret_change', 'did.create', 'did.delete'])
    expect(entries.find((e) => e.action === action), action).toMatchObject({ actor_label: name, actor_type: 'api' });
  res = await api.get(`/api/v1/audit?tenant=${slug}&limit=2`);
  const first = await res.json();
  const next = await (await api.get(`/api/v1/audit?tenant=${slug}&limit=2&cursor=${first.next_cursor}`)).json();
  expect(Number(next.data[0].id)).toBeLessThan(Number(first.data[1].id));

  // Delete: an extension, then the tenant (refused while it has extensions, unless confirmed).
  expect((await api.delete(`/api/v1/tenants/${slug}/extensions/2001`)).status()).toBe(204);
  expect(await sql('SELECT 1 FROM ps_contacts WHERE endpoint = $1', [`2001@${slug}.example.com`])).toEqual([]);
  expect((await api.get(`/api/v1/tenants/${slug}/extensions/2001`)).status()).toBe(404);
  res = await api.delete(`/api/v1/tenants/${slug}`);
  expect(res.status()).toBe(409);
  expect((await res.json()).errors).toEqual([expect.objectContaining({ field: 'with_extensions' })]);
  expect((await api.delete(`/api/v1/tenants/${slug}?with_extensions=true`)).status()).toBe(204);
  expect(await sql('SELECT 1 FROM ps_endpoints WHERE id LIKE $1', [`%@${slug}.example.com`])).toEqual([]);
});

test('a tenant token reaches its own tenant only, exactly as the portal does', async ({ request, db, makeTenant }) => {
  const [mine, theirs] = [await makeTenant(), await makeTenant()];
  const api = apiClient(request, await makeToken(db, { name: uniq('crm'), tenantId: mine.id, access: 'write' }));
  const platform = apiClient(request, await makeToken(db, { name: uniq('root'), access: 'write' }));
  await platform.post(`/api/v1/tenants/${theirs.slug}/extensions`, { number: '1001', display_name: 'Theirs' });
  const theirExt = (await (await platform.get(`/api/v1/tenants/${theirs.slug}/extensions/1001`)).json()).data;

  expect((await (await api.get('/api/v1/tenants')).json()).data.map((t: { slug: string }) => t.slug)).toEqual([mine.slug]);
  // Both tenants may have 1001.
  expect((await api.post(`/api/v1/tenants/${mine.slug}/extensions`, { number: '1001', display_name: 'Mine' })).status()).toBe(201);
  for (const [method, url] of [
    ['GET', `/api/v1/tenants/${theirs.slug}`],
    ['GET', `/api/v1/tenants/${theirs.id}/extensions`],
    ['GET', `/api/v1/tenants/${theirs.slug}/extensions/1001`],
    ['DELETE', `/api/v1/tenants/${theirs.slug}/extensions/1001`],
    ['GET', `/api/v1/tenants/${theirs.slug}/registrations`],
    ['GET', `/api/v1/tenants/${theirs.slug}/dids`],
    // Their extension's id under my tenant's path is not found either.
    ['GET', `/api/v1/tenants/${mine.slug}/extensions/${theirExt.id}`],
    ['PATCH', `/api/v1/tenants/${mine.slug}/extensions/${theirExt.id}`],
  ] as const) {
    const res = method === 'PATCH' ? await api.patch(url, { display_name: 'Hijacked' }) : await api.raw(method, url);
    expect(res.status(), `${method} ${url}`).toBe(404);
    expect((await res.json()).detail).toMatch(/not found/);
  }
  expect((await (await platform.get(`/api/v1/tenants/${theirs.slug}/extensions/1001`)).json()).data.display_name).toBe('Theirs');
  // Platform operations are refused outright.
  const res = await api.post('/api/v1/tenants', { slug: uniq('x'), name: 'X', sip_domain: `${uniq('x')}.example.com`, default_country: 'US' });
  expect(res.status()).toBe(403);
  expect((await api.get(`/api/v1/audit?tenant=${theirs.slug}`)).status()).toBe(404);
  const audit = (await (await api.get('/api/v1/audit?limit=200')).json()).data as { tenant_id: string }[];
  expect(audit.every((e) => e.tenant_id === mine.id)).toBe(true);
});
