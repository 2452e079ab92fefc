import type { Tx } from '../../db/client.ts';
import { dialectOf } from '../../db/dialect.ts';
import { contactIdPatterns } from '../sip/asterisk-rows.ts';

/** The Asterisk rows of one extension: one id for ours, possibly three for an adopted one. */
export type SipRowIds = { endpointId: string; authId: string; aorId: string };

/**
 * Removes the Asterisk rows of some extensions, including the registrations Asterisk keeps in
 * ps_contacts: left behind, they stay listed as registered until they expire.
 */
export async function deleteSipRows(tx: Tx, rows: SipRowIds[], voicemailIds: number[]): Promise<void> {
  if (!rows.length) return;
  const endpointIds = rows.map((r) => r.endpointId);
  const aorIds = rows.map((r) => r.aorId);
  await deleteContacts(tx, endpointIds, aorIds);
  await tx.psEndpoint.deleteMany({ where: { id: { in: endpointIds } } });
  await tx.psAuth.deleteMany({ where: { id: { in: rows.map((r) => r.authId) } } });
  await tx.psAor.deleteMany({ where: { id: { in: aorIds } } });
  if (voicemailIds.length) await tx.voicemail.deleteMany({ where: { uniqueid: { in: voicemailIds } } });
}

/** Contacts of these endpoints, and of their AORs (a contact's id starts with its AOR's id). */
export async function deleteContacts(tx: Tx, endpointIds: string[], aorIds: string[] = endpointIds): Promise<number> {
  if (!endpointIds.length && !aorIds.length) return 0;
  const patterns = [...new Set(aorIds)].flatMap(contactIdPatterns);
  const d = dialectOf(tx);
  return tx.$executeRaw`DELETE FROM ps_contacts WHERE ${d.inList('endpoint', endpointIds, 'text')} OR ${d.likeAny('id', patterns)}`;
}
