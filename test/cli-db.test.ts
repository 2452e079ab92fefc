import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun as Run } from './support/cli.ts';
import { createDb, type Db } from '../lib/db/client.ts';
import { changeSipSecret } from '../lib/domain/extension/change-secret.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import type { IntegrityReport } from '../lib/domain/integrity/types.ts';
import { makeTenant, platform } from './support/fixtures.ts';
import { createDatabase, dropDatabase, withClient } from './support/pg.ts';

// A database of its own, migrated by the command under test: `db verify --fix` without a tenant
// repairs the whole database, which must not be the one the other test files share.
let url: string;
let db: Db;
beforeAll(async () => {
  url = await createDatabase('sb_cli_db');
  db = createDb(url, { max: 2 });
});
afterAll(async () => {
  await db?.$disconnect();
  if (url && !process.env.KEEP_TEST_DB) await dropDatabase(url);
});


/** The tool as a script runs it: no terminal. */
const cli = (args: string[], databaseUrl = url): Promise<Run> => runCli(databaseUrl, args);

const run = (text: string, params: unknown[] = []) => withClient(url, async (c) => (await c.query(text, params)).rows);
const parse = (r: Run) => JSON.parse(r.stdout) as IntegrityReport;
const status = (r: IntegrityReport, id: string) => r.checks.find((c) => c.id === id)!.status;

describe('switchboard db migrate', () => {
  it('migrates an empty database step by step, then finds nothing to do', async () => {
    const first = await cli(['db', 'migrate']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("created Asterisk's realtime tables");
    expect(first.stdout).toMatch(/^applied 0001_switchboard_core$/m);
    expect(first.stdout).toMatch(/^Asterisk schema revision \w+: OK$/m);

    const again = await cli(['--json', 'db', 'migrate']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: [], asteriskSchema: { known: true, missing: [] } });
  });
});

describe('switchboard db verify', () => {
  let slug: string;
  let domain: string;
  let extensionId: string;
  beforeAll(async () => {
    // Runs after the migrate test above (vitest keeps the order of a file's describes).
    const tenant = await makeTenant(db);
    ({ slug, sipDomain: domain } = tenant);
    extensionId = (await createExtension({ actor: platform, db }, tenant.id, { number: '1001', displayName: 'Alice', voicemailPin: '4826' })).extension.id;
  });

  it('a clean database: exit 0, one ok line per check, and the same as JSON', async () => {
    const text = await cli(['db', 'verify']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^ok\s+connection\s+PostgreSQL/m);
    expect(text.stdout).toMatch(/^ok\s+orphan-sip-rows\s/m);
    expect(text.stdout).toMatch(/^12 checks: 12 ok$/m);

    const json = await cli(['db', 'verify', '--json', '--tenant', slug]);
    expect(json.code, json.stderr).toBe(0);
    const report = parse(json);
    expect(report).toMatchObject({ ok: true, fix: false, tenant: slug, counts: { ok: 12, problem: 0 } });
  });

  it('planted problems: exit 1 with the rows; --fix lists each repair and exits 0 once all is repaired', async () => {
    const orphan = `1234@${domain}`;
    await run(`INSERT INTO ps_endpoints (id, context, aors, auth) VALUES ($1, 'tenant-x', $1, $1)`, [orphan]);
    await run(`INSERT INTO ps_aors (id, max_contacts) VALUES ($1, 1)`, [orphan]);
    await run(`INSERT INTO ps_contacts (id, uri, endpoint, expiration_time) VALUES ($1, 'sip:9@192.0.2.1', $2, 4102444800)`, [`9999@${domain}^3B@ee55`, `9999@${domain}`]);

    const found = await cli(['--json', 'db', 'verify']);
    expect(found.code).toBe(1);
    const report = parse(found);
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c) => c.status !== 'ok').map((c) => [c.id, c.count])).toEqual([
      ['orphan-sip-rows', 2],
      ['stale-contacts', 1],
    ]);

    const fixed = await cli(['db', 'verify', '--fix']);
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/^fixed\s+orphan-sip-rows\s/m);
    expect(fixed.stdout).toContain(`repaired: ${slug}  ps_endpoints  ${orphan}  deleted (no extension owned it)`);
    expect(fixed.stdout).toContain(`repaired: ${slug}  ps_aors  ${orphan}  deleted (no extension owned it)`);
    expect(fixed.stdout).toContain(`repaired: ${slug}  ps_contacts  9999@${domain}^3B@ee55  deleted (endpoint 9999@${domain} is gone)`);
    expect(fixed.stdout).toMatch(/^12 checks: 10 ok, 2 fixed$/m);

    expect((await cli(['db', 'verify'])).code).toBe(0);
  });

  it('what --fix may not repair keeps exit 1, with the advice', async () => {
    await run(`UPDATE ps_auths SET realm = 'old.example.com' WHERE id = $1`, [`1001@${domain}`]);
    const res = await cli(['db', 'verify', '--fix', '--tenant', slug]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^problem\s+realm-mismatch\s+1 digest made for another realm$/m);
    expect(res.stdout).toContain(`${slug}  ps_auths  1001@${domain}  extension 1001: realm "old.example.com", not ${domain}`);
    expect(res.stdout).toContain('what to do: The phone can no longer authenticate. Give the extension a new SIP secret');

    const json = parse(await cli(['--json', 'db', 'verify', '--fix']));
    expect(status(json, 'realm-mismatch')).toBe('problem');
    expect(json.checks.find((c) => c.id === 'realm-mismatch')).toMatchObject({ fixable: false, count: 1 });

    await changeSipSecret({ actor: platform, db }, extensionId);
    expect((await cli(['db', 'verify'])).code).toBe(0);
  });

  it('a database that cannot be reached: exit 1, the connection named, everything else skipped', async () => {
    const res = await cli(['--json', 'db', 'verify'], 'postgres://postgres@127.0.0.1:1/nowhere');
    expect(res.code).toBe(1);
    const report = parse(res);
    expect(report.checks[0]).toMatchObject({ id: 'connection', status: 'problem', summary: expect.stringMatching(/^cannot reach the database: /) });
    expect(report.checks.slice(1).every((c) => c.status === 'skipped')).toBe(true);

    const text = await cli(['db', 'verify'], 'postgres://postgres@127.0.0.1:1/nowhere');
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^problem\s+connection\s+cannot reach the database/m);
    expect(text.stdout).toContain('what to do: Check DATABASE_URL');
  });

  it('usage errors exit 2; an unknown tenant exits 1 naming it', async () => {
    expect((await cli(['db', 'verify', '--frobnicate'])).code).toBe(2);
    expect((await cli(['db', 'verify', '--tenant'])).code).toBe(2);
    expect((await cli(['db'])).code).toBe(2);
    const unknown = await cli(['db', 'verify', '--tenant', 'no-such-tenant']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no tenant with slug "no-such-tenant"');
    const help = await cli(['db', 'verify', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fix');
  });
});
