/**
 * One API scenario under wrk (Debian's `wrk`, written in C): the same shape as api-load.ts's
 * autocannon run, with a loader that needs a fraction of the CPU a Node.js loader does. On a
 * 2-core box the loader shares the cores with the server, so a lighter one leaves the server more.
 * Each scenario gives its requests as Lua (the path from a per-thread counter); wrk reports
 * latency percentiles and the answers that were not 2xx/3xx.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Figures, LoadOptions, Scenario } from './api-load.ts';
import { measureCpu } from './cpu.ts';

export type WrkRequest = {
  /**
   * Lua expression for the path. In scope: `n` (this request's number across the whole benchmark:
   * it keeps counting over warm-up and measurement, so creates never repeat a number) .
   */
  path: string;
  /** Lua expression for the body (POST). */
  body?: string;
};

const lua = (s: Scenario, w: WrkRequest, o: LoadOptions, first: number, threads: number) => `
local count = 0
local tid = 0
local nextTid = 0
function setup(thread)
  thread:set("tid", nextTid)
  nextTid = nextTid + 1
end
wrk.method = ${JSON.stringify(s.method)}
wrk.headers["Authorization"] = ${JSON.stringify(`Bearer ${o.token}`)}
wrk.headers["Accept"] = "application/json"
${s.method === 'POST' ? 'wrk.headers["Content-Type"] = "application/json"' : ''}
function request()
  local n = ${first} + count * ${threads} + tid
  count = count + 1
  return wrk.format(nil, ${w.path}, nil, ${w.body ?? 'nil'})
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nWRK-RESULT {"requests":%d,"us":%d,"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50":%.3f,"p99":%.3f}\\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
`;

let nextNumber = 0;
let current: ReturnType<typeof spawn> | undefined;
export const stopWrk = () => current?.kill('SIGINT');

export async function loadWrk(s: Scenario & { wrk: WrkRequest }, o: LoadOptions, threads = 1): Promise<Figures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sb-wrk-'));
  const script = path.join(dir, 'scenario.lua');
  writeFileSync(script, lua(s, s.wrk, o, nextNumber, threads));
  const cpu = measureCpu(o.serverPid);
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', ['-t', String(threads), '-c', String(o.connections), '-d', `${o.seconds}s`, '--timeout', '30s', '-s', script, o.base], { stdio: ['ignore', 'pipe', 'inherit'] });
    current = child;
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`))));
  }).finally(() => {
    current = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  const share = cpu();
  const m = /WRK-RESULT (\{.*\})/.exec(out);
  if (!m) throw new Error(`wrk printed no result:\n${out}`);
  const r = JSON.parse(m[1]) as { requests: number; us: number; status: number; connect: number; read: number; write: number; timeout: number; p50: number; p99: number };
  // Requests sent but not answered still used numbers: never hand them out again.
  nextNumber += r.requests * threads + o.connections * threads + 1_000;
  const seconds = r.us / 1e6;
  // wrk counts answers >= 400 as status errors: for a scenario that expects a 4xx, those are the good ones.
  const bad = s.expect && s.expect >= 400 ? r.requests - r.status : r.status;
  const socket = r.connect + r.read + r.write + r.timeout;
  return {
    name: s.name,
    requests: r.requests,
    seconds,
    rps: r.requests / seconds,
    p50: r.p50,
    p99: r.p99,
    errors: bad + socket,
    statuses: { ...(bad ? { 'unexpected status': bad } : {}), ...(socket ? { 'socket errors': socket } : {}) },
    samples: [],
    cpu: share,
  };
}
