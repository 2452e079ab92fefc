/**
 * Which number an extension presents on calls that leave the PBX. ITSPs (Twilio, say) refuse or
 * rewrite a caller ID that is not an E.164 number the account owns, and an emergency service must
 * be able to call back, so the extension number is never enough: it is one of the tenant's DIDs.
 * Pure: the AGI decision, the portal's call tester and the endpoint rows all ask this one rule.
 */

export type CallerIdDid = { id: string; tenantId: string; e164: string };
export type CallerIdSource = 'extension' | 'main';
export type CallerId = { e164: string; source: CallerIdSource };

/**
 * The extension's own pick among the tenant's DIDs, else the tenant's main number, else none.
 * A DID of another tenant never counts, whatever an id says: a caller ID is a number one owns.
 */
export function chooseCallerId(
  ext: { tenantId: string; callerIdDidId?: string | null },
  tenant: { id: string; mainDidId?: string | null },
  didById: (id: string) => CallerIdDid | undefined,
): CallerId | null {
  const own = (id: string | null | undefined) => {
    const did = id ? didById(id) : undefined;
    return did && did.tenantId === tenant.id && did.tenantId === ext.tenantId ? did : undefined;
  };
  const picked = own(ext.callerIdDidId);
  if (picked) return { e164: picked.e164, source: 'extension' };
  const main = own(tenant.mainDidId);
  return main ? { e164: main.e164, source: 'main' } : null;
}

/** The channel variable the generated emergency extensions read (`Set(CALLERID(num)=...)`). */
export const CALLER_ID_VARIABLE = 'SWITCHBOARD_CLID';

const E164 = /^\+[1-9][0-9]{1,14}$/;

/**
 * ps_endpoints.set_var for a caller ID: Asterisk sets it on every channel of the endpoint, so the
 * emergency extensions, which never ask the AGI server, still know the number. Only `+` and
 * digits are ever written: realtime splits values on `;` and reads `^XX` as an escape.
 */
export function callerIdSetVar(e164: string | null | undefined): string | null {
  if (!e164) return null;
  if (!E164.test(e164)) throw new Error(`not an E.164 number: ${JSON.stringify(e164)}`);
  return `${CALLER_ID_VARIABLE}=${e164}`;
}
