import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { AmiOnDemand } from '../lib/asterisk/ami-on-demand.ts';
import { DialplanSync } from '../lib/asterisk/dialplan-sync.ts';
import { expireCachedEndpoints } from '../lib/asterisk/sorcery-cache.ts';
import { changeSipSecret } from '../lib/domain/extension/change-secret.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { updateExtension } from '../lib/domain/extension/update-extension.ts';
import { deleteTenant } from '../lib/domain/tenant/delete-tenant.ts';
import { updateTenant } from '../lib/domain/tenant/update-tenant.ts';
import { LiveRoutingView } from '../lib/routing/live-view.ts';
import { fakeAsterisk } from './support/fake-ami.ts';
import { makeTenant, platform, useDb } from './support/fixtures.ts';

const { db, url } = useDb();
const stops: (() => Promise<unknown> | void)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

// A bound for liveness, not a speed target: the machine may be busy with other work.
async function eventually(check: () => boolean | Promise<boolean>, ms = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

it('writes a tenant file on create, change and delete, and reloads Asterisk, retrying while it is down', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'sb-asterisk-'));
  // Reserve a port, then leave it closed: Asterisk is "down" at first.
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((r) => probe.close(r));

  const ami = new AmiOnDemand({ host: '127.0.0.1', port, username: 'switchboard', secret: 'right', timeoutMs: 500 }, 300);
  const logs: string[] = [];
  const sync = new DialplanSync(db, dir, ami, (_l, msg) => logs.push(msg));
  const live = new LiveRoutingView(db, url);
  live.onTenantsChanged((c) => void sync.changed(c));
  await live.start();
  stops.push(() => live.stop(), () => sync.stop(), () => ami.close());

  const tenant = await makeTenant(db, { outboundTrunk: 'itsp' });
  const file = path.join(dir, 'tenant_contexts', `${tenant.slug}.conf`);
  await eventually(() => existsSync(file));
  expect(await readFile(file, 'utf8')).toContain(`[${tenant.context}]`);
  await eventually(() => logs.includes('Asterisk dialplan reload failed; will retry'));
  expect(sync.pending).toBe(true);

  // Asterisk comes up on that port: the owed reload arrives without anything else changing.
  const peer = fakeAsterisk();
  await new Promise<void>((r) => peer.server.listen(port, '127.0.0.1', () => r()));
  stops.push(async () => {
    for (const s of peer.sockets) s.destroy();
    await new Promise((r) => peer.server.close(r));
  });
  await eventually(() => peer.actions.some((a) => a.action === 'Command' && a.command === 'dialplan reload'), 15_000);
  expect(sync.pending).toBe(false);
  // The reload done, the manager session logs off: none stays open to Asterisk.
  await eventually(() => peer.sockets.size === 0 && !ami.open);
  expect(peer.actions.at(-1)).toMatchObject({ action: 'Logoff' });

  const reloads = () => peer.actions.filter((a) => a.command === 'dialplan reload').length;
  const before = reloads();
  await updateTenant({ actor: platform, db }, tenant.id, { outboundTrunk: 'other-trunk' });
  await eventually(async () => (await readFile(file, 'utf8')).includes('@other-trunk'));
  await deleteTenant({ actor: platform, db }, tenant.id);
  await eventually(() => !existsSync(file));
  // Changes close together share one reload, on a session opened for it and closed after.
  await eventually(() => reloads() > before);
  await eventually(() => peer.sockets.size === 0);
  const logins = peer.actions.filter((a) => a.action === 'Login').length;
  expect(peer.actions.filter((a) => a.action === 'Logoff').length).toBe(logins);
});

it('expires changed endpoints, auths and aors from a sorcery cache, old and new ids alike', async () => {
  const peer = fakeAsterisk();
  await new Promise<void>((r) => peer.server.listen(0, '127.0.0.1', () => r()));
  const ami = new AmiOnDemand({ host: '127.0.0.1', port: (peer.server.address() as net.AddressInfo).port, username: 'switchboard', secret: 'right' }, 300);
  const live = new LiveRoutingView(db, url);
  live.onEndpointsChanged((ids) => void ami.use((session) => expireCachedEndpoints(session, ids, () => {})));
  await live.start();
  stops.push(async () => {
    await live.stop();
    await ami.close();
    for (const s of peer.sockets) s.destroy();
    await new Promise((r) => peer.server.close(r));
  });
  const tenant = await makeTenant(db);
  const { extension } = await createExtension({ actor: platform, db }, tenant.id, { number: '1001', displayName: 'A' });
  await changeSipSecret({ actor: platform, db }, extension.id);
  const expired = () => peer.actions.filter((a) => a.action === 'SorceryMemoryCacheExpireObject').map((a) => `${a.cache} ${a.object}`);
  await eventually(() => expired().includes(`res_pjsip/auth ${extension.authId}`));
  await updateExtension({ actor: platform, db }, extension.id, { number: '1009' });
  await eventually(() => expired().includes(`res_pjsip/endpoint 1001@${tenant.sipDomain}`) && expired().includes(`res_pjsip/aor 1009@${tenant.sipDomain}`));
  await eventually(() => peer.sockets.size === 0 && !ami.open);
});
