/**
 * Whether the Asterisk tables of a MariaDB/MySQL database (the ones Asterisk reads through ODBC)
 * can hold the rows Switchboard writes for a phone. Asterisk's MySQL DDL is not its PostgreSQL DDL
 * (ENUM columns instead of types, its own widths), and MySQL outside strict mode cuts a value that
 * does not fit, or stores an unknown ENUM value as '', with only a warning: a phone that silently
 * cannot register. So the rows are written for real, for the widest and oddest extensions we make
 * (40-character domains, a name with quotes and an emoji, every secret storage, a mailbox), in
 * strict mode, read back and compared, and the transaction is rolled back.
 */
import { randomBytes } from 'node:crypto';
import mariadb, { type Connection, type ConnectionConfig } from 'mariadb';
import { aorRow, authRow, endpointRow, voicemailRow, type ExtensionSip, type SecretStorage, type TenantSip } from '../domain/sip/asterisk-rows.ts';
import { contextForSlug } from '../domain/tenant/schemas.ts';
import { knownAsteriskRevisions, REQUIRED_COLUMNS } from './asterisk-schema.ts';
import { mariadbOptions } from './mariadb-url.ts';

const SLUG_MAX = 24; // sb_tenants.slug
const SIP_DOMAIN_MAX = 40; // ps_endpoints.from_domain

export type MariadbCheck = {
  ok: boolean;
  server: string;
  revision: string | null;
  knownRevision: boolean;
  /** `table.column` Switchboard writes or reads that the database lacks. */
  missing: string[];
  /** Tables that cannot roll back (not InnoDB): an extension's rows could be left half-written. */
  notTransactional: string[];
  /** What went wrong writing or reading back the sample rows, one line each. */
  rowProblems: string[];
  rowsChecked: number;
};

const STORAGES: SecretStorage[] = ['md5', 'md5_sha256', 'md5_then_sha256', 'plaintext'];
const WRITTEN = ['ps_endpoints', 'ps_auths', 'ps_aors', 'voicemail'] as const;

/** Values come back as stored: no date or number conversion to blur a comparison. */
const connectionOptions = (url: string): ConnectionConfig => ({ ...mariadbOptions(url), dateStrings: true, bigIntAsNumber: true });

/** The widest tenant Switchboard makes, once per secret storage: slug, domain and context at their limits. */
function sampleTenants(tag: string): TenantSip[] {
  return STORAGES.map((secretStorage, i) => {
    const slug = `chk${tag}${i}`.padEnd(SLUG_MAX, 'x').slice(0, SLUG_MAX);
    const sipDomain = `${slug}.`.padEnd(SIP_DOMAIN_MAX - 4, 'd').slice(0, SIP_DOMAIN_MAX - 4) + '.inv';
    return { slug, sipDomain, context: contextForSlug(slug), transport: 'transport-udp', codecs: 'opus,g722,ulaw,alaw', secretStorage };
  });
}

// The longest extension numbers a tenant may have (8 digits), the longest name and e-mail.
const sampleExtensions: ExtensionSip[] = [
  { number: '99999999', displayName: 'Zoë "Quotes" O\'Brien 🦊 Müller-Lüdenscheidt Ünïcödé Name', email: `${'x'.repeat(68)}@example.com`, maxContacts: 10, active: true, hasVoicemail: true, callerIdNumber: '+4915112345678' },
  { number: '99999998', displayName: 'Inactive', email: null, maxContacts: 1, active: false, hasVoicemail: false, callerIdNumber: null },
];

