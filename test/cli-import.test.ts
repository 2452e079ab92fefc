import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun as Run } from './support/cli.ts';
import { makeTenant, useDb } from './support/fixtures.ts';

const { db, url } = useDb();

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sb-cli-import-'));
});

/** The tool as a script runs it: no terminal, so secrets go to an owner-only file in SECRETS_DIR. */
const cli = (args: string[]): Promise<Run> => runCli(url, args, { SECRETS_DIR: path.join(dir, 'secrets') });

const file = async (name: string, content: string) => {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
};
const numbersOf = async (tenantId: string) => (await db.extension.findMany({ where: { tenantId }, orderBy: { number: 'asc' } })).map((e) => e.number);

describe('switchboard import csv', () => {
  it('imports a good file (exit 0), keeps the generated secrets out of the output, and refuses a bad one (exit 1) line by line', async () => {
    const tenant = await makeTenant(db);
    const good = await file('good.csv', 'number,name,voicemail\n1001,Alice,yes\n1002,Bob,no\n');
    const res = await cli(['--json', 'import', 'csv', good, '--tenant', tenant.slug]);
    expect(res.code, res.stderr).toBe(0);
    const json = JSON.parse(res.stdout);
    expect(json).toMatchObject({ file: 'good.csv', format: 'csv', tenant: tenant.slug, dry_run: false, outcome: 'done', counts: { rows: 2, created: 2, skipped: 0, errors: 0 }, errors: [], secrets_generated: 2 });
    const secrets = await readFile(json.secrets_file, 'utf8');
    const [, secret, pin] = /1001\s+(\S{24})\s+(\d{6})/.exec(secrets)!;
    expect(res.stdout + res.stderr).not.toContain(secret);
    expect(res.stdout).not.toContain(pin);
    expect(await numbersOf(tenant.id)).toEqual(['1001', '1002']);

    const bad = await file('bad.csv', 'number,name,email\n1001,Again,\n1003,Carol,nope\n1003,Dup,\n');
    const refused = await cli(['--json', 'import', 'csv', bad, '--tenant', tenant.slug]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      outcome: 'failed',
      counts: { rows: 3, valid: 0, created: 0, errors: 3 },
      errors: [
        { line: 2, entry: null, column: 'number', message: 'is already in use in this tenant' },
        { line: 3, entry: null, column: 'email', message: 'must be an e-mail address' },
        { line: 4, entry: null, column: 'number', message: 'duplicates line 3' },
      ],
    });
    const text = await cli(['import', 'csv', bad, '--tenant', tenant.slug]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Nothing was written: 3 lines with errors');
    expect(text.stdout).toContain('  line 3, email: must be an e-mail address');
    expect(text.stdout).toContain('--skip-existing skips them');
    expect(await numbersOf(tenant.id)).toEqual(['1001', '1002']);
  });

  it('--dry-run prints each line and writes nothing; --skip-existing skips what is there', async () => {
    const tenant = await makeTenant(db);
    await cli(['import', 'csv', await file('first.csv', 'number,name\n2001,Existing\n'), '--tenant', tenant.slug]);
    const next = await file('next.csv', 'number,name\n2001,Again\n2002,New\n');
    const dry = await cli(['import', 'csv', next, '--tenant', tenant.slug, '--skip-existing', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/line 2\s+2001\s+skip\s+already present/);
    expect(dry.stdout).toMatch(/line 3\s+2002\s+create/);
    expect(dry.stdout).toContain('Would create 1, 1 skipped (already present).');
    expect(await numbersOf(tenant.id)).toEqual(['2001']);
    const real = await cli(['--json', 'import', 'csv', next, '--tenant', tenant.slug, '--skip-existing']);
    expect(real.code).toBe(0);
    expect(JSON.parse(real.stdout).counts).toMatchObject({ created: 1, skipped: 1 });
    expect(await numbersOf(tenant.id)).toEqual(['2001', '2002']);
  });

  it('is bad usage (exit 2) without the file, and a failure (exit 1) for an unknown tenant or a broken file', async () => {
    const tenant = await makeTenant(db);
    const missing = await cli(['import', 'csv', path.join(dir, 'nope.csv'), '--tenant', tenant.slug]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    expect((await cli(['import', 'csv', await file('x.csv', 'number,name\n'), '--tenant', 'no-such-tenant'])).code).toBe(1);
    expect((await cli(['import', 'csv', await file('y.csv', 'number,name\n')])).code).toBe(2); // no --tenant
    const broken = await cli(['--json', 'import', 'csv', await file('broken.csv', 'number,name\n3001,"Al"ice\n'), '--tenant', tenant.slug]);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ unreadable: true, errors: [{ line: 2, column: null }] });
  });
});

