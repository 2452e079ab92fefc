import { decideInbound, decideOutbound, deny, type ColdFallback, type Decision, type DenyReason } from '../../lib/domain/routing/decide.ts';
import type { RoutingView } from '../../lib/domain/routing/view.ts';
import { endpointOfChannel, isDialString, quote, requestName, requestQuery, type AgiEnv } from './protocol.ts';
import type { AgiSession } from './session.ts';
import type { Log } from './server.ts';
import { WarningLimiter } from './warning-limiter.ts';

/** A decision as the AGI answers it; `invalid_request` is this transport's own: the request itself was not believable. */
export type Answer = Omit<Decision, 'denyReason'> & { denyReason: DenyReason | 'invalid_request' | '' };

const invalidRequest = (why: string): Answer => ({ ...deny('unknown_request', '', [why]), denyReason: 'invalid_request' });

/** The variables the dialplan reads after AGI(); it presets IS_ALLOWED=0 and dials only on 1. */
export function variables(d: Answer): [string, string][] {
  return [
    ['TARGET_TYPE', d.type],
    ['DIAL_TARGET', d.dialTarget],
    ['TARGET_E164', d.e164],
    ['DENY_REASON', d.denyReason],
    ['TENANT', d.tenant],
    // E.164 for calls through the trunk; the route context sets CALLERID(num) from it (From and PAI).
    ['CALLER_ID_NUM', d.callerId],
    // INTERNAL calls to an extension with a mailbox: where an unanswered or busy call goes.
    ['VOICEMAIL_BOX', d.mailbox ?? ''],
    // Last: a session cut short leaves the preset 0 rather than half an answer.
    ['IS_ALLOWED', d.allowed ? '1' : '0'],
  ];
}

/**
 * The one-command answer that generated dialplans ask for with `?answer=1`: the variables above,
 * in this order, joined by `|` and closed by `end`, in one SET VARIABLE. One round trip on
 * Asterisk's channel thread instead of eight. The dialplan splits it with CUT() only when the
 * last field reads `end`, so a missing or cut answer leaves the presets (denied) as they are.
 */
export const ANSWER_VARIABLE = 'SWITCHBOARD_ANSWER';
export const ANSWER_FIELDS = ['IS_ALLOWED', 'TARGET_TYPE', 'DIAL_TARGET', 'TARGET_E164', 'DENY_REASON', 'TENANT', 'CALLER_ID_NUM', 'VOICEMAIL_BOX'] as const;
/** What a value may hold: no `|` (the split), no `,`/`&` (Dial's own separators), no quotes, spaces or `$`. */
const PACKABLE = /^[A-Za-z0-9@.+/_:-]*$/;

export function packedAnswer(d: Answer): { value: string; unpackable: string[] } {
  const values = new Map(variables(d));
  const unpackable = ANSWER_FIELDS.filter((k) => !PACKABLE.test(values.get(k) ?? ''));
  // A value that could break the split is never sent: the call is denied instead.
  const fields = unpackable.length ? ['0', 'DENIED', '', '', 'unavailable', '', '', ''] : ANSWER_FIELDS.map((k) => values.get(k) ?? '');
  return { value: `${fields.join('|')}|end`, unpackable };
}

async function answer(session: AgiSession, a: Answer, log: Log) {
  if (requestQuery(session.env).get('answer') === '1') {
    const { value, unpackable } = packedAnswer(a);
    if (unpackable.length) log('warn', 'a decision held characters the one-line answer cannot carry; denied', { fields: unpackable, target: a.dialTarget });
    if (!session.hungUp) await session.command(`SET VARIABLE ${ANSWER_VARIABLE} ${quote(value)}`);
    return;
  }
  // Dialplans generated before the one-line answer: one SET VARIABLE per value.
  for (const [variable, value] of variables(a)) {
    if (session.hungUp) break; // nobody is left to dial
    await session.command(`SET VARIABLE ${variable} ${quote(value)}`);
  }
}

/** For AgiServer's `refuse`: a session whose environment was forged or damaged is denied, whatever it asked. */
export const refuseRequest = (session: AgiSession) => answer(session, invalidRequest(session.refusal ?? 'refused'), () => {});

type Asked = { answer: Answer; subject: Record<string, string | null>; invalid?: string };
/** Numbers from outside go to the log as data, not as a page of it. */
const short = (s: string) => (s.length > 48 ? `${s.slice(0, 48)}...` : s);

