import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions.ts';
import { changeSipSecret } from '../lib/domain/extension/change-secret.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { deleteExtension } from '../lib/domain/extension/delete-extension.ts';
import { listExtensions, listExtensionsAs } from '../lib/domain/extension/list-extensions.ts';
import { extensionJsonRows, toExtensionResource } from '../lib/api/resources/extension.ts';
import { getTenant } from '../lib/domain/tenant/get-tenant.ts';
import { registrationsFor } from '../lib/domain/extension/registrations.ts';
import { updateExtension } from '../lib/domain/extension/update-extension.ts';
import { caught, makeTenant, platform, sql, uniq, useDb } from './support/fixtures.ts';

const { db, url } = useDb();
const ctx = { actor: platform, db };
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

async function rowsOf(id: string) {
  const [endpoint] = await sql(url, 'SELECT * FROM ps_endpoints WHERE id = $1', [id]);
  const [auth] = await sql(url, 'SELECT * FROM ps_auths WHERE id = $1', [id]);
  const [aor] = await sql(url, 'SELECT * FROM ps_aors WHERE id = $1', [id]);
  const contacts = await sql(url, 'SELECT id FROM ps_contacts WHERE endpoint = $1 OR id LIKE $2', [id, `${id}%`]);
  return { endpoint, auth, aor, contacts };
}


async function addContact(aorId: string, suffix: string, escaped = true) {
  await sql(url, `INSERT INTO ps_contacts (id, uri, expiration_time, endpoint, user_agent, qualify_2xx_only)
                  VALUES ($1, $2, $3, $4, 'Yealink SIP-T54W', 'false')`, [
    `${aorId}${escaped ? '^3B' : ';'}@${suffix}`,
    `sip:${aorId.split('@')[0]}@198.51.100.7:5060`,
    Math.floor(Date.now() / 1000) + 3600,
    aorId,
  ]);
}

