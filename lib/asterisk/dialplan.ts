/**
 * A tenant's dialplan, as Asterisk reads it from tenant_contexts/<slug>.conf (included by the
 * shipped extensions.conf). Pure: the same tenant gives the same bytes (golden-file tested).
 *
 * Asterisk reports AGISTATUS=SUCCESS even when the AGI server closed without answering, so the
 * decision variables are preset to "denied" and the call is dialled only when the server said so.
 * Emergency numbers are exact extensions, which win over the _X. pattern in the same context, and
 * go to the trunk without asking the AGI server at all.
 */
import { emergencyNumbers } from '../domain/phone/emergency.ts';

export type DialplanTenant = {
  slug: string;
  name: string;
  context: string;
  defaultCountry: string;
  outboundTrunk: string | null;
  status: 'active' | 'suspended';
  /** For the BLF hints: `PJSIP/<number>@<sipDomain>`, one pattern of `extensionLength` digits. */
  sipDomain: string;
  extensionLength: number;
};

export const dialplanFileName = (slug: string) => `${slug}.conf`;

/**
 * Options of every Dial(): `i` ignores call forwarding. Without it the called phone decides where
 * the call goes next: a 302 whose Contact user reads `PJSIP/+12125550100@itsp-trunk` makes Dial()
 * call that straight away, past the AGI decision (app_dial.c do_forward; res_pjsip_session.c).
 * The shipped extensions.conf dials with the same option.
 */
export const DIAL_OPTIONS = 'i';

/**
 * A pattern extension that hands the dialled number to `route` only when every character of
 * `${digits}` is a digit, else to `refuse`. The test compares lengths, so no caller-written text
 * ever enters the $[...] expression (a quote or an operator there could rewrite the comparison),
 * and it jumps to the route only on a true comparison: a malformed expression refuses.
 * The shipped extensions.conf guards its inbound context with the same lines.
 */
export function routeOnlyNumbers(pattern: string, digits: string, route: string, refuse: string): string[] {
  return [
    `exten => ${pattern},1,GotoIf($[\${LEN(\${FILTER(0-9,\${${digits}})})} = \${LEN(\${${digits}})}]?route)`,
    ` same => n,Goto(${refuse},s,1)`,
    ` same => n(route),Gosub(${route},s,1(\${EXTEN}))`,
    ' same => n,Hangup()',
  ];
}

/**
 * The decision, as the call history reads it back from CDR(userfield): `sb:<kind>:<decision>`
 * (CALL_MARK in lib/domain/calls/classify.ts). Both parts are Switchboard's own words (a target
 * type, a deny reason of the AGI server), never anything the caller dialled.
 */
export const callMark = (kind: string, decision: string) => `sb:${kind}:${decision}`;

/**
 * The AGI server's answer arrives as one variable (`?answer=1`: one round trip instead of eight),
 * `IS_ALLOWED|TARGET_TYPE|DIAL_TARGET|TARGET_E164|DENY_REASON|TENANT|CALLER_ID_NUM|VOICEMAIL_BOX|end`
 * (agi-server/src/handlers.ts ANSWER_FIELDS). It is split into the named variables only when its
 * last field is `end`: a missing or cut answer leaves the presets, so the call stays denied.
 * IS_ALLOWED comes last, as in the eight-command answer. The server never packs a value holding
 * `|`, a comma, a quote or a space. The shipped extensions.conf splits the /inbound answer alike.
 */
export const unpackAnswer: string[] = [
  ' same => n,GotoIf($["${CUT(SWITCHBOARD_ANSWER,|,9)}" != "end"]?decided)',
  ' same => n,Set(TARGET_TYPE=${CUT(SWITCHBOARD_ANSWER,|,2)})',
  ' same => n,Set(DIAL_TARGET=${CUT(SWITCHBOARD_ANSWER,|,3)})',
  ' same => n,Set(TARGET_E164=${CUT(SWITCHBOARD_ANSWER,|,4)})',
  ' same => n,Set(DENY_REASON=${CUT(SWITCHBOARD_ANSWER,|,5)})',
  ' same => n,Set(TENANT=${CUT(SWITCHBOARD_ANSWER,|,6)})',
  ' same => n,Set(CALLER_ID_NUM=${CUT(SWITCHBOARD_ANSWER,|,7)})',
  ' same => n,Set(VOICEMAIL_BOX=${CUT(SWITCHBOARD_ANSWER,|,8)})',
  ' same => n,Set(IS_ALLOWED=${CUT(SWITCHBOARD_ANSWER,|,1)})',
];

