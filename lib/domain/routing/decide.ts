/**
 * The call decision: one pure function over an in-memory view, shared by the AGI server and the
 * portal's call-policy tester. It never queries anything, so it answers in microseconds.
 */
import lib from 'google-libphonenumber';
import { chooseCallerId } from '../extension/caller-id.ts';
import { isEmergencyNumber } from '../phone/emergency.ts';
import type { RoutingExtension, RoutingTenant, RoutingView } from './view.ts';

const util = lib.PhoneNumberUtil.getInstance();

export type TargetType = 'INTERNAL' | 'EXTERNAL' | 'EMERGENCY' | 'DENIED';
/** Stable codes: dialplans, logs and reports match on them. */
export type DenyReason =
  | 'unavailable'
  | 'unknown_caller'
  | 'caller_inactive'
  | 'tenant_suspended'
  | 'target_inactive'
  | 'external_not_allowed'
  | 'premium_not_allowed'
  | 'invalid_number'
  | 'no_trunk'
  | 'no_caller_id'
  | 'unknown_did'
  | 'did_unassigned'
  | 'unknown_request';

export type Decision = {
  allowed: boolean;
  type: TargetType;
  /** Ready for Dial(): PJSIP/<endpoint> or PJSIP/<e164>@<trunk>. */
  dialTarget: string;
  e164: string;
  /** E.164 number presented on a call that leaves through the trunk; '' keeps the extension number. */
  callerId: string;
  /** INTERNAL calls: the callee's mailbox (`<number>@<context>`) for no answer or busy; absent or '' for none. */
  mailbox?: string;
  denyReason: DenyReason | '';
  tenant: string;
  reasons: string[];
};

export const deny = (reason: DenyReason, tenant: string, reasons: string[]): Decision => ({
  allowed: false,
  type: 'DENIED',
  dialTarget: '',
  e164: '',
  callerId: '',
  denyReason: reason,
  tenant,
  reasons,
});

/** Digits a person dialled, without the formatting phones and people add. */
export const cleanDialled = (s: string) => s.replace(/[ \-().]/g, '');

