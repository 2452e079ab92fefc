import { createHash, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routingHandler } from '../agi-server/src/handlers.ts';
import { AgiServer } from '../agi-server/src/server.ts';
import { asteriskEnv, playAsterisk } from '../agi-server/test/fake-asterisk.ts';
import { adoptEndpoints } from '../lib/domain/adopt/adopt-endpoints.ts';
import { listUnowned } from '../lib/domain/adopt/list-unowned.ts';
import { planAdoption } from '../lib/domain/adopt/plan-adoption.ts';
import { addDid } from '../lib/domain/did/add-did.ts';
import { changeSipSecret } from '../lib/domain/extension/change-secret.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { deleteExtension } from '../lib/domain/extension/delete-extension.ts';
import { listExtensions } from '../lib/domain/extension/list-extensions.ts';
import { updateExtension } from '../lib/domain/extension/update-extension.ts';
import { explainCall } from '../lib/domain/routing/explain-call.ts';
import { updateTenant } from '../lib/domain/tenant/update-tenant.ts';
import { LiveRoutingView } from '../lib/routing/live-view.ts';
import { caught, makeTenant, platform, sql, tenantAdmin, uniq, useDb } from './support/fixtures.ts';

const { db, url } = useDb();
const ctx = { actor: platform, db };
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/**
 * A PBX set up the way Asterisk's realtime documentation does it: plain INSERTs, ids that are
 * just the number (`2101`) or carry a prefix (`p-2102`), userpass auths with plaintext
 * passwords, a voicemail box in the phones' own context, and a registration Asterisk wrote.
 * Numbers are random per PBX so that test files sharing the database never meet.
 */
const usedBases = new Set<number>();
async function legacyPbx() {
  // Never the same numbers twice in this file: bare ids like `2101` would collide in ps_aors.
  let base: number;
  do base = randomInt(200, 899) * 10;
  while (usedBases.has(base));
  usedBases.add(base);
  const context = uniq('from-internal-');
  const prefix = uniq('p');
  const n = (i: number) => String(base + i);
  const pbx = {
    context,
    alice: { id: n(1), number: n(1), password: `alice-${prefix}` },
    // An auth of its own name, as tools that keep one auth per device write it.
    bob: { id: `${prefix}-${n(2)}`, authId: `${prefix}-${n(2)}-auth`, number: n(2), password: `bob-${prefix}` },
    n,
    prefix,
  };
  await sql(url, `INSERT INTO ps_aors (id, max_contacts, remove_existing) VALUES ($1, 1, 'yes'), ($2, 2, 'yes')`, [pbx.alice.id, pbx.bob.id]);
  await sql(url, `INSERT INTO ps_auths (id, auth_type, password, username) VALUES ($1, 'userpass', $2, $1), ($3, 'userpass', $4, $5)`, [
    pbx.alice.id, pbx.alice.password, pbx.bob.authId, pbx.bob.password, pbx.bob.id,
  ]);
  await sql(
    url,
    `INSERT INTO ps_endpoints (id, transport, aors, auth, context, disallow, allow, direct_media, callerid, mailboxes)
     VALUES ($1, 'transport-udp', $1, $1, $3, 'all', 'ulaw', 'no', $5, $6),
            ($2, 'transport-udp', $2, $4, $3, 'all', 'ulaw', 'no', NULL, NULL)`,
    [pbx.alice.id, pbx.bob.id, context, pbx.bob.authId, `"Alice Legacy" <${pbx.alice.id}>`, `${pbx.alice.number}@${context}`],
  );
  await sql(url, `INSERT INTO voicemail (context, mailbox, password, fullname, email) VALUES ($1, $2, '4821', 'Alice Legacy', 'Alice@Example.com')`, [context, pbx.alice.number]);
  await sql(
    url,
    `INSERT INTO ps_contacts (id, uri, expiration_time, endpoint, user_agent, via_addr, via_port)
     VALUES ($1 || '^3B@0a1b2c', 'sip:' || $1 || '@192.0.2.10:5060', extract(epoch from now())::bigint + 3600, $1, 'Yealink T46U', '192.0.2.10', 5060)`,
    [pbx.alice.id],
  );
  return pbx;
}

