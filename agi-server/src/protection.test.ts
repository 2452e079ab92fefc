/**
 * The AGI port under a flood: only Asterisk's addresses get a session, one address at most its
 * share, silent connections are closed fast, and the log grows by a few lines, not one per attempt.
 * Connections come from 127.0.0.1 and 127.0.0.2 (the loopback /8) to tell addresses apart.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RoutingView } from '../../lib/domain/routing/view.ts';
import { asteriskEnv, playAsterisk } from '../test/fake-asterisk.ts';
import { AllowList } from './access.ts';
import { refuseRequest, routingHandler } from './handlers.ts';
import { AgiServer, type ServerOptions } from './server.ts';
import { DEFAULT_LIMITS } from './session.ts';

const view = new RoutingView();
view.putTenant({ id: 'A', slug: 'acme', country: 'US', trunk: 'itsp', active: true, allowPremium: false });
view.putExtension({ id: 'a1', tenantId: 'A', number: '1001', endpointId: '1001@acme.example', active: true, allowExternal: true });
view.putExtension({ id: 'a2', tenantId: 'A', number: '1002', endpointId: '1002@acme.example', active: true, allowExternal: true });
const call = asteriskEnv('route', ['1001@acme.example', '1002']);

type Line = { level: string; msg: string; fields?: Record<string, unknown> };
const servers: AgiServer[] = [];
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close(100)));
});

async function start(options: Partial<ServerOptions> & { allowed?: string }, host = '127.0.0.1') {
  const logs: Line[] = [];
  const log = (level: string, msg: string, fields?: Record<string, unknown>) => void logs.push({ level, msg, fields });
  const server = new AgiServer({
    handler: routingHandler(() => view, log),
    refuse: refuseRequest,
    allowList: options.allowed ? AllowList.fromSpec(options.allowed) : undefined,
    log,
    ...options,
  });
  servers.push(server);
  const port = (await server.listen(0, host)).port;
  return { server, port, logs };
}

/** Connects from `from`, optionally writes, and says how the connection ended. */
function knock(port: number, from: string, write = '', host = '127.0.0.1'): Promise<{ end: 'closed' | 'reset'; data: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let data = '';
    let end: 'closed' | 'reset' = 'closed';
    const s = net.connect({ port, host, localAddress: from }, () => write && s.write(write));
    s.setEncoding('utf8');
    s.on('data', (d: string) => (data += d));
    s.on('error', () => (end = 'reset'));
    s.on('close', () => resolve({ end, data, ms: Date.now() - started }));
  });
}

/** Opens a connection that stays silent, and does not answer the server's FIN either, as a hostile peer would. */
function idle(port: number, from = '127.0.0.1') {
  const s = net.connect({ port, host: '127.0.0.1', localAddress: from, allowHalfOpen: true });
  sockets.push(s);
  s.on('error', () => {});
  const closed = new Promise<number>((resolve) => {
    const started = Date.now();
    s.on('end', () => resolve(Date.now() - started));
    s.on('close', () => resolve(Date.now() - started));
  });
  const connected = new Promise<void>((resolve) => s.on('connect', () => resolve()));
  return { socket: s, closed, connected };
}

async function until(check: () => boolean, ms = 2_000) {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return check();
}

describe('AGI_ALLOWED_HOSTS', () => {
  it('serves loopback by default', async () => {
    const { port } = await start({});
    expect((await playAsterisk(port, call)).vars.IS_ALLOWED).toBe('1');
    expect((await playAsterisk(port, call, { localAddress: '127.0.0.2' })).vars.IS_ALLOWED).toBe('1');
  });

  it('drops a connection from an address not on the list at once, without a slot or a word', async () => {
    const { server, port, logs } = await start({ allowed: '10.0.0.0/8,fd00::/8' });
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, server.sessions.size)), 1);
    const knocked = await knock(port, '127.0.0.1', call);
    clearInterval(watch);
    expect(knocked.data).toBe('');
    expect(peak).toBe(0);
    expect(logs).toMatchObject([{ level: 'warn', msg: 'refused a connection from an address not in AGI_ALLOWED_HOSTS', fields: { remote: '127.0.0.1' } }]);
  });

  it('tells one address from its neighbour', async () => {
    const { port } = await start({ allowed: '127.0.0.2' });
    expect((await playAsterisk(port, call, { localAddress: '127.0.0.2' })).vars.IS_ALLOWED).toBe('1');
    expect((await knock(port, '127.0.0.1', call)).data).toBe('');
    expect((await knock(port, '127.0.0.3', call)).data).toBe('');
  });

  it('reads IPv4 peers of a dual-stack listener as IPv4 addresses', async () => {
    const { port } = await start({ allowed: '127.0.0.2/32' }, '::');
    expect((await playAsterisk(port, call, { localAddress: '127.0.0.2' })).vars.IS_ALLOWED).toBe('1');
    expect((await knock(port, '127.0.0.1', call)).data).toBe('');
    expect((await knock(port, '::1', call, '::1')).data).toBe('');
  });
});

