import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeAsterisk } from '../../test/support/fake-ami.ts';
import { AmiClient } from './ami.ts';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function start(secret = 'right') {
  const peer = fakeAsterisk();
  await new Promise<void>((r) => peer.server.listen(0, '127.0.0.1', () => r()));
  const port = (peer.server.address() as net.AddressInfo).port;
  const ami = new AmiClient({ host: '127.0.0.1', port, username: 'switchboard', secret, timeoutMs: 1_000 });
  cleanup = async () => {
    await ami.close();
    for (const s of peer.sockets) s.destroy();
    await new Promise((r) => peer.server.close(r));
  };
  return { ami, peer };
}

describe('AMI client', () => {
  it('logs in, runs a CLI command and reloads a module', async () => {
    const { ami, peer } = await start();
    await ami.connect();
    expect(peer.actions[0]).toMatchObject({ action: 'Login', username: 'switchboard', events: 'off' });
    expect(await ami.command('dialplan reload')).toEqual(['Dialplan reloaded.']);
    expect(await ami.reload('res_pjsip.so')).toBe('Module Reloaded');
    await expect(ami.reload('nope.so')).rejects.toThrow('No such module');
  });

  it('refuses a wrong secret with the server message', async () => {
    const { ami } = await start('wrong');
    await expect(ami.connect()).rejects.toThrow('Authentication failed');
  });

  it('collects a list response and passes interleaved events to listeners', async () => {
    const { ami } = await start();
    await ami.connect();
    const events: string[] = [];
    ami.on('ContactStatus', (e) => events.push(`${e.endpointname} ${e.contactstatus}`));
    const contacts = await ami.pjsipShowContacts();
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ endpoint: '1001@acme.example', uri: 'sip:1001@198.51.100.7:5060', status: 'Reachable' });
    expect(events).toEqual(['1002@acme.example Reachable']);
  });

  it('reconnects and logs in again after the connection drops', async () => {
    const { ami, peer } = await start();
    await ami.connect();
    const back = new Promise((r) => ami.once('connected', r));
    for (const s of peer.sockets) s.destroy();
    await back;
    expect(peer.actions.filter((a) => a.action === 'Login')).toHaveLength(2);
    expect(await ami.command('dialplan reload')).toEqual(['Dialplan reloaded.']);
  });
});