/**
 * `/route`, as AGI(agi://host/route,${CHANNEL(endpoint)},${EXTEN}). Who calls is the endpoint of
 * agi_channel, which Asterisk names itself; the endpoint argument is only a cross-check. The
 * dialled number is whatever the phone put in its request URI.
 */
function route(env: AgiEnv, args: string[], view: RoutingView | null, cold: ColdFallback): Asked {
  const channelEndpoint = endpointOfChannel(env.agi_channel);
  const [named, dialled, transferChannel] = args;
  // `/route?transfer` (generated dialplans) adds ${BLINDTRANSFER}: the channel of whoever blind-
  // transferred this call here. Asterisk runs the transferred party's channel in the transferer's
  // context with the number the transferer chose, so the call is the transferer's and is decided
  // as theirs: a phone that may not call out cannot make a colleague's channel (or an outside
  // caller's) do it, and a receptionist can pass an outside caller to an extension. The request
  // path comes before any caller data in the environment, so the argument count it sets holds.
  const expected = requestQuery(env).has('transfer') ? 3 : 2;
  const transferer = transferChannel ? endpointOfChannel(transferChannel) : null;
  const caller = transferChannel ? transferer : channelEndpoint;
  const subject = { caller, dialled: short(dialled ?? ''), ...(transferChannel ? { transferredBy: short(transferChannel) } : {}) };
  if (args.length !== expected) return { answer: invalidRequest(`/route takes ${expected} arguments, got ${args.length}`), subject, invalid: 'argument count' };
  if (transferChannel && !transferer) return { answer: deny('unknown_caller', '', [`transferred by ${short(transferChannel)}, not a PJSIP channel`]), subject };
  if (!transferChannel && !channelEndpoint) return { answer: deny('unknown_caller', '', [`${short(env.agi_channel ?? '(no channel)')} is not a PJSIP channel`]), subject };
  if (named && named !== channelEndpoint)
    return { answer: invalidRequest(`the endpoint argument is not the channel's endpoint ${channelEndpoint}`), subject, invalid: 'endpoint argument differs from the channel' };
  if (!isDialString(dialled)) return { answer: deny('invalid_number', '', ['the dialled number is not digits, * or #']), subject };
  return { answer: decideOutbound(view, caller!, dialled, cold), subject };
}

/** `/inbound`, as AGI(agi://host/inbound,${EXTEN}) from the trunk's context: the DID decides. */
function inbound(args: string[], view: RoutingView | null): Asked {
  const did = args[0] ?? '';
  const subject = { did: short(did) };
  if (args.length !== 1) return { answer: invalidRequest(`/inbound takes 1 argument, got ${args.length}`), subject, invalid: 'argument count' };
  if (!isDialString(did)) return { answer: deny('unknown_did', '', ['the DID is not digits, * or #']), subject };
  return { answer: decideInbound(view, did), subject };
}

/**
 * `/route` and `/inbound`: decide, answer with SET VARIABLE, log one line. A request that is not
 * believable (wrong argument count, an endpoint argument naming someone else) is denied with one
 * rate-limited warning instead of a decision line.
 */
export function routingHandler(getView: () => RoutingView | null, log: Log, cold: ColdFallback = null) {
  const warnings = new WarningLimiter(log);
  return async (session: AgiSession) => {
    const started = performance.now();
    const env = session.env;
    const name = requestName(env);
    const args = session.args;
    let asked: Asked;
    if (name === '/route') asked = route(env, args, getView(), cold);
    else if (name === '/inbound') asked = inbound(args, getView());
    else asked = { answer: deny('unknown_request', '', [`no such request ${short(name)}`]), subject: { request: short(name) } };
    await answer(session, asked.answer, log);
    if (asked.invalid) {
      warnings.warn(`invalid_request:${name === '/route' || name === '/inbound' ? name : 'other'}`, 'refused an AGI request that is not believable', {
        why: asked.invalid,
        request: short(name),
        ...asked.subject,
        channel: short(env.agi_channel ?? ''),
        uniqueid: env.agi_uniqueid,
      });
      return;
    }
    const d = asked.answer;
    log('info', 'decision', {
      request: name,
      ...asked.subject,
      type: d.type,
      target: d.dialTarget || undefined,
      deny: d.denyReason || undefined,
      tenant: d.tenant || undefined,
      callerId: d.callerId || undefined,
      reasons: d.reasons,
      uniqueid: env.agi_uniqueid,
      hungUp: session.hungUp || undefined,
      ms: Number((performance.now() - started).toFixed(2)),
    });
  };
}
