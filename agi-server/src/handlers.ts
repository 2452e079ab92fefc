import { decideInbound, decideOutbound, deny, type ColdFallback, type Decision } from '../../lib/domain/routing/decide.ts';
import type { RoutingView } from '../../lib/domain/routing/view.ts';
import { agiArgs, endpointOfChannel, quote, requestName } from './protocol.ts';
import type { AgiSession } from './session.ts';
import type { Log } from './server.ts';

/** The variables the dialplan reads after AGI(); it presets IS_ALLOWED=0 and dials only on 1. */
export function variables(d: Decision): [string, string][] {
  return [
    ['TARGET_TYPE', d.type],
    ['DIAL_TARGET', d.dialTarget],
    ['TARGET_E164', d.e164],
    ['DENY_REASON', d.denyReason],
    ['TENANT', d.tenant],
    // Last: a session cut short leaves the preset 0 rather than half an answer.
    ['IS_ALLOWED', d.allowed ? '1' : '0'],
  ];
}

/**
 * `/route` (outbound: AGI(agi://host/route,${CHANNEL(endpoint)},${EXTEN})) and `/inbound`
 * (AGI(agi://host/inbound,${EXTEN})): decide, answer with SET VARIABLE, log one line.
 */
export function routingHandler(getView: () => RoutingView | null, log: Log, cold: ColdFallback = null) {
  return async (session: AgiSession) => {
    const started = performance.now();
    const env = session.env;
    const name = requestName(env);
    const args = agiArgs(env);
    let decision: Decision;
    let subject: Record<string, string | null>;
    if (name === '/route') {
      const caller = args[0] || endpointOfChannel(env.agi_channel) || '';
      const dialled = args[1] ?? env.agi_extension ?? '';
      subject = { caller, dialled };
      decision = decideOutbound(getView(), caller, dialled, cold);
    } else if (name === '/inbound') {
      const did = args[0] || env.agi_dnid || env.agi_extension || '';
      subject = { did };
      decision = decideInbound(getView(), did);
    } else {
      subject = { request: name };
      decision = deny('unknown_request', '', [`no such request ${name}`]);
    }
    for (const [variable, value] of variables(decision)) {
      if (session.hungUp) break; // nobody is left to dial
      await session.command(`SET VARIABLE ${variable} ${quote(value)}`);
    }
    log('info', 'decision', {
      request: name,
      ...subject,
      type: decision.type,
      target: decision.dialTarget || undefined,
      deny: decision.denyReason || undefined,
      tenant: decision.tenant || undefined,
      reasons: decision.reasons,
      uniqueid: env.agi_uniqueid,
      hungUp: session.hungUp || undefined,
      ms: Number((performance.now() - started).toFixed(2)),
    });
  };
}
