import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoutingView } from '../../lib/domain/routing/view.ts';
import { asteriskEnv, playAsterisk } from '../test/fake-asterisk.ts';
import { deny } from '../../lib/domain/routing/decide.ts';
import { refuseRequest, routingHandler, variables } from './handlers.ts';
import { AgiServer } from './server.ts';

const view = new RoutingView();
view.putTenant({ id: 'A', slug: 'acme', country: 'US', trunk: 'itsp', active: true, allowPremium: false, mainDidId: 'dA' });
view.putTenant({ id: 'B', slug: 'beta', country: 'DE', trunk: 'itsp-de', active: true, allowPremium: false });
view.putExtension({ id: 'a1', tenantId: 'A', number: '1001', endpointId: '1001@acme.example', active: true, allowExternal: true });
view.putExtension({ id: 'a2', tenantId: 'A', number: '1002', endpointId: '1002@acme.example', active: true, allowExternal: true, callerIdDidId: 'dA2' });
view.putExtension({ id: 'b1', tenantId: 'B', number: '1001', endpointId: '1001@beta.example', active: true, allowExternal: true });
view.putDid({ id: 'dA', e164: '+12125550100', tenantId: 'A', extensionId: 'a2' });
view.putDid({ id: 'dA2', e164: '+12125550199', tenantId: 'A', extensionId: null });

/** Every answer sets each variable once. */
const VARIABLES = variables(deny('unknown_request', '', [])).length;
const logs: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
let server: AgiServer;
let port: number;

beforeAll(async () => {
  server = new AgiServer({
    handler: routingHandler(() => view, (level, msg, fields) => logs.push({ level, msg, fields })),
    refuse: refuseRequest,
    limits: { headerTimeoutMs: 1_000, commandTimeoutMs: 300, sessionTimeoutMs: 2_000 }, // the default header time: 500 sessions at once must fit it
    maxSessions: 1_000,
    maxSessionsPerHost: 1_000, // every test call comes from 127.0.0.1
    log: (level, msg, fields) => logs.push({ level, msg, fields }),
  });
  port = (await server.listen(0)).port;
});
afterAll(() => server.close(100));

const route = (caller: string, dialled: string) => asteriskEnv('route', [caller, dialled], `PJSIP/${caller}-0000000d`);

async function settled() {
  for (let i = 0; i < 100 && server.sessions.size; i++) await new Promise((r) => setTimeout(r, 10));
  return server.sessions.size;
}

