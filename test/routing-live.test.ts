import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgiServer } from '../agi-server/src/server.ts';
import { routingHandler } from '../agi-server/src/handlers.ts';
import { asteriskEnv, playAsterisk } from '../agi-server/test/fake-asterisk.ts';
import { addDid } from '../lib/domain/did/add-did.ts';
import { setMainDid } from '../lib/domain/did/set-main-did.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { deleteExtension } from '../lib/domain/extension/delete-extension.ts';
import { updateExtension } from '../lib/domain/extension/update-extension.ts';
import { updateTenant } from '../lib/domain/tenant/update-tenant.ts';
import { LiveRoutingView } from '../lib/routing/live-view.ts';
import { makeTenant, platform, sql, useDb } from './support/fixtures.ts';

const { db, url } = useDb();
const ctx = { actor: platform, db };
let live: LiveRoutingView;
const APP = `sb-live-test-${process.pid}`;
const listeners = async () =>
  (await sql<{ n: number }>(url, 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [APP]))[0].n;
let server: AgiServer;
let port: number;

beforeAll(async () => {
  live = new LiveRoutingView(db, url, () => {}, APP);
  await live.start();
  server = new AgiServer({ handler: routingHandler(() => live.view, () => {}) });
  port = (await server.listen(0)).port;
});
afterAll(async () => {
  await server.close(100);
  await live.stop();
});

/** Asks the running AGI server until the answer matches, for at most a second. */
async function within1s(env: string, expected: Record<string, string>) {
  const started = Date.now();
  let last: Record<string, string> = {};
  while (Date.now() - started < 1_000) {
    last = (await playAsterisk(port, env)).vars;
    if (Object.entries(expected).every(([k, v]) => last[k] === v)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`not seen within 1 s: wanted ${JSON.stringify(expected)}, last answer ${JSON.stringify(last)}`);
}

const route = (caller: string, dialled: string) => asteriskEnv('route', [caller, dialled]);

describe('the running AGI server follows the database', () => {
  it('sees new, changed and deleted extensions, tenants and DIDs within a second', async () => {
    const tenant = await makeTenant(db, { outboundTrunk: 'itsp' });
    const { extension: alice } = await createExtension(ctx, tenant.id, { number: '1001', displayName: 'Alice' });
    await within1s(route(alice.endpointId, '1002'), { DENY_REASON: 'invalid_number' });

    const { extension: bob } = await createExtension(ctx, tenant.id, { number: '1002', displayName: 'Bob' });
    await within1s(route(alice.endpointId, '1002'), { IS_ALLOWED: '1', DIAL_TARGET: `PJSIP/${bob.endpointId}` });

    await updateExtension(ctx, bob.id, { active: false });
    await within1s(route(alice.endpointId, '1002'), { IS_ALLOWED: '0', DENY_REASON: 'target_inactive' });

    await updateExtension(ctx, alice.id, { allowExternal: false });
    await within1s(route(alice.endpointId, '2125550123'), { DENY_REASON: 'external_not_allowed' });

    await updateTenant(ctx, tenant.id, { status: 'suspended' });
    await within1s(route(alice.endpointId, '1002'), { DENY_REASON: 'tenant_suspended' });
    await updateTenant(ctx, tenant.id, { status: 'active' });

    const did = `+1212555${String(Math.floor(Math.random() * 9000) + 1000)}`;
    await updateExtension(ctx, bob.id, { active: true });
    await addDid(ctx, tenant.id, { number: did, extensionNumber: '1002' });
    await within1s(asteriskEnv('inbound', [did]), { IS_ALLOWED: '1', DIAL_TARGET: `PJSIP/${bob.endpointId}`, TENANT: tenant.slug });

    await deleteExtension(ctx, alice.id);
    await within1s(route(alice.endpointId, '1002'), { DENY_REASON: 'unknown_caller' });
  });

  it('follows caller-ID changes: first DID, new main number, an extension own pick', async () => {
    const changed: string[] = [];
    live.onEndpointsChanged((ids) => changed.push(...ids));
    const tenant = await makeTenant(db, { outboundTrunk: 'itsp' });
    const { extension: alice } = await createExtension(ctx, tenant.id, { number: '1001', displayName: 'Alice' });
    await within1s(route(alice.endpointId, '2125550123'), { IS_ALLOWED: '0', DENY_REASON: 'no_caller_id' });

    const n = () => `+1917${2 + Math.floor(Math.random() * 8)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const [main, sales] = [n(), n()];
    await addDid(ctx, tenant.id, { number: main });
    await within1s(route(alice.endpointId, '2125550123'), { IS_ALLOWED: '1', CALLER_ID_NUM: main });

    const salesDid = await addDid(ctx, tenant.id, { number: sales });
    changed.length = 0;
    await setMainDid(ctx, salesDid.id);
    await within1s(route(alice.endpointId, '2125550123'), { IS_ALLOWED: '1', CALLER_ID_NUM: sales });
    // set_var changed under the endpoint: a sorcery cache in front of realtime must drop it.
    expect(changed).toContain(alice.endpointId);

    await updateExtension(ctx, alice.id, { callerId: main });
    await within1s(route(alice.endpointId, '2125550123'), { IS_ALLOWED: '1', CALLER_ID_NUM: main });
  });

  it('keeps answering from the last view when the database connection is lost, and catches up after', async () => {
    const tenant = await makeTenant(db, { outboundTrunk: 'itsp' });
    const { extension: a } = await createExtension(ctx, tenant.id, { number: '1001', displayName: 'A' });
    const { extension: b } = await createExtension(ctx, tenant.id, { number: '1002', displayName: 'B' });
    await within1s(route(a.endpointId, '1002'), { IS_ALLOWED: '1' });

    await sql(url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [APP]);
    await new Promise((r) => setTimeout(r, 50));
    expect(live.status().listening).toBe(false);
    expect((await playAsterisk(port, route(a.endpointId, '1002'))).vars).toMatchObject({ IS_ALLOWED: '1', DIAL_TARGET: `PJSIP/${b.endpointId}` });

    // Made while nobody listened: only the reload on reconnect can bring it in.
    const { extension: c } = await createExtension(ctx, tenant.id, { number: '1003', displayName: 'C' });
    const started = Date.now();
    while (Date.now() - started < 5_000 && (await playAsterisk(port, route(a.endpointId, '1003'))).vars.IS_ALLOWED !== '1')
      await new Promise((r) => setTimeout(r, 50));
    expect((await playAsterisk(port, route(a.endpointId, '1003'))).vars.DIAL_TARGET).toBe(`PJSIP/${c.endpointId}`);
    expect(live.status().listening).toBe(true);

    // Lost twice more: still exactly one listening connection, not one per retry.
    for (let i = 0; i < 2; i++) {
      await sql(url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [APP]);
      const t = Date.now();
      while (Date.now() - t < 5_000 && !(live.status().listening && (await listeners()) === 1)) await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await listeners()).toBe(1);
  });
});
