import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authenticateToken } from '../lib/domain/api-token/authenticate-token.ts';
import { runCli } from './support/cli.ts';
import { makeTenant, uniq, useDb } from './support/fixtures.ts';

const { db, url } = useDb();

/** `switchboard token ...` as a shell would run it: no terminal, so showOnce must not print a token. */
const token = (args: string[], env: Record<string, string> = {}) => runCli(url, ['token', ...args], env);

describe('switchboard token', () => {
  it('creates a tenant token with --print: the token alone on stdout, and it authenticates', async () => {
    const tenant = await makeTenant(db);
    const name = uniq('billing');
    const res = await token(['create', '--name', name, '--tenant', tenant.slug, '--access', 'read', '--expires-days', '30', '--rate-limit', '120', '--print']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^sbt_[A-Za-z0-9_-]{43}\n$/);
    const secret = res.stdout.trim();
    expect(res.stderr).toContain(name);
    expect(res.stderr).not.toContain(secret);

    const check = await authenticateToken(db, secret);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.identity.actor).toMatchObject({ type: 'api', role: 'viewer', tenantId: tenant.id, label: name });
    expect(check.identity.rateLimitPerMinute).toBe(120);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: check.identity.tokenId } });
    expect(row.createdBy).toBe('cli:token');
    expect(row.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });

  it('without --print and without a terminal writes the token to an owner-only file, never to the output', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'sb-token-')), 'secrets');
    const name = uniq('ci');
    const res = await token(['create', '--name', name], { SECRETS_DIR: dir });
    expect(res.code, res.stderr).toBe(0);
    const [file] = await readdir(dir);
    const secret = /sbt_\S+/.exec(await readFile(path.join(dir, file), 'utf8'))![0];
    expect(res.stdout + res.stderr).not.toContain(secret);
    expect(res.stdout).toContain(path.join(dir, file));
    const check = await authenticateToken(db, secret);
    // The default: a platform token that may write.
    expect(check.ok && check.identity.actor).toMatchObject({ role: 'platform_admin', tenantId: null });
  });

  it('refuses a bad --access as bad usage (exit 2), naming the option', async () => {
    const res = await token(['create', '--name', uniq('bad'), '--access', 'admin', '--print']);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('--access: must be read or write');
  });

  it('fails on an unknown tenant (exit 1), and a missing name or command is bad usage (exit 2)', async () => {
    const unknown = await token(['create', '--name', 'x', '--tenant', 'no-such-tenant', '--print']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no tenant with slug "no-such-tenant"');
    expect(unknown.stdout).toBe('');
    expect((await token(['list', '--tenant', 'no-such-tenant'])).code).toBe(1);
    expect((await token(['create', '--print'])).code).toBe(2);
    expect((await token(['frobnicate'])).code).toBe(2);
    expect((await token(['create', '--name', 'x', '--bogus'])).code).toBe(2);
    expect((await token(['revoke'])).code).toBe(2);
  });

  it('lists a scope\'s tokens, revokes one, and the revoked token no longer authenticates', async () => {
    const tenant = await makeTenant(db);
    const name = uniq('crm');
    const created = await token(['create', '--name', name, '--tenant', tenant.slug, '--print']);
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim();
    const check = await authenticateToken(db, secret);
    if (!check.ok) throw new Error(`expected a working token, got ${check.reason}`);
    const id = check.identity.tokenId;

    const listed = await token(['list', '--tenant', tenant.slug]);
    expect(listed.code, listed.stderr).toBe(0);
    const [header, line, ...rest] = listed.stdout.trim().split('\n');
    expect(header).toMatch(/^ID\s+NAME\s+PREFIX\s+ACCESS\s+STATUS\s+EXPIRES\s+LAST USED$/);
    expect(rest).toEqual([]);
    expect(line.split(/\s{2,}/)).toEqual([id, name, `${secret.slice(0, 12)}…`, 'write', 'active', 'never', 'never']);
    expect(listed.stdout).not.toContain(secret);
    // Platform tokens are listed apart: this tenant's is not among them.
    expect((await token(['list'])).stdout).not.toContain(id);

    const revoked = await token(['revoke', id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(name);
    expect(await authenticateToken(db, secret)).toEqual({ ok: false, reason: 'revoked' });
    expect((await token(['list', '--tenant', tenant.slug])).stdout).toMatch(new RegExp(`${name}.*revoked`));

    const missing = await token(['revoke', '00000000-0000-4000-8000-000000000000']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('API token not found');
  });
});