describe('FastAGI protocol', () => {
  it('answers a real Asterisk header block with the decision, one SET VARIABLE at a time, then closes', async () => {
    const x = await playAsterisk(port, route('1001@acme.example', '1002'));
    expect(x.commands).toEqual([
      'SET VARIABLE TARGET_TYPE "INTERNAL"',
      'SET VARIABLE DIAL_TARGET "PJSIP/1002@acme.example"',
      'SET VARIABLE TARGET_E164 ""',
      'SET VARIABLE DENY_REASON ""',
      'SET VARIABLE TENANT "acme"',
      'SET VARIABLE CALLER_ID_NUM ""', // internal calls keep the extension number
      'SET VARIABLE VOICEMAIL_BOX ""',
      'SET VARIABLE IS_ALLOWED "1"',
    ]);
    expect(x.closedBy).toBe('server');
    const line = logs.find((l) => l.msg === 'decision' && l.fields?.dialled === '1002');
    expect(line?.fields).toMatchObject({ request: '/route', caller: '1001@acme.example', type: 'INTERNAL', tenant: 'acme', uniqueid: '1795234130.4' });
  });

  it('keeps tenants apart: the same number from another tenant reaches that tenant only', async () => {
    const x = await playAsterisk(port, route('1001@beta.example', '1002'));
    expect(x.vars).toMatchObject({ IS_ALLOWED: '0', TARGET_TYPE: 'DENIED', DENY_REASON: 'invalid_number', TENANT: 'beta' });
  });

  it('falls back to the channel name when the dialplan passes no endpoint', async () => {
    const x = await playAsterisk(port, asteriskEnv('route', ['', '2125550123'], 'PJSIP/1001@acme.example-0000000d'));
    expect(x.vars).toMatchObject({ IS_ALLOWED: '1', TARGET_TYPE: 'EXTERNAL', DIAL_TARGET: 'PJSIP/+12125550123@itsp', TARGET_E164: '+12125550123' });
  });

  it('answers the E.164 caller ID of an outside call before IS_ALLOWED, and refuses one without a DID', async () => {
    const x = await playAsterisk(port, route('1001@acme.example', '2125550123'));
    expect(x.vars).toMatchObject({ IS_ALLOWED: '1', TARGET_TYPE: 'EXTERNAL', CALLER_ID_NUM: '+12125550100' });
    expect(x.commands.indexOf('SET VARIABLE CALLER_ID_NUM "+12125550100"')).toBeLessThan(x.commands.indexOf('SET VARIABLE IS_ALLOWED "1"'));
    expect(x.commands.at(-1)).toBe('SET VARIABLE IS_ALLOWED "1"');
    // 1002 picked another of the tenant's DIDs.
    expect((await playAsterisk(port, route('1002@acme.example', '2125550123'))).vars).toMatchObject({ IS_ALLOWED: '1', CALLER_ID_NUM: '+12125550199' });
    // beta has no DID: outside calls are refused, emergency calls still go out.
    expect((await playAsterisk(port, route('1001@beta.example', '030901820'))).vars).toMatchObject({ IS_ALLOWED: '0', DENY_REASON: 'no_caller_id', CALLER_ID_NUM: '' });
    expect((await playAsterisk(port, route('1001@beta.example', '112'))).vars).toMatchObject({ IS_ALLOWED: '1', TARGET_TYPE: 'EMERGENCY', CALLER_ID_NUM: '' });
    const line = logs.find((l) => l.msg === 'decision' && l.fields?.caller === '1001@acme.example' && l.fields?.dialled === '2125550123');
    expect(line?.fields).toMatchObject({ callerId: '+12125550100' });
  });

  it('routes an inbound DID to its tenant', async () => {
    const x = await playAsterisk(port, asteriskEnv('inbound', ['+12125550100'], 'PJSIP/itsp-00000001'));
    expect(x.vars).toMatchObject({ IS_ALLOWED: '1', DIAL_TARGET: 'PJSIP/1002@acme.example', TENANT: 'acme' });
  });

  it('reassembles packets split anywhere, even byte by byte', async () => {
    for (const chunk of [1, 3, 7, 64]) {
      const x = await playAsterisk(port, route('1001@acme.example', '1002'), { chunk });
      expect(x.vars.IS_ALLOWED, `chunks of ${chunk}`).toBe('1');
    }
  });

  it('notes a HANGUP in the middle of a command and sends nothing more', async () => {
    const x = await playAsterisk(port, route('1001@acme.example', '1002'), {
      reply: (_cmd, n) => (n === 2 ? 'HANGUP\n200 result=1\n' : '200 result=1\n'),
    });
    expect(x.commands).toHaveLength(2);
    expect(x.closedBy).toBe('server');
    expect(logs.find((l) => l.msg === 'decision' && l.fields?.hungUp)).toBeDefined();
  });

  it('takes a HANGUP right behind the environment for a hangup, not for a forged line', async () => {
    const before = logs.length;
    const x = await playAsterisk(port, `${route('1001@acme.example', '1002')}HANGUP\n`);
    expect(x.commands).toEqual([]);
    expect(x.closedBy).toBe('server');
    expect(logs.slice(before).filter((l) => l.level === 'warn')).toEqual([]);
    expect(logs.slice(before).find((l) => l.msg === 'decision')?.fields).toMatchObject({ hungUp: true, type: 'INTERNAL' });
  });

  it('takes a multi-line 520 reply as one reply', async () => {
    const x = await playAsterisk(port, route('1001@acme.example', '1002'), {
      reply: (_cmd, n) =>
        n === 1 ? '520-Invalid command syntax.  Proper usage follows:\nUsage: SET VARIABLE <variablename> <value>\n520 End of proper usage.\n' : '200 result=1\n',
    });
    expect(x.commands).toHaveLength(VARIABLES);
  });

  it('ends a session whose line is over the limit, and keeps serving others', async () => {
    const long = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.write(`agi_network: yes\nagi_request: ${'x'.repeat(20_000)}`));
      s.on('close', () => resolve('closed'));
      s.on('error', () => resolve('closed'));
    });
    expect(long).toBe('closed');
    expect((await playAsterisk(port, route('1001@acme.example', '1002'))).vars.IS_ALLOWED).toBe('1');
    expect(logs.some((l) => l.msg === 'session ended early' && /line longer than 8192/.test(String(l.fields?.err)))).toBe(true);
  });

  it('closes a client that never finishes its header', async () => {
    const started = Date.now();
    const result = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.write('agi_network: yes\nagi_network_script: route\n'));
      s.on('close', () => resolve('closed'));
      s.on('error', () => resolve('closed'));
    });
    expect(result).toBe('closed');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('ends a session on a reply that never comes, and on garbage instead of an environment', async () => {
    const silent = await playAsterisk(port, route('1001@acme.example', '1002'), { reply: () => null });
    expect(silent.commands).toHaveLength(1);
    const html = await playAsterisk(port, '<html><body onload="x()">\n<script>alert(1)</script>\n\n');
    expect(html.commands).toEqual([]);
    expect(await settled()).toBe(0);
  });

  it('answers an unknown request safely', async () => {
    const x = await playAsterisk(port, asteriskEnv('nonsense', []));
    expect(x.vars).toMatchObject({ IS_ALLOWED: '0', TARGET_TYPE: 'DENIED', DENY_REASON: 'unknown_request' });
  });

  it('survives a peer that disconnects mid-session', async () => {
    await new Promise<void>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.write(route('1001@acme.example', '1002')));
      s.once('data', () => {
        s.destroy();
        resolve();
      });
    });
    expect(await settled()).toBe(0);
    expect((await playAsterisk(port, route('1001@acme.example', '1002'))).vars.IS_ALLOWED).toBe('1');
  });

  it('serves 500 concurrent sessions, each with its own answer, and leaks no socket', async () => {
    const calls = Array.from({ length: 500 }, (_, i) =>
      playAsterisk(port, route(i % 2 ? '1001@acme.example' : '1001@beta.example', i % 2 ? '1002' : '1001'), { chunk: i % 5 === 0 ? 16 : 0, timeoutMs: 15_000 }),
    );
    const results = await Promise.all(calls);
    results.forEach((x, i) => expect(x.vars.DIAL_TARGET).toBe(i % 2 ? 'PJSIP/1002@acme.example' : 'PJSIP/1001@beta.example'));
    expect(await settled()).toBe(0);
  });
});

