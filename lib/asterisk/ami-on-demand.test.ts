import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeAsterisk } from '../../test/support/fake-ami.ts';
import { AmiOnDemand } from './ami-on-demand.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function eventually(check: () => boolean, ms = 10_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function peerOn(port = 0) {
  const peer = fakeAsterisk();
  await new Promise<void>((r) => peer.server.listen(port, '127.0.0.1', () => r()));
  cleanups.push(async () => {
    for (const s of peer.sockets) s.destroy();
    await new Promise((r) => peer.server.close(r));
  });
  return { peer, port: (peer.server.address() as net.AddressInfo).port };
}

const options = (port: number) => ({ host: '127.0.0.1', port, username: 'switchboard', secret: 'right', timeoutMs: 500 });
const count = (peer: ReturnType<typeof fakeAsterisk>, action: string) => peer.actions.filter((a) => a.action === action).length;

describe('AMI session on demand', () => {
  it('opens no session until there is work, logs in for it, and logs off once idle', async () => {
    const { peer, port } = await peerOn();
    const ami = new AmiOnDemand(options(port), 100);
    cleanups.push(() => ami.close());
    await new Promise((r) => setTimeout(r, 200));
    expect(peer.actions).toEqual([]);
    expect(await ami.use((s) => s.command('dialplan reload'))).toEqual(['Dialplan reloaded.']);
    expect(ami.open).toBe(true);
    await eventually(() => peer.sockets.size === 0);
    expect(ami.open).toBe(false);
    expect(peer.actions.map((a) => a.action)).toEqual(['Login', 'Command', 'Logoff']);
  });

  it('lets work that arrives while the session is open share it, and closes only when all of it is done', async () => {
    const { peer, port } = await peerOn();
    const ami = new AmiOnDemand(options(port), 150);
    cleanups.push(() => ami.close());
    let release!: () => void;
    const slow = ami.use(async (s) => {
      await new Promise<void>((r) => (release = r));
      return s.command('dialplan reload');
    });
    await ami.use((s) => s.expireCachedObject('res_pjsip/auth', '1001@acme.example'));
    await new Promise((r) => setTimeout(r, 300)); // past the idle time: the slow work still holds it
    expect(peer.sockets.size).toBe(1);
    release();
    await slow;
    await ami.use((s) => s.command('dialplan reload'));
    await eventually(() => peer.sockets.size === 0);
    expect(count(peer, 'Login')).toBe(1);
    expect(count(peer, 'Logoff')).toBe(1);
  });

  it('logs in again for the next work after an idle close', async () => {
    const { peer, port } = await peerOn();
    const ami = new AmiOnDemand(options(port), 50);
    cleanups.push(() => ami.close());
    await ami.use((s) => s.command('dialplan reload'));
    await eventually(() => peer.sockets.size === 0);
    await ami.use((s) => s.command('dialplan reload'));
    await eventually(() => peer.sockets.size === 0);
    expect(peer.actions.map((a) => a.action)).toEqual(['Login', 'Command', 'Logoff', 'Login', 'Command', 'Logoff']);
  });

  it('fails the work while Asterisk is down, never retries by itself, and works once Asterisk is up', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const ami = new AmiOnDemand(options(port), 50);
    cleanups.push(() => ami.close());
    await expect(ami.use((s) => s.command('dialplan reload'))).rejects.toThrow();
    expect(ami.open).toBe(false);

    const { peer } = await peerOn(port);
    await new Promise((r) => setTimeout(r, 1_200)); // an AmiClient that retried by itself would have logged in by now
    expect(peer.actions).toEqual([]);
    expect(await ami.use((s) => s.command('dialplan reload'))).toEqual(['Dialplan reloaded.']);
    await eventually(() => peer.sockets.size === 0);
  });

  it('forgets a session Asterisk drops, without reconnecting, and opens a new one for the next work', async () => {
    const { peer, port } = await peerOn();
    const ami = new AmiOnDemand(options(port), 60_000);
    cleanups.push(() => ami.close());
    await ami.use((s) => s.command('dialplan reload'));
    for (const s of peer.sockets) s.destroy(); // Asterisk restarts
    await eventually(() => !ami.open);
    await new Promise((r) => setTimeout(r, 700));
    expect(count(peer, 'Login')).toBe(1);
    await ami.use((s) => s.command('dialplan reload'));
    expect(count(peer, 'Login')).toBe(2);
  });
});