/** Characters that could end a comment line or break out of a dialplan argument. */
const comment = (s: string) => s.replace(/[\r\n;]/g, ' ').trim();

/** The feature code that opens one's own mailbox. Fixed for every tenant (an exact extension). */
export const VOICEMAIL_FEATURE_CODE = '*97';
/** Seconds an internal call rings before its mailbox answers; without a mailbox it rings 60. */
export const VOICEMAIL_RING_SECONDS = 30;

/**
 * `*97`: the caller's own mailbox, named from the authenticated endpoint (`1001@acme.example.com`
 * -> `1001@<context>`), never from anything the caller dialled or sent. Only this tenant's phones
 * have this context, and VoiceMailMain still asks for the PIN (no `s` option).
 */
function voicemailFeature(c: string): string[] {
  return [
    `; ${VOICEMAIL_FEATURE_CODE}: one's own mailbox, with its PIN.`,
    `exten => ${VOICEMAIL_FEATURE_CODE},1,Set(VM_ENDPOINT=\${CHANNEL(endpoint)})`,
    ` same => n,VoiceMailMain(\${CUT(VM_ENDPOINT,@,1)}@${c})`,
    ' same => n,Hangup()',
  ];
}

/**
 * After Dial() of an internal call: the callee's mailbox (VOICEMAIL_BOX, set by the AGI server
 * only for an extension that has one) takes a message when nobody answered within the ring time,
 * the phone was not reachable (unavailable greeting) or it was busy (busy greeting).
 * The shipped extensions.conf does the same after a DID call.
 */
export const voicemailAfterDial: string[] = [
  ' same => n,GotoIf($["${VOICEMAIL_BOX}" = ""]?done)',
  ' same => n,GotoIf($["${DIALSTATUS}" = "BUSY"]?busy)',
  ' same => n,GotoIf($["${DIALSTATUS}" = "NOANSWER" | "${DIALSTATUS}" = "CHANUNAVAIL"]?unavailable)',
  ' same => n(done),Return()',
  ' same => n(busy),VoiceMail(${VOICEMAIL_BOX},b)',
  ' same => n,Return()',
  ' same => n(unavailable),VoiceMail(${VOICEMAIL_BOX},u)',
  ' same => n,Return()',
];

/**
 * BLF hints for every extension of the tenant, as one pattern (no reload per extension). A
 * SUBSCRIBE from a phone resolves in its subscribe_context (this tenant's context), follows the
 * include, and Asterisk turns the pattern into an exact hint naming `PJSIP/<number>@<this tenant's
 * domain>` (main/extension_state.c): another tenant's endpoint can never be named. The hints live
 * in their own included context so they never shadow `_X.` for calls, whatever the pattern
 * matcher (extenpatternmatchnew) picks.
 */
function hintLines(t: DialplanTenant): string[] {
  const pattern = `_Z${'X'.repeat(Math.max(t.extensionLength - 1, 1))}`;
  return [
    `[${t.context}-hints]`,
    `; Busy lamps: one hint per ${t.extensionLength}-digit extension of ${t.slug}, in this tenant's domain only.`,
    `exten => ${pattern},hint,PJSIP/\${EXTEN}@${t.sipDomain}`,
    '',
  ];
}

