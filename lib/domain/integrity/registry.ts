/**
 * Every check `db verify` runs, in the order it runs them: the database itself first, then our
 * records against Asterisk's rows. Orphaned rows go before stale contacts so that registrations
 * of the endpoints just removed are counted there, not twice.
 */
import { asteriskSchema } from './checks/asterisk-schema.ts';
import { callerId } from './checks/caller-id.ts';
import { connection } from './checks/connection.ts';
import { endpointContext } from './checks/endpoint-context.ts';
import { maxContacts } from './checks/max-contacts.ts';
import { migrations } from './checks/migrations.ts';
import { missingMailbox } from './checks/missing-mailbox.ts';
import { missingSipRows } from './checks/missing-sip-rows.ts';
import { orphanSipRows } from './checks/orphan-sip-rows.ts';
import { realmMismatch } from './checks/realm-mismatch.ts';
import { staleContacts } from './checks/stale-contacts.ts';
import { unownedInContext } from './checks/unowned-in-context.ts';
import type { IntegrityCheck } from './types.ts';

export const CHECKS: readonly IntegrityCheck[] = [
  connection,
  migrations,
  asteriskSchema,
  missingSipRows,
  missingMailbox,
  orphanSipRows,
  unownedInContext,
  staleContacts,
  realmMismatch,
  endpointContext,
  maxContacts,
  callerId,
];