type Pbx = Awaited<ReturnType<typeof legacyPbx>>;

/** Every column of every Asterisk row of the PBX, as Asterisk would read it. */
async function asteriskRows(pbx: Pbx) {
  const ids = [pbx.alice.id, pbx.bob.id];
  const rows = (table: string, where: string, params: unknown[]) =>
    sql(url, `SELECT to_jsonb(t) AS row FROM ${table} t WHERE ${where} ORDER BY to_jsonb(t)::text`, params).then((r) => r.map((x) => x.row));
  return {
    endpoints: await rows('ps_endpoints', 'id = ANY($1)', [ids]),
    auths: await rows('ps_auths', 'id = ANY($1)', [[pbx.alice.id, pbx.bob.authId]]),
    aors: await rows('ps_aors', 'id = ANY($1)', [ids]),
    contacts: await rows('ps_contacts', 'endpoint = ANY($1)', [ids]),
    voicemail: await rows('voicemail', 'context = $1', [pbx.context]),
  };
}

const ours = async (tenantId: string) => ({
  extensions: (await sql(url, 'SELECT to_jsonb(x) AS row FROM sb_extensions x WHERE tenant_id = $1 ORDER BY number', [tenantId])).map((r) => r.row),
  audit: (await sql(url, 'SELECT count(*)::int AS n FROM sb_audit_log WHERE tenant_id = $1', [tenantId]))[0].n,
});

describe('listing what nobody owns', () => {
  it('lists the PBX endpoints with auth, aor, registrations and mailbox, and leaves out a tenant trunk', async () => {
    const pbx = await legacyPbx();
    const trunk = uniq('itsp-');
    await sql(url, `INSERT INTO ps_endpoints (id, context, aors, outbound_auth) VALUES ($1, $2, NULL, $1)`, [trunk, pbx.context]);
    const carrier = uniq('carrier-');
    await sql(url, `INSERT INTO ps_endpoints (id, context, aors) VALUES ($1, $2, NULL)`, [carrier, pbx.context]);
    await sql(url, `INSERT INTO ps_endpoint_id_ips (id, endpoint, match) VALUES ($1, $1, '203.0.113.0/24')`, [carrier]);
    await makeTenant(db, { outboundTrunk: trunk });

    const { items, total } = await listUnowned(ctx, { context: pbx.context });
    expect(total).toBe(3);
    expect(items.map((i) => i.id)).toEqual([pbx.alice.id, carrier, pbx.bob.id].sort());
    expect(items.find((i) => i.id === pbx.alice.id)).toEqual({
      id: pbx.alice.id,
      context: pbx.context,
      callerid: `"Alice Legacy" <${pbx.alice.id}>`,
      number: pbx.alice.number,
      authId: pbx.alice.id,
      auth: { type: 'userpass', username: pbx.alice.id, plaintext: true, realm: null },
      aorId: pbx.alice.id,
      aor: { maxContacts: 1 },
      registrations: 1,
      voicemail: `${pbx.alice.number}@${pbx.context}`,
      trunk: null,
    });
    expect(items.find((i) => i.id === pbx.bob.id)).toMatchObject({ number: pbx.bob.number, aor: { maxContacts: 2 }, registrations: 0, voicemail: null });
    expect(items.find((i) => i.id === carrier)!.trunk).toContain('identified by IP');

    // By pattern: `*` is any run, and LIKE's own wildcards are plain characters.
    expect((await listUnowned(ctx, { match: `${pbx.prefix}-*` })).items.map((i) => i.id)).toEqual([pbx.bob.id]);
    expect((await listUnowned(ctx, { match: `${pbx.prefix}_%` })).items).toEqual([]);
    expect((await listUnowned(ctx, { context: pbx.context, regex: '^[0-9]+$' })).items.map((i) => i.id)).toEqual([pbx.alice.id]);
  });

  it('is for platform admins only', async () => {
    const tenant = await makeTenant(db);
    expect((await caught(listUnowned({ actor: tenantAdmin(tenant.id), db }, {}))).code).toBe('forbidden');
    expect((await caught(planAdoption({ actor: tenantAdmin(tenant.id), db }, tenant.slug, { match: '*' }))).code).toBe('forbidden');
    expect((await caught(adoptEndpoints({ actor: tenantAdmin(tenant.id), db }, tenant.slug, { match: '*' }))).code).toBe('forbidden');
  });
});

