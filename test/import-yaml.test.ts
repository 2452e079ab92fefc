import { describe, expect, it } from 'vitest';
import { importExtensions, type ImportOptions } from '../lib/domain/import/import-extensions.ts';
import { yamlReader } from '../lib/domain/import/read-yaml.ts';
import { md5Credential } from '../lib/domain/sip/secret.ts';
import { makeTenant, platform, sql, useDb } from './support/fixtures.ts';

const { db, url } = useDb();

const run = (tenantSlug: string, text: string, options: Partial<ImportOptions> = {}) =>
  importExtensions({ actor: platform, db }, tenantSlug, yamlReader(text), { file: 'config.yml', existing: 'skip', ...options });

const numbersOf = async (tenantId: string) => (await db.extension.findMany({ where: { tenantId }, orderBy: { number: 'asc' } })).map((e) => e.number);

/** A config.yml as PBXs that keep users in YAML write it: other settings around the list. */
const CONFIG = `# PBX settings
pbx:
  name: Head office
defaults: &internal
  allow_external: no
  department: support
extensions:
  - number: 1001
    name: Alice
    email: alice@example.com
    password: Kp7#wQ2z!rT9xLm4
    voicemail_pin: 0123
    ad_synced: yes
    ad_username: alice
  - <<: *internal
    number: "1002"
    display_name: Bob
    email: ~
  - number: 1003
    name: 'Carol: "the boss"'
    allow_external: true
    active: false
    max_contacts: 3
    voicemail: yes
`;

