import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { Client, InvalidCredentialsError, NoSuchObjectError, type SearchOptions, SizeLimitExceededError } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDirectory } from './support/directory-fixture.ts';
import { type Slapd, startSlapd } from './support/slapd.ts';

// The harness the directory sync is tested against: a real OpenLDAP behaving like AD where it
// matters (size limit vs paged results, TLS with a private CA, error codes), driven by ldapts.
const dir = makeDirectory({ users: 120 });
let ldap: Slapd;
beforeAll(async () => {
  ldap = await startSlapd({ sizeLimit: 50, tls: true, entries: dir.entries });
});
afterAll(() => ldap?.stop());

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>, tlsOptions?: ConnectionOptions): Promise<T> {
  const client = new Client({ url, tlsOptions, connectTimeout: 5_000, timeout: 10_000 });
  try {
    return await fn(client);
  } finally {
    await client.unbind().catch(() => {});
  }
}
const asSync = <T>(fn: (c: Client) => Promise<T>, url = ldap.url, tlsOptions?: ConnectionOptions) =>
  withClient(url, async (c) => (await c.bind(ldap.bindDN, ldap.bindPassword), fn(c)), tlsOptions);
async function failure(p: Promise<unknown>): Promise<Error & { code?: unknown }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { code?: unknown };
  }
  throw new Error('expected a failure');
}
const people: SearchOptions = { scope: 'one', filter: '(objectClass=inetOrgPerson)', attributes: ['uid'] };

describe('slapd harness: limits and paging', () => {
  it('fails an unpaged search past the size limit, as AD does past 1,000', async () => {
    const err = await failure(asSync((c) => c.search(dir.peopleDN, people)));
    expect(err).toBeInstanceOf(SizeLimitExceededError);
    expect(err.code).toBe(4);
  });

  it('returns every entry to a paged search, page by page', async () => {
    const all = await asSync((c) => c.search(dir.peopleDN, { ...people, paged: { pageSize: 40 } }));
    expect(all.searchEntries).toHaveLength(120);
    expect(new Set(all.searchEntries.map((e) => e.uid)).size).toBe(120);
    const pages = await asSync(async (c) => {
      const sizes: number[] = [];
      for await (const page of c.searchPaginated(dir.peopleDN, { ...people, paged: { pageSize: 40 } })) sizes.push(page.searchEntries.length);
      return sizes;
    });
    expect(pages).toEqual([40, 40, 40]);
  });

  it('exempts the rootdn from limits, which is why tests search as bindDN', async () => {
    const res = await withClient(ldap.url, async (c) => (await c.bind(ldap.adminDN, ldap.adminPassword), c.search(dir.peopleDN, people)));
    expect(res.searchEntries).toHaveLength(120);
  });
});