describe('creating an extension', () => {
  it('writes endpoint, auth, aor and mailbox rows Asterisk can use, with a digest instead of the secret', async () => {
    const tenant = await makeTenant(db, { codecs: 'g722,ulaw,alaw,opus', transport: 'transport-udp' });
    const { extension, secret, secretGenerated } = await createExtension(ctx, tenant.id, {
      number: '1001',
      displayName: 'Alice "Ace" Example',
      email: 'Alice@Example.com',
      voicemailPin: '4826',
    });
    expect(secretGenerated).toBe(true);
    expect(secret).toMatch(/^[A-Za-z0-9]{24}$/);
    const id = `1001@${tenant.sipDomain}`;
    expect(extension).toMatchObject({ number: '1001', endpointId: id, email: 'alice@example.com', hasVoicemail: true });

    const { endpoint, auth, aor } = await rowsOf(id);
    expect(endpoint).toMatchObject({
      id, aors: id, auth: id, context: tenant.context, transport: 'transport-udp',
      allow: 'g722,ulaw,alaw,opus', direct_media: 'no', identify_by: 'username',
      rtp_symmetric: 'yes', force_rport: 'yes', rewrite_contact: 'yes',
      callerid: '"Alice Ace Example" <1001>', from_domain: tenant.sipDomain,
      tenantid: tenant.slug, mailboxes: `1001@${tenant.context}`, subscribe_context: tenant.context,
    });
    expect(auth).toMatchObject({ auth_type: 'md5', username: '1001', realm: tenant.sipDomain, password: null });
    expect(auth.md5_cred).toBe(md5(`1001:${tenant.sipDomain}:${secret}`));
    expect(aor).toMatchObject({ max_contacts: 1, remove_existing: 'yes', qualify_frequency: 15, qualify_timeout: 3 });
    const [box] = await sql(url, 'SELECT * FROM voicemail WHERE context = $1 AND mailbox = $2', [tenant.context, '1001']);
    expect(box).toMatchObject({ password: '4826', fullname: 'Alice "Ace" Example', email: 'alice@example.com', attach: 'yes' });
  });

  it('keeps mailbox values Asterisk can read: no ";" in the name, no e-mail longer than its column', async () => {
    const tenant = await makeTenant(db);
    const long = `${'a'.repeat(70)}@example.com`;
    await createExtension(ctx, tenant.id, { number: '1001', displayName: 'Smith; Sales ^2B', email: long, voicemailPin: '4826' });
    const [box] = await sql(url, 'SELECT fullname, email, attach FROM voicemail WHERE context = $1', [tenant.context]);
    expect(box).toEqual({ fullname: 'Smith Sales 2B', email: null, attach: 'no' });
  });

  it('lets two tenants own the same number, each with its own ids and realm', async () => {
    const acme = await makeTenant(db);
    const beta = await makeTenant(db);
    const a = await createExtension(ctx, acme.id, { number: '1001', displayName: 'Acme reception' });
    const b = await createExtension(ctx, beta.id, { number: '1001', displayName: 'Beta reception' });
    expect(a.extension.endpointId).not.toBe(b.extension.endpointId);
    const [ra, rb] = await Promise.all([rowsOf(a.extension.endpointId), rowsOf(b.extension.endpointId)]);
    expect(ra.auth.realm).toBe(acme.sipDomain);
    expect(rb.auth.realm).toBe(beta.sipDomain);
    expect(ra.endpoint.context).not.toBe(rb.endpoint.context);
  });

  it('refuses a duplicate number with a field error and writes nothing', async () => {
    const tenant = await makeTenant(db);
    await createExtension(ctx, tenant.id, { number: '2001', displayName: 'First' });
    const err = await caught(createExtension(ctx, tenant.id, { number: '2001', displayName: 'Second' }));
    expect(err.code).toBe('conflict');
    expect(err.fieldErrors).toEqual({ number: ['is already in use in this tenant'] });
    const [{ n }] = await sql(url, 'SELECT count(*)::int AS n FROM sb_extensions WHERE tenant_id = $1', [tenant.id]);
    expect(n).toBe(1);
  });

  it('refuses numbers outside the tenant plan, emergency numbers and weak secrets, field by field', async () => {
    const tenant = await makeTenant(db, { extensionLength: 3, defaultCountry: 'US' });
    const err = await caught(createExtension(ctx, tenant.id, { number: '12', displayName: '', secret: 'password' }));
    expect(err.code).toBe('validation');
    expect(err.fieldErrors?.number).toContain('must be 3 digits in this tenant');
    expect(err.fieldErrors?.displayName).toEqual(['is required']);
    expect(err.fieldErrors?.secret).toContain('is a commonly used password');
    const emergency = await caught(createExtension(ctx, tenant.id, { number: '911', displayName: 'Nope' }));
    expect(emergency.fieldErrors?.number).toEqual(['is an emergency number']);
    const own = await caught(createExtension(ctx, tenant.id, { number: '345', displayName: 'X', secret: 'Zq345-fjw-Kd0x' }));
    expect(own.fieldErrors?.secret).toEqual(['may not contain the extension number']);
  });

  it('stores an admin-chosen secret in clear only for a tenant configured for plaintext', async () => {
    const tenant = await makeTenant(db, { secretStorage: 'plaintext' });
    const { secret } = await createExtension(ctx, tenant.id, { number: '3001', displayName: 'Plain', secret: 'Tr0ub4dor&3-horse' });
    expect(secret).toBe('Tr0ub4dor&3-horse');
    const { auth } = await rowsOf(`3001@${tenant.sipDomain}`);
    expect(auth).toMatchObject({ auth_type: 'userpass', password: 'Tr0ub4dor&3-horse', md5_cred: null });
  });

  it('leaves no row behind when the database fails in the middle of the create', async () => {
    const tenant = await makeTenant(db);
    const id = `4001@${tenant.sipDomain}`;
    const fn = uniq('fail_');
    await sql(url, `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.id = '${id}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
    await sql(url, `CREATE TRIGGER ${fn} BEFORE INSERT ON ps_aors FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    try {
      await expect(createExtension(ctx, tenant.id, { number: '4001', displayName: 'Doomed', voicemailPin: '2468' })).rejects.toThrow(/injected failure/);
    } finally {
      await sql(url, `DROP TRIGGER ${fn} ON ps_aors; DROP FUNCTION ${fn}()`);
    }
    const rows = await rowsOf(id);
    expect(rows.endpoint).toBeUndefined();
    expect(rows.auth).toBeUndefined();
    expect(rows.aor).toBeUndefined();
    const left = await sql(url, `SELECT (SELECT count(*) FROM sb_extensions WHERE tenant_id = $1)::int AS ext,
      (SELECT count(*) FROM voicemail WHERE context = $2)::int AS vm,
      (SELECT count(*) FROM sb_audit_log WHERE tenant_id = $1 AND action = 'extension.create')::int AS audit`, [tenant.id, tenant.context]);
    expect(left[0]).toEqual({ ext: 0, vm: 0, audit: 0 });
  });
});

describe('bulk create', () => {
  it('creates every row in one go, reporting progress', async () => {
    const tenant = await makeTenant(db);
    const rows = Array.from({ length: 1500 }, (_, i) => ({
      number: String(5000 + i),
      displayName: `User ${i}`,
      email: `user${i}@example.com`,
      voicemailPin: i % 2 ? '7391' : undefined,
    }));
    const progress: number[] = [];
    const result = await bulkCreateExtensions(ctx, tenant.id, rows, { onProgress: (done) => progress.push(done) });
    expect(result.created).toBe(1500);
    expect(new Set(result.secrets.map((s) => s.secret)).size).toBe(1500);
    expect(progress).toEqual([1000, 1500]);
    const [counts] = await sql(url, `SELECT
      (SELECT count(*) FROM ps_endpoints WHERE tenantid = $1)::int AS endpoints,
      (SELECT count(*) FROM ps_auths WHERE realm = $2)::int AS auths,
      (SELECT count(*) FROM ps_aors WHERE id LIKE '%@' || $2)::int AS aors,
      (SELECT count(*) FROM voicemail WHERE context = $3)::int AS mailboxes,
      (SELECT count(*) FROM sb_extensions WHERE tenant_id = $4 AND voicemail_id IS NOT NULL)::int AS linked`,
      [tenant.slug, tenant.sipDomain, tenant.context, tenant.id]);
    expect(counts).toEqual({ endpoints: 1500, auths: 1500, aors: 1500, mailboxes: 750, linked: 750 });
    const one = result.secrets[42];
    const [auth] = await sql(url, 'SELECT md5_cred FROM ps_auths WHERE id = $1', [`${one.number}@${tenant.sipDomain}`]);
    expect(auth.md5_cred).toBe(md5(`${one.number}:${tenant.sipDomain}:${one.secret}`));
  });

  it('reports every bad row at once and writes nothing', async () => {
    const tenant = await makeTenant(db);
    await createExtension(ctx, tenant.id, { number: '6000', displayName: 'Existing' });
    const err = await caught(
      bulkCreateExtensions(ctx, tenant.id, [
        { number: '6001', displayName: 'Fine' },
        { number: '6000', displayName: 'Taken' },
        { number: '60', displayName: 'Short' },
        { number: '6001', displayName: 'Twice' },
        { number: '6004', displayName: 'Bad mail', email: 'not-an-address' },
      ]),
    );
    expect(err.code).toBe('validation');
    expect(err.message).toBe('4 rows cannot be created; nothing was written');
    expect(err.fieldErrors).toMatchObject({
      'rows.1.number': ['is already in use in this tenant'],
      'rows.2.number': ['must be 4 digits in this tenant'],
      'rows.3.number': ['duplicates row 1 of this batch'],
      'rows.4.email': ['must be an e-mail address'],
    });
    const [{ n }] = await sql(url, 'SELECT count(*)::int AS n FROM sb_extensions WHERE tenant_id = $1', [tenant.id]);
    expect(n).toBe(1);
  });

  it('leaves no row behind when the database fails part-way through the batch', async () => {
    const tenant = await makeTenant(db);
    const fn = uniq('fail_');
    await sql(url, `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.id = '7700@${tenant.sipDomain}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
    await sql(url, `CREATE TRIGGER ${fn} BEFORE INSERT ON ps_aors FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    const rows = Array.from({ length: 2000 }, (_, i) => ({ number: String(7000 + i), displayName: `U${i}`, voicemailPin: '97531' }));
    try {
      await expect(bulkCreateExtensions(ctx, tenant.id, rows)).rejects.toThrow(/injected failure/);
    } finally {
      await sql(url, `DROP TRIGGER ${fn} ON ps_aors; DROP FUNCTION ${fn}()`);
    }
    const [left] = await sql(url, `SELECT
      (SELECT count(*) FROM ps_endpoints WHERE tenantid = $1)::int +
      (SELECT count(*) FROM ps_auths WHERE realm = $2)::int +
      (SELECT count(*) FROM ps_aors WHERE id LIKE '%@' || $2)::int +
      (SELECT count(*) FROM voicemail WHERE context = $3)::int +
      (SELECT count(*) FROM sb_extensions WHERE tenant_id = $4)::int AS n`, [tenant.slug, tenant.sipDomain, tenant.context, tenant.id]);
    expect(left.n).toBe(0);
  });
});

describe('changing and removing an extension', () => {
  it('deletes every row of the extension, its registrations included, and nobody else\'s', async () => {
    const tenant = await makeTenant(db);
    const { extension } = await createExtension(ctx, tenant.id, { number: '1001', displayName: 'Leaving', voicemailPin: '1357' });
    const { extension: stays } = await createExtension(ctx, tenant.id, { number: '1002', displayName: 'Staying' });
    await addContact(extension.aorId, '05b1c7a4e2f3d6b8a9c0d1e2f3a4b5c6');
    await addContact(extension.aorId, '9f00aa', false);
    await addContact(stays.aorId, '77aa00');
    expect((await registrationsFor(db, [extension.endpointId])).get(extension.endpointId)).toHaveLength(2);

    await deleteExtension(ctx, extension.id);
    const rows = await rowsOf(extension.endpointId);
    expect(rows).toEqual({ endpoint: undefined, auth: undefined, aor: undefined, contacts: [] });
    expect(await sql(url, 'SELECT 1 FROM voicemail WHERE context = $1 AND mailbox = $2', [tenant.context, '1001'])).toEqual([]);
    expect((await rowsOf(stays.endpointId)).contacts).toHaveLength(1);
    const [audit] = await sql(url, `SELECT actor_label, before FROM sb_audit_log WHERE action = 'extension.delete' AND target_id = $1`, [extension.id]);
    expect(audit).toMatchObject({ actor_label: platform.label, before: { number: '1001', displayName: 'Leaving' } });
  });

  it('changes the secret for the next REGISTER, and never writes it to the audit log', async () => {
    const tenant = await makeTenant(db);
    const { extension, secret: first } = await createExtension(ctx, tenant.id, { number: '1001', displayName: 'Bob' });
    const { secret } = await changeSipSecret(ctx, extension.id);
    expect(secret).not.toBe(first);
    const { auth } = await rowsOf(extension.authId);
    expect(auth.md5_cred).toBe(md5(`1001:${tenant.sipDomain}:${secret}`));
    const chosen = await changeSipSecret(ctx, extension.id, { secret: 'Gx7#pLm2-Qw9z' });
    expect(chosen).toEqual({ secret: 'Gx7#pLm2-Qw9z', secretGenerated: false });
    const weak = await caught(changeSipSecret(ctx, extension.id, { secret: 'aaaaaaaaaaaaaaaa' }));
    expect(weak.fieldErrors?.secret).toContain('is a repeated or sequential pattern');
    const log = await sql(url, `SELECT coalesce(before::text, '') || coalesce(after::text, '') AS body FROM sb_audit_log WHERE target_id = $1`, [extension.id]);
    for (const { body } of log) for (const s of [first, secret, 'Gx7#pLm2-Qw9z']) expect(body).not.toContain(s);
  });

  it('carries edits into Asterisk\'s rows: caller id, mailbox, deactivation', async () => {
    const tenant = await makeTenant(db);
    const { extension } = await createExtension(ctx, tenant.id, { number: '1001', displayName: 'Carol' });
    await addContact(extension.aorId, 'abc123');
    const { extension: edited } = await updateExtension(ctx, extension.id, { displayName: 'Carol Jones', voicemailPin: '9713', active: false });
    expect(edited).toMatchObject({ displayName: 'Carol Jones', hasVoicemail: true, active: false });
    const rows = await rowsOf(extension.endpointId);
    expect(rows.endpoint).toMatchObject({ callerid: '"Carol Jones" <1001>', mailboxes: `1001@${tenant.context}` });
    expect(rows.aor.max_contacts).toBe(0); // Asterisk answers REGISTER with 403
    expect(rows.contacts).toEqual([]);
    const { extension: back } = await updateExtension(ctx, extension.id, { active: true, voicemailPin: null });
    expect(back.hasVoicemail).toBe(false);
    expect((await rowsOf(extension.endpointId)).aor).toMatchObject({ max_contacts: 1, mailboxes: null });
  });

  it('renumbers an extension with new ids and, for digest storage, a new secret', async () => {
    const tenant = await makeTenant(db);
    const { extension } = await createExtension(ctx, tenant.id, { number: '1001', displayName: 'Dan', voicemailPin: '5151' });
    const { extension: moved, secret } = await updateExtension(ctx, extension.id, { number: '1009' });
    expect(moved.endpointId).toBe(`1009@${tenant.sipDomain}`);
    expect(secret).toBeDefined();
    expect(await rowsOf(extension.endpointId)).toMatchObject({ endpoint: undefined, auth: undefined, aor: undefined });
    const rows = await rowsOf(moved.endpointId);
    expect(rows.auth).toMatchObject({ username: '1009', md5_cred: md5(`1009:${tenant.sipDomain}:${secret}`) });
    expect(rows.endpoint.mailboxes).toBe(`1009@${tenant.context}`);
    const dup = await createExtension(ctx, tenant.id, { number: '1001', displayName: 'Reuses the old number' });
    expect(dup.extension.number).toBe('1001');
    const taken = await caught(updateExtension(ctx, extension.id, { number: '1001' }));
    expect(taken.fieldErrors).toEqual({ number: ['is already in use in this tenant'] });
  });
});

describe('listing extensions', () => {
  it('searches, filters, sorts and pages with stable cursors', async () => {
    const tenant = await makeTenant(db);
    await bulkCreateExtensions(ctx, tenant.id, Array.from({ length: 45 }, (_, i) => ({
      number: String(2100 + i),
      displayName: i % 3 === 0 ? `Sales ${String(i).padStart(2, '0')}` : `Support ${i}`,
      allowExternal: i % 2 === 0,
    })));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listExtensions(ctx, tenant.id, { sort: 'displayName', limit: 10, cursor });
      seen.push(...page.items.map((e) => e.displayName));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(45);
    expect(seen).toEqual([...seen].sort((a, b) => a.localeCompare(b)));

    const sales = await listExtensions(ctx, tenant.id, { q: 'sALEs', withTotal: true, limit: 5 });
    expect(sales.total).toBe(15);
    expect(sales.items.every((e) => e.displayName.startsWith('Sales'))).toBe(true);
    const prefix = await listExtensions(ctx, tenant.id, { q: '213', withTotal: true });
    expect(prefix.items.map((e) => e.number)).toEqual(['2130', '2131', '2132', '2133', '2134', '2135', '2136', '2137', '2138', '2139']);
    const desc = await listExtensions(ctx, tenant.id, { sort: 'number', dir: 'desc', limit: 3, allowExternal: true });
    expect(desc.items.map((e) => e.number)).toEqual(['2144', '2142', '2140']);
    const next = await listExtensions(ctx, tenant.id, { sort: 'number', dir: 'desc', limit: 3, allowExternal: true, cursor: desc.nextCursor! });
    expect(next.items.map((e) => e.number)).toEqual(['2138', '2136', '2134']);
    const salesPage2 = await listExtensions(ctx, tenant.id, { q: 'sales', withTotal: true, limit: 5, cursor: sales.nextCursor! });
    expect(salesPage2.total).toBe(15);
    expect(salesPage2.items.map((e) => e.displayName)).toEqual(['Sales 15', 'Sales 18', 'Sales 21', 'Sales 24', 'Sales 27']);
    const bad = await caught(listExtensions(ctx, tenant.id, { cursor: 'garbage' }));
    expect(bad.fieldErrors).toEqual({ cursor: ['is invalid'] });
  });

  it('pages by creation time without repeating or skipping extensions created in the same instant', async () => {
    const tenant = await makeTenant(db);
    // One bulk create: every row gets the same created_at, to the microsecond.
    await bulkCreateExtensions(ctx, tenant.id, Array.from({ length: 25 }, (_, i) => ({ number: String(3100 + i), displayName: `Same Instant ${i}` })));
    for (const dir of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listExtensions(ctx, tenant.id, { sort: 'createdAt', dir, limit: 7, cursor });
        seen.push(...page.items.map((e) => e.number));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.toSorted()).toEqual(Array.from({ length: 25 }, (_, i) => String(3100 + i)));
    }
  });

  it('gives the API the same resources from the database\'s JSON as the resource mapper makes of the rows', async () => {
    const tenant = await makeTenant(db);
    await createExtension(ctx, tenant.id, { number: '4100', displayName: 'Zoë "Quotes" \\ Ünïcode', email: 'zoe@example.com', voicemailPin: '482913' });
    await createExtension(ctx, tenant.id, { number: '4101', displayName: 'No Mail', allowExternal: false, maxContacts: 3 });
    await bulkCreateExtensions(ctx, tenant.id, [{ number: '4102', displayName: 'Bulk' }]);
    for (const query of [{}, { q: 'mail' }, { sort: 'displayName' as const, dir: 'desc' as const }]) {
      const json = await listExtensionsAs(ctx, tenant.id, query, extensionJsonRows);
      const mapped = await listExtensions(ctx, tenant.id, query);
      expect(json.items.map((j) => JSON.parse(j))).toEqual(mapped.items.map(toExtensionResource));
      expect(json.nextCursor).toBe(mapped.nextCursor);
    }
    // And inside a transaction, where the page is read through Prisma on that transaction.
    await db.$transaction(async (tx) => {
      const json = await listExtensionsAs({ actor: platform, db: tx as never }, tenant.id, {}, extensionJsonRows);
      expect(json.items).toHaveLength(3);
    });
  });

  it('reads a tenant as Prisma does, column for column', async () => {
    const tenant = await makeTenant(db, { outboundTrunk: 'pstn' });
    expect(await getTenant(ctx, tenant.slug)).toEqual(await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } }));
    expect(await getTenant(ctx, tenant.id.toUpperCase())).toEqual(await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } }));
  });
});
