import type { Tx } from '../../db/client.ts';
import { contactIdPatterns } from '../sip/asterisk-rows.ts';

/**
 * Removes the Asterisk rows of some extensions, including the registrations Asterisk keeps in
 * ps_contacts: left behind, they stay listed as registered until they expire.
 */
export async function deleteSipRows(tx: Tx, sipIds: string[], voicemailIds: number[]): Promise<void> {
  if (!sipIds.length) return;
  await deleteContacts(tx, sipIds);
  await tx.psEndpoint.deleteMany({ where: { id: { in: sipIds } } });
  await tx.psAuth.deleteMany({ where: { id: { in: sipIds } } });
  await tx.psAor.deleteMany({ where: { id: { in: sipIds } } });
  if (voicemailIds.length) await tx.voicemail.deleteMany({ where: { uniqueid: { in: voicemailIds } } });
}

export async function deleteContacts(tx: Tx, sipIds: string[]): Promise<number> {
  if (!sipIds.length) return 0;
  const patterns = sipIds.flatMap(contactIdPatterns);
  return tx.$executeRaw`
    DELETE FROM ps_contacts
     WHERE endpoint = ANY(${sipIds}::text[]) OR id LIKE ANY(${patterns}::text[])`;
}