export async function checkMariadbAsterisk(url: string): Promise<MariadbCheck> {
  const conn = await mariadb.createConnection(connectionOptions(url));
  try {
    const [{ v: server }] = await conn.query<{ v: string }[]>('SELECT VERSION() AS v');
    const revision = (await conn.query<{ version_num: string }[]>('SELECT version_num FROM alembic_version').catch(() => []))[0]?.version_num ?? null;
    const cols = await conn.query<{ t: string; c: string }[]>(
      `SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE()`,
    );
    const present = new Set(cols.map((r) => `${r.t}.${r.c}`));
    const missing = Object.entries(REQUIRED_COLUMNS).flatMap(([t, cs]) => cs.map((c) => `${t}.${c}`)).filter((k) => !present.has(k));
    const engines = await conn.query<{ t: string; e: string | null }[]>(
      `SELECT table_name AS t, engine AS e FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN (?)`,
      [WRITTEN],
    );
    const notTransactional = engines.filter((r) => (r.e ?? '').toLowerCase() !== 'innodb').map((r) => `${r.t} (${r.e})`);
    const report: MariadbCheck = { ok: false, server, revision, knownRevision: !!revision && knownAsteriskRevisions().has(revision), missing, notTransactional, rowProblems: [], rowsChecked: 0 };
    // Sample rows are written only where they can be taken back.
    if (!missing.length && !notTransactional.length) await writeSamples(conn, report);
    report.ok = !missing.length && !notTransactional.length && !report.rowProblems.length;
    return report;
  } finally {
    await conn.end().catch(() => {});
  }
}

async function writeSamples(conn: Connection, report: MariadbCheck): Promise<void> {
  const tag = randomBytes(3).toString('hex');
  await conn.query("SET SESSION sql_mode = CONCAT_WS(',', @@SESSION.sql_mode, 'STRICT_ALL_TABLES')");
  await conn.beginTransaction();
  try {
    for (const tenant of sampleTenants(tag))
      for (const ext of sampleExtensions) {
        const rows: [string, Record<string, unknown>, string][] = [
          ['ps_endpoints', endpointRow(tenant, ext), 'id'],
          ['ps_auths', authRow(tenant, ext.number, 'Sample-Secret-4826-xyz'), 'id'],
          ['ps_aors', aorRow(tenant, ext), 'id'],
        ];
        if (ext.hasVoicemail) rows.push(['voicemail', voicemailRow(tenant, ext, '482913'), 'mailbox']);
        for (const [table, row, key] of rows) await writeAndCompare(conn, table, row, key, tenant, report);
      }
  } finally {
    await conn.rollback().catch(() => {});
  }
}

async function writeAndCompare(conn: Connection, table: string, row: Record<string, unknown>, key: string, tenant: TenantSip, report: MariadbCheck) {
  const columns = Object.keys(row);
  const where = table === 'voicemail' ? 'context = ? AND mailbox = ?' : `${key} = ?`;
  const keyValues = table === 'voicemail' ? [row.context, row.mailbox] : [row[key]];
  report.rowsChecked++;
  try {
    await conn.query(`INSERT INTO ${table} (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES (?)`, [columns.map((c) => row[c])]);
  } catch (err) {
    report.rowProblems.push(`${table} (${tenant.secretStorage} tenant): ${(err as { sqlMessage?: string }).sqlMessage ?? (err as Error).message}`);
    return;
  }
  const [back] = await conn.query<Record<string, unknown>[]>(`SELECT ${columns.map((c) => `\`${c}\``).join(', ')} FROM ${table} WHERE ${where}`, keyValues);
  for (const c of columns) {
    const wrote = row[c] === null || row[c] === undefined ? null : String(row[c]);
    const read = back?.[c] === null || back?.[c] === undefined ? null : String(back[c]);
    if (wrote !== read) report.rowProblems.push(`${table}.${c} (${tenant.secretStorage} tenant): wrote ${JSON.stringify(wrote)}, read back ${JSON.stringify(read)}`);
  }
}

export function describeMariadbCheck(r: MariadbCheck): string[] {
  const lines = [`MariaDB/MySQL server ${r.server}; Asterisk schema revision ${r.revision ?? 'none (no alembic_version table)'}${r.revision && !r.knownRevision ? ' (not one Switchboard knows)' : ''}`];
  if (r.missing.length) lines.push(`missing columns Switchboard needs: ${r.missing.join(', ')}`);
  if (r.notTransactional.length) lines.push(`tables that cannot roll back (Switchboard writes an extension's rows in one transaction): ${r.notTransactional.join(', ')}`);
  for (const p of r.rowProblems) lines.push(`does not fit: ${p}`);
  lines.push(r.ok ? `ok: ${r.rowsChecked} sample rows written in strict mode, read back unchanged, rolled back` : 'not ok: Switchboard\'s rows would not all fit this database');
  return lines;
}