describe('switchboard import yaml', () => {
  it('exit 1 all or nothing, exit 3 with --partial, entries reported by index and line', async () => {
    const tenant = await makeTenant(db);
    const yml = await file('config.yml', 'extensions:\n  - number: 4001\n    name: Good\n  - number: 4002\n    name: Bad\n    max_contacts: 99\n');
    const refused = await cli(['--json', 'import', 'yaml', yml, '--tenant', tenant.slug]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).errors).toEqual([{ line: 4, entry: 2, column: 'max_contacts', message: 'at most 10' }]);
    expect(await numbersOf(tenant.id)).toEqual([]);

    const dry = await cli(['--json', 'import', 'yaml', yml, '--tenant', tenant.slug, '--partial', '--dry-run']);
    expect(dry.code).toBe(3);
    expect(JSON.parse(dry.stdout).entries).toEqual([
      { line: 2, entry: 1, number: '4001', action: 'create', reasons: [] },
      { line: 4, entry: 2, number: '4002', action: 'error', reasons: ['max_contacts: at most 10'] },
    ]);
    expect(await numbersOf(tenant.id)).toEqual([]);

    const partial = await cli(['import', 'yaml', yml, '--tenant', tenant.slug, '--partial']);
    expect(partial.code).toBe(3);
    expect(partial.stdout).toContain('1 migrated, 0 skipped (already present), 1 entry with errors left out');
    expect(partial.stdout).toContain('entry 2 (line 4), max_contacts: at most 10');
    expect(await numbersOf(tenant.id)).toEqual(['4001']);

    // Again: the migrated entry is skipped as already present, and with nothing left to write that is a failure.
    const again = await cli(['--json', 'import', 'yaml', yml, '--tenant', tenant.slug, '--partial']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).counts).toMatchObject({ created: 0, skipped: 1, errors: 1 });
  });
});

describe('switchboard export csv', () => {
  it('writes the CSV to standard output or a file, with the filters, and refuses bad values (exit 2)', async () => {
    const tenant = await makeTenant(db);
    await cli(['import', 'csv', await file('seed.csv', 'number,name,active\n5001,Active One,yes\n5002,Gone,no\n'), '--tenant', tenant.slug]);
    const out = await cli(['export', 'csv', '--tenant', tenant.slug]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe(
      'number,name,email,allow_external,active,max_contacts,voicemail,caller_id,ad_synced,ad_username\n' +
        '5001,Active One,,true,true,1,no,,false,\n' +
        '5002,Gone,,true,false,1,no,,false,\n',
    );
    const target = path.join(dir, 'active.csv');
    const toFile = await cli(['--json', 'export', 'csv', '--tenant', tenant.slug, '--active', 'yes', '--out', target]);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(JSON.parse(toFile.stdout)).toEqual({ tenant: tenant.slug, file: target, extensions: 1 });
    expect((await readFile(target, 'utf8')).split('\n')[1]).toBe('5001,Active One,,true,true,1,no,,false,');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    expect((await cli(['export', 'csv', '--tenant', tenant.slug, '--active', 'perhaps'])).code).toBe(2);
    expect((await cli(['--json', 'export', 'csv', '--tenant', tenant.slug])).code).toBe(2);
    expect((await cli(['export', 'csv', '--tenant', 'no-such-tenant'])).code).toBe(1);
  });
});
