/**
 * Asterisk on MariaDB/MySQL (through ODBC) reads the same rows Switchboard writes: they must fit
 * Asterisk's MySQL DDL, whose types differ from the PostgreSQL one (ENUM columns, widths). A real
 * MariaDB on 127.0.0.1:3306, a fresh database per case, made with Asterisk's own mysql_config.sql.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkMariadbAsterisk, describeMariadbCheck } from '../lib/db/mariadb-check.ts';
import { runCli } from './support/cli.ts';
import { createMariaDatabase, dropMariaDatabase, onMariaDatabase } from './support/mariadb.ts';

const shared = new URL('../../shared/asterisk/mysql_config.sql', import.meta.url);
const vendored = new URL('../prisma/asterisk/mysql_config.sql', import.meta.url);
const asteriskDdl = readFileSync(existsSync(shared) ? shared : vendored, 'utf8');

const made: string[] = [];
afterEach(async () => Promise.all(made.splice(0).map(dropMariaDatabase)));

async function asteriskDatabase(after = ''): Promise<string> {
  const url = await createMariaDatabase('sb_maria');
  made.push(url);
  await onMariaDatabase(url, asteriskDdl + after);
  return url;
}

const counts = (url: string) =>
  onMariaDatabase(url, 'SELECT (SELECT count(*) FROM ps_endpoints) e, (SELECT count(*) FROM ps_auths) a, (SELECT count(*) FROM ps_aors) o, (SELECT count(*) FROM voicemail) v');

describe("Switchboard's rows in Asterisk's MySQL schema", () => {
  it('fit Asterisk\'s own DDL in strict mode, every secret storage, read back unchanged, and leave nothing behind', async () => {
    const url = await asteriskDatabase();
    const before = await counts(url);
    const report = await checkMariadbAsterisk(url);
    expect(report).toMatchObject({ ok: true, revision: '2285f2ace275', knownRevision: true, missing: [], notTransactional: [], rowProblems: [] });
    expect(report.rowsChecked).toBe(28);
    expect(await counts(url)).toEqual(before);
    expect(describeMariadbCheck(report).at(-1)).toMatch(/^ok: 28 sample rows/);
  });

  it('name the column when a value would not fit: a table left in latin1 cannot hold a name with an emoji', async () => {
    const url = await asteriskDatabase('ALTER TABLE ps_endpoints CONVERT TO CHARACTER SET latin1;');
    const report = await checkMariadbAsterisk(url);
    expect(report.ok).toBe(false);
    expect(report.rowProblems.some((p) => p.startsWith('ps_endpoints') && /Incorrect string value.*callerid/.test(p))).toBe(true);
  });

  it('refuse tables that cannot roll back, and name columns an older schema lacks, without writing anything', async () => {
    const url = await asteriskDatabase('ALTER TABLE ps_aors CONVERT TO CHARACTER SET latin1, ENGINE=MyISAM; ALTER TABLE ps_auths DROP COLUMN password_digest;');
    const before = await counts(url);
    const report = await checkMariadbAsterisk(url);
    expect(report).toMatchObject({ ok: false, missing: ['ps_auths.password_digest'], notTransactional: ['ps_aors (MyISAM)'], rowsChecked: 0 });
    expect(await counts(url)).toEqual(before);
  });
});

describe('a MariaDB/MySQL DATABASE_URL', () => {
  it('is refused by Switchboard\'s own doors with a sentence, not a driver error', async () => {
    const { createDb } = await import('../lib/db/client.ts');
    expect(() => createDb('mysql://root@127.0.0.1:3306/asterisk')).toThrow(/names a MariaDB\/MySQL database: Switchboard's portal, API, CLI and AGI server run on PostgreSQL for now/);
    expect(() => createDb('sqlite:///tmp/x.db')).toThrow('DATABASE_URL must start with postgres:// (or mysql:// / mariadb://), not sqlite://');
  });
});

describe('switchboard db check-mariadb', () => {
  it('says whether the rows fit (exit 0 or 1, --json too), and refuses what is not a MariaDB URL (exit 2)', async () => {
    const good = await asteriskDatabase();
    const ok = await runCli('postgres://unused@127.0.0.1:1/none', ['db', 'check-mariadb', good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Asterisk schema revision 2285f2ace275\nok: 28 sample rows written in strict mode/);
    const bad = await asteriskDatabase('ALTER TABLE ps_endpoints CONVERT TO CHARACTER SET latin1;');
    const refused = await runCli(bad, ['--json', 'db', 'check-mariadb']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, missing: [] });
    expect((await runCli('postgres://unused@127.0.0.1:1/none', ['db', 'check-mariadb', 'postgres://x@y/z'])).code).toBe(2);
    const tenants = await runCli(good, ['tenants', 'list']);
    expect(tenants.code).toBe(2);
    expect(tenants.stderr.trim()).toMatch(/^DATABASE_URL names a MariaDB\/MySQL database: Switchboard's portal, API, CLI and AGI server run on PostgreSQL for now/);
  });
});
