import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { fakeAsterisk } from '../../test/support/fake-ami.ts';
import { AmiClient } from './ami.ts';
import { AmiRegistrations } from './ami-registrations.ts';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
};

it('follows registrations from AMI: the contact list at connect, then ContactStatus events', async () => {
  const peer = fakeAsterisk();
  await new Promise<void>((r) => peer.server.listen(0, '127.0.0.1', () => r()));
  const ami = new AmiClient({ host: '127.0.0.1', port: (peer.server.address() as net.AddressInfo).port, username: 'switchboard', secret: 'right', events: 'system,call' });
  const regs = new AmiRegistrations(ami);
  cleanup = async () => {
    await ami.close();
    for (const s of peer.sockets) s.destroy();
    await new Promise((r) => peer.server.close(r));
  };
  await ami.connect();
  await until(() => regs.registrationsFor(['1001@acme.example']).size === 1);
  expect(regs.registrationsFor(['1001@acme.example']).get('1001@acme.example')![0]).toMatchObject({ uri: 'sip:1001@198.51.100.7:5060', status: 'Reachable' });

  const send = (text: string) => peer.sockets.forEach((s) => s.write(text));
  send('Event: DeviceStateChange\r\nDevice: PJSIP/1001@acme.example\r\nState: INUSE\r\n\r\n');
  await until(() => regs.registrationsFor(['1001@acme.example']).get('1001@acme.example')?.[0].deviceState === 'INUSE');
  send('Event: ContactStatus\r\nURI: sip:1001@198.51.100.7:5060\r\nContactStatus: Removed\r\nAOR: 1001@acme.example\r\nEndpointName: 1001@acme.example\r\n\r\n');
  await until(() => regs.registrationsFor(['1001@acme.example']).size === 0);
});

it('tells the registration history of each phone that appears or goes, with what the contact list says of it', async () => {
  const peer = fakeAsterisk();
  await new Promise<void>((r) => peer.server.listen(0, '127.0.0.1', () => r()));
  const ami = new AmiClient({ host: '127.0.0.1', port: (peer.server.address() as net.AddressInfo).port, username: 'switchboard', secret: 'right', events: 'system,call' });
  const changes: { endpoint: string; change: string; address: string | null }[] = [];
  const regs = new AmiRegistrations(ami, (c) => changes.push({ endpoint: c.endpoint, change: c.change, address: c.address }));
  cleanup = async () => {
    await ami.close();
    for (const s of peer.sockets) s.destroy();
    await new Promise((r) => peer.server.close(r));
  };
  await ami.connect();
  await until(() => regs.registrationsFor(['1001@acme.example']).size === 1);
  const send = (text: string) => peer.sockets.forEach((s) => s.write(text));
  send('Event: ContactStatus\r\nURI: sip:1003@198.51.100.11:5060\r\nContactStatus: Reachable\r\nAOR: 1003@acme.example\r\nEndpointName: 1003@acme.example\r\n\r\n');
  await until(() => changes.some((c) => c.endpoint === '1003@acme.example' && c.change === 'registered'));
  send('Event: ContactStatus\r\nURI: sip:1001@198.51.100.7:5060\r\nContactStatus: Removed\r\nAOR: 1001@acme.example\r\nEndpointName: 1001@acme.example\r\n\r\n');
  await until(() => changes.some((c) => c.endpoint === '1001@acme.example' && c.change === 'removed'));
  expect(changes.find((c) => c.endpoint === '1001@acme.example')).toEqual({ endpoint: '1001@acme.example', change: 'removed', address: '198.51.100.7' });
});