export function renderTenantDialplan(t: DialplanTenant): string {
  const c = t.context;
  const emergency = emergencyNumbers(t.defaultCountry);
  const out: string[] = [
    `; Switchboard dialplan of tenant ${t.slug} (${comment(t.name)}). Generated: edits are overwritten.`,
    `; Phones of this tenant have context=${c}; calls are decided by Switchboard's AGI server.`,
    '',
    `[${c}]`,
    `; Emergency numbers of ${t.defaultCountry}: dialled here directly, even when the AGI server is down.`,
  ];
  for (const n of emergency) {
    out.push(`exten => ${n},1,NoOp(Emergency call to ${n} from \${CALLERID(all)}, tenant ${t.slug})`);
    if (t.outboundTrunk) {
      out.push(` same => n,Set(TARGET_TYPE=EMERGENCY)`);
      out.push(` same => n,Set(CDR(userfield)=${callMark('emergency', 'ok')})`);
      // The endpoint's set_var carries the tenant's E.164 caller ID, so a callback number reaches
      // the trunk without the AGI server; with no DID the extension number goes out as it is.
      out.push(' same => n,ExecIf($[${LEN(${SWITCHBOARD_CLID})} > 0]?Set(CALLERID(num)=${SWITCHBOARD_CLID}))');
      out.push(` same => n,Dial(PJSIP/${n}@${t.outboundTrunk},,${DIAL_OPTIONS})`);
    } else {
      out.push(` same => n,NoOp(WARNING: tenant ${t.slug} has no outbound trunk for emergency calls)`);
      out.push(` same => n,Playback(ss-noservice,noanswer)`);
    }
    out.push(' same => n,Hangup()');
  }
  out.push(...voicemailFeature(c), `include => ${c}-hints`);
  out.push(
    '',
    '; Everything else (extensions, external numbers) is decided by Switchboard, but only a number',
    "; made of digits (after one leading +) gets that far: ${EXTEN} is what the caller wrote in the",
    '; request URI, line breaks included, and it is handed on to the AGI server.',
    ...routeOnlyNumbers('_X.', 'EXTEN', `${c}-route`, `${c}-refuse`),
    ...routeOnlyNumbers('_+X.', 'EXTEN:1', `${c}-route`, `${c}-refuse`),
    '',
    `[${c}-refuse]`,
    'exten => s,1,Set(DENY_REASON=invalid_number)',
    ` same => n,Set(CDR(userfield)=${callMark('dialled', 'invalid_number')})`,
    ' same => n,Verbose(2,Switchboard refused a dialled number with characters a number cannot have from ${CHANNEL(endpoint)})',
    ' same => n,Progress()',
    ' same => n,Playback(ss-noservice,noanswer)',
    ' same => n,Hangup(21)',
    '',
    `[${c}-route]`,
    '; Fail closed: only what the AGI server set lets a call through.',
    'exten => s,1,Set(IS_ALLOWED=0)',
    ' same => n,Set(TARGET_TYPE=DENIED)',
    ' same => n,Set(DENY_REASON=unavailable)',
    ' same => n,Set(DIAL_TARGET=)',
    ' same => n,Set(CALLER_ID_NUM=)',
    ' same => n,Set(VOICEMAIL_BOX=)',
    ' same => n,Set(SWITCHBOARD_ANSWER=)',
    ` same => n,AGI(agi://\${SWITCHBOARD_AGI}/route?transfer&answer=1,\${CHANNEL(endpoint)},\${ARG1},\${BLINDTRANSFER})`,
    ...unpackAnswer,
    ' same => n(decided),GotoIf($["${IS_ALLOWED}" = "1"]?dial)',
    ` same => n,Verbose(2,Switchboard denied \${ARG1} from \${CHANNEL(endpoint)}: \${DENY_REASON})`,
    ` same => n,Set(CDR(userfield)=${callMark('dialled', '${DENY_REASON}')})`,
    ' same => n,Progress()',
    ' same => n,Playback(ss-noservice,noanswer)',
    ' same => n,Hangup(21)',
    // The call history reads the decision from here (lib/domain/calls/classify.ts, CALL_MARK).
    ` same => n(dial),Set(CDR(userfield)=${callMark('${TOLOWER(${TARGET_TYPE})}', 'ok')})`,
    // Only calls through the trunk present the tenant's E.164 number (From and P-Asserted-Identity);
    // internal calls keep the extension number, and CALLERID(name) stays the extension's name.
    ' same => n,ExecIf($[${LEN(${CALLER_ID_NUM})} > 0 & "${TARGET_TYPE}" != "INTERNAL"]?Set(CALLERID(num)=${CALLER_ID_NUM}))',
    ` same => n,Dial(\${DIAL_TARGET},\${IF($["\${VOICEMAIL_BOX}" = ""]?60:${VOICEMAIL_RING_SECONDS})},${DIAL_OPTIONS})`,
    ...voicemailAfterDial,
    '',
    ...hintLines(t),
  );
  if (t.status === 'suspended') out.splice(2, 0, '; The tenant is suspended: the AGI server denies its calls (emergency numbers still work).');
  return out.join('\n');
}
