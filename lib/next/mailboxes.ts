import 'server-only';
import { AmiClient } from '../asterisk/ami.ts';
import { amiOptionsFromEnv } from '../asterisk/ami-config.ts';
import { amiMailboxCounter } from '../asterisk/mailbox-counter.ts';
import type { MailboxCounter } from '../domain/extension/mailbox-counts.ts';

const holder = globalThis as unknown as { switchboardMailboxCounter?: MailboxCounter | null };

/**
 * The portal's mailbox counts over AMI (AMI_HOST, AMI_USERNAME, AMI_SECRET), a short session per
 * count; null when AMI is not configured. A short timeout keeps a page from waiting on an
 * Asterisk that does not answer: its counts then show as unknown.
 */
export function mailboxCounter(): MailboxCounter | null {
  if (holder.switchboardMailboxCounter === undefined) {
    const options = amiOptionsFromEnv();
    holder.switchboardMailboxCounter = options ? amiMailboxCounter(() => new AmiClient({ ...options, events: 'off', timeoutMs: 1_500 })) : null;
  }
  return holder.switchboardMailboxCounter;
}
