/**
 * What Switchboard needs of the Asterisk schema it writes to. An operator's existing database may
 * be older or newer than our copy of Asterisk's DDL: we name the revision and any missing column
 * rather than let a write fail (or, worse, a phone fail) later.
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';

/** The alembic revision of prisma/asterisk/postgresql_config.sql. */
export const ASTERISK_SCHEMA_REVISION = '2285f2ace275';
/** Later upstream revisions known not to touch the tables we write (geolocation tables). */
const KNOWN_LATER = ['2b45fd748a4f'];

export const REQUIRED_COLUMNS: Record<string, string[]> = {
  ps_endpoints: [
    'id', 'transport', 'aors', 'auth', 'context', 'disallow', 'allow', 'direct_media', 'identify_by', 'callerid',
    'from_domain', 'rtp_symmetric', 'force_rport', 'rewrite_contact', 'dtmf_mode', 'mailboxes', 'allow_subscribe',
    'subscribe_context', 'device_state_busy_at', 'tenantid', 'accountcode', 'set_var',
  ],
  ps_auths: ['id', 'auth_type', 'username', 'password', 'md5_cred', 'realm', 'password_digest', 'supported_algorithms_uas'],
  ps_aors: ['id', 'max_contacts', 'remove_existing', 'qualify_frequency', 'qualify_timeout', 'mailboxes'],
  ps_contacts: ['id', 'uri', 'expiration_time', 'user_agent', 'via_addr', 'via_port', 'endpoint'],
  voicemail: ['uniqueid', 'context', 'mailbox', 'password', 'fullname', 'email', 'attach'],
};

let knownRevisions: Set<string> | undefined;
export function knownAsteriskRevisions(): Set<string> {
  if (!knownRevisions) {
    const ddl = readFileSync(new URL('../../prisma/asterisk/postgresql_config.sql', import.meta.url), 'utf8');
    knownRevisions = new Set([...ddl.matchAll(/version_num\)? VALUES \('(\w+)'\)|SET version_num='(\w+)'/g)].map((m) => m[1] ?? m[2]));
    for (const r of KNOWN_LATER) knownRevisions.add(r);
  }
  return knownRevisions;
}

export type AsteriskSchemaReport = {
  revision: string | null;
  known: boolean;
  current: boolean;
  missing: string[];
};

type Queryable = Pick<pg.Client, 'query'>;

export async function inspectAsteriskSchema(client: Queryable): Promise<AsteriskSchemaReport> {
  const { rows: tables } = await client.query<{ t: string | null }>(
    "SELECT coalesce(to_regclass('public.alembic_version_config'), to_regclass('public.alembic_version'))::text AS t",
  );
  let revision: string | null = null;
  if (tables[0].t) {
    const { rows } = await client.query<{ version_num: string }>(`SELECT version_num FROM ${tables[0].t} LIMIT 1`);
    revision = rows[0]?.version_num ?? null;
  }
  const { rows: cols } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ANY($1)`,
    [Object.keys(REQUIRED_COLUMNS)],
  );
  const have = new Set(cols.map((c) => `${c.table_name}.${c.column_name}`));
  const missing = Object.entries(REQUIRED_COLUMNS).flatMap(([t, cs]) => cs.map((c) => `${t}.${c}`).filter((k) => !have.has(k)));
  const known = revision !== null && knownAsteriskRevisions().has(revision);
  return { revision, known, current: revision === ASTERISK_SCHEMA_REVISION || KNOWN_LATER.includes(revision ?? ''), missing };
}

export function describeAsteriskSchema(r: AsteriskSchemaReport): string[] {
  const lines: string[] = [];
  if (r.revision === null) lines.push('Asterisk schema: no alembic revision recorded (tables made by hand?)');
  else if (!r.known) lines.push(`Asterisk schema revision ${r.revision} is not one Switchboard knows; it was built against ${ASTERISK_SCHEMA_REVISION}`);
  else if (!r.current)
    lines.push(`Asterisk schema revision ${r.revision} is older than ${ASTERISK_SCHEMA_REVISION}: upgrade it with Asterisk's contrib/ast-db-manage (alembic upgrade head)`);
  else lines.push(`Asterisk schema revision ${r.revision}: OK`);
  if (r.missing.length) lines.push(`Missing columns Switchboard writes: ${r.missing.join(', ')}`);
  return lines;
}
