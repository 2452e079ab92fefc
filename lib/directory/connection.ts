/**
 * Talking to a tenant's directory with ldapts: connect (ldaps://, or ldap:// with StartTLS, or
 * plain when allowed), bind, and turn every way that can fail into a sentence an admin can act on.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Client, InvalidCredentialsError, NoSuchObjectError } from 'ldapts';

export type DirectoryConnection = {
  url: string;
  startTls: boolean;
  allowPlain: boolean;
  caCert: string | null;
  bindDn: string;
  bindPassword: string;
};

const TIMEOUT_MS = 10_000;

export async function withDirectory<T>(conn: DirectoryConnection, fn: (client: Client) => Promise<T>): Promise<T> {
  const url = new URL(conn.url);
  const secure = url.protocol === 'ldaps:';
  const tlsOptions = { ...(conn.caCert ? { ca: [conn.caCert] } : {}), servername: isIp(url.hostname) ? undefined : url.hostname };
  await assertAllowedHost(url.hostname);
  const client = new Client({ url: conn.url, timeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS, ...(secure ? { tlsOptions } : {}) });
  try {
    // ldapts hands StartTLS no host, so Node would check the certificate against "localhost":
    // the directory's own name must be given, or a wrong certificate could pass.
    if (!secure && conn.startTls) await client.startTLS({ ...tlsOptions, host: url.hostname });
    else if (!secure && !conn.allowPlain) throw new DirectoryError('plain ldap:// is not allowed for this directory; use ldaps:// or StartTLS');
    await client.bind(conn.bindDn, conn.bindPassword);
    return await fn(client);
  } finally {
    await client.unbind().catch(() => {});
  }
}

/**
 * Tenant admins type the directory's address, and the portal connects to it: without a limit a
 * tenant admin could probe the operator's own network. DIRECTORY_ALLOWED_NETWORKS (CIDRs and
 * addresses, comma separated) confines directories to the networks customers' directories live in.
 */
async function assertAllowedHost(host: string, raw = process.env.DIRECTORY_ALLOWED_NETWORKS): Promise<void> {
  if (!raw?.trim()) return;
  const allowed = new BlockList();
  for (const entry of raw.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [ip, bits] = entry.split('/');
    const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (!isIP(ip)) continue;
    if (bits === undefined) allowed.addAddress(ip, family);
    else allowed.addSubnet(ip, Number(bits), family);
  }
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await lookup(bare, { all: true }).catch(() => []);
  if (!addresses.length) return; // unresolvable: the connection attempt says so in its own words
  for (const a of addresses)
    if (!allowed.check(a.address, a.family === 6 ? 'ipv6' : 'ipv4'))
      throw new DirectoryError(`${host} (${a.address}) is outside the networks this platform allows directories in (DIRECTORY_ALLOWED_NETWORKS)`);
}

const isIp = (host: string) => /^[0-9.]+$/.test(host) || host.includes(':');

export class DirectoryError extends Error {}

/** The failure as an admin should read it: what failed, and where to look. */
export function describeDirectoryError(err: unknown, conn: Pick<DirectoryConnection, 'url'> & { baseDn?: string }): string {
  if (err instanceof DirectoryError) return err.message;
  const url = new URL(conn.url);
  const where = `${url.hostname}:${url.port || (url.protocol === 'ldaps:' ? 636 : 389)}`;
  const e = err as { code?: string | number; message?: string };
  const code = typeof e.code === 'string' ? e.code : '';
  if (err instanceof InvalidCredentialsError) return 'The directory refused the bind DN and password (invalid credentials)';
  if (err instanceof NoSuchObjectError) return `The base DN ${conn.baseDn ?? ''} does not exist in the directory`.replace('  ', ' ');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Cannot resolve ${url.hostname}: no such host name`;
  if (code === 'ECONNREFUSED') return `Cannot connect to ${where}: connection refused (is it the right port, and is the directory running?)`;
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || /timeout/i.test(e.message ?? ''))
    return `Cannot connect to ${where}: no answer in time`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL|certificate/i.test(`${code} ${e.message ?? ''}`))
    return `TLS problem with ${where}: ${tlsReason(code, e.message)}`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return `${where} closed the connection (a TLS port reached with ldap://, or the other way round?)`;
  return `The directory answered with an error: ${(e.message ?? String(err)).slice(0, 300)}`;
}

function tlsReason(code: string, message: string | undefined): string {
  if (code === 'SELF_SIGNED_CERT_IN_CHAIN' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY')
    return 'its certificate is signed by an unknown CA; add that CA certificate (PEM) to the settings';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'its certificate is not for this host name';
  if (code === 'CERT_HAS_EXPIRED') return 'its certificate has expired';
  return (message ?? code).slice(0, 200);
}
