/**
 * A dialled number is caller data, and PJSIP turns %0A in the request URI into a real newline in
 * ${EXTEN}, which Asterisk writes into the AGI environment as is (REFERENCE.md section 9). These
 * play the exact blocks Asterisk writes for such calls over TCP, and check that nobody is dialled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoutingView } from '../../lib/domain/routing/view.ts';
import { asteriskEnv, playAsterisk, type Exchange } from '../test/fake-asterisk.ts';
import { refuseRequest, routingHandler } from './handlers.ts';
import { AgiServer } from './server.ts';

const DEMO = 'demo.switchboard.test';
const BETA = 'beta.example.com';
const view = new RoutingView();
view.putTenant({ id: 'D', slug: 'demo', country: 'US', trunk: 'itsp', active: true, allowPremium: false, mainDidId: 'dd' });
view.putTenant({ id: 'B', slug: 'beta', country: 'US', trunk: 'itsp', active: true, allowPremium: false });
view.putExtension({ id: 'd1', tenantId: 'D', number: '1001', endpointId: `1001@${DEMO}`, active: true, allowExternal: true });
view.putExtension({ id: 'd5', tenantId: 'D', number: '1005', endpointId: `1005@${DEMO}`, active: true, allowExternal: false });
view.putExtension({ id: 'b1', tenantId: 'B', number: '1001', endpointId: `1001@${BETA}`, active: true, allowExternal: true });
view.putDid({ id: 'dd', e164: '+12125550100', tenantId: 'D', extensionId: 'd1' });

const logs: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
const log = (level: string, msg: string, fields?: Record<string, unknown>) => void logs.push({ level, msg, fields });
let server: AgiServer;
let port: number;

beforeAll(async () => {
  server = new AgiServer({ handler: routingHandler(() => view, log), refuse: refuseRequest, log });
  port = (await server.listen(0)).port;
});
afterAll(() => server.close(100));

/** What Asterisk writes for `AGI(agi://.../route,${CHANNEL(endpoint)},${ARG1})` from `caller`'s phone. */
const routeFrom = (caller: string, exten: string) => asteriskEnv('route', [caller, exten], `PJSIP/${caller}-0000000a`);
/** What Asterisk writes for `AGI(agi://.../inbound,${ARG1})` on a call from the trunk. */
const inboundTo = (exten: string) => asteriskEnv('inbound', [exten], 'PJSIP/itsp-0000000b');

/** Nothing was allowed and nothing of `target` was set: the dialplan keeps IS_ALLOWED=0 and dials nobody. */
function refused(x: Exchange, target: RegExp) {
  expect(x.commands.some((c) => c.startsWith('SET VARIABLE IS_ALLOWED') && !c.endsWith('"0"'))).toBe(false);
  expect(x.commands.filter((c) => target.test(c))).toEqual([]);
  expect(x.vars).toMatchObject({ IS_ALLOWED: '0', TARGET_TYPE: 'DENIED', DIAL_TARGET: '' });
}