describe('slapd harness: TLS with a CA made for the run', () => {
  // slapd (GnuTLS) sends our CA along with its certificate, hence SELF_SIGNED_CERT_IN_CHAIN; a
  // server sending the leaf alone gives UNABLE_TO_VERIFY_LEAF_SIGNATURE. Both mean "not trusted".
  const untrusted = ['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'];
  const whoami = (c: Client) => c.exop('1.3.6.1.4.1.4203.1.11.3').then((r) => r.value);

  it('serves ldaps:// to a client trusting that CA, and no other', async () => {
    expect(await asSync(whoami, ldap.ldapsUrl, { ca: [ldap.caCertPem] })).toBe(`dn:${ldap.bindDN}`);
    const err = await failure(asSync(whoami, ldap.ldapsUrl));
    expect(untrusted).toContain(err.code);
  });

  it('upgrades ldap:// with StartTLS, checking the certificate the same way', async () => {
    const viaStartTls = (ca?: string[]) =>
      withClient(ldap.url, async (c) => {
        await c.startTLS(ca ? { ca } : {});
        await c.bind(ldap.bindDN, ldap.bindPassword);
        return whoami(c);
      });
    expect(await viaStartTls([ldap.caCertPem])).toBe(`dn:${ldap.bindDN}`);
    expect(untrusted).toContain((await failure(viaStartTls())).code);
  });

  // ldapts hands tls.connect the socket but not the host, so Node checks the certificate against
  // "localhost" whatever the URL says: callers must pass the directory's host name themselves.
  it('checks the StartTLS certificate against `host`, which ldapts does not fill in', async () => {
    const names: string[] = [];
    const upgrade = (options: ConnectionOptions) => withClient(ldap.url, (c) => c.startTLS({ ca: [ldap.caCertPem], ...options }));
    await upgrade({ checkServerIdentity: (host) => void names.push(host) });
    expect(names).toEqual(['localhost']);
    await upgrade({ host: '127.0.0.1' });
    expect((await failure(upgrade({ host: 'ldap.elsewhere.test' }))).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });
});

describe('slapd harness: errors and attributes', () => {
  it('refuses a wrong password and an unknown account alike', async () => {
    for (const dn of [ldap.bindDN, `cn=nobody,ou=Services,${ldap.baseDN}`]) {
      const err = await failure(withClient(ldap.url, (c) => c.bind(dn, 'wrong')));
      expect(err).toBeInstanceOf(InvalidCredentialsError);
      expect(err.code).toBe(49);
    }
  });

  it('answers NoSuchObject for a base DN that does not exist, inside or outside the suffix', async () => {
    for (const base of [`ou=Nobody,${ldap.baseDN}`, 'dc=elsewhere,dc=test']) {
      const err = await failure(asSync((c) => c.search(base, { scope: 'one' })));
      expect(err).toBeInstanceOf(NoSuchObjectError);
      expect(err.code).toBe(32);
    }
  });

  it('returns entryUUID only when asked, and keeps it across a move', async () => {
    const u = dir.users[0];
    const get = (base: string, attributes?: string[]) => asSync((c) => c.search(base, { scope: 'base', attributes }).then((r) => r.searchEntries[0]));
    expect((await get(u.dn)).entryUUID).toBeUndefined();
    const { entryUUID } = await get(u.dn, ['uid', 'entryUUID']);
    expect(entryUUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await ldap.addEntries([{ dn: `ou=Former,${ldap.baseDN}`, attributes: { objectClass: 'organizationalUnit', ou: 'Former' } }]);
    await ldap.rename(u.dn, `uid=${u.uid}`, `ou=Former,${ldap.baseDN}`);
    expect((await get(`uid=${u.uid},ou=Former,${ldap.baseDN}`, ['entryUUID'])).entryUUID).toBe(entryUUID);
  });
});

describe('slapd harness: the generated directory and live changes', () => {
  it('holds the fixture as generated: UTF-8 names, phone spellings, disabled marks, groups', async () => {
    const byUid = new Map(
      (await asSync((c) => c.search(dir.peopleDN, { scope: 'one', filter: '(objectClass=inetOrgPerson)', paged: true }))).searchEntries.map((e) => [e.uid, e]),
    );
    for (const u of dir.users.slice(1, 40)) {
      const e = byUid.get(u.uid)!;
      expect(e.cn).toBe(u.cn);
      expect([e.telephoneNumber ?? []].flat()).toEqual(u.telephoneNumber);
      expect(e.employeeType === 'disabled').toBe(u.disabled);
    }
    expect(dir.users.map((u) => u.phoneFormat)).toContain('multi');
    expect(byUid.get('user00002')!.cn).toBe("José O'Brien");
    const [phones] = (await asSync((c) => c.search(`cn=phones,${dir.groupsDN}`, { scope: 'base', attributes: ['member'] }))).searchEntries;
    expect([phones.member].flat()).toHaveLength(dir.groups.phones.length);
  });

  it('adds, modifies and deletes entries while running', async () => {
    const dn = `uid=newhire,${dir.peopleDN}`;
    await ldap.addEntries([{ dn, attributes: { objectClass: 'inetOrgPerson', uid: 'newhire', cn: 'Ærin Søndergaard', sn: 'Søndergaard', telephoneNumber: 'x4242' } }]);
    await ldap.modify(dn, { replace: { telephoneNumber: ['x4343', '+1 (415) 555-4343'] }, add: { mail: 'newhire@example.test' } });
    const read = () => asSync((c) => c.search(dn, { scope: 'base' }).then((r) => r.searchEntries[0]));
    expect(await read()).toMatchObject({ cn: 'Ærin Søndergaard', telephoneNumber: ['x4343', '+1 (415) 555-4343'], mail: 'newhire@example.test' });
    await ldap.modify(dn, { delete: { telephoneNumber: null } });
    expect((await read()).telephoneNumber).toBeUndefined();
    await ldap.delete(dn);
    expect(await failure(read())).toBeInstanceOf(NoSuchObjectError);
    await expect(ldap.delete(dn)).rejects.toThrow(/No such object/);
  });
});

describe('slapd harness: lifecycle', () => {
  it('stops: the process is gone, the port closed, the temp dir removed', async () => {
    const s = await startSlapd();
    expect(existsSync(s.dir)).toBe(true);
    await s.stop();
    expect(existsSync(s.dir)).toBe(false);
    const open = await new Promise<boolean>((r) => net.connect(s.port, '127.0.0.1').once('connect', () => r(true)).once('error', () => r(false)));
    expect(open).toBe(false);
  });

  it('fails to start with slapadd\'s own complaint, leaving nothing behind', async () => {
    const parentDir = mkdtempSync(path.join(os.tmpdir(), 'sb-slapd-test-'));
    const entries = 'dn: uid=x,ou=Nowhere,dc=example,dc=test\nobjectClass: inetOrgPerson\nuid: x\n';
    const err = await failure(startSlapd({ entries, parentDir }));
    expect(readdirSync(parentDir)).toEqual([]);
    rmSync(parentDir, { recursive: true });
    expect(err.message).toMatch(/slapadd failed/);
    expect(err.message).toMatch(/inetOrgPerson' requires attribute 'sn'/);
  });
});
