import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type DirChanges, type DirEntry, deleteLdif, entriesToLdif, modifyLdif, renameLdif } from './ldif.ts';
import { configLdif, makeCertificates, slapdPaths } from './slapd-config.ts';

/**
 * A private OpenLDAP for one test file: its own temp dir (config, database, pid file), loopback
 * ports, and CA. It never touches Debian's system slapd (/etc/ldap/slapd.d, port 389), which
 * installing the package may have started.
 */
export interface SlapdOptions {
  baseDN?: string;
  /** Server size limit, like AD's MaxPageSize (1,000): unpaged searches beyond it fail, paged ones do not. Applies to `bindDN`, never to the rootdn. */
  sizeLimit?: number;
  /** Also listen on ldaps://. StartTLS on ldap:// works either way. */
  tls?: boolean;
  /** Loaded offline with slapadd before start: 10,000 users take a fifth of a second this way. */
  entries?: DirEntry[] | string;
  startTimeoutMs?: number;
  /** Where the run's temp dir is made (default: the OS temp dir). */
  parentDir?: string;
}

export interface Slapd {
  url: string;
  ldapsUrl?: string;
  port: number;
  tlsPort?: number;
  baseDN: string;
  /** The rootdn: bypasses ACLs and every limit, so it cannot show what a sync account sees. */
  adminDN: string;
  adminPassword: string;
  /** A read-only service account, as the sync would use against AD: subject to sizeLimit. */
  bindDN: string;
  bindPassword: string;
  caCertPem: string;
  dir: string;
  addEntries(input: DirEntry[] | string): Promise<void>;
  modify(dn: string, changes: DirChanges): Promise<void>;
  rename(dn: string, newRdn: string, newSuperior?: string): Promise<void>;
  delete(dn: string | string[]): Promise<void>;
  /** Raw change records (changetype: add/modify/delete/modrdn), as ldapmodify takes them. */
  ldapmodify(ldif: string): Promise<void>;
  stop(): Promise<void>;
}

const ADMIN_PASSWORD = 'admin-secret';
const BIND_PASSWORD = 'sync-secret';