/** What a dialled number may be made of: digits, one leading +, and the * and # of feature codes. */
export const DIALLED_SHAPE = /^\+?[0-9*#]{1,40}$/;

/** Where emergency calls go while the view is not loaded yet (AGI_FALLBACK_COUNTRY/_TRUNK). */
export type ColdFallback = { country: string; trunk: string } | null;

export function decideOutbound(view: RoutingView | null, callerEndpoint: string, dialledRaw: string, cold: ColdFallback = null): Decision {
  const dialled = cleanDialled(dialledRaw);
  // The dialled number is whatever the caller put in the request URI (newlines included).
  const wellFormed = DIALLED_SHAPE.test(dialled);
  if (!view) {
    // A cold server knows nobody, so it refuses everything but emergency numbers (which the
    // dialplan also routes by itself before asking).
    if (cold && wellFormed && isEmergencyNumber(dialled, cold.country))
      return { allowed: true, type: 'EMERGENCY', dialTarget: `PJSIP/${dialled}@${cold.trunk}`, e164: dialled, callerId: '', denyReason: '', tenant: '', reasons: ['routing data not loaded; emergency number passed'] };
    return deny('unavailable', '', ['routing data not loaded yet']);
  }
  const caller = view.extensionByEndpoint(callerEndpoint);
  if (!caller) return deny('unknown_caller', '', [`no extension has endpoint ${callerEndpoint}`]);
  const tenant = view.tenants.get(caller.tenantId);
  if (!tenant) return deny('unknown_caller', '', [`tenant of ${callerEndpoint} is unknown`]);
  const reasons = [`caller ${caller.number} of tenant ${tenant.slug}`];
  if (!caller.active) return deny('caller_inactive', tenant.slug, [...reasons, 'caller is inactive']);
  if (!wellFormed) return deny('invalid_number', tenant.slug, [...reasons, 'the dialled number has characters a number cannot have']);

  if (isEmergencyNumber(dialled, tenant.country)) {
    reasons.push(`${dialled} is an emergency number in ${tenant.country}`);
    if (!tenant.trunk) return deny('no_trunk', tenant.slug, [...reasons, 'tenant has no outbound trunk']);
    // An emergency call goes out even without a DID: the service then sees the extension number.
    const callerId = callerIdOf(view, caller, tenant);
    reasons.push(callerId ? `caller ID ${callerId}` : 'tenant has no DID: the extension number is sent as caller ID');
    return { allowed: true, type: 'EMERGENCY', dialTarget: `PJSIP/${dialled}@${tenant.trunk}`, e164: dialled, callerId, denyReason: '', tenant: tenant.slug, reasons };
  }
  if (!tenant.active) return deny('tenant_suspended', tenant.slug, [...reasons, 'tenant is suspended']);

  if (/^[0-9]+$/.test(dialled)) {
    const target = view.extensionByNumber(tenant.id, dialled);
    if (target) {
      if (!target.active) return deny('target_inactive', tenant.slug, [...reasons, `extension ${dialled} is inactive`]);
      return {
        allowed: true,
        type: 'INTERNAL',
        dialTarget: `PJSIP/${target.endpointId}`,
        e164: '',
        callerId: '',
        mailbox: mailboxOf(target, tenant),
        denyReason: '',
        tenant: tenant.slug,
        reasons: [...reasons, `${dialled} is an extension of ${tenant.slug}`],
      };
    }
  }

  let number: lib.PhoneNumber | null = null;
  try {
    number = /^\+?[0-9]{3,20}$/.test(dialled) ? util.parse(dialled, tenant.country) : null;
  } catch {
    number = null;
  }
  if (!number || !util.isValidNumber(number))
    return deny('invalid_number', tenant.slug, [...reasons, `${dialled || '(nothing)'} is neither an extension nor a valid number in ${tenant.country}`]);
  const e164 = util.format(number, lib.PhoneNumberFormat.E164);
  reasons.push(`${dialled} is ${e164}`);
  if (!caller.allowExternal) return deny('external_not_allowed', tenant.slug, [...reasons, 'caller may not call out']);
  if (util.getNumberType(number) === lib.PhoneNumberType.PREMIUM_RATE && !tenant.allowPremium)
    return deny('premium_not_allowed', tenant.slug, [...reasons, 'premium-rate numbers are not allowed for this tenant']);
  if (!tenant.trunk) return deny('no_trunk', tenant.slug, [...reasons, 'tenant has no outbound trunk']);
  // ITSPs refuse or rewrite a caller ID the account does not own: never send the extension number.
  const callerId = callerIdOf(view, caller, tenant);
  if (!callerId) return deny('no_caller_id', tenant.slug, [...reasons, 'tenant has no DID to present as caller ID']);
  reasons.push(`caller ID ${callerId}`);
  return { allowed: true, type: 'EXTERNAL', dialTarget: `PJSIP/${e164}@${tenant.trunk}`, e164, callerId, denyReason: '', tenant: tenant.slug, reasons };
}

function callerIdOf(view: RoutingView, caller: RoutingExtension, tenant: RoutingTenant): string {
  const chosen = chooseCallerId(caller, tenant, (id) => {
    const did = view.didById(id);
    return did && { id, tenantId: did.tenantId, e164: did.e164 };
  });
  return chosen?.e164 ?? '';
}

const mailboxOf = (x: RoutingExtension, t: RoutingTenant) =>
  x.voicemailId == null ? '' : x.voicemailBox ? x.voicemailBox : t.context ? `${x.number}@${t.context}` : '';

/** The E.164 forms a DID may stand for, as trunks deliver it (+49..., 49..., 0049..., 030...). */
export function didCandidates(raw: string, countries: Iterable<string>): string[] {
  const s = cleanDialled(raw).replace(/^sip:/, '').split('@')[0];
  const out = new Set<string>();
  if (/^\+[1-9][0-9]{6,14}$/.test(s)) out.add(s);
  if (/^00[1-9][0-9]{6,14}$/.test(s)) out.add(`+${s.slice(2)}`);
  if (/^[1-9][0-9]{6,14}$/.test(s)) out.add(`+${s}`);
  if (/^[0-9]{3,17}$/.test(s))
    for (const c of countries) {
      try {
        const n = util.parse(s, c);
        if (util.isValidNumber(n)) out.add(util.format(n, lib.PhoneNumberFormat.E164));
      } catch {
        // not a number of that country
      }
    }
  return [...out];
}

export function decideInbound(view: RoutingView | null, didRaw: string): Decision {
  if (!view) return deny('unavailable', '', ['routing data not loaded yet']);
  const did = didCandidates(didRaw, view.countries()).map((c) => view.dids.get(c)).find(Boolean);
  if (!did) return deny('unknown_did', '', [`${didRaw} is not a DID of any tenant`]);
  const tenant = view.tenants.get(did.tenantId);
  if (!tenant) return deny('unknown_did', '', [`${did.e164} belongs to an unknown tenant`]);
  const reasons = [`${did.e164} is a DID of ${tenant.slug}`];
  if (!tenant.active) return deny('tenant_suspended', tenant.slug, [...reasons, 'tenant is suspended']);
  const target = did.extensionId ? view.extensions.get(did.extensionId) : undefined;
  if (!target) return deny('did_unassigned', tenant.slug, [...reasons, 'the DID rings no extension']);
  if (!target.active) return deny('target_inactive', tenant.slug, [...reasons, `extension ${target.number} is inactive`]);
  return {
    allowed: true,
    type: 'INTERNAL',
    dialTarget: `PJSIP/${target.endpointId}`,
    e164: did.e164,
    callerId: '',
    mailbox: mailboxOf(target, tenant),
    denyReason: '',
    tenant: tenant.slug,
    reasons: [...reasons, `rings ${target.number}`],
  };
}
