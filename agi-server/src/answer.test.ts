/**
 * The one-line answer (`?answer=1`): one SET VARIABLE per decision, split by the generated
 * dialplan (lib/asterisk/dialplan.ts unpackAnswer) only when whole. Over the real TCP protocol with
 * the scripted Asterisk, plus a model of the dialplan's split for every way the answer can be cut.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoutingView } from '../../lib/domain/routing/view.ts';
import { asteriskEnv, playAsterisk } from '../test/fake-asterisk.ts';
import { ANSWER_FIELDS, ANSWER_VARIABLE, packedAnswer, refuseRequest, routingHandler } from './handlers.ts';
import { AgiServer } from './server.ts';

const view = new RoutingView();
view.putTenant({ id: 'A', slug: 'acme', country: 'US', trunk: 'itsp', active: true, allowPremium: false, mainDidId: 'dA' });
view.putExtension({ id: 'a1', tenantId: 'A', number: '1001', endpointId: '1001@acme.example', active: true, allowExternal: true });
view.putExtension({ id: 'a2', tenantId: 'A', number: '1002', endpointId: '1002@acme.example', active: true, allowExternal: true });
// An endpoint adopted from another tool, with an id a one-line answer cannot carry.
view.putExtension({ id: 'a3', tenantId: 'A', number: '1003', endpointId: 'front,desk|1003', active: true, allowExternal: true });
view.putDid({ id: 'dA', e164: '+12125550100', tenantId: 'A', extensionId: 'a2' });

const logs: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
let server: AgiServer;
let port: number;
beforeAll(async () => {
  server = new AgiServer({ handler: routingHandler(() => view, (level, msg, fields) => logs.push({ level, msg, fields })), refuse: refuseRequest, maxSessions: 100, log: () => {} });
  port = (await server.listen(0)).port;
});
afterAll(() => server.close(100));

/** What the generated dialplan leaves in the named variables: its presets, unless the answer is whole. */
function dialplanReads(answer: string | undefined): Record<string, string> {
  const vars: Record<string, string> = { IS_ALLOWED: '0', TARGET_TYPE: 'DENIED', DENY_REASON: 'unavailable', DIAL_TARGET: '', CALLER_ID_NUM: '', VOICEMAIL_BOX: '' };
  const cut = (n: number) => (answer ?? '').split('|')[n - 1] ?? ''; // CUT(var,|,n): empty past the last field
  if (cut(ANSWER_FIELDS.length + 1) !== 'end') return vars;
  ANSWER_FIELDS.forEach((name, i) => (vars[name] = cut(i + 1)));
  return vars;
}

const route = (caller: string, dialled: string) => asteriskEnv('route?transfer&answer=1', [caller, dialled, ''], `PJSIP/${caller}-0000000d`);

describe('the one-line answer', () => {
  it('answers a decision with one SET VARIABLE, which the dialplan splits into the named variables', async () => {
    const x = await playAsterisk(port, route('1001@acme.example', '2125550123'));
    expect(x.commands).toEqual([`SET VARIABLE ${ANSWER_VARIABLE} "1|EXTERNAL|PJSIP/+12125550123@itsp|+12125550123||acme|+12125550100||end"`]);
    expect(dialplanReads(x.vars[ANSWER_VARIABLE])).toMatchObject({ IS_ALLOWED: '1', TARGET_TYPE: 'EXTERNAL', DIAL_TARGET: 'PJSIP/+12125550123@itsp', CALLER_ID_NUM: '+12125550100', TENANT: 'acme' });
    expect(x.closedBy).toBe('server');
  });

  it('carries a denial and its reason the same way, for /inbound too', async () => {
    const denied = await playAsterisk(port, route('1001@acme.example', '1999'));
    expect(dialplanReads(denied.vars[ANSWER_VARIABLE])).toMatchObject({ IS_ALLOWED: '0', TARGET_TYPE: 'DENIED', DENY_REASON: 'invalid_number' });
    const inbound = await playAsterisk(port, asteriskEnv('inbound?answer=1', ['+12125550100'], 'PJSIP/itsp-00000001'));
    expect(inbound.commands).toHaveLength(1);
    expect(dialplanReads(inbound.vars[ANSWER_VARIABLE])).toMatchObject({ IS_ALLOWED: '1', DIAL_TARGET: 'PJSIP/1002@acme.example', TENANT: 'acme' });
  });

  it('stays denied however the answer is cut: a missing answer, or any part of it', () => {
    const whole = packedAnswer({ allowed: true, type: 'INTERNAL', dialTarget: 'PJSIP/1002@acme.example', e164: '', callerId: '', denyReason: '', tenant: 'acme', mailbox: '1002@tenant-acme', reasons: [] }).value;
    expect(dialplanReads(whole).IS_ALLOWED).toBe('1');
    expect(dialplanReads(undefined).IS_ALLOWED).toBe('0');
    for (let n = 0; n < whole.length; n++) expect(dialplanReads(whole.slice(0, n)), `cut after ${n} characters`).toMatchObject({ IS_ALLOWED: '0', DIAL_TARGET: '' });
  });

  it('never sends a value that could break the split: such a call is denied, and said in the log', async () => {
    const x = await playAsterisk(port, route('1001@acme.example', '1003'));
    expect(x.commands).toEqual([`SET VARIABLE ${ANSWER_VARIABLE} "0|DENIED|||unavailable||||end"`]);
    expect(dialplanReads(x.vars[ANSWER_VARIABLE])).toMatchObject({ IS_ALLOWED: '0', DIAL_TARGET: '' });
    expect(logs.find((l) => l.msg.startsWith('a decision held characters'))?.fields).toMatchObject({ fields: ['DIAL_TARGET'] });
    // Values a caller controls never reach it: a dialled number is digits, * or # before any decision.
    for (const v of ['|', ',', '"', ' ', '$', '&', '\n']) expect(packedAnswer({ allowed: true, type: 'EXTERNAL', dialTarget: `PJSIP/x${v}@itsp`, e164: '', callerId: '', denyReason: '', tenant: 'acme', reasons: [] }).unpackable).toEqual(['DIAL_TARGET']);
  });

  it('keeps answering dialplans generated before it with one SET VARIABLE per value', async () => {
    const x = await playAsterisk(port, asteriskEnv('route?transfer', ['1001@acme.example', '1002', ''], 'PJSIP/1001@acme.example-0000000d'));
    expect(x.commands).toHaveLength(8);
    expect(x.vars).toMatchObject({ IS_ALLOWED: '1', DIAL_TARGET: 'PJSIP/1002@acme.example' });
    expect(x.vars[ANSWER_VARIABLE]).toBeUndefined();
  });
});
