/**
 * The browser tests' Asterisk manager interface: the scripted peer of the integration tests,
 * listening on a loopback port that it prints, until killed. Mailbox 1001 of any tenant holds
 * 2 new and 5 old messages; mailbox 1003 is refused, as by an AMI user that may not read counts.
 */
import { fakeAsterisk } from '../../test/support/fake-ami.ts';

const { server } = fakeAsterisk({
  mailboxes: (mailbox) => (mailbox.startsWith('1001@') ? [0, 2, 5] : mailbox.startsWith('1003@') ? null : [0, 0, 0]),
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : ''}\n`);
});
