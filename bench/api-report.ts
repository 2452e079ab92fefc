/** What `npm run bench:api` prints: figures, who had the CPU, a chart of req/s, and the targets. */
import type { Figures } from './api-load.ts';
import type { Build } from './next-server.ts';
import { bar } from './stats.ts';

type Context = { workers: number; loader: string; seconds: number; connections: number; cores: number; load1: number; build: Build; extensionsAfter: number };

const int = (n: number) => Math.round(n).toLocaleString('en');
const COLUMNS = ['requests', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'server CPU ms/req', 'cores: server', 'loader', 'postgres', 'other'];

function row(name: string, cells: string[]): string {
  return `  ${name.padEnd(18)} ${cells.map((c, i) => c.padStart(COLUMNS[i].length)).join('  ')}`;
}

export function report(results: Figures[], c: Context) {
  const built = c.build.at.toISOString().replace('T', ' ').slice(0, 16);
  console.log(`\nSwitchboard API benchmark: a tenant of 10,000 extensions, ${c.connections} connections, ${c.seconds} s per scenario`);
  console.log(
    `next start in ${c.workers} worker${c.workers === 1 ? '' : 's'} (scripts/serve-portal.mjs; BENCH_WORKERS sets it) on ` +
      `${c.build.built ? 'a fresh build' : `the existing build of ${built} UTC (BENCH_REBUILD=1 rebuilds)`} in .next-bench`,
  );
  console.log(
    `${c.cores} cores shared by ${c.loader} (the load generator), next start and PostgreSQL, and whatever else runs\n` +
      `on this machine ("other"; load average before: ${c.load1.toFixed(2)}). Figures for one small shared box, not a ceiling.\n`,
  );

  console.log(row('scenario', COLUMNS));
  for (const r of results) {
    // Server CPU per request holds steadier than req/s when other work shares the machine.
    const cpu = r.cpu
      ? [((r.cpu.server * r.seconds * 1000) / r.requests).toFixed(1), ...[r.cpu.server, r.cpu.loader, r.cpu.postgres, r.cpu.other].map((x) => x.toFixed(2))]
      : ['n/a', 'n/a', 'n/a', 'n/a', 'n/a'];
    console.log(row(r.name, [int(r.requests), int(r.rps), r.p50.toFixed(1), r.p99.toFixed(1), String(r.errors), ...cpu]));
  }
  console.log(`  (extensions in the database after the run: ${int(c.extensionsAfter)})`);

  console.log('\n  requests per second');
  const top = Math.max(...results.map((r) => r.rps));
  for (const r of results) console.log(`  ${r.name.padEnd(18)} ${bar(r.rps, top)} ${int(r.rps)}`);

  const list = results.find((r) => r.name.startsWith('list'));
  const create = results.find((r) => r.name.startsWith('create'));
  const floor = results.find((r) => r.name.startsWith('floor'));
  console.log('');
  console.log(
    list
      ? `${list.rps >= 1_000 && list.p99 < 100 ? 'PASS' : 'MISS'} list >= 1,000 req/s with p99 < 100 ms (${int(list.rps)} req/s, p99 ${list.p99.toFixed(1)} ms)`
      : '---- list: not run',
  );
  console.log(create ? `${create.rps >= 300 ? 'PASS' : 'MISS'} create >= 300 req/s (${int(create.rps)} req/s)` : '---- create: not run');
  if (floor) console.log(`(for scale: next start answers a 404 with no database work at ${int(floor.rps)} req/s on this machine)`);
}
