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
};

export const dialplanFileName = (slug: string) => `${slug}.conf`;

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

/** Characters that could end a comment line or break out of a dialplan argument. */
const comment = (s: string) => s.replace(/[\r\n;]/g, ' ').trim();

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
      out.push(` same => n,Dial(PJSIP/${n}@${t.outboundTrunk},,)`);
    } else {
      out.push(` same => n,NoOp(WARNING: tenant ${t.slug} has no outbound trunk for emergency calls)`);
      out.push(` same => n,Playback(ss-noservice,noanswer)`);
    }
    out.push(' same => n,Hangup()');
  }
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
    ` same => n,AGI(agi://\${SWITCHBOARD_AGI}/route,\${CHANNEL(endpoint)},\${ARG1})`,
    ' same => n,GotoIf($["${IS_ALLOWED}" = "1"]?dial)',
    ` same => n,Verbose(2,Switchboard denied \${ARG1} from \${CHANNEL(endpoint)}: \${DENY_REASON})`,
    ' same => n,Progress()',
    ' same => n,Playback(ss-noservice,noanswer)',
    ' same => n,Hangup(21)',
    ' same => n(dial),Set(CDR(tenant)=${TENANT})',
    ' same => n,Dial(${DIAL_TARGET},60)',
    ' same => n,Return()',
    '',
  );
  if (t.status === 'suspended') out.splice(2, 0, '; The tenant is suspended: the AGI server denies its calls (emergency numbers still work).');
  return out.join('\n');
}
