/**
 * The Asterisk rows of one extension, as pure functions of the tenant and the extension. These
 * are the values a real Asterisk 22 was seen to accept (shared/asterisk/REFERENCE.md section 8).
 */
import { callerIdSetVar } from '../extension/caller-id.ts';
import { md5Credential, sha256Digest } from './secret.ts';

export type TenantSip = {
  slug: string;
  sipDomain: string;
  context: string;
  transport: string | null;
  codecs: string;
  secretStorage: SecretStorage;
};

export type ExtensionSip = {
  number: string;
  displayName: string;
  email: string | null;
  maxContacts: number;
  active: boolean;
  hasVoicemail: boolean;
  /** E.164 number outside and emergency calls present (extension/caller-id.ts); null: none. */
  callerIdNumber: string | null;
  /** An adopted mailbox in its own context (mailboxOf); absent: `<number>@<tenant context>`. */
  voicemailBox?: string | null;
};

/** Ids of the form `1001@acme.example`: two tenants can both own 1001 on one Asterisk. */
export const sipId = (number: string, domain: string) => `${number}@${domain}`;

export const mailboxFor = (number: string, tenant: Pick<TenantSip, 'context'>) => `${number}@${tenant.context}`;

/** An extension's mailbox as Asterisk names it: an adopted box keeps its own context (migration 0009). */
export const mailboxOf = (ext: { number: string; voicemailBox?: string | null }, tenant: Pick<TenantSip, 'context'>) =>
  ext.voicemailBox ?? mailboxFor(ext.number, tenant);

/**
 * Whether an extension's Asterisk rows are the ones Switchboard writes: one id `<number>@<domain>`
 * for endpoint, auth and aor. Endpoints adopted from an existing PBX keep their own ids (`1001`,
 * `acme-1001`, an auth of another name), and their rows are only ever patched, never rewritten.
 */
export const hasOwnSipShape = (ext: { number: string; endpointId: string; authId: string; aorId: string }, sipDomain: string) =>
  ext.endpointId === sipId(ext.number, sipDomain) && ext.authId === ext.endpointId && ext.aorId === ext.endpointId;

const CALLERID_MAX = 40; // ps_endpoints.callerid

/**
 * Characters a caller ID name never needs: what breaks Asterisk's `"name" <number>` parsing or its
 * realtime value encoding (`;`, `^`), and control, format (bidirectional overrides, zero-width
 * characters), surrogate and private-use code points, which would make a name display as
 * something other than what it says.
 */
const NOT_IN_CALLER_ID = /["\\<>;^]|[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The longest start of `text` within `max` code points (the unit of VARCHAR(n) in PostgreSQL and
 * MySQL) that ends on a whole character as people see it: an emoji is kept or dropped, never cut.
 */
export function fitCodePoints(text: string, max: number): string {
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = [...segment].length;
    if (used + size > max) break;
    out += segment;
    used += size;
  }
  return out;
}

/** `"Name" <1001>` within 40 characters; characters that would break Asterisk's parsing are dropped. */
export function callerId(name: string, number: string): string {
  const room = CALLERID_MAX - number.length - 5; // two quotes, space, angle brackets
  const clean = fitCodePoints(name.replace(NOT_IN_CALLER_ID, '').replace(/\s+/g, ' ').trim(), Math.max(room, 0)).trim();
  return clean ? `"${clean}" <${number}>` : `<${number}>`;
}

export function endpointRow(tenant: TenantSip, ext: ExtensionSip) {
  const id = sipId(ext.number, tenant.sipDomain);
  return {
    id,
    transport: tenant.transport,
    aors: id,
    auth: id,
    context: tenant.context,
    // Realtime drops `disallow` on read; `allow` must be the complete list.
    disallow: 'all',
    allow: tenant.codecs,
    direct_media: 'no' as const,
    identify_by: 'username',
    callerid: callerId(ext.displayName, ext.number),
    from_domain: tenant.sipDomain,
    rtp_symmetric: 'yes' as const,
    force_rport: 'yes' as const,
    rewrite_contact: 'yes' as const,
    dtmf_mode: 'rfc4733' as const,
    mailboxes: ext.hasVoicemail ? mailboxOf(ext, tenant) : null,
    // BLF subscriptions resolve hints in the tenant's own context only.
    allow_subscribe: 'yes' as const,
    subscribe_context: tenant.context,
    device_state_busy_at: 1,
    tenantid: tenant.slug,
    accountcode: tenant.slug,
    // Emergency extensions never ask the AGI server, so they read the caller ID from the channel.
    set_var: callerIdSetVar(ext.callerIdNumber),
  };
}

