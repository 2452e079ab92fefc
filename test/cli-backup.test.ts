/**
 * `switchboard export tenant` and `switchboard restore` as an operator runs them: exit codes,
 * text and --json output, the backup file's mode, and a restore that brings a deleted tenant back.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deleteTenant } from '../lib/domain/tenant/delete-tenant.ts';
import { platform, sql, useDb } from './support/fixtures.ts';
import { richTenant, tenantSnapshot } from './support/backup-fixture.ts';
import { runCli } from './support/cli.ts';

process.env.DIRECTORY_SECRET_KEY ??= randomBytes(32).toString('base64');
const { db, url } = useDb();
const cli = (args: string[], input?: string) => runCli(url, args, {}, input);
const tempDir = () => mkdtemp(path.join(tmpdir(), 'sb-backup-'));

describe('switchboard export tenant', () => {
  it('prints the document on standard output, and a reminder on standard error', async () => {
    const { tenant } = await richTenant(db, url);
    const res = await cli(['export', 'tenant', tenant.slug]);
    expect(res.code, res.stderr).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc).toMatchObject({ format: 'switchboard.tenant-backup', version: 1, tenant: { slug: tenant.slug } });
    expect(doc.extensions).toHaveLength(5);
    expect(res.stderr).toContain(`backup of tenant ${tenant.slug}: 5 extensions, 3 DIDs, 3 mailboxes, directory settings`);
    expect(res.stderr).toContain('keep it private');
  });

  it('writes --out readable only by its owner, also over an existing file, and says so in --json', async () => {
    const { tenant } = await richTenant(db, url);
    const file = path.join(await tempDir(), 'acme.json');
    await writeFile(file, 'old');
    await chmod(file, 0o644);
    const res = await cli(['--json', 'export', 'tenant', tenant.slug, '--out', file]);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ file, tenant: tenant.slug, dids: 3, extensions: 5, mailboxes: 3, directory: true });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8')).tenant.slug).toBe(tenant.slug);
  });

  it('exits 1 for a tenant that does not exist', async () => {
    const res = await cli(['export', 'tenant', 'no-such-tenant']);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('no tenant with slug "no-such-tenant"');
  });
});

describe('switchboard restore', () => {
  it('brings a deleted tenant back as it was: dry run first, then the restore; a second restore exits 3 listing the conflicts', async () => {
    const { tenant } = await richTenant(db, url);
    const file = path.join(await tempDir(), 'backup.json');
    expect((await cli(['export', 'tenant', tenant.slug, '--out', file])).code).toBe(0);
    const before = await tenantSnapshot(url, tenant.slug);
    await deleteTenant({ actor: platform, db }, tenant.id, { withExtensions: true });
    expect(await tenantSnapshot(url, tenant.slug)).toBeNull();

    const dry = await cli(['--json', 'restore', file, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, tenant: { id: null, slug: tenant.slug }, extensions: 5, mailboxes: 3, directory: true });
    expect(await tenantSnapshot(url, tenant.slug)).toBeNull();

    const real = await cli(['restore', file]);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toContain(`restored tenant ${tenant.slug} (${tenant.name}, ${tenant.sipDomain}, context ${tenant.context}) with 3 DIDs, 5 extensions, 3 mailboxes, directory settings`);
    expect(real.stdout).toContain('warning: The directory settings were restored without the bind password');
    expect(await tenantSnapshot(url, tenant.slug)).toEqual(before);
    const [audit] = await sql(url, `SELECT actor_type, actor_label FROM sb_audit_log WHERE action = 'tenant.restore' AND target_label = $1`, [tenant.slug]);
    expect(audit).toEqual({ actor_type: 'cli', actor_label: 'cli:restore' });

    const again = await cli(['restore', file]);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('conflicts with this database; nothing was restored');
    expect(again.stderr).toContain(`  tenant.slug: a tenant "${tenant.slug}" already exists here`);
    expect(again.stderr).toContain(`  extensions[0].endpoint.id: 1001@${tenant.sipDomain} already exists in ps_endpoints here`);
    const json = await cli(['--json', 'restore', file, '--dry-run']);
    expect(json.code).toBe(3);
    const { error } = JSON.parse(json.stdout);
    expect(error.details.conflicts).toContainEqual({ path: 'tenant.sipDomain', message: `is the SIP domain of tenant "${tenant.slug}" here` });
    expect(error.details.conflicts).toHaveLength(3 + 3 + 5 * 3 + 3);
  });

  it('reads standard input with -', async () => {
    const { tenant } = await richTenant(db, url);
    const exported = await cli(['export', 'tenant', tenant.slug]);
    const doc = JSON.parse(exported.stdout);
    doc.tenant.slug = `${tenant.slug.slice(0, 20)}-cp`;
    const res = await cli(['--json', 'restore', '-', '--dry-run'], JSON.stringify(doc));
    // Only the slug is new: everything else is still taken by the original.
    expect(res.code).toBe(3);
    expect(JSON.parse(res.stdout).error.details.conflicts.map((c: { path: string }) => c.path)).not.toContain('tenant.slug');
  });

  it('exits 1 for an invalid document, listing every problem, and for a file that is missing or not JSON', async () => {
    const { tenant } = await richTenant(db, url);
    const doc = JSON.parse((await cli(['export', 'tenant', tenant.slug])).stdout);
    const dir = await tempDir();
    const write = async (name: string, content: unknown) => {
      const file = path.join(dir, name);
      await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
      return file;
    };

    const newer = await cli(['restore', await write('newer.json', { ...doc, version: 7 })]);
    expect(newer.code).toBe(1);
    expect(newer.stderr).toContain('version 7 is newer than this installation reads (version 1)');

    doc.extensions[2].auth.md5_cred = 'XYZ';
    delete doc.extensions[0].displayName;
    const bad = await cli(['--json', 'restore', await write('bad.json', doc)]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error.details.errors).toEqual([
      { path: 'extensions[0].displayName', message: 'is required' },
      { path: 'extensions[2].auth.md5_cred', message: 'must be 32 hex digits (0-9, a-f)' },
    ]);
    const text = await cli(['restore', path.join(dir, 'bad.json')]);
    expect(text.stderr).toContain('The backup is invalid: 2 problems; nothing was restored\n  extensions[0].displayName: is required\n  extensions[2].auth.md5_cred: must be 32 hex digits (0-9, a-f)');

    const missing = await cli(['restore', path.join(dir, 'nothing-here.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const notJson = await cli(['restore', await write('notes.txt', 'format: yaml?')]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('is not a JSON document');
  });

  it('has help, and a missing file argument is a usage error', async () => {
    const help = await cli(['restore', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--dry-run');
    expect((await cli(['restore'])).code).toBe(2);
    const exportHelp = await cli(['export', 'tenant', '--help']);
    expect(exportHelp.code).toBe(0);
    expect(exportHelp.stdout).toContain('--out <file>');
  });
});
