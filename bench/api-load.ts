/**
 * One API scenario under autocannon: N connections, each sending its next request as soon as the
 * previous one is answered, for a fixed time. Every status is counted; a benchmark that measures
 * fast 401s or 409s would be measuring the wrong thing.
 */
import autocannon from 'autocannon';
import { measureCpu, type CpuShare } from './cpu.ts';
import { percentile } from './stats.ts';

export type Scenario = {
  name: string;
  method: 'GET' | 'POST';
  /** The one status every answer must have; default: any 2xx. */
  expect?: number;
  /** The next request's path (and body); called once per request sent, so it may rotate or count. */
  next: () => { path: string; body?: string };
};

export type Figures = {
  name: string;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** Answers with another status than expected, plus connection errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
  /** The first few non-2xx answers, to say what went wrong. */
  samples: string[];
  cpu: CpuShare | null;
};

const expected = (s: Scenario, status: number) => (s.expect ? status === s.expect : status >= 200 && status <= 299);

export type LoadOptions = { base: string; token: string; seconds: number; connections: number; serverPid: number };

let running: { stop(): void } | undefined;
/** Ends the scenario under way: a server being stopped would otherwise wait on 50 busy connections. */
export const stopLoad = () => running?.stop();

export async function load(s: Scenario, o: LoadOptions): Promise<Figures> {
  // autocannon's own histogram holds whole milliseconds and 2xx answers only; ours holds all.
  const latencies: number[] = [];
  const samples: string[] = [];
  const cpu = measureCpu(o.serverPid);
  const instance = autocannon({
    url: o.base,
    connections: o.connections,
    duration: o.seconds,
    timeout: 30,
    headers: {
      authorization: `Bearer ${o.token}`,
      accept: 'application/json',
      ...(s.method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    requests: [
      {
        method: s.method,
        setupRequest: (req) => ({ ...req, ...s.next() }),
        onResponse: (status, body) => {
          if (!expected(s, status) && samples.length < 3) samples.push(`${status} ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  running = instance;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const r = await instance;
  running = undefined;
  const share = cpu();
  latencies.sort((a, b) => a - b);
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, { count }]) => [code, count]));
  return {
    name: s.name,
    requests: r.requests.total,
    seconds: r.duration,
    rps: r.requests.total / r.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    // autocannon counts timeouts among its errors, and every answer in requests.total.
    errors: r.requests.total - (s.expect ? (statuses[s.expect] ?? 0) : r['2xx']) + r.errors,
    statuses: { ...statuses, ...(r.errors ? { 'connection errors': r.errors } : {}), ...(r.timeouts ? { timeouts: r.timeouts } : {}) },
    samples,
    cpu: share,
  };
}
