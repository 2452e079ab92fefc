/** MailboxCount over AMI behind the domain's MailboxCounter interface. */
import type { MailboxCounter } from '../domain/extension/mailbox-counts.ts';
import type { AmiClient } from './ami.ts';

export function amiMailboxCounter(ami: AmiClient): MailboxCounter {
  return {
    async count(mailbox) {
      await ami.connect();
      const c = await ami.mailboxCount(mailbox);
      return { new: c.new, old: c.old };
    },
  };
}