describe('config.yml import', () => {
  it('migrates every entry, as written: PINs with leading zeros, yes/no flags, anchors and aliases', async () => {
    const tenant = await makeTenant(db);
    const report = await run(tenant.slug, CONFIG);
    expect(report).toMatchObject({ format: 'yaml', outcome: 'done', counts: { rows: 3, valid: 3, created: 3, skipped: 0, errors: 0 }, errors: [] });
    expect(report.warnings).toEqual([
      { at: { line: 2 }, column: 'pbx', message: 'top-level key not imported' },
      { at: { line: 4 }, column: 'defaults', message: 'top-level key not imported' },
      { at: { entry: 2, line: 15 }, column: 'department', message: 'unknown key, ignored' },
    ]);
    const rows = await db.extension.findMany({ where: { tenantId: tenant.id }, orderBy: { number: 'asc' } });
    expect(rows.map((r) => [r.number, r.displayName, r.email, r.allowExternal, r.active, r.maxContacts, r.voicemailId !== null, r.adSynced, r.adUsername])).toEqual([
      ['1001', 'Alice', 'alice@example.com', true, true, 1, true, true, 'alice'],
      ['1002', 'Bob', null, false, true, 1, false, false, null],
      ['1003', 'Carol: "the boss"', null, true, false, 3, true, false, null],
    ]);
    const boxes = await sql<{ mailbox: string; password: string }>(url, 'SELECT mailbox, password FROM voicemail WHERE context = $1 ORDER BY mailbox', [tenant.context]);
    expect(boxes[0]).toEqual({ mailbox: '1001', password: '0123' });
    expect(boxes[1].mailbox).toBe('1003');
    // 1001's password came from the file; 1002 and 1003 got generated ones, 1003 a generated PIN too.
    expect(report.secrets.map((s) => s.number)).toEqual(['1002', '1003']);
    expect(report.secrets[1].voicemailPin).toBe(boxes[1].password);
    const [auth] = await sql<{ md5_cred: string }>(url, 'SELECT md5_cred FROM ps_auths WHERE id = $1', [`1001@${tenant.sipDomain}`]);
    expect(auth.md5_cred).toBe(md5Credential('1001', tenant.sipDomain, 'Kp7#wQ2z!rT9xLm4'));
    const summary = await db.auditEntry.findFirstOrThrow({ where: { tenantId: tenant.id, action: 'extension.import' } });
    expect(summary.after).toEqual({ format: 'yaml', file: 'config.yml', created: 3, skipped: 0, errors: 0, partial: false });
  });

  it('skips entries already present and migrates the rest', async () => {
    const tenant = await makeTenant(db);
    await run(tenant.slug, 'extensions:\n  - number: 1001\n    name: Already Here\n');
    const report = await run(tenant.slug, 'extensions:\n  - number: 1001\n    name: Alice\n  - number: 1004\n    name: Dan\n', { dryRun: true });
    expect(report.outcomes).toEqual([
      { at: { entry: 1, line: 2 }, number: '1001', action: 'skip', reasons: ['already present'] },
      { at: { entry: 2, line: 4 }, number: '1004', action: 'create' },
    ]);
    const real = await run(tenant.slug, 'extensions:\n  - number: 1001\n    name: Alice\n  - number: 1004\n    name: Dan\n');
    expect(real).toMatchObject({ outcome: 'done', counts: { created: 1, skipped: 1, errors: 0 } });
    expect(await numbersOf(tenant.id)).toEqual(['1001', '1004']);
    expect((await db.extension.findFirstOrThrow({ where: { tenantId: tenant.id, number: '1001' } })).displayName).toBe('Already Here');
  });

  it('reports bad entries by entry, line and key, and writes nothing without --partial', async () => {
    const tenant = await makeTenant(db);
    const text = [
      'extensions:',
      '  - number: 2001', //          entry 1, line 2
      '    name: Good',
      '  - number: 2002', //          entry 2, line 4
      '    name: Bad Mail',
      '    email: nope',
      '  - just a string', //         entry 3, line 7
      '  - number: 2001', //          entry 4, line 8
      '    name: Twice',
      '  - number: 2005', //          entry 5, line 10
      '    name: [a, list]',
      '  - number: 2006', //          entry 6, line 12
      '    name: Both',
      '    display_name: Names',
      '  - number: 2007', //          entry 7, line 15
      '    name: Flag',
      '    allow_external: perhaps',
      '',
    ].join('\n');
    const report = await run(tenant.slug, text);
    expect(report.outcome).toBe('failed');
    expect(report.counts).toEqual({ rows: 7, valid: 1, created: 0, skipped: 0, errors: 6 });
    expect(report.errors).toEqual([
      { at: { entry: 2, line: 4 }, column: 'email', message: 'must be an e-mail address' },
      { at: { entry: 3, line: 7 }, message: 'must be a mapping of keys such as number: and name:' },
      { at: { entry: 4, line: 8 }, column: 'number', message: 'duplicates entry 1 (line 2)' },
      { at: { entry: 5, line: 10 }, column: 'name', message: 'must be a single value, not a list or mapping' },
      { at: { entry: 6, line: 12 }, column: 'display_name', message: 'gives the same key as name' },
      { at: { entry: 7, line: 15 }, column: 'allow_external', message: 'must be true/false, yes/no or 1/0' },
    ]);
    expect(await numbersOf(tenant.id)).toEqual([]);

    // --partial: the good entry lands, the rest is reported; the audit says so.
    const partial = await run(tenant.slug, text, { partial: true });
    expect(partial).toMatchObject({ outcome: 'partial', counts: { created: 1, errors: 6 } });
    expect(partial.errors).toEqual(report.errors);
    expect(await numbersOf(tenant.id)).toEqual(['2001']);
    const summary = await db.auditEntry.findFirstOrThrow({ where: { tenantId: tenant.id, action: 'extension.import' } });
    expect(summary.after).toMatchObject({ created: 1, errors: 6, partial: true });
  });

  it('refuses a file that is not YAML or has no extensions list, saying where', async () => {
    const tenant = await makeTenant(db);
    const cases: [string, { at?: { line?: number }; message: string }[]][] = [
      ['extensions:\n  - number: 1001\n    name: "Alice\n', [{ at: { line: 4 }, message: 'Missing closing "quote' }]], // where the file ends inside the quote
      ['extensions:\n  - number: 1001\n    number: 1002\n', [{ at: { line: 3 }, message: 'Map keys must be unique' }]],
      ['users:\n  - number: 1001\n', [{ message: 'no top-level `extensions:` list' }]],
      ['', [{ message: 'no top-level `extensions:` list' }]],
      ['- number: 1001\n', [{ message: 'no top-level `extensions:` list' }]],
      ['extensions:\n  number: 1001\n', [{ at: { line: 2 }, message: '`extensions` must be a list (entries starting with "-")' }]],
    ];
    for (const [text, expected] of cases) {
      const report = await run(tenant.slug, text);
      expect(report.unreadable, text).toBe(true);
      expect(report.errors.map((e) => ({ ...(e.at ? { at: { line: e.at.line } } : {}), message: e.message })), text).toEqual(expected);
    }
    expect(await numbersOf(tenant.id)).toEqual([]);
  });

  it('in a dry run writes nothing, and reports unknown keys once with their count', async () => {
    const tenant = await makeTenant(db);
    const text = 'extensions:\n  - number: 3001\n    name: A\n    room: 12\n  - number: 3002\n    name: B\n    room: 14\n';
    const report = await run(tenant.slug, text, { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, outcome: 'done', counts: { created: 2 }, secrets: [] });
    expect(report.warnings).toEqual([{ at: { entry: 1, line: 2 }, column: 'room', message: 'unknown key, ignored (in 2 entries)' }]);
    expect(await numbersOf(tenant.id)).toEqual([]);
    expect(await db.auditEntry.count({ where: { tenantId: tenant.id, action: { startsWith: 'extension.' } } })).toBe(0);
  });
});
