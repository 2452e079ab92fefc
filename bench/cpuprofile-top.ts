/**
 * `tsx bench/cpuprofile-top.ts <file.cpuprofile> [n]`: where a `--cpu-prof` profile spent its
 * time: the top functions by self time, and the same time summed per package or source file, so
 * "Prisma", "Next's router" and "our code" can be told apart without opening DevTools.
 * Profiles sample wall-clock time: on a busy machine, time the process waited for a core shows
 * up in whatever it was doing (often a syscall such as writev).
 */
import { readFileSync } from 'node:fs';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const [file, nArg] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/cpuprofile-top.ts <file.cpuprofile> [n]');
const n = Number(nArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

// Module loading is the server starting, not serving: samples under it are left out.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const LOADING = /^(Module\._load|instantiateModule|compileSourceTextModule|wrapSafe)$/;
const loadingMemo = new Map<number, boolean>();
const loading = (id: number): boolean => {
  let v = loadingMemo.get(id);
  if (v === undefined) {
    const p = parent.get(id);
    v = LOADING.test(byId.get(id)!.callFrame.functionName) || (p !== undefined && loading(p));
    loadingMemo.set(id, v);
  }
  return v;
};

// Self time per node from the sample timeline (more exact than hitCount × interval).
const self = new Map<number, number>();
let skipped = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  if (loading(id)) skipped += dt;
  else self.set(id, (self.get(id) ?? 0) + dt);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** The package a URL belongs to, or the source file (webpack/turbopack chunks keep their name). */
function owner(url: string): string {
  if (!url) return '(native / V8)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node core';
  return url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
}

const byFunction = new Map<string, number>();
const byOwner = new Map<string, number>();
for (const node of profile.nodes) {
  const t = self.get(node.id) ?? 0;
  if (!t) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'}  ${owner(url)}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + t);
  byOwner.set(owner(url), (byOwner.get(owner(url)) ?? 0) + t);
}

const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`  ${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(skipped / 1e6).toFixed(1)} s of module loading left out`);
show('self time by function', byFunction);
show('self time by package / file', byOwner);