describe('adopting into a tenant', () => {
  it('a dry run plans every endpoint and changes nothing at all', async () => {
    const pbx = await legacyPbx();
    const tenant = await makeTenant(db);
    const before = [await asteriskRows(pbx), await ours(tenant.id)];
    const res = await adoptEndpoints(ctx, tenant.slug, { context: pbx.context }, { dryRun: true, convertSecrets: true, setContext: true });
    expect(res.status).toBe('planned');
    expect(res.adopted).toBe(0);
    expect(res.plan.counts).toEqual({ adopt: 2, skip: 0, conflict: 0 });
    const alice = res.plan.items.find((i) => i.endpointId === pbx.alice.id)!;
    expect(alice).toMatchObject({
      action: 'adopt', number: pbx.alice.number, displayName: 'Alice Legacy', email: 'alice@example.com',
      authId: pbx.alice.id, aorId: pbx.alice.id, registrations: 1, digestRealm: tenant.sipDomain, setContext: true,
      voicemail: { box: `${pbx.alice.number}@${pbx.context}` },
    });
    expect(alice.changes.join(' ')).toContain(`context ${pbx.context} becomes ${tenant.context}`);
    // With no caller ID, the name is the id.
    expect(res.plan.items.find((i) => i.endpointId === pbx.bob.id)).toMatchObject({ displayName: pbx.bob.id, maxContacts: 2 });
    // No password ever leaves the database, not even in a plan.
    expect(JSON.stringify(res)).not.toContain(pbx.alice.password);
    expect([await asteriskRows(pbx), await ours(tenant.id)]).toEqual(before);
  });

  it('stops on a number clash, writing nothing, and adopts the rest when told to skip conflicts', async () => {
    const pbx = await legacyPbx();
    const tenant = await makeTenant(db);
    await createExtension(ctx, tenant.id, { number: pbx.alice.number, displayName: 'Already Here' });
    // Two ids of one selection that read as the same number.
    const twin = `${pbx.prefix}-${pbx.alice.number}`;
    await sql(url, `INSERT INTO ps_aors (id, max_contacts) VALUES ($1, 1)`, [twin]);
    await sql(url, `INSERT INTO ps_auths (id, auth_type, password, username) VALUES ($1, 'userpass', 'x-secret', $1)`, [twin]);
    await sql(url, `INSERT INTO ps_endpoints (id, aors, auth, context) VALUES ($1, $1, $1, $2)`, [twin, pbx.context]);
    const before = [await asteriskRows(pbx), await ours(tenant.id)];

    const stopped = await adoptEndpoints(ctx, tenant.slug, { context: pbx.context });
    expect(stopped.status).toBe('stopped');
    expect(stopped.plan.counts).toEqual({ adopt: 1, skip: 0, conflict: 2 });
    const clash = stopped.plan.items.find((i) => i.endpointId === pbx.alice.id)!;
    expect(clash.action).toBe('conflict');
    expect(clash.reasons).toEqual([
      `number ${pbx.alice.number} is already an extension of ${tenant.slug}`,
      `number ${pbx.alice.number} is also read from ${twin}`,
    ]);
    expect([await asteriskRows(pbx), await ours(tenant.id)]).toEqual(before);

    const partial = await adoptEndpoints(ctx, tenant.slug, { context: pbx.context }, { skipConflicts: true });
    expect(partial).toMatchObject({ status: 'adopted', adopted: 1 });
    const numbers = (await listExtensions(ctx, tenant.id)).items.map((e) => [e.number, e.endpointId]);
    expect(numbers).toEqual([[pbx.alice.number, `${pbx.alice.number}@${tenant.sipDomain}`], [pbx.bob.number, pbx.bob.id]]);
    const summary = await db.auditEntry.findFirstOrThrow({ where: { tenantId: tenant.id, action: 'tenant.adopt' } });
    expect(summary.after).toMatchObject({ adopted: 1, conflictsSkipped: 2 });
  });

  it('keeps every Asterisk row byte for byte when no conversion is asked, and the extensions then behave like any other', async () => {
    const pbx = await legacyPbx();
    const tenant = await makeTenant(db, { outboundTrunk: 'itsp' });
    const before = await asteriskRows(pbx);
    const res = await adoptEndpoints(ctx, tenant.slug, { ids: [pbx.alice.id, pbx.bob.id] });
    expect(res).toMatchObject({ status: 'adopted', adopted: 2 });
    expect(await asteriskRows(pbx)).toEqual(before);

    const { items } = await listExtensions(ctx, tenant.id);
    expect(items).toEqual([
      expect.objectContaining({ number: pbx.alice.number, displayName: 'Alice Legacy', email: 'alice@example.com', endpointId: pbx.alice.id, authId: pbx.alice.id, aorId: pbx.alice.id, hasVoicemail: true, active: true }),
      expect.objectContaining({ number: pbx.bob.number, displayName: pbx.bob.id, endpointId: pbx.bob.id, authId: pbx.bob.authId, aorId: pbx.bob.id, maxContacts: 2, hasVoicemail: false }),
    ]);
    const audit = await db.auditEntry.findMany({ where: { tenantId: tenant.id, action: 'extension.adopt' }, orderBy: { targetLabel: 'asc' } });
    expect(audit.map((a) => a.targetLabel).sort()).toEqual([pbx.alice.id, pbx.bob.id].sort());
    // Adopted again: already theirs, nothing to do.
    const again = await adoptEndpoints(ctx, tenant.slug, { ids: [pbx.alice.id] }, { dryRun: true });
    expect(again.plan.items[0]).toMatchObject({ action: 'skip', reasons: [`already extension ${pbx.alice.number} of tenant ${tenant.slug}`] });
    expect((await listUnowned(ctx, { context: pbx.context })).items).toEqual([]);

    // The call-policy tester finds the adopted caller by its own id and dials the callee's.
    const internal = await explainCall(ctx, tenant.id, { direction: 'outbound', from: pbx.alice.number, dial: pbx.bob.number });
    expect(internal).toMatchObject({ allowed: true, type: 'INTERNAL', dialTarget: `PJSIP/${pbx.bob.id}` });
    const toAlice = await explainCall(ctx, tenant.id, { direction: 'outbound', from: pbx.bob.number, dial: pbx.alice.number });
    // Her box stays in its own context, where its messages are.
    expect(toAlice).toMatchObject({ allowed: true, dialTarget: `PJSIP/${pbx.alice.id}`, mailbox: `${pbx.alice.number}@${pbx.context}` });
  });

  it('converts plaintext passwords to md5 digests on request, keeping the realm an auth has', async () => {
    const pbx = await legacyPbx();
    await sql(url, `UPDATE ps_auths SET realm = 'legacy.example' WHERE id = $1`, [pbx.bob.authId]);
    const tenant = await makeTenant(db);
    const res = await adoptEndpoints(ctx, tenant.slug, { context: pbx.context }, { convertSecrets: true });
    expect(res.adopted).toBe(2);
    const auths = await sql(url, 'SELECT id, auth_type::text, username, password, md5_cred, realm FROM ps_auths WHERE id = ANY($1) ORDER BY id', [[pbx.alice.id, pbx.bob.authId]]);
    expect(auths).toEqual(
      [
        // No realm before: Asterisk challenged with its default; the digest now binds the tenant's domain, written with it.
        { id: pbx.alice.id, auth_type: 'md5', username: pbx.alice.id, password: null, realm: tenant.sipDomain, md5_cred: md5(`${pbx.alice.id}:${tenant.sipDomain}:${pbx.alice.password}`) },
        { id: pbx.bob.authId, auth_type: 'md5', username: pbx.bob.id, password: null, realm: 'legacy.example', md5_cred: md5(`${pbx.bob.id}:legacy.example:${pbx.bob.password}`) },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    // Nothing else moved: the phones keep their context and registration.
    expect(await sql(url, 'SELECT DISTINCT context FROM ps_endpoints WHERE id = ANY($1)', [[pbx.alice.id, pbx.bob.id]])).toEqual([{ context: pbx.context }]);
    expect(await sql(url, 'SELECT count(*)::int AS n FROM ps_contacts WHERE endpoint = $1', [pbx.alice.id])).toEqual([{ n: 1 }]);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { tenantId: tenant.id, action: 'extension.adopt', targetLabel: pbx.alice.id } });
    expect(audit.after).toMatchObject({ secretConverted: true, contextSet: null });
    expect(JSON.stringify(audit.after)).not.toContain(pbx.alice.password);
  });

  it('refuses to convert into a tenant that stores plaintext, naming the option', async () => {
    const tenant = await makeTenant(db, { secretStorage: 'plaintext' });
    const err = await caught(adoptEndpoints(ctx, tenant.slug, { match: 'x*' }, { convertSecrets: true }));
    expect(err.fieldErrors).toEqual({ convertSecrets: [expect.stringContaining('plaintext')] });
  });

  it('moves the phones into the tenant context on request, with accountcode, tenantid and caller ID', async () => {
    const pbx = await legacyPbx();
    const tenant = await makeTenant(db, { outboundTrunk: 'itsp', mainDid: `+1212555${randomInt(1000, 9999)}` });
    const main = (await db.did.findFirstOrThrow({ where: { tenantId: tenant.id } })).e164;
    await adoptEndpoints(ctx, tenant.slug, { match: `${pbx.prefix}-*` }, { setContext: true });
    const [bob] = await sql(url, 'SELECT context, subscribe_context, accountcode, tenantid, set_var, transport, allow FROM ps_endpoints WHERE id = $1', [pbx.bob.id]);
    expect(bob).toEqual({
      context: tenant.context, subscribe_context: tenant.context, accountcode: tenant.slug, tenantid: tenant.slug,
      set_var: `SWITCHBOARD_CLID=${main}`, transport: 'transport-udp', allow: 'ulaw',
    });
    // Alice was not selected: untouched, and still nobody's.
    expect((await sql(url, 'SELECT context FROM ps_endpoints WHERE id = $1', [pbx.alice.id]))[0].context).toBe(pbx.context);
    expect((await listUnowned(ctx, { context: pbx.context })).items.map((i) => i.id)).toEqual([pbx.alice.id]);
  });

  it('reports endpoints it cannot adopt: missing rows, shared auths, bad numbers, unknown ids, trunks', async () => {
    const context = uniq('odd-');
    const p = uniq('q');
    const base = randomInt(200, 899) * 10;
    const id = (s: string) => `${p}-${s}`;
    await sql(url, `INSERT INTO ps_auths (id, auth_type, password, username) VALUES ($1, 'userpass', 'pw-shared', 'shared')`, [id('shared')]);
    await sql(url, `INSERT INTO ps_aors (id, max_contacts) VALUES ($1, 1), ($2, 1), ($3, 1), ($4, 0)`, [id(`${base + 1}`), id(`${base + 2}`), id('12'), id(`${base + 5}`)]);
    await sql(url, `INSERT INTO ps_auths (id, auth_type, password, username) VALUES ($1, 'userpass', 'pw', $1), ($2, 'userpass', 'pw', $2)`, [id('12'), id(`${base + 5}`)]);
    await sql(
      url,
      `INSERT INTO ps_endpoints (id, aors, auth, context) VALUES
         ($1, $1, $2, $7), ($3, $3, $2, $7), ($4, $4, $4, $7), ($5, 'nowhere', NULL, $7), ($6, $6, $6, $7)`,
      [id(`${base + 1}`), id('shared'), id(`${base + 2}`), id('12'), id(`${base + 3}`), id(`${base + 5}`), context],
    );
    const tenant = await makeTenant(db);
    const plan = await planAdoption(ctx, tenant.slug, { ids: [id(`${base + 1}`), id(`${base + 2}`), id('12'), id(`${base + 3}`), id(`${base + 5}`), id('ghost')] });
    const by = (s: string) => plan.items.find((i) => i.endpointId === id(s))!;
    expect(by(`${base + 1}`)).toMatchObject({ action: 'conflict', reasons: [`its auth ${id('shared')} is shared by 2 endpoints`] });
    expect(by('12')).toMatchObject({ action: 'conflict', reasons: ['number 12 must be 4 digits in this tenant'] });
    expect(by(`${base + 3}`).reasons).toEqual([
      'no auth (ps_endpoints.auth is empty): a phone without credentials cannot be adopted',
      'its AOR nowhere does not exist in ps_aors',
    ]);
    expect(by('ghost')).toMatchObject({ action: 'conflict', reasons: ['no endpoint has this id'] });
    expect(by(`${base + 5}`)).toMatchObject({ action: 'adopt', active: false });
    expect(by(`${base + 5}`).warnings.join(' ')).toContain('max_contacts is 0');
    // A number pattern reads what the digits alone would not.
    const custom = await planAdoption(ctx, tenant.slug, { ids: [id('12')] }, { numberFrom: '-(\\d+)$' });
    expect(custom.items[0].number).toBe('12');
    expect((await caught(planAdoption(ctx, tenant.slug, { ids: [id('12')] }, { numberFrom: '\\d+' }))).fieldErrors).toEqual({ numberFrom: ['needs a group, (...), around the number'] });
  });
});

