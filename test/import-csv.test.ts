import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { addDid } from '../lib/domain/did/add-did.ts';
import { importExtensions, type ImportOptions } from '../lib/domain/import/import-extensions.ts';
import { csvReader } from '../lib/domain/import/read-csv.ts';
import { md5Credential } from '../lib/domain/sip/secret.ts';
import { caught, makeTenant, platform, sql, tenantAdmin, uniq, useDb, viewer } from './support/fixtures.ts';

const { db, url } = useDb();
const ctx = { actor: platform, db };

/** A tenant with a main number and a second DID, as an import's caller_id column needs. */
async function tenantWithDids() {
  const main = `+1212555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
  const tenant = await makeTenant(db, { mainDid: main });
  const sales = await addDid(ctx, tenant.id, { number: `+1646555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}` });
  return { tenant, main, sales: sales.e164 };
}

/** The file as it arrives from disk or an upload: in chunks, split anywhere (here mid-line and mid-character). */
const chunked = (text: string) => {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 7) parts.push(bytes.subarray(i, i + 7));
  return Readable.from(parts);
};

const run = (tenantSlug: string, text: string, options: Partial<ImportOptions> = {}, actor = platform) =>
  importExtensions({ actor, db }, tenantSlug, csvReader(chunked(text)), { file: 'people.csv', existing: 'error', ...options });

const numbersOf = async (tenantId: string) => (await db.extension.findMany({ where: { tenantId }, orderBy: { number: 'asc' } })).map((e) => e.number);

describe('CSV import', () => {
  it('creates every row with its fields and Asterisk rows, lists generated secrets and PINs once, and audits the import', async () => {
    const { tenant, sales } = await tenantWithDids();
    const text = [
      'number,name,email,password,allow_external,active,max_contacts,voicemail,voicemail_pin,caller_id,ad_synced,ad_username',
      `1001,Alice Müller,alice@example.com,,yes,true,2,yes,,${sales},yes,amueller`,
      '1002,"Bob ""The Builder"", Jr.",,Kp7#wQ2z!rT9xLm4,no,1,,no,,,,',
      '1003,Carol,carol@example.com,,,FALSE,,,4821,,0,',
    ].join('\r\n');
    const report = await run(tenant.slug, text);
    expect(report).toMatchObject({ outcome: 'done', counts: { rows: 3, valid: 3, created: 3, skipped: 0, errors: 0 }, errors: [], warnings: [] });

    const rows = await db.extension.findMany({ where: { tenantId: tenant.id }, orderBy: { number: 'asc' } });
    expect(rows.map((r) => [r.number, r.displayName, r.email, r.allowExternal, r.active, r.maxContacts, r.voicemailId !== null, r.adSynced, r.adUsername])).toEqual([
      ['1001', 'Alice Müller', 'alice@example.com', true, true, 2, true, true, 'amueller'],
      ['1002', 'Bob "The Builder", Jr.', null, false, true, 1, false, false, null],
      ['1003', 'Carol', 'carol@example.com', true, false, 1, true, false, null],
    ]);
    const salesDid = await db.did.findFirstOrThrow({ where: { e164: sales } });
    expect(rows[0].callerIdDidId).toBe(salesDid.id);
    expect(rows[2].callerIdDidId).toBeNull();

    // Generated: secrets of 1001 and 1003, the PIN of 1001; 1002's password and 1003's PIN were given.
    expect(report.secrets.map((s) => [s.number, Boolean(s.secret), s.voicemailPin ?? null])).toEqual([
      ['1001', true, expect.stringMatching(/^[0-9]{6}$/)],
      ['1003', true, null],
    ]);
    const domain = tenant.sipDomain;
    const auths = await sql<{ id: string; md5_cred: string }>(url, 'SELECT id, md5_cred FROM ps_auths WHERE id LIKE $1 ORDER BY id', [`%@${domain}`]);
    expect(auths).toEqual([
      { id: `1001@${domain}`, md5_cred: md5Credential('1001', domain, report.secrets[0].secret!) },
      { id: `1002@${domain}`, md5_cred: md5Credential('1002', domain, 'Kp7#wQ2z!rT9xLm4') },
      { id: `1003@${domain}`, md5_cred: md5Credential('1003', domain, report.secrets[1].secret!) },
    ]);
    const boxes = await sql<{ mailbox: string; password: string }>(url, 'SELECT mailbox, password FROM voicemail WHERE context = $1 ORDER BY mailbox', [tenant.context]);
    expect(boxes).toEqual([
      { mailbox: '1001', password: report.secrets[0].voicemailPin },
      { mailbox: '1003', password: '4821' },
    ]);
    const [endpoint] = await sql<{ set_var: string; callerid: string }>(url, 'SELECT set_var, callerid FROM ps_endpoints WHERE id = $1', [`1001@${domain}`]);
    expect(endpoint).toEqual({ set_var: `SWITCHBOARD_CLID=${sales}`, callerid: '"Alice Müller" <1001>' });
    const [aor] = await sql<{ max_contacts: number }>(url, 'SELECT max_contacts FROM ps_aors WHERE id = $1', [`1003@${domain}`]);
    expect(aor.max_contacts).toBe(0); // inactive: kept off the PBX

    const audit = await db.auditEntry.findMany({ where: { tenantId: tenant.id, action: { in: ['extension.create', 'extension.import'] } } });
    expect(audit.filter((a) => a.action === 'extension.create')).toHaveLength(3);
    const summary = audit.find((a) => a.action === 'extension.import');
    expect(summary).toMatchObject({ targetType: 'tenant', targetLabel: tenant.slug, after: { format: 'csv', file: 'people.csv', created: 3, skipped: 0, errors: 0, partial: false } });
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain(report.secrets[0].secret);
  });

  it('reports a partially bad file line by line and column by column, and writes nothing', async () => {
    const { tenant } = await tenantWithDids();
    const text = [
      'number,Display Name,email,active,max_contacts,voicemail,voicemail_pin,caller_id,password,department',
      '2001,Good One,good@example.com,,,,,,,Sales',
      '2002,Bad Mail,not-an-address,,,,,,,',
      '2003,Bad Flag,,sometimes,,,,,,',
      '2004,Too Many,,,11,,,,,',
      '20050,Wrong Length,,,,,,,,',
      '2006,No Box,,,,no,4821,,,',
      '2007,Stranger ID,,,,,,+12025550199,,',
      '2008,Weak,,,,,,,password,',
      '2009,Short Row,,',
      ',No Number,,,,,,,,',
      '2010,,,,,,,,,',
    ].join('\n');
    const report = await run(tenant.slug, text);
    expect(report.outcome).toBe('failed');
    expect(report.counts).toEqual({ rows: 11, valid: 1, created: 0, skipped: 0, errors: 10 });
    expect(report.warnings).toEqual([{ at: { line: 1 }, column: 'department', message: 'unknown column, ignored' }]);
    expect(report.errors.map((e) => [e.at?.line, e.column ?? null, e.message])).toEqual([
      [3, 'email', 'must be an e-mail address'],
      [4, 'active', 'must be true/false, yes/no or 1/0'],
      [5, 'max_contacts', 'at most 10'],
      [6, 'number', 'must be 4 digits in this tenant'],
      [7, 'voicemail', 'is no but voicemail_pin is given'],
      [8, 'caller_id', 'is not an inbound number of this tenant'],
      [9, 'password', 'must be at least 12 characters'],
      [9, 'password', 'is a commonly used password'],
      [9, 'password', 'needs three of: lower case, upper case, digits, symbols (or at least 16 characters)'],
      [10, null, 'has 4 fields; the header has 10'],
      [11, 'number', 'is required'],
      [12, 'Display Name', 'is required'],
    ]);
    expect(await numbersOf(tenant.id)).toEqual([]);
    expect(await db.auditEntry.count({ where: { tenantId: tenant.id, action: 'extension.import' } })).toBe(0);
  });

  it('refuses a number twice in the file, naming the first line', async () => {
    const { tenant } = await tenantWithDids();
    const report = await run(tenant.slug, 'number,name,email\n3001,A,\n3002,B,\n3001,C,\n3003,D,nope\n3003,E,\n');
    // Line 6 repeats a number whose first line is bad: once line 5 is fixed it is a duplicate, so it is one now.
    expect(report.errors).toEqual([
      { at: { line: 4 }, column: 'number', message: 'duplicates line 2' },
      { at: { line: 5 }, column: 'email', message: 'must be an e-mail address' },
      { at: { line: 6 }, column: 'number', message: 'duplicates line 5' },
    ]);
    expect(report.outcome).toBe('failed');
    expect(await numbersOf(tenant.id)).toEqual([]);
  });

  it('treats a number the tenant already has as an error, or skips it when asked', async () => {
    const { tenant } = await tenantWithDids();
    await run(tenant.slug, 'number,name\n4001,Existing\n');
    const text = 'number,name\n4001,Again\n4002,New\n';

    const refused = await run(tenant.slug, text);
    expect(refused.outcome).toBe('failed');
    expect(refused.errors).toEqual([{ at: { line: 2 }, column: 'number', message: 'is already in use in this tenant' }]);
    expect(await numbersOf(tenant.id)).toEqual(['4001']);

    const skipped = await run(tenant.slug, text, { existing: 'skip' });
    expect(skipped).toMatchObject({ outcome: 'done', counts: { rows: 2, valid: 1, created: 1, skipped: 1, errors: 0 } });
    expect(await numbersOf(tenant.id)).toEqual(['4001', '4002']);
    expect((await db.extension.findFirstOrThrow({ where: { tenantId: tenant.id, number: '4001' } })).displayName).toBe('Existing');
  });

  it('refuses a file it cannot read, at the line where the problem is, before anything is checked', async () => {
    const { tenant } = await tenantWithDids();
    const cases: [string, { line?: number; message: string }[]][] = [
      ['number,name\n5001,"Alice"x\n', [{ line: 2, message: 'text follows a closing quote: a " inside a quoted field must be doubled ("")' }]],
      ['number,name\n5001,A\n5002,"Bob\n5003,C\n', [{ line: 3, message: 'a quoted field is never closed (a " is missing)' }]],
      ['number,name\n5001,Al"ice\n', [{ line: 2, message: 'a " inside an unquoted field: quote the whole field and double the " ("")' }]],
      ['name,email\nA,a@example.com\n', [{ line: 1, message: 'the header has no number column' }]],
      ['number,name,display_name\n5001,A,B\n', [{ line: 1, message: 'gives the same column as name' }]],
      ['', [{ line: 1, message: 'the file is empty: its first line must name the columns (number, name, ...)' }]],
    ];
    for (const [text, expected] of cases) {
      const report = await run(tenant.slug, text);
      expect(report.unreadable, text).toBe(true);
      expect(report.outcome).toBe('failed');
      expect(report.errors.map((e) => ({ line: e.at?.line, message: e.message })), text).toEqual(expected);
    }
    expect(await numbersOf(tenant.id)).toEqual([]);
  });

  it('reads what spreadsheets write: a byte order mark, CRLF, blank rows, quoted line breaks, formula guards', async () => {
    const { tenant } = await tenantWithDids();
    const text = '\uFEFFNumber,Name,E-mail\r\n6001,"\'=SUM(A1)",\r\n,,\r\n\r\n6002,"Two\r\nLines",\r\n6003,Third,c@example.com\r\n,,\r\n';
    const report = await run(tenant.slug, text, { dryRun: true });
    // The name with a line break starts on line 5 and the next row is line 7: lines are the file's.
    expect(report.outcomes).toEqual([
      { at: { line: 2 }, number: '6001', action: 'create' },
      { at: { line: 5 }, number: '6002', action: 'error', reasons: ['Name: may not contain control characters (such as NUL or line breaks)'] },
      { at: { line: 7 }, number: '6003', action: 'create' },
    ]);
    expect(report.warnings).toEqual([{ at: { line: 1 }, column: 'E-mail', message: 'unknown column, ignored' }]);
    const fixed = await run(tenant.slug, text.replace('"Two\r\nLines"', 'Two'));
    expect(fixed.outcome).toBe('done');
    expect((await db.extension.findFirstOrThrow({ where: { tenantId: tenant.id, number: '6001' } })).displayName).toBe('=SUM(A1)');
  });

  it('in a dry run says what would happen to each line and writes nothing', async () => {
    const { tenant } = await tenantWithDids();
    await run(tenant.slug, 'number,name\n7001,Existing\n');
    const before = await sql(url, 'SELECT count(*)::int AS n FROM ps_endpoints');
    const report = await run(tenant.slug, 'number,name,email\n7001,Again,\n7002,New,\n7003,Bad,x\n', { dryRun: true, existing: 'skip' });
    expect(report).toMatchObject({ dryRun: true, outcome: 'failed', secrets: [], counts: { rows: 3, valid: 1, created: 0, skipped: 1, errors: 1 } });
    expect(report.outcomes).toEqual([
      { at: { line: 2 }, number: '7001', action: 'skip', reasons: ['already present'] },
      { at: { line: 3 }, number: '7002', action: 'create' },
      { at: { line: 4 }, number: '7003', action: 'error', reasons: ['email: must be an e-mail address'] },
    ]);
    const clean = await run(tenant.slug, 'number,name\n7002,New\n', { dryRun: true });
    expect(clean).toMatchObject({ outcome: 'done', counts: { created: 1 }, secrets: [] });
    expect(await numbersOf(tenant.id)).toEqual(['7001']);
    expect(await sql(url, 'SELECT count(*)::int AS n FROM ps_endpoints')).toEqual(before);
  });

  it('is refused for another tenant (not found) and for viewers', async () => {
    const { tenant } = await tenantWithDids();
    const other = await makeTenant(db, { slug: uniq('o') });
    expect((await caught(run(tenant.slug, 'number,name\n8001,A\n', {}, tenantAdmin(other.id)))).code).toBe('not_found');
    expect((await caught(run(tenant.slug, 'number,name\n8001,A\n', { dryRun: true }, viewer(tenant.id)))).code).toBe('forbidden');
    expect((await run(tenant.slug, 'number,name\n8001,A\n', {}, tenantAdmin(tenant.id))).outcome).toBe('done');
  });
});
