import type { Extension } from '../../generated/prisma/client.ts';

/** An extension as every door shows it: no secret, no PIN. */
export type ExtensionView = Omit<Extension, 'voicemailId' | 'searchText'> & { hasVoicemail: boolean };

export function toExtensionView(row: Omit<Extension, 'searchText'> & { searchText?: string | null }): ExtensionView {
  const { voicemailId, searchText: _search, ...rest } = row;
  return { ...rest, hasVoicemail: voicemailId !== null };
}

export const extensionAuditView = (e: ExtensionView) => ({
  number: e.number,
  displayName: e.displayName,
  email: e.email,
  allowExternal: e.allowExternal,
  active: e.active,
  maxContacts: e.maxContacts,
  hasVoicemail: e.hasVoicemail,
  adSynced: e.adSynced,
  adUsername: e.adUsername,
  directoryId: e.directoryId,
  endpointId: e.endpointId,
  callerIdDidId: e.callerIdDidId,
});
