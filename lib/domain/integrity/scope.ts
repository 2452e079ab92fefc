/**
 * What one run of the checks looks at: every tenant or one, and which of the tables the checks
 * read exist (an operator's hand-made Asterisk schema may lack the optional ones).
 */
import type { Tx } from '../../db/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';

export type Scope = {
  /** One tenant's rows only; null: every tenant. */
  tenant: { id: string; slug: string } | null;
  /** Tables present in the database. */
  tables: Set<string>;
};

/** Tables every records check reads. */
export const RECORD_TABLES = ['sb_tenants', 'sb_extensions', 'sb_dids', 'ps_endpoints', 'ps_auths', 'ps_aors', 'ps_contacts', 'voicemail'];
/** Tables that, when present, name endpoints and auths a trunk uses, which must never look orphaned. */
export const TRUNK_TABLES = ['ps_registrations', 'ps_endpoint_id_ips'];

export async function presentTables(db: Tx): Promise<Set<string>> {
  const names = [...RECORD_TABLES, ...TRUNK_TABLES];
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT n AS name FROM unnest(${names}::text[]) AS n WHERE to_regclass('public.' || quote_ident(n)) IS NOT NULL`;
  return new Set(rows.map((r) => r.name));
}

/** `<alias>.id = <tenant>`, or TRUE for every tenant. */
export const tenantFilter = (scope: Scope, alias = 't') =>
  scope.tenant ? Prisma.sql`${Prisma.raw(alias)}.id = ${scope.tenant.id}::uuid` : Prisma.sql`TRUE`;

/**
 * The domain part of a PJSIP id `<user>@<domain>` (null without an `@`): the tenant whose
 * namespace the row is in. Plain string functions, not a regular expression: this runs on every
 * row of ps_endpoints, ps_auths and ps_aors.
 */
export const domainOf = (column: Prisma.Sql) =>
  Prisma.sql`(CASE WHEN strpos(${column}, '@') > 0 THEN reverse(split_part(reverse(${column}), '@', 1)) END)`;

/**
 * An extension whose rows Switchboard itself wrote: one id `<number>@<tenant domain>` for endpoint,
 * auth and aor (sip/asterisk-rows.ts hasOwnSipShape, in SQL). An adopted endpoint (`1001`,
 * `acme-1001`) keeps the context and realm it came with, so the checks of those fields leave it
 * alone; what Switchboard writes into every extension's rows (limits, caller ID) is checked for
 * all, and the checks of missing and orphaned rows go by the ids the record holds, whatever
 * their form.
 */
export const NAMED_BY_SWITCHBOARD = Prisma.sql`(x.endpoint_id = x.number || '@' || t.sip_domain AND x.auth_id = x.endpoint_id AND x.aor_id = x.endpoint_id)`;