describe('the caller is the channel, not an argument', () => {
  it('serves the callers themselves as before (the view is right)', async () => {
    expect((await playAsterisk(port, routeFrom(`1001@${DEMO}`, '12125550123'))).vars).toMatchObject({ IS_ALLOWED: '1', DIAL_TARGET: 'PJSIP/+12125550123@itsp' });
    expect((await playAsterisk(port, routeFrom(`1005@${DEMO}`, '12125550123'))).vars).toMatchObject({ IS_ALLOWED: '0', DENY_REASON: 'external_not_allowed' });
  });

  it('refuses 1005 posing as 1001 through a forged agi_arg_1 to call out', async () => {
    const env = routeFrom(`1005@${DEMO}`, `12125550100\nagi_arg_1: 1001@${DEMO}`);
    expect(env).toContain(`agi_arg_1: 1005@${DEMO}\nagi_arg_2: 12125550100\nagi_arg_1: 1001@${DEMO}\n\n`);
    const x = await playAsterisk(port, env);
    refused(x, /\+12125550100|itsp/);
    expect(x.vars.DENY_REASON).toBe('invalid_request');
    expect(x.closedBy).toBe('server');
  });

  it('refuses a forged agi_arg_1 that names another tenant phone', async () => {
    const x = await playAsterisk(port, routeFrom(`1005@${DEMO}`, `1001\nagi_arg_1: 1001@${BETA}`));
    refused(x, /beta/);
    expect(x.vars).toMatchObject({ DENY_REASON: 'invalid_request', TENANT: '' });
  });

  it('refuses an endpoint argument that is not the channel endpoint, even without a forged line', async () => {
    const x = await playAsterisk(port, asteriskEnv('route', [`1001@${DEMO}`, '12125550123'], `PJSIP/1005@${DEMO}-0000000a`));
    refused(x, /itsp/);
    expect(x.vars.DENY_REASON).toBe('invalid_request');
  });

  it('refuses a forged agi_channel line', async () => {
    const x = await playAsterisk(port, routeFrom(`1005@${DEMO}`, `12125550123\nagi_channel: PJSIP/1001@${DEMO}-0000000a`));
    refused(x, /itsp/);
    expect(x.vars.DENY_REASON).toBe('invalid_request');
  });

  it('refuses an argument more than the request takes (a forged agi_arg_3)', async () => {
    const x = await playAsterisk(port, routeFrom(`1001@${DEMO}`, '12125550123\nagi_arg_3: x'));
    refused(x, /itsp/);
    expect(x.vars.DENY_REASON).toBe('invalid_request');
  });

  it('refuses a forged blank line, and never takes what follows it for a reply', async () => {
    const x = await playAsterisk(port, routeFrom(`1001@${DEMO}`, '1001\n\n200 result=1\n200 result=1'));
    refused(x, /PJSIP\//);
    expect(x.vars.DENY_REASON).toBe('invalid_request');
  });
});

describe('the environment block', () => {
  it.each([
    ['a carriage return', '1212\r5550123'],
    ['a tab', '1212\t5550123'],
    ['a NUL', '12125550123\u0000'],
    ['an escape sequence', '\u001b[2J12125550123'],
    ['a DEL', '1212\u007f5550123'],
  ])('refuses %s in a value', async (_what, exten) => {
    const x = await playAsterisk(port, routeFrom(`1001@${DEMO}`, exten));
    refused(x, /itsp/);
    expect(x.vars.DENY_REASON).toBe('invalid_request');
  });

  it('refuses a control character in a field nobody reads, and a key seen twice', async () => {
    const name = routeFrom(`1001@${DEMO}`, '12125550123').replace('agi_calleridname: Alice', 'agi_calleridname: Al\u001bice');
    expect((await playAsterisk(port, name)).vars).toMatchObject({ IS_ALLOWED: '0', DENY_REASON: 'invalid_request' });
    const twice = routeFrom(`1001@${DEMO}`, '12125550123').replace('agi_language: en\n', 'agi_language: en\nagi_language: de\n');
    expect((await playAsterisk(port, twice)).vars).toMatchObject({ IS_ALLOWED: '0', DENY_REASON: 'invalid_request' });
  });

  it('logs refusals as one warning per kind, never a decision', async () => {
    const before = logs.length;
    for (let i = 0; i < 20; i++) await playAsterisk(port, routeFrom(`1005@${DEMO}`, `12125550100\nagi_arg_1: 1001@${DEMO}`));
    const lines = logs.slice(before);
    expect(lines.filter((l) => l.msg === 'decision')).toEqual([]);
    expect(lines.length).toBeLessThanOrEqual(1);
  });
});

describe('the dialled number and the DID are data', () => {
  it.each(['(212) 555-0123', '212-555-0123', 'sip:12125550123', '1001@beta.example.com', '', '1'.repeat(41)])(
    'denies %j as invalid_number without deciding on it',
    async (exten) => {
      const x = await playAsterisk(port, routeFrom(`1001@${DEMO}`, exten));
      refused(x, /PJSIP\//);
      // The decision would have named the caller's tenant.
      expect(x.vars).toMatchObject({ DENY_REASON: 'invalid_number', TENANT: '' });
    },
  );

  it('routes a DID as before', async () => {
    expect((await playAsterisk(port, inboundTo('+12125550100'))).vars).toMatchObject({ IS_ALLOWED: '1', DIAL_TARGET: `PJSIP/1001@${DEMO}` });
  });

  it('refuses a forged agi_arg_1 after the DID', async () => {
    const env = inboundTo('4155550000\nagi_arg_1: +12125550100');
    expect(env).toContain('agi_arg_1: 4155550000\nagi_arg_1: +12125550100\n\n');
    const x = await playAsterisk(port, env);
    refused(x, /1001@/);
    expect(x.vars.DENY_REASON).toBe('invalid_request');
  });

  it.each(['agi_arg_2', 'agi_arg_3'])('refuses a forged %s on /inbound', async (key) => {
    const x = await playAsterisk(port, inboundTo(`+12125550100\n${key}: x`));
    refused(x, /1001@/);
    expect(x.vars.DENY_REASON).toBe('invalid_request');
  });

  it('denies a DID that is not digits as unknown_did', async () => {
    const x = await playAsterisk(port, inboundTo('+1 (212) 555-0100'));
    refused(x, /1001@/);
    expect(x.vars).toMatchObject({ DENY_REASON: 'unknown_did', TENANT: '' });
  });
});

/**
 * A blind transfer (SIP REFER) runs the transferred party's channel in the transferer's context
 * with the number the transferer chose; Asterisk sets ${BLINDTRANSFER} to the transferer's channel.
 * The generated dialplan passes it on `/route?transfer`.
 */
describe('a blind transfer is decided as the transferer', () => {
  const transferred = (channel: string, named: string, dialled: string, by: string) =>
    asteriskEnv('route?transfer', [named, dialled, by], channel);

  it('does not let 1005 (no outside calls) make 1001 call out by transferring 1001 to an outside number', async () => {
    const x = await playAsterisk(port, transferred(`PJSIP/1001@${DEMO}-0000000c`, `1001@${DEMO}`, '12125550123', `PJSIP/1005@${DEMO}-0000000a`));
    refused(x, /itsp/);
    expect(x.vars.DENY_REASON).toBe('external_not_allowed');
  });

  it('lets a receptionist pass an outside caller (a trunk channel) to an extension', async () => {
    const x = await playAsterisk(port, transferred('PJSIP/itsp-0000000b', 'itsp', '1001', `PJSIP/1005@${DEMO}-0000000a`));
    expect(x.vars).toMatchObject({ IS_ALLOWED: '1', DIAL_TARGET: `PJSIP/1001@${DEMO}`, TENANT: 'demo' });
  });

  it('decides an ordinary call on the same path as the channel\'s own, when nobody transferred it', async () => {
    const own = await playAsterisk(port, transferred(`PJSIP/1005@${DEMO}-0000000a`, `1005@${DEMO}`, '12125550123', ''));
    expect(own.vars).toMatchObject({ IS_ALLOWED: '0', DENY_REASON: 'external_not_allowed' });
    const allowed = await playAsterisk(port, transferred(`PJSIP/1001@${DEMO}-0000000a`, `1001@${DEMO}`, '12125550123', ''));
    expect(allowed.vars).toMatchObject({ IS_ALLOWED: '1', DIAL_TARGET: 'PJSIP/+12125550123@itsp' });
  });

  it('refuses a transferer that is not a PJSIP channel, and keeps the exact argument count of each path', async () => {
    const local = await playAsterisk(port, transferred(`PJSIP/1001@${DEMO}-0000000c`, `1001@${DEMO}`, '12125550123', 'Local/x@y-00000001;2'));
    refused(local, /itsp/);
    // Without `?transfer` a third argument is forged (a line break in an older dialplan's ${EXTEN}).
    const forged = await playAsterisk(port, routeFrom(`1005@${DEMO}`, `12125550123\nagi_arg_3: PJSIP/1001@${DEMO}-0000000a`));
    refused(forged, /itsp/);
    expect(forged.vars.DENY_REASON).toBe('invalid_request');
    const short = await playAsterisk(port, asteriskEnv('route?transfer', [`1001@${DEMO}`, '12125550123'], `PJSIP/1001@${DEMO}-0000000a`));
    refused(short, /itsp/);
  });
});