describe('after adoption', () => {
  let live: LiveRoutingView;
  let server: AgiServer;
  let port: number;
  beforeAll(async () => {
    live = new LiveRoutingView(db, url, () => {}, `sb-adopt-test-${process.pid}`);
    await live.start();
    server = new AgiServer({ handler: routingHandler(() => live.view, () => {}) });
    port = (await server.listen(0)).port;
  });
  afterAll(async () => {
    await server.close(100);
    await live.stop();
  });

  /** Asks the running AGI server until the answer matches (the view follows the database within a second). */
  async function ask(caller: string, dialled: string, expected: Record<string, string>) {
    const started = Date.now();
    let last: Record<string, string> = {};
    while (Date.now() - started < 2_000) {
      last = (await playAsterisk(port, asteriskEnv('route', [caller, dialled]))).vars;
      if (Object.entries(expected).every(([k, v]) => last[k] === v)) return last;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`wanted ${JSON.stringify(expected)}, last answer ${JSON.stringify(last)}`);
  }

  it('the AGI server finds an adopted caller by its own endpoint id, lets it call its tenant, and not another tenant', async () => {
    const pbx = await legacyPbx();
    const acme = await makeTenant(db, { outboundTrunk: 'itsp' });
    const other = await makeTenant(db, { outboundTrunk: 'itsp' });
    const elsewhere = pbx.n(7);
    const { extension: theirs } = await createExtension(ctx, other.id, { number: elsewhere, displayName: 'Other Tenant' });
    await adoptEndpoints(ctx, acme.slug, { context: pbx.context }, { setContext: true });

    await ask(pbx.alice.id, pbx.bob.number, { IS_ALLOWED: '1', TARGET_TYPE: 'INTERNAL', DIAL_TARGET: `PJSIP/${pbx.bob.id}`, TENANT: acme.slug });
    await ask(pbx.bob.id, pbx.alice.number, { IS_ALLOWED: '1', DIAL_TARGET: `PJSIP/${pbx.alice.id}`, VOICEMAIL_BOX: `${pbx.alice.number}@${pbx.context}` });
    // Another tenant's extension is not a number of acme's.
    const refused = await ask(pbx.alice.id, elsewhere, { IS_ALLOWED: '0' });
    expect(refused.DIAL_TARGET).toBe('');
    expect(refused.DENY_REASON).toBe('invalid_number');
    await ask(theirs.endpointId, pbx.bob.number, { IS_ALLOWED: '0', DENY_REASON: 'invalid_number' });
  });

  it('edits keep the adopted shape, a new secret keeps its user name and realm, and deleting removes its rows and registrations', async () => {
    const pbx = await legacyPbx();
    const tenant = await makeTenant(db, { outboundTrunk: 'itsp' });
    await adoptEndpoints(ctx, tenant.slug, { context: pbx.context });
    const alice = (await listExtensions(ctx, tenant.id)).items.find((e) => e.endpointId === pbx.alice.id)!;

    await updateExtension(ctx, alice.id, { displayName: 'Alice Renamed', maxContacts: 3 });
    const [endpoint] = await sql(url, 'SELECT id, aors, auth, context, transport, allow, callerid, mailboxes FROM ps_endpoints WHERE id = $1', [pbx.alice.id]);
    expect(endpoint).toEqual({
      id: pbx.alice.id, aors: pbx.alice.id, auth: pbx.alice.id, context: pbx.context, transport: 'transport-udp', allow: 'ulaw',
      callerid: `"Alice Renamed" <${pbx.alice.number}>`, mailboxes: `${pbx.alice.number}@${pbx.context}`,
    });
    expect((await sql(url, 'SELECT max_contacts FROM ps_aors WHERE id = $1', [pbx.alice.id]))[0]).toEqual({ max_contacts: 3 });
    expect((await db.extension.findUniqueOrThrow({ where: { id: alice.id } })).endpointId).toBe(pbx.alice.id);
    // A tenant-wide change (codecs) leaves adopted phones as they were set up.
    await updateTenant(ctx, tenant.id, { codecs: 'g722,alaw' });
    expect((await sql(url, 'SELECT id, allow FROM ps_endpoints WHERE id = $1', [pbx.alice.id]))[0]).toEqual({ id: pbx.alice.id, allow: 'ulaw' });

    const { secret } = await changeSipSecret(ctx, alice.id);
    const [auth] = await sql(url, 'SELECT username, realm, md5_cred, password FROM ps_auths WHERE id = $1', [pbx.alice.id]);
    expect(auth).toEqual({ username: pbx.alice.id, realm: tenant.sipDomain, md5_cred: md5(`${pbx.alice.id}:${tenant.sipDomain}:${secret}`), password: null });

    // An auth of another name than its endpoint goes too, and the contacts filed under the AOR.
    const bob = (await listExtensions(ctx, tenant.id)).items.find((e) => e.endpointId === pbx.bob.id)!;
    await sql(url, `INSERT INTO ps_contacts (id, uri, expiration_time, endpoint) VALUES ($1 || '^3B@ffee', 'sip:b@192.0.2.11', extract(epoch from now())::bigint + 60, $1)`, [pbx.bob.id]);
    for (const ext of [alice, bob]) await deleteExtension(ctx, ext.id);
    const left = await asteriskRows(pbx);
    expect(left).toEqual({ endpoints: [], auths: [], aors: [], contacts: [], voicemail: [] });
    expect((await listExtensions(ctx, tenant.id)).items).toEqual([]);
  });
});
