import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/** Debian's layout; the overrides are for other distributions (or a slapd built by hand). */
export const slapdPaths = () => {
  const sbin = process.env.SLAPD_SBIN ?? '/usr/sbin';
  return {
    slapd: path.join(sbin, 'slapd'),
    slapadd: path.join(sbin, 'slapadd'),
    schema: process.env.SLAPD_SCHEMA_DIR ?? '/etc/ldap/schema',
    modules: process.env.SLAPD_MODULE_DIR ?? '/usr/lib/ldap',
  };
};

export interface TlsFiles {
  caCert: string;
  cert: string;
  key: string;
  caCertPem: string;
}

const run = promisify(execFile);

/** A CA made for this server only, so a test can prove that a client trusting nothing else fails. */
export async function makeCertificates(dir: string): Promise<TlsFiles> {
  const f = (n: string) => path.join(dir, n);
  // P-256 keys: RSA generation costs tens of milliseconds each, EC next to nothing.
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'];
  await run('openssl', ['req', '-x509', ...key, '-keyout', f('ca.key'), '-out', f('ca.crt'), '-subj', '/CN=Switchboard test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  await run('openssl', ['req', '-x509', '-CA', f('ca.crt'), '-CAkey', f('ca.key'), ...key, '-keyout', f('server.key'), '-out', f('server.crt'),
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'extendedKeyUsage=serverAuth']);
  return { caCert: f('ca.crt'), cert: f('server.crt'), key: f('server.key'), caCertPem: await readFile(f('ca.crt'), 'utf8') };
}

export interface ConfigInput {
  dir: string;
  baseDN: string;
  adminDN: string;
  adminPassword: string;
  sizeLimit?: number;
  tls: TlsFiles;
}

/** cn=config as slapadd -n0 loads it (Debian's own postinst does the same with slapd.init.ldif). */
export function configLdif(c: ConfigInput): string {
  const { schema, modules } = slapdPaths();
  // The rootdn ignores every limit, so only other binds see sizeLimit. Without size.prtotal the
  // hard limit also caps the total of a paged search; AD lets paged searches past MaxPageSize, so
  // we do too. Without any setting slapd's built-in limit is 500.
  const limit = c.sizeLimit ? `size.soft=${c.sizeLimit} size.hard=${c.sizeLimit} size.prtotal=unlimited` : 'unlimited';
  return `dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: ${path.join(c.dir, 'slapd.pid')}
olcArgsFile: ${path.join(c.dir, 'slapd.args')}
olcLogLevel: none
olcTLSCACertificateFile: ${c.tls.caCert}
olcTLSCertificateFile: ${c.tls.cert}
olcTLSCertificateKeyFile: ${c.tls.key}

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

${['core', 'cosine', 'nis', 'inetorgperson'].map((s) => `include: file://${schema}/${s}.ldif`).join('\n')}

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: ${modules}
olcModuleLoad: back_mdb

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend
olcSizeLimit: ${limit}

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: ${c.baseDN}
olcDbDirectory: ${path.join(c.dir, 'db')}
olcDbMaxSize: 1073741824
# Throwaway data: without this every add is an fsync (10,000 ldapadds: 10 s instead of 1 s).
olcDbNoSync: TRUE
olcRootDN: ${c.adminDN}
olcRootPW: ${c.adminPassword}
olcDbIndex: objectClass eq
olcDbIndex: uid,cn,mail eq
olcDbIndex: member eq
olcDbIndex: entryUUID eq
olcAccess: to attrs=userPassword by self write by anonymous auth by * none
olcAccess: to * by users read by * none
`;
}
