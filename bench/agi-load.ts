/** The measuring half of bench:agi, in its own process (see agi.ts). */
import { setTimeout as sleep } from 'node:timers/promises';
import { asteriskEnv, playAsterisk } from '../agi-server/test/fake-asterisk.ts';
import { bar, percentile } from './stats.ts';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const TENANTS = Number(process.env.TENANTS);
const PER_TENANT = Number(process.env.PER_TENANT);
const AGI_PORT = Number(process.env.AGI_PORT);
const FLOOR_PORT = Number(process.env.FLOOR_PORT);

type Result = { sessions: number; perSecond: number; p50: number; p99: number; errors: number };
/**
 * A whole answer that is a decision: the one-line answer generated dialplans ask for
 * (`?answer=1`, one command, ending in `end`), and not a refusal of the request itself; a fast
 * refusal must not pass for a fast decision.
 */
const isDecision = (commands: string[], vars: Record<string, string>) => {
  const v = vars.SWITCHBOARD_ANSWER ?? '';
  return commands.length === 1 && v.endsWith('|end') && v.split('|')[4] !== 'invalid_request';
};

/** Keeps CONCURRENCY sessions in flight for SECONDS; each session is one call. */
async function load(port: number, envFor: (i: number) => string): Promise<Result> {
  const times: number[] = [];
  let errors = 0;
  let i = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        try {
          const x = await playAsterisk(port, envFor(i++), { timeoutMs: 5_000 });
          if (!isDecision(x.commands, x.vars)) errors++;
          times.push(x.ms);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { sessions: times.length, perSecond: times.length / elapsed, p50: percentile(times, 50), p99: percentile(times, 99), errors };
}

/**
 * Calls arriving at a fixed rate (as they do on a PBX), at most CONCURRENCY at once: the latency
 * of each decision, not of a queue the load generator built itself.
 */
async function atRate(port: number, perSecond: number, envFor: (i: number) => string): Promise<Result & { skipped: number }> {
  const times: number[] = [];
  let errors = 0;
  let skipped = 0;
  let inFlight = 0;
  const total = perSecond * SECONDS;
  const started = performance.now();
  const running: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    if (inFlight >= CONCURRENCY) {
      skipped++;
      continue;
    }
    inFlight++;
    running.push(
      playAsterisk(port, envFor(i), { timeoutMs: 5_000 })
        .then((x) => {
          if (!isDecision(x.commands, x.vars)) errors++;
          times.push(x.ms);
        }, () => void errors++)
        .finally(() => void inFlight--),
    );
  }
  await Promise.all(running);
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { sessions: times.length, perSecond: times.length / elapsed, p50: percentile(times, 50), p99: percentile(times, 99), errors, skipped };
}

async function main() {
    // A realistic mix: internal calls, national and international numbers, emergency, denials.
    const dialled = ['1002', '1500', '2125550123', '+442079460958', '911', '030901820', '9999', '1000'];
    const envFor = (i: number) => {
      const t = `t${String(i % TENANTS).padStart(3, '0')}`;
      return asteriskEnv('route?answer=1', [`${1000 + ((i * 7919) % PER_TENANT)}@${t}.bench.test`, dialled[i % dialled.length]]);
    };
    await load(AGI_PORT, envFor); // warm-up (JIT, connection setup)
    const floorResult = await load(FLOOR_PORT, envFor);
    const agiResult = await load(AGI_PORT, envFor);
    const RATE = Number(process.env.BENCH_RATE ?? 2_000);
    const floorAtRate = await atRate(FLOOR_PORT, RATE, envFor);
    const agiAtRate = await atRate(AGI_PORT, RATE, envFor);

    console.log(`\nSwitchboard FastAGI benchmark: ${CONCURRENCY} concurrent sessions, ${SECONDS} s each, ${TENANTS} tenants, ${TENANTS * PER_TENANT} extensions`);
    const rows: [string, Result][] = [['floor (same bytes, no decision)', floorResult], ['AGI server (decisions)', agiResult]];
    const max = Math.max(floorResult.perSecond, agiResult.perSecond);
    for (const [name, r] of rows)
      console.log(`  ${name.padEnd(32)} ${Math.round(r.perSecond).toString().padStart(6)} /s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}  ${bar(r.perSecond, max, 30)}`);
    console.log('  (closed loop: every session starts as one ends, so latency = concurrency / rate; this measures capacity)');
    console.log(`\nCalls arriving at ${RATE}/s, at most ${CONCURRENCY} in flight (latency of one call):`);
    const worst = Math.max(floorAtRate.p99, agiAtRate.p99);
    for (const [name, r] of [['floor (same bytes, no decision)', floorAtRate], ['AGI server (decisions)', agiAtRate]] as const)
      console.log(`  ${name.padEnd(32)} ${Math.round(r.perSecond).toString().padStart(6)} /s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}  over ${CONCURRENCY} in flight: ${r.skipped}  ${bar(r.p99, worst, 30)}`);
    const ratio = agiResult.perSecond / floorResult.perSecond;
    console.log(`\n${agiResult.perSecond >= 2000 ? 'PASS' : 'MISS'} >= 2,000 decisions/s   ${agiAtRate.p99 < 10 ? 'PASS' : 'MISS'} p99 < 10 ms at ${RATE}/s   ${ratio >= 0.5 ? 'PASS' : 'MISS'} >= half the floor (${(ratio * 100).toFixed(0)}%)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
