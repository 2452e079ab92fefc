import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { makeTenant, sql, uniq, useDb } from './support/fixtures.ts';

const { db, url } = useDb();
const cli = (...args: string[]) => runCli(url, args);
const json = async (...args: string[]) => {
  const res = await cli('--json', ...args);
  if (res.code !== 0) throw new Error(`switchboard ${args.join(' ')}: exit ${res.code}\n${res.stdout}${res.stderr}`);
  return JSON.parse(res.stdout);
};

describe('switchboard tenants and extensions', () => {
  it('adds a tenant, lists it, and refuses a taken slug (exit 1) or a bad country (exit 2, naming the option)', async () => {
    const slug = uniq('cli');
    const made = await cli('tenants', 'add', slug, '--name', 'CLI Company', '--domain', `${slug}.example.com`, '--country', 'DE', '--extension-length', '3');
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(`context tenant-${slug}`);
    const listed = await json('tenants', 'list', '--q', slug);
    expect(listed).toEqual([expect.objectContaining({ slug, name: 'CLI Company', sip_domain: `${slug}.example.com`, default_country: 'DE', extension_length: 3, extensions: 0 })]);

    const again = await cli('tenants', 'add', slug, '--name', 'x', '--domain', `other-${slug}.example.com`, '--country', 'DE');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already');
    const bad = await cli('tenants', 'add', uniq('cli'), '--name', 'x', '--domain', `${uniq('d')}.example.com`, '--country', 'Germany');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--country: /);
    expect((await cli('tenants', 'add', uniq('cli'), '--name', 'x')).code).toBe(2);
  });

  it('adds, changes and removes an extension; the secret goes to an owner-only file, never to the output', async () => {
    const tenant = await makeTenant(db);
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'sb-cli-')), 'secrets');
    const add = await runCli(url, ['--json', 'extensions', 'add', '--tenant', tenant.slug, '--number', '2001', '--name', 'Ada Lovelace', '--email', 'ada@example.com', '--no-external', '--voicemail-pin', '4821'], { SECRETS_DIR: dir });
    expect(add.code, add.stderr).toBe(0);
    const created = JSON.parse(add.stdout);
    expect(created).toMatchObject({ tenant: tenant.slug, number: '2001', display_name: 'Ada Lovelace', email: 'ada@example.com', allow_external: false, has_voicemail: true });
    const [file] = await readdir(dir);
    const secret = (await readFile(path.join(dir, file), 'utf8')).split('\n')[1].trim();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    expect(add.stdout + add.stderr).not.toContain(secret);
    // What Asterisk reads: the endpoint exists with the tenant's context.
    const [endpoint] = await sql(url, 'SELECT context FROM ps_endpoints WHERE id = $1', [created.endpoint_id]);
    expect(endpoint).toEqual({ context: tenant.context });

    const set = await json('extensions', 'set', '2001', '--tenant', tenant.slug, '--name', 'Ada King', '--external', '--inactive');
    expect(set).toMatchObject({ display_name: 'Ada King', allow_external: true, active: false });
    expect(await json('extensions', 'list', '--tenant', tenant.slug, '--inactive')).toEqual([expect.objectContaining({ number: '2001' })]);
    expect(await json('extensions', 'list', '--tenant', tenant.slug, '--active')).toEqual([]);

    const nothing = await cli('extensions', 'set', '2001', '--tenant', tenant.slug);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to change');

    const rm = await cli('extensions', 'rm', '2001', '--tenant', tenant.slug);
    expect(rm.code, rm.stderr).toBe(0);
    expect(await sql(url, 'SELECT 1 FROM ps_endpoints WHERE id = $1', [created.endpoint_id])).toEqual([]);
    const gone = await cli('extensions', 'rm', '2001', '--tenant', tenant.slug);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('Extension not found');
  });

  it('refuses an invalid number with exit 2 naming --number, and --json errors are JSON', async () => {
    const tenant = await makeTenant(db);
    const res = await cli('--json', 'extensions', 'add', '--tenant', tenant.slug, '--number', '12', '--name', 'Short');
    expect(res.code).toBe(2);
    expect(JSON.parse(res.stdout)).toEqual({ error: expect.objectContaining({ code: 'validation', fields: { number: [expect.stringContaining('digits in this tenant')] } }) });
  });

  it('lists extensions of every tenant, each with its tenant; --ad-only keeps directory users', async () => {
    const a = await makeTenant(db);
    const b = await makeTenant(db);
    expect((await cli('extensions', 'add', '--tenant', a.slug, '--number', '1001', '--name', 'A One')).code).toBe(0);
    expect((await cli('extensions', 'add', '--tenant', b.slug, '--number', '1001', '--name', 'B One')).code).toBe(0);
    const all = (await json('extensions', 'list')) as { tenant: string; number: string }[];
    expect(all.filter((e) => e.tenant === a.slug || e.tenant === b.slug).map((e) => `${e.tenant}/${e.number}`).sort()).toEqual([`${a.slug}/1001`, `${b.slug}/1001`].sort());
    expect(await json('extensions', 'list', '--tenant', a.slug, '--ad-only')).toEqual([]);
  });

  it('--help works on every command and exits 0; a group without its command is bad usage', async () => {
    for (const args of [[], ['tenants'], ['tenants', 'add'], ['extensions', 'set'], ['token', 'create'], ['directory', 'sync'], ['admin', 'create']]) {
      const res = await cli(...args, '--help');
      expect(res.code, args.join(' ')).toBe(0);
      expect(res.stdout).toContain('Usage: switchboard');
    }
    expect((await cli('extensions')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
  });
});
