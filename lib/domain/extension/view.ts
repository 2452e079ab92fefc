import type { Extension } from '../../generated/prisma/client.ts';

/** An extension as every door shows it: no secret, no PIN. */
export type ExtensionView = Omit<Extension, 'voicemailId' | 'voicemailBox' | 'searchText' | 'pendingSecretSealed'> & { hasVoicemail: boolean };

type ExtensionRow = Omit<Extension, 'searchText' | 'pendingSecretSealed' | 'voicemailBox'> & {
  searchText?: string | null;
  pendingSecretSealed?: string | null;
  voicemailBox?: string | null;
};

export function toExtensionView(row: ExtensionRow): ExtensionView {
  const { voicemailId, voicemailBox: _box, searchText: _search, pendingSecretSealed: _pending, ...rest } = row;
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
