/** What `npm run bench:api` prints: figures, who had the CPU, a chart of req/s, and the targets. */
import type { Figures } from './api-load.ts';
import type { Build } from './next-server.ts';
import { bar } from './stats.ts';

type Context = { seconds: number; connections: number; cores: number; load1: number; build: Build; extensionsAfter: number };

const int = (n: number) => Math.round(n).toLocaleString('en');
const ms = (n: number) => n.toFixed(1).padStart(7);
const cores = (n: number) => n.toFixed(2).padStart(6);

export function report(results: Figures[], c: Context) {
  const built = c.build.at.toISOString().replace('T', ' ').slice(0, 16);
  console.log(`\nSwitchboard API benchmark: a tenant of 10,000 extensions, ${c.connections} connections, ${c.seconds} s per scenario`);
  console.log(`next start on ${c.build.built ? 'a fresh build' : `the existing build of ${built} UTC (BENCH_REBUILD=1 rebuilds)`} in .next-bench`);
  console.log(
    `${c.cores} cores shared by autocannon (the loader, this process), next start and PostgreSQL: the server has ` +
      `less than the whole machine, so these are figures for one small box, not a ceiling. Load average before: ${c.load1.toFixed(2)}.\n`,
  );

  // Server CPU per request holds steadier than req/s when other work shares the machine.
  console.log(`  ${'scenario'.padEnd(18)} ${'requests'.padStart(9)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(6)}   server CPU ms/req   CPU in cores: server loader postgres other`);
  for (const r of results) {
    const perReq = r.cpu ? ms((r.cpu.server * r.seconds * 1000) / r.requests).padStart(17) : 'n/a'.padStart(17);
    const cpu = r.cpu ? `${cores(r.cpu.server)} ${cores(r.cpu.loader)} ${cores(r.cpu.postgres).padStart(8)} ${cores(r.cpu.other).padStart(5)}` : 'n/a';
    console.log(`  ${r.name.padEnd(18)} ${int(r.requests).padStart(9)} ${int(r.rps).padStart(8)} ${ms(r.p50)} ${ms(r.p99)} ${String(r.errors).padStart(6)}   ${perReq}   ${''.padStart(13)}${cpu}`);
  }
  console.log(`  (extensions in the database after the run: ${int(c.extensionsAfter)})`);

  console.log('\n  requests per second');
  const top = Math.max(...results.map((r) => r.rps));
  for (const r of results) console.log(`  ${r.name.padEnd(18)} ${bar(r.rps, top)} ${int(r.rps)}`);

  const list = results.find((r) => r.name.startsWith('list'));
  const create = results.find((r) => r.name.startsWith('create'));
  console.log('');
  console.log(
    list
      ? `${list.rps >= 1_000 && list.p99 < 100 ? 'PASS' : 'MISS'} list >= 1,000 req/s with p99 < 100 ms (${int(list.rps)} req/s, p99 ${list.p99.toFixed(1)} ms)`
      : '---- list: not run',
  );
  console.log(create ? `${create.rps >= 300 ? 'PASS' : 'MISS'} create >= 300 req/s (${int(create.rps)} req/s)` : '---- create: not run');
}