describe('sessions per address', () => {
  it('keeps one address to its share, and serves the others meanwhile', async () => {
    const { server, port, logs } = await start({ maxSessions: 10, maxSessionsPerHost: 3, limits: { headerTimeoutMs: 1_000 } });
    const held = [idle(port), idle(port), idle(port)];
    await Promise.all(held.map((h) => h.connected));
    expect(await until(() => server.sessions.size === 3)).toBe(true);
    expect((await knock(port, '127.0.0.1', call)).data).toBe('');
    expect((await playAsterisk(port, call, { localAddress: '127.0.0.2' })).vars.IS_ALLOWED).toBe('1');
    expect(logs.filter((l) => l.msg === 'refused a session: too many at once from one address')).toHaveLength(1);
    await Promise.all(held.map((h) => h.closed));
    expect((await playAsterisk(port, call)).vars.IS_ALLOWED).toBe('1');
  });

  it('lets one Asterisk use half the slots by default', async () => {
    const { server, port } = await start({ maxSessions: 8, limits: { headerTimeoutMs: 1_000 } });
    const held = Array.from({ length: 4 }, () => idle(port));
    await Promise.all(held.map((h) => h.connected));
    expect(await until(() => server.sessions.size === 4)).toBe(true);
    expect((await knock(port, '127.0.0.1', call)).data).toBe('');
    await Promise.all(held.map((h) => h.closed));
  });
});

describe('connections that say nothing', () => {
  it('waits at most a second for the environment by default', () => {
    expect(DEFAULT_LIMITS.headerTimeoutMs).toBeLessThanOrEqual(1_000);
  });

  it('closes them after the header timeout and frees their slots for real calls', async () => {
    // Long enough that all four are surely held at once on a loaded machine; short against the
    // 10 s a session may last otherwise.
    const { server, port } = await start({ maxSessions: 4, maxSessionsPerHost: 4, limits: { headerTimeoutMs: 1_000 } });
    const held = Array.from({ length: 4 }, () => idle(port));
    await Promise.all(held.map((h) => h.connected));
    expect(await until(() => server.sessions.size === 4)).toBe(true);
    expect((await knock(port, '127.0.0.1', call)).data).toBe(''); // full
    const lifetimes = await Promise.all(held.map((h) => h.closed));
    for (const ms of lifetimes) expect(ms).toBeLessThan(3_000);
    // Freed when the server gives up, not when (if ever) the peer answers the goodbye.
    expect(await until(() => server.sessions.size === 0, 500)).toBe(true);
    expect((await playAsterisk(port, call)).vars.IS_ALLOWED).toBe('1');
  });

  it('closes one that sent half an environment just the same', async () => {
    const { port } = await start({ limits: { headerTimeoutMs: 200 } });
    const knocked = await knock(port, '127.0.0.1', 'agi_network: yes\nagi_network_script: route\n');
    expect(knocked.data).toBe('');
    expect(knocked.ms).toBeLessThan(900);
  });
});

describe('the log under a flood', () => {
  it('grows by one line per kind of refusal, then a count per interval', async () => {
    const { server, port, logs } = await start({ allowed: '127.0.0.2', warningIntervalMs: 60_000 });
    const flood = await Promise.all(Array.from({ length: 500 }, () => knock(port, '127.0.0.1')));
    expect(flood.every((k) => k.data === '')).toBe(true);
    expect(logs).toHaveLength(1);
    await server.close(100); // sums up what the interval held back
    expect(logs).toHaveLength(2);
    expect(logs[1]).toMatchObject({ level: 'warn', msg: 'refused a connection from an address not in AGI_ALLOWED_HOSTS', fields: { repeated: 499 } });
  });

  it('stays bounded when allowed peers flood it with silent and broken sessions', async () => {
    const { server, port, logs } = await start({ maxSessions: 50, maxSessionsPerHost: 50, limits: { headerTimeoutMs: 200 } });
    const silent = Array.from({ length: 300 }, () => idle(port));
    const garbage = Array.from({ length: 100 }, () => knock(port, '127.0.0.2', '<html>\n\n'));
    await Promise.all([...silent.map((h) => h.closed), ...garbage]);
    expect(await until(() => server.sessions.size === 0)).toBe(true);
    // too many at once, too many from one address, header timeout, malformed, and perhaps a reset
    expect(logs.length).toBeLessThanOrEqual(6);
    expect((await playAsterisk(port, call)).vars.IS_ALLOWED).toBe('1');
  });
});
