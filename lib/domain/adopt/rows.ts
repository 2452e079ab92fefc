/**
 * The changes Switchboard makes to the Asterisk rows of an adopted endpoint, as pure functions.
 * An adopted endpoint keeps its own ids, transport, codecs and NAT settings: it registered and
 * called before Switchboard came, and only what an extension's settings stand for is ever written.
 */
import { callerIdSetVar } from '../extension/caller-id.ts';
import { callerId, type ExtensionSip, type TenantSip } from '../sip/asterisk-rows.ts';
import { md5Credential } from '../sip/secret.ts';

/**
 * An edit of an adopted extension: its name (callerid), its outside caller ID (set_var, as every
 * extension of the tenant carries it) and, only when the edit gave or took a mailbox, `mailboxes`
 * (a box the phone had before stays named there otherwise).
 */
export function adoptedEndpointPatch(ext: ExtensionSip, mailbox: string | null | undefined) {
  return {
    callerid: callerId(ext.displayName, ext.number),
    set_var: callerIdSetVar(ext.callerIdNumber),
    ...(mailbox !== undefined ? { mailboxes: mailbox } : {}),
  };
}

/** max_contacts 0 refuses every REGISTER: that is how an inactive extension is kept off the PBX. */
export function adoptedAorPatch(ext: ExtensionSip, mailbox: string | null | undefined) {
  return { max_contacts: ext.active ? ext.maxContacts : 0, ...(mailbox !== undefined ? { mailboxes: mailbox } : {}) };
}

/**
 * `setContext`: the phone's calls enter the tenant's dialplan (and so the AGI decisions), its busy
 * lamps resolve in the tenant's hints only, and its CDRs and channels carry the tenant, as for an
 * extension Switchboard made.
 */
export function tenantContextPatch(tenant: Pick<TenantSip, 'context' | 'slug'>, callerIdNumber: string | null) {
  return {
    context: tenant.context,
    subscribe_context: tenant.context,
    accountcode: tenant.slug,
    tenantid: tenant.slug,
    set_var: callerIdSetVar(callerIdNumber),
  };
}

/**
 * `convertSecrets`: the plaintext password becomes the HA1 digest Asterisk checks the same
 * challenge response against (auth_type md5, REFERENCE.md section 8), so the phone notices nothing.
 * The realm is written too: the digest binds it, and an auth without one would be challenged with
 * the global default_realm, which Switchboard cannot see (pjsip.conf may set it).
 */
export function convertedAuth(username: string, realm: string, password: string) {
  return { auth_type: 'md5' as const, md5_cred: md5Credential(username, realm, password), password: null, realm };
}
