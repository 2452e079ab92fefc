/**
 * Who used the CPU during a measurement, from /proc (Linux): the server, this process (the load
 * generator), PostgreSQL, and everything else. On a small machine they all share the same cores,
 * so a figure means little without knowing whether the server was the one that ran out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const TICK_MS = 10; // USER_HZ is 100 on every Linux we run on

type Snapshot = { at: number; busy: number; server: Map<number, number>; self: number; postgres: Map<number, number> };
export type CpuShare = { cores: number; busy: number; server: number; loader: number; postgres: number; other: number };

function ticksOf(pid: number | string, withChildren = false): { ticks: number; ppid: number; comm: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' ');
    // utime + stime, and for the loader also cutime + cstime: a wrk it ran and reaped counts as its own.
    const ticks = Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0);
    return { ticks, ppid: Number(f[1]), comm };
  } catch {
    return null;
  }
}

function snapshot(serverPid: number): Snapshot | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const busy = cpu.reduce((a, b) => a + b, 0) - cpu[3] - cpu[4]; // all but idle and iowait
    const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => [Number(d), ticksOf(d)] as const);
    // The server and whatever it forked (its pid leads a process group of its own).
    const tree = new Set([serverPid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, p] of procs) if (p && !tree.has(pid) && tree.has(p.ppid)) (tree.add(pid), (grew = true));
    }
    // Per pid: short-lived backends come and go, and a sum over whoever is alive would jump.
    const server = new Map<number, number>();
    const postgres = new Map<number, number>();
    for (const [pid, p] of procs) {
      if (!p) continue;
      if (tree.has(pid)) server.set(pid, p.ticks);
      else if (p.comm === 'postgres') postgres.set(pid, p.ticks);
    }
    return { at: performance.now(), busy, server, self: ticksOf(process.pid, true)?.ticks ?? 0, postgres };
  } catch {
    return null;
  }
}

/** Ticks used between two snapshots by the processes of the second (new ones count from zero). */
const used = (a: Map<number, number>, b: Map<number, number>) => {
  let sum = 0;
  for (const [pid, ticks] of b) sum += ticks - (a.get(pid) ?? 0);
  return sum;
};

/** Starts counting; the returned function gives each party's share, in cores (1.0 = one core busy). */
export function measureCpu(serverPid: number): () => CpuShare | null {
  const a = snapshot(serverPid);
  return () => {
    const b = snapshot(serverPid);
    if (!a || !b) return null;
    const cores = (ticks: number) => (ticks * TICK_MS) / (b.at - a.at);
    const busy = cores(b.busy - a.busy);
    const server = cores(used(a.server, b.server));
    const loader = cores(b.self - a.self);
    const postgres = cores(used(a.postgres, b.postgres));
    return { cores: cpus().length, busy, server, loader, postgres, other: Math.max(0, busy - server - loader - postgres) };
  };
}
