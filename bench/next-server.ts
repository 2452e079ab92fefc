/**
 * A production build of the portal in a directory of its own, and `next start` on it, for
 * benchmarks that measure over HTTP. Never touches `.next`, which a running `npm start` serves.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

// Node itself rather than npx: one process fewer, and the pid we kill is the server's group.
const NEXT_BIN = 'node_modules/next/dist/bin/next';
/** The portal as deployed: `next start` in one worker per core (WEB_CONCURRENCY). */
const SERVE_PORTAL = 'scripts/serve-portal.mjs';

export type Build = { built: boolean; at: Date };

/** Builds unless `<distDir>/BUILD_ID` exists; BENCH_REBUILD=1 forces a build (the code under test may have changed). */
export function ensureBuild(distDir: string): Build {
  const id = `${distDir}/BUILD_ID`;
  if (existsSync(id) && !process.env.BENCH_REBUILD) return { built: false, at: statSync(id).mtime };
  const tsconfig = readFileSync('tsconfig.json', 'utf8');
  const res = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
  });
  restoreTsconfig(tsconfig, distDir);
  if (res.status !== 0) throw new Error(`next build failed (exit ${res.status ?? res.signal})`);
  return { built: true, at: statSync(id).mtime };
}

/**
 * `next build` adds `<distDir>/types/**` to tsconfig.json's include. A benchmark's scratch build
 * must not leave a change in a file the project owns, so that addition alone is taken back.
 */
function restoreTsconfig(before: string, distDir: string): void {
  const after = readFileSync('tsconfig.json', 'utf8');
  if (after === before) return;
  const parsed = JSON.parse(after) as { include?: string[] };
  parsed.include = parsed.include?.filter((p) => !p.startsWith(`${distDir}/`));
  if (JSON.stringify(parsed) === JSON.stringify(JSON.parse(before))) writeFileSync('tsconfig.json', before);
  else console.warn('tsconfig.json changed during the build beyond next\'s include entries; left as it is');
}

export type Server = { base: string; pid: number; stop: () => Promise<void>; stderrTail: () => string };

/**
 * The portal's own launcher (scripts/serve-portal.mjs) with `workers` workers (1: `next start`
 * in that one process). nodeArgs go to node itself (and so to every worker): this Node refuses
 * --cpu-prof in NODE_OPTIONS.
 */
export async function startNext(opts: { distDir: string; port: number; env: Record<string, string>; nodeArgs?: string[]; workers?: number }): Promise<Server> {
  const base = `http://127.0.0.1:${opts.port}`;
  // Other sessions run portals on this machine: measuring one of theirs would be silently wrong.
  if (await answers(base)) throw new Error(`something already listens on ${base}; set BENCH_PORT`);
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), SERVE_PORTAL, '-H', '127.0.0.1', '-p', String(opts.port)], {
    env: {
      ...process.env,
      ...opts.env,
      WEB_CONCURRENCY: String(opts.workers ?? 1),
      NEXT_DIST_DIR: opts.distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true, // its own process group, so one kill reaches anything it forks
  });
  let tail = '';
  child.stderr!.on('data', (d: Buffer) => (tail = (tail + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: Server = { base, pid: child.pid!, stop: () => stop(child, exited), stderrTail: () => tail };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${tail}`);
    if (await answers(base)) return server;
    await sleep(250);
  }
  await server.stop();
  throw new Error(`next start did not answer on ${base} within 60 s:\n${tail}`);
}

const answers = (base: string) =>
  fetch(`${base}/api/v1/openapi.json`, { signal: AbortSignal.timeout(2_000) }).then(
    (r) => (r.body?.cancel(), true),
    () => false,
  );

/** SIGTERM first: a server started with --cpu-prof writes its profile only on a clean exit. */
async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  group('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
  if (!done) group('SIGKILL');
}
