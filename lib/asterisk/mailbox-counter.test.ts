import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeAsterisk } from '../../test/support/fake-ami.ts';
import { countMailbox } from '../domain/extension/mailbox-counts.ts';
import { AmiClient } from './ami.ts';
import { amiMailboxCounter } from './mailbox-counter.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function asteriskWith(mailboxes: Record<string, [number, number, number]>) {
  const peer = fakeAsterisk({ mailboxes });
  await new Promise<void>((r) => peer.server.listen(0, '127.0.0.1', () => r()));
  const port = (peer.server.address() as net.AddressInfo).port;
  cleanups.push(async () => {
    for (const s of peer.sockets) s.destroy();
    await new Promise((r) => peer.server.close(r));
  });
  return { peer, port };
}

function client(port: number) {
  const ami = new AmiClient({ host: '127.0.0.1', port, username: 'switchboard', secret: 'right', timeoutMs: 1_000 });
  cleanups.push(() => ami.close());
  return ami;
}

describe('mailbox counts over AMI', () => {
  it('reads new and old messages with MailboxCount', async () => {
    const { peer, port } = await asteriskWith({ '1001@tenant-acme': [1, 2, 5] });
    const counter = amiMailboxCounter(() => client(port));
    expect(await countMailbox('1001@tenant-acme', counter)).toEqual({ mailbox: '1001@tenant-acme', known: true, newMessages: 2, oldMessages: 5 });
    expect(await countMailbox('1002@tenant-acme', counter)).toEqual({ mailbox: '1002@tenant-acme', known: true, newMessages: 0, oldMessages: 0 });
    expect(peer.actions.filter((a) => a.action === 'MailboxCount').map((a) => a.mailbox)).toEqual(['1001@tenant-acme', '1002@tenant-acme']);
    // No manager session stays behind: Asterisk pays for every connected one on every call.
    expect(peer.actions.filter((a) => a.action === 'Logoff')).toHaveLength(2);
    for (let i = 0; i < 100 && peer.sockets.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(peer.sockets.size).toBe(0);
  });

  it('is unknown when Asterisk is not reachable, or AMI is not configured', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await countMailbox('1001@tenant-acme', amiMailboxCounter(() => client(port)))).toEqual({ mailbox: '1001@tenant-acme', known: false });
    expect(await countMailbox('1001@tenant-acme', null)).toEqual({ mailbox: '1001@tenant-acme', known: false });
  });

  it('is unknown when AMI refuses the action (no reporting permission)', async () => {
    const { port } = await asteriskWith({});
    const ami = client(port);
    await ami.connect();
    // What Asterisk answers an action the AMI user may not run.
    const refusing = { count: async (box: string) => (await ami.action({ Action: 'NoSuchAction', Mailbox: box }), { new: 0, old: 0 }) };
    expect(await countMailbox('1001@tenant-acme', refusing)).toEqual({ mailbox: '1001@tenant-acme', known: false });
  });
});
