/**
 * New and old voicemail messages of an extension's mailbox, as Asterisk counts them. Asterisk is
 * reached through a small interface (lib/asterisk/mailbox-counter.ts adapts AMI to it), so the
 * rule "unknown when Asterisk cannot say" holds for every door and is tested without a socket.
 */
import { dbOf, type Ctx } from '../context.ts';
import { mailboxOf } from '../sip/asterisk-rows.ts';
import { findExtension } from './load.ts';

export type MailboxCounter = { count(mailbox: string): Promise<{ new: number; old: number }> };

export type MailboxCounts =
  | { mailbox: null }
  | { mailbox: string; known: true; newMessages: number; oldMessages: number }
  | { mailbox: string; known: false };

/** Tenant-scoped like every use case: another tenant's extension is "not found". */
export async function getMailboxCounts(ctx: Ctx, id: string, counter: MailboxCounter | null): Promise<MailboxCounts> {
  const ext = await findExtension(dbOf(ctx), ctx.actor, id, 'read');
  return mailboxCountsOf({ ...ext, hasVoicemail: ext.voicemailId != null }, counter);
}

/** For an extension the caller has already loaded within its reach (getExtension). */
export function mailboxCountsOf(
  ext: { number: string; hasVoicemail: boolean; voicemailBox?: string | null; tenant: { context: string } },
  counter: MailboxCounter | null,
): Promise<MailboxCounts> {
  if (!ext.hasVoicemail) return Promise.resolve({ mailbox: null });
  return countMailbox(mailboxOf(ext, ext.tenant), counter);
}

export async function countMailbox(mailbox: string, counter: MailboxCounter | null): Promise<MailboxCounts> {
  if (!counter) return { mailbox, known: false };
  try {
    const c = await counter.count(mailbox);
    return { mailbox, known: true, newMessages: c.new, oldMessages: c.old };
  } catch {
    // Asterisk down, AMI refused or slow: the page still renders, saying it does not know.
    return { mailbox, known: false };
  }
}