export const QUALIFY_FREQUENCY_SECONDS = 15;

export function aorRow(tenant: TenantSip, ext: ExtensionSip) {
  return {
    id: sipId(ext.number, tenant.sipDomain),
    // 0 refuses every REGISTER with 403: that is how an inactive extension is kept off the PBX.
    max_contacts: ext.active ? ext.maxContacts : 0,
    remove_existing: 'yes' as const,
    // A phone that re-registers from the same address updates its contact, and Asterisk keeps
    // the contact's last qualify result until the next OPTIONS (res_pjsip/pjsip_options.c
    // qualifies at once only new contacts): after a network outage calls fail for up to one
    // qualify_frequency. 15 s bounds that window and also keeps typical UDP NAT bindings (30 s or
    // more) open, while a dead phone is seen within 18 s and its calls go straight to voicemail.
    // The cost is one OPTIONS per phone every 15 s (about 670/s for 10,000 phones).
    // 0 (never qualify) would make a re-registered phone reachable at once, but busy lamps and
    // voicemail would then treat a vanished phone as available and ring it until the timeout.
    qualify_frequency: QUALIFY_FREQUENCY_SECONDS,
    qualify_timeout: 3,
    mailboxes: ext.hasVoicemail ? mailboxOf(ext, tenant) : null,
  };
}

export type SecretStorage = 'md5' | 'md5_sha256' | 'md5_then_sha256' | 'plaintext';

/**
 * ps_auths.supported_algorithms_uas: the challenges Asterisk sends, in this order. SHA-256 first is
 * the stronger default; MD5 first serves phones that answer only the first challenge and know only
 * MD5 (seen with SIPp 3.6.1), while SHA-256 capable phones may still pick the second.
 */
export const challengeOrder = (storage: SecretStorage): string | null =>
  storage === 'md5_sha256' ? 'SHA-256,MD5' : storage === 'md5_then_sha256' ? 'MD5,SHA-256' : null;

/** Two storages with the same stored digests: switching between them only reorders the challenges. */
export const sameDigests = (a: SecretStorage, b: SecretStorage) =>
  a === b || ([a, b].every((s) => s === 'md5_sha256' || s === 'md5_then_sha256'));

/**
 * `identity`: an adopted auth keeps its id, the user name its phone is configured with and the
 * realm Asterisk challenges with (the digests hash both).
 */
export function authRow(tenant: TenantSip, number: string, secret: string, identity?: { id: string; username: string; realm: string }) {
  const base = identity ?? { id: sipId(number, tenant.sipDomain), username: number, realm: tenant.sipDomain };
  const [user, realm] = [base.username, base.realm];
  switch (tenant.secretStorage) {
    case 'plaintext':
      return {
        ...base,
        auth_type: 'userpass' as const,
        password: secret,
        md5_cred: null,
        password_digest: null,
        supported_algorithms_uas: null,
      };
    case 'md5_sha256':
    case 'md5_then_sha256':
      return {
        ...base,
        auth_type: 'md5' as const,
        password: null,
        md5_cred: md5Credential(user, realm, secret),
        password_digest: sha256Digest(user, realm, secret),
        supported_algorithms_uas: challengeOrder(tenant.secretStorage),
      };
    default:
      return {
        ...base,
        auth_type: 'md5' as const,
        password: null,
        md5_cred: md5Credential(user, realm, secret),
        password_digest: null,
        supported_algorithms_uas: null,
      };
  }
}

const VOICEMAIL_EMAIL_MAX = 80; // voicemail.email is VARCHAR(80)

export function voicemailRow(tenant: TenantSip, ext: Pick<ExtensionSip, 'number' | 'displayName' | 'email'>, pin: string) {
  // Realtime splits values on ";" and reads "^XX" as an escape.
  const fullname = ext.displayName.replace(/[;^\r\n]/g, ' ').replace(/\s+/g, ' ').trim();
  // A longer address cannot be stored for Asterisk; the mailbox then works without e-mail.
  const email = ext.email && ext.email.length <= VOICEMAIL_EMAIL_MAX ? ext.email : null;
  return {
    context: tenant.context,
    mailbox: ext.number,
    password: pin,
    fullname,
    email,
    attach: email ? ('yes' as const) : ('no' as const),
  };
}

/** ps_contacts ids Asterisk writes for an AOR: `<aor>;@<hash>`, stored as `<aor>^3B@<hash>` by some drivers. */
export function contactIdPatterns(aorId: string): string[] {
  const esc = aorId.replace(/[\\%_]/g, (c) => `\\${c}`);
  return [`${esc};@%`, `${esc}^3B@%`, `${esc}@@%`];
}
