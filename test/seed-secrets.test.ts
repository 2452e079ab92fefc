import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../lib/db/migrate.ts';
import { verifyPassword } from '../lib/domain/admin/password.ts';
import { createDatabase, dropDatabase, withClient } from './support/pg.ts';

const run = promisify(execFile);
let url: string;

beforeAll(async () => {
  url = await createDatabase('sb_seed');
  await migrate(url);
});
afterAll(async () => dropDatabase(url));

/**
 * `npm start` seeds the demo: its admin password and SIP secrets must not land in a process
 * manager's log. Without a terminal they go to a file only the owner can read.
 */
describe('the demo seed without a terminal', () => {
  it('prints no secret, writes them once to an owner-only file, and they work', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sb-secrets-'));
    const secretsDir = path.join(dir, 'secrets');
    const { stdout, stderr } = await run('npx', ['tsx', 'prisma/seed.ts'], {
      env: { ...process.env, DATABASE_URL: url, SECRETS_DIR: secretsDir },
    });
    const printed = stdout + stderr;

    const files = await readdir(secretsDir);
    expect(files.length).toBe(2);
    expect((await stat(secretsDir)).mode & 0o777).toBe(0o700);
    const text: string[] = [];
    for (const f of files) {
      const file = path.join(secretsDir, f);
      expect((await stat(file)).mode & 0o777, f).toBe(0o600);
      expect(printed).toContain(file);
      text.push(await readFile(file, 'utf8'));
    }
    const all = text.join('\n');

    const password = /admin@switchboard\.test {2}password (\S+)/.exec(all)?.[1];
    expect(password).toBeTruthy();
    expect(printed).not.toContain(password!);
    const [admin] = await withClient(url, async (c) => (await c.query('SELECT password_hash FROM sb_admin_users WHERE email = $1', ['admin@switchboard.test'])).rows);
    expect(await verifyPassword(admin.password_hash, password!)).toBe(true);

    const sip = [...all.matchAll(/(\d+)@(\S+) {2}user \d+ {2}secret (\S+)/g)];
    expect(sip.length).toBe(4);
    for (const [, number, domain, secret] of sip) {
      expect(printed).not.toContain(secret);
      const [auth] = await withClient(url, async (c) => (await c.query('SELECT md5_cred FROM ps_auths WHERE id = $1', [`${number}@${domain}`])).rows);
      expect(auth.md5_cred).toBe(createHash('md5').update(`${number}:${domain}:${secret}`).digest('hex'));
    }
  });
});