describe('graceful shutdown', () => {
  it('lets a live session finish, refuses new ones, then stops', async () => {
    const local = new AgiServer({ handler: routingHandler(() => view, () => {}), limits: { commandTimeoutMs: 3_000 } });
    const p = (await local.listen(0)).port;
    const asterisk = net.connect(p, '127.0.0.1');
    asterisk.setEncoding('utf8');
    let received = '';
    const firstCommand = new Promise<void>((resolve) => asterisk.on('data', (d: string) => ((received += d), resolve())));
    const ended = new Promise<void>((resolve) => asterisk.on('end', () => resolve()));
    asterisk.write(route('1001@acme.example', '1002'));
    await firstCommand; // the server now waits for our reply: the call is live

    const closing = local.close(2_000);
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect(p, '127.0.0.1');
      s.on('error', () => resolve('refused'));
      s.on('close', () => resolve('refused'));
      s.on('data', () => resolve('served'));
    });
    expect(refused).toBe('refused');

    // Answer every command, as Asterisk would, until the server hangs up.
    asterisk.on('data', () => asterisk.write('200 result=1\n'));
    asterisk.write('200 result=1\n');
    await ended;
    asterisk.end();
    expect(received.split('\n').filter(Boolean).at(-1)).toBe('SET VARIABLE IS_ALLOWED "1"');
    await closing;
    expect(local.sessions.size).toBe(0);
  });
});
