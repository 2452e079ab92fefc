/** The call history over the API: a tenant token reads its own calls, filtered, and no one else's. */
import { createExtension } from '../../lib/domain/extension/create-extension';
import { systemActor } from '../../lib/domain/actor';
import { apiClient, makeToken } from '../support/api';
import { expect, sql, test, uniq } from '../support/fixtures';

test('a tenant token lists its calls with filters and pages; another tenant\'s calls are not found', async ({ request, db, makeTenant }) => {
  const acme = await makeTenant();
  const beta = await makeTenant();
  await createExtension({ actor: systemActor('e2e-setup', 'cli'), db }, acme.id, { number: '1001', displayName: 'Acme 1001' });
  const id = uniq('');
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 9, minutes)).toISOString().slice(0, 19).replace('T', ' ');
  for (let i = 0; i < 3; i++)
    await sql(
      `INSERT INTO cdr (accountcode, src, dst, dcontext, channel, lastapp, start, "end", duration, billsec, disposition, userfield, uniqueid, linkedid, sequence)
       VALUES ($1, '1001', $2, $3, $4, 'Dial', $5, $5, 0, 0, $6, $7, $8, $8, $9)`,
      [acme.slug, `212555010${i}`, acme.context, `PJSIP/1001@${acme.sipDomain}-0000000${i}`, at(i), i === 2 ? 'NO ANSWER' : 'ANSWERED', i === 2 ? 'sb:dialled:external_not_allowed' : 'sb:external:ok', `${id}.${i}`, i],
    );
  const api = apiClient(request, await makeToken(db, { name: uniq('crm'), tenantId: acme.id, access: 'read' }));

  let res = await api.get(`/api/v1/tenants/${acme.slug}/calls?from=2026-11-20T00:00:00Z&limit=2`);
  expect(res.status()).toBe(200);
  const first = await res.json();
  expect(first.data.map((c: { callee: string }) => c.callee)).toEqual(['2125550102', '2125550101']);
  expect(first.data[0]).toMatchObject({ direction: 'outbound', outcome: 'refused', reason: 'external_not_allowed', caller_extension: '1001', started_at: '2026-11-20T09:02:00.000Z' });
  res = await api.get(`/api/v1/tenants/${acme.slug}/calls?from=2026-11-20T00:00:00Z&limit=2&cursor=${first.next_cursor}`);
  expect((await res.json()).data.map((c: { callee: string }) => c.callee)).toEqual(['2125550100']);
  res = await api.get(`/api/v1/tenants/${acme.slug}/calls?outcome=answered&extension=1001`);
  expect((await res.json()).data).toHaveLength(2);

  expect((await api.get(`/api/v1/tenants/${beta.slug}/calls`)).status()).toBe(404);
  res = await api.get(`/api/v1/tenants/${acme.slug}/calls?outcome=lost`);
  expect(res.status()).toBe(422);
  expect((await res.json()).errors[0]).toMatchObject({ field: 'outcome' });
});
