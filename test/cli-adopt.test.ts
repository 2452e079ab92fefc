import { createHash, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { makeTenant, sql, uniq, useDb } from './support/fixtures.ts';

const { db, url } = useDb();
const cli = (...args: string[]) => runCli(url, args);

/** Two phones as Asterisk's documentation inserts them, in a context of their own. */
const usedBases = new Set<number>();
async function phones() {
  // 9000-9990, each once: test/adopt.test.ts, sharing the database, draws its bare ids from 2000-8990.
  let base: number;
  do base = randomInt(900, 999) * 10;
  while (usedBases.has(base));
  usedBases.add(base);
  const context = uniq('legacy-');
  const ids = [String(base + 1), `${uniq('d')}-${base + 2}`];
  for (const id of ids) {
    await sql(url, `INSERT INTO ps_aors (id, max_contacts) VALUES ($1, 1)`, [id]);
    await sql(url, `INSERT INTO ps_auths (id, auth_type, password, username) VALUES ($1, 'userpass', $2, $1)`, [id, `pw-${id}`]);
    await sql(url, `INSERT INTO ps_endpoints (id, aors, auth, context, callerid) VALUES ($1, $1, $1, $2, $3)`, [id, context, `"Phone ${id}" <${id}>`]);
  }
  return { context, ids, numbers: [String(base + 1), String(base + 2)] };
}

describe('switchboard adopt', () => {
  it('lists unowned endpoints as a table and as JSON', async () => {
    const p = await phones();
    const text = await cli('adopt', 'list', '--context', p.context);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^ENDPOINT\s+CONTEXT\s+NUMBER\s+AUTH/);
    expect(text.stdout).toContain('userpass plaintext');
    const json = await cli('--json', 'adopt', 'list', '--context', p.context, '--limit', '1');
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout);
    expect(list.total).toBe(2);
    expect(list.items).toEqual([expect.objectContaining({ id: p.ids[0], number: p.numbers[0], auth: expect.objectContaining({ plaintext: true }), max_contacts: 1 })]);
  });

  it('prints the plan without --yes and writes nothing; --yes adopts; running again skips (exit 0)', async () => {
    const p = await phones();
    const tenant = await makeTenant(db);
    const plan = await cli('adopt', 'run', '--tenant', tenant.slug, '--context', p.context, '--convert-secrets');
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`ADOPT     ${p.ids[0]}  -> ${p.numbers[0]} "Phone ${p.ids[0]}"`);
    expect(plan.stdout).toContain('* password becomes an md5 digest');
    expect(plan.stdout).toContain('Dry run: nothing was written. Run again with --yes to adopt 2 endpoints.');
    expect(await db.extension.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await sql(url, `SELECT DISTINCT auth_type::text FROM ps_auths WHERE id = ANY($1)`, [p.ids])).toEqual([{ auth_type: 'userpass' }]);

    const run = await cli('--json', 'adopt', 'run', '--tenant', tenant.slug, '--ids', p.ids.join(','), '--convert-secrets', '--yes');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ tenant: tenant.slug, dry_run: false, status: 'adopted', adopted: 2, counts: { adopt: 2, skip: 0, conflict: 0 } });
    expect(out.items[0]).toMatchObject({ endpoint_id: p.ids[0], action: 'adopt', number: p.numbers[0], auth_id: p.ids[0], reasons: [] });
    const [auth] = await sql(url, 'SELECT auth_type::text, password, md5_cred FROM ps_auths WHERE id = $1', [p.ids[0]]);
    expect(auth).toEqual({
      auth_type: 'md5',
      password: null,
      md5_cred: createHash('md5').update(`${p.ids[0]}:${tenant.sipDomain}:pw-${p.ids[0]}`).digest('hex'),
    });
    expect(run.stdout).not.toContain(`pw-${p.ids[0]}`);

    const again = await cli('--json', 'adopt', 'run', '--tenant', tenant.slug, '--ids', p.ids[0], '--yes');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'adopted', adopted: 0, counts: { skip: 1 } });
  });

  it('exits 3 when conflicts stop the adoption or are skipped', async () => {
    const p = await phones();
    const tenant = await makeTenant(db);
    const taken = await cli('extensions', 'add', '--tenant', tenant.slug, '--number', p.numbers[1], '--name', 'Taken');
    expect(taken.code, taken.stderr).toBe(0);

    const dry = await cli('adopt', 'run', '--tenant', tenant.slug, '--context', p.context);
    expect(dry.code).toBe(3);
    expect(dry.stdout).toContain(`x number ${p.numbers[1]} is already an extension of ${tenant.slug}`);

    const stopped = await cli('--json', 'adopt', 'run', '--tenant', tenant.slug, '--context', p.context, '--yes');
    expect(stopped.code).toBe(3);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ status: 'stopped', adopted: 0, counts: { adopt: 1, conflict: 1 } });
    expect(await db.extension.count({ where: { tenantId: tenant.id } })).toBe(1);

    const skipped = await cli('adopt', 'run', '--tenant', tenant.slug, '--context', p.context, '--skip-conflicts', '--yes');
    expect(skipped.code).toBe(3);
    expect(skipped.stdout).toContain(`Adopted 1 endpoint into ${tenant.slug}; 1 left as they are (conflicts).`);
    expect(await db.extension.count({ where: { tenantId: tenant.id } })).toBe(2);
  });

  it('refuses bad usage with exit 2 naming the option, and an unknown tenant with exit 1', async () => {
    const tenant = await makeTenant(db);
    const none = await cli('adopt', 'run', '--tenant', tenant.slug);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--match: choose endpoints');
    const badRegex = await cli('--json', 'adopt', 'run', '--tenant', tenant.slug, '--regex', '(');
    expect(badRegex.code).toBe(2);
    expect(JSON.parse(badRegex.stdout).error.fields).toEqual({ regex: ['is not a valid regular expression'] });
    const noGroup = await cli('adopt', 'run', '--tenant', tenant.slug, '--match', '*', '--number-from', '\\d+');
    expect(noGroup.code).toBe(2);
    expect(noGroup.stderr).toContain('--number-from: needs a group');
    expect((await cli('adopt', 'run', '--match', '*')).code).toBe(2);
    expect((await cli('adopt', 'run', '--tenant', tenant.slug, '--ids', ',')).code).toBe(2);
    const unknown = await cli('adopt', 'run', '--tenant', uniq('nobody'), '--match', '*');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no tenant with slug');
  });
});
