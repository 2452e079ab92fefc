/** MailboxCount over AMI behind the domain's MailboxCounter interface. */
import type { MailboxCounter } from '../domain/extension/mailbox-counts.ts';
import type { AmiClient } from './ami.ts';

/**
 * A manager session per count, logged off at once. While any AMI session is connected, Asterisk
 * builds manager events for every channel of every call, even for a session with `Events: off`
 * (measured: about 0.65 ms of Asterisk's CPU per call): an admin opening an extension page must
 * not leave one standing behind.
 */
export function amiMailboxCounter(session: () => AmiClient): MailboxCounter {
  return {
    async count(mailbox) {
      const ami = session();
      try {
        await ami.connect();
        const c = await ami.mailboxCount(mailbox);
        return { new: c.new, old: c.old };
      } finally {
        await ami.close();
      }
    },
  };
}