export async function startSlapd(options: SlapdOptions = {}): Promise<Slapd> {
  const baseDN = options.baseDN ?? 'dc=example,dc=test';
  const adminDN = `cn=admin,${baseDN}`;
  const bindDN = `cn=switchboard-sync,ou=Services,${baseDN}`;
  const dir = await mkdtemp(path.join(options.parentDir ?? os.tmpdir(), 'sb-slapd-'));
  let child: ChildProcess | undefined;
  try {
    const tls = await makeCertificates(dir);
    await mkdir(path.join(dir, 'config'));
    await mkdir(path.join(dir, 'db'));
    await writeFile(path.join(dir, 'config.ldif'), configLdif({ dir, baseDN, adminDN, adminPassword: ADMIN_PASSWORD, sizeLimit: options.sizeLimit, tls }));
    await exec(slapdPaths().slapadd, ['-n0', '-F', path.join(dir, 'config'), '-l', path.join(dir, 'config.ldif')]);
    const extra = typeof options.entries === 'string' ? options.entries : entriesToLdif(options.entries ?? []);
    await writeFile(path.join(dir, 'data.ldif'), entriesToLdif(skeleton(baseDN, bindDN)) + '\n' + extra);
    // -q skips consistency checks we do not need on generated data; still fills in entryUUID.
    await exec(slapdPaths().slapadd, ['-q', '-n1', '-F', path.join(dir, 'config'), '-l', path.join(dir, 'data.ldif')]);

    // A free port can be taken between our probe and slapd's bind: try again with new ones.
    for (let attempt = 1; ; attempt++) {
      const [port, tlsPort] = await freePorts(options.tls ? 2 : 1);
      const urls = [`ldap://127.0.0.1:${port}/`, ...(tlsPort ? [`ldaps://127.0.0.1:${tlsPort}/`] : [])];
      // Foreground (-d), no -u: slapd runs as whoever runs the tests. `-d none` is silent but for
      // fatal errors (-d 0 would hide those too), which we want in a failed start's message.
      child = spawn(slapdPaths().slapd, ['-d', 'none', '-h', urls.join(' '), '-F', path.join(dir, 'config')], { stdio: ['ignore', 'ignore', 'pipe'] });
      const started = await waitUntilListening(child, [port, tlsPort].filter((p): p is number => !!p), options.startTimeoutMs ?? 10_000);
      if (started === true) return handle({ child, dir, baseDN, adminDN, bindDN, port, tlsPort, caCertPem: tls.caCertPem });
      if (!/Address already in use/.test(started) || attempt === 3) throw new Error(`slapd did not start: ${started}`);
    }
  } catch (err) {
    child?.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

function skeleton(baseDN: string, bindDN: string): DirEntry[] {
  const [attr, value] = baseDN.split(',')[0].split('=');
  const root: DirEntry =
    attr === 'dc' ? { dn: baseDN, attributes: { objectClass: ['dcObject', 'organization'], dc: value, o: value } }
    : attr === 'o' ? { dn: baseDN, attributes: { objectClass: 'organization', o: value } }
    : { dn: baseDN, attributes: { objectClass: 'organizationalUnit', ou: value } };
  return [
    root,
    { dn: `ou=Services,${baseDN}`, attributes: { objectClass: 'organizationalUnit', ou: 'Services' } },
    { dn: bindDN, attributes: { objectClass: ['applicationProcess', 'simpleSecurityObject'], cn: 'switchboard-sync', userPassword: BIND_PASSWORD } },
  ];
}

interface Running {
  child: ChildProcess;
  dir: string;
  baseDN: string;
  adminDN: string;
  bindDN: string;
  port: number;
  tlsPort?: number;
  caCertPem: string;
}

// One 'exit' listener for every server of the process (one each would trip MaxListeners at 11).
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((c) => c.kill('SIGKILL')));

function handle(r: Running): Slapd {
  const url = `ldap://127.0.0.1:${r.port}`;
  live.add(r.child);
  // 'exit' does not run when the worker is killed by a signal; this shell outlives us and
  // cleans up once our end of its stdin closes, however we died.
  const watchdog = spawn('sh', ['-c', 'cat >/dev/null; kill -9 "$1" 2>/dev/null; rm -rf "$2"', 'slapd-watchdog', String(r.child.pid), r.dir], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  (watchdog.stdin as unknown as net.Socket).unref();
  r.child.unref();
  (r.child.stderr as net.Socket | null)?.unref();

  const ldapmodify = (ldif: string) =>
    exec('ldapmodify', ['-x', '-H', url, '-D', r.adminDN, '-w', ADMIN_PASSWORD], ldif).then(() => undefined);
  let stopped: Promise<void> | undefined;
  return {
    url,
    ldapsUrl: r.tlsPort ? `ldaps://127.0.0.1:${r.tlsPort}` : undefined,
    port: r.port,
    tlsPort: r.tlsPort,
    baseDN: r.baseDN,
    adminDN: r.adminDN,
    adminPassword: ADMIN_PASSWORD,
    bindDN: r.bindDN,
    bindPassword: BIND_PASSWORD,
    caCertPem: r.caCertPem,
    dir: r.dir,
    ldapmodify,
    addEntries: (input) => ldapmodify(typeof input === 'string' ? input : entriesToLdif(input, true)),
    modify: (dn, changes) => ldapmodify(modifyLdif(dn, changes)),
    rename: (dn, newRdn, newSuperior) => ldapmodify(renameLdif(dn, newRdn, newSuperior)),
    delete: (dn) => ldapmodify([dn].flat().map(deleteLdif).join('\n')),
    stop: () =>
      (stopped ??= (async () => {
        live.delete(r.child);
        watchdog.kill('SIGKILL');
        await terminate(r.child);
        await rm(r.dir, { recursive: true, force: true });
      })()),
  };
}

/**
 * true once slapd says it is starting (logged only after it has bound every listener, even with
 * `-d none`) and every port accepts connections: a port that merely accepts may belong to whoever
 * took it between our probe and slapd's bind. Otherwise why not, with slapd's own stderr.
 */
async function waitUntilListening(child: ChildProcess, ports: number[], timeoutMs: number): Promise<true | string> {
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  child.once('error', (e) => (exited = e.message));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      await new Promise((r) => setTimeout(r, 20)); // let the last of stderr arrive
      return `${exited}\n${stderr.trim()}`;
    }
    if (/slapd starting/.test(stderr) && (await Promise.all(ports.map(accepts))).every(Boolean) && !exited) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  return `not listening on ${ports.join(', ')} after ${timeoutMs} ms\n${stderr.trim()}`;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<net.Server>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Runs a tool with `input` on stdin; fails with its stderr. LDAPNOINIT: ignore /etc/ldap/ldap.conf and ~/.ldaprc. */
function exec(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env: { ...process.env, LDAPNOINIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.once('error', reject);
    p.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} failed (${code}): ${err.trim() || out.trim()}`))));
    p.stdin.end(input ?? '');
  });
}
