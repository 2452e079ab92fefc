import type { Tx } from '../../../db/client.ts';
import { Prisma } from '../../../generated/prisma/client.ts';
import { contactIdPatterns } from '../../sip/asterisk-rows.ts';
import { domainOf, tenantFilter, type Scope } from '../scope.ts';
import { plural, sampled, SAMPLE_ROWS, type IntegrityCheck, type Repair } from '../types.ts';

type Row = { tbl: 'ps_endpoints' | 'ps_auths' | 'ps_aors'; id: string; slug: string; total: number };

/**
 * ps_endpoints, ps_auths and ps_aors rows in a tenant's namespace (`...@<its sip domain>`) that
 * no extension owns: what a half-finished removal leaves behind. Never counted: a tenant's
 * outbound trunk, endpoints a registration or an identify row names (trunks), and any auth or aor
 * that a kept endpoint or a registration still names, so a trunk's own rows are safe whatever
 * their names.
 */
function find(db: Tx, scope: Scope, limit: number | null) {
  const trunkEndpoints = [
    scope.tables.has('ps_registrations') && Prisma.sql`AND NOT EXISTS (SELECT 1 FROM ps_registrations g WHERE g.endpoint = e.id)`,
    scope.tables.has('ps_endpoint_id_ips') && Prisma.sql`AND NOT EXISTS (SELECT 1 FROM ps_endpoint_id_ips i WHERE i.endpoint = e.id)`,
  ].filter((s): s is Prisma.Sql => Boolean(s));
  const registrationRefs = scope.tables.has('ps_registrations')
    ? Prisma.sql`UNION SELECT btrim(r) FROM ps_registrations g, unnest(string_to_array(g.outbound_auth, ',')) AS r`
    : Prisma.empty;
  return db.$queryRaw<Row[]>`
    WITH t AS (SELECT id, slug, sip_domain FROM sb_tenants t WHERE ${tenantFilter(scope)}),
    lost_endpoints AS (
      SELECT e.id, t.slug FROM ps_endpoints e JOIN t ON t.sip_domain = ${domainOf(Prisma.sql`e.id`)}
       WHERE NOT EXISTS (SELECT 1 FROM sb_extensions x WHERE x.endpoint_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM sb_tenants tt WHERE tt.outbound_trunk = e.id)
         ${trunkEndpoints.length ? Prisma.join(trunkEndpoints, ' ') : Prisma.empty}
    ),
    -- Everything a kept endpoint names, gathered in one pass over ps_endpoints.
    named AS (
      SELECT btrim(r) AS id FROM ps_endpoints e, unnest(string_to_array(concat_ws(',', e.auth, e.outbound_auth, e.aors), ',')) AS r
       WHERE NOT EXISTS (SELECT 1 FROM lost_endpoints l WHERE l.id = e.id)
      ${registrationRefs}
    ),
    lost AS (
      SELECT 'ps_endpoints' AS tbl, id, slug FROM lost_endpoints
      UNION ALL
      SELECT 'ps_auths', a.id, t.slug FROM ps_auths a JOIN t ON t.sip_domain = ${domainOf(Prisma.sql`a.id`)}
       WHERE NOT EXISTS (SELECT 1 FROM sb_extensions x WHERE x.auth_id = a.id)
         AND NOT EXISTS (SELECT 1 FROM named n WHERE n.id = a.id)
      UNION ALL
      SELECT 'ps_aors', o.id, t.slug FROM ps_aors o JOIN t ON t.sip_domain = ${domainOf(Prisma.sql`o.id`)}
       WHERE NOT EXISTS (SELECT 1 FROM sb_extensions x WHERE x.aor_id = o.id)
         AND NOT EXISTS (SELECT 1 FROM named n WHERE n.id = o.id)
    )
    SELECT tbl, id, slug, count(*) OVER ()::int AS total FROM lost
     ORDER BY slug, id, array_position(ARRAY['ps_endpoints', 'ps_auths', 'ps_aors'], tbl)
     LIMIT ${limit}`;
}

export const orphanSipRows: IntegrityCheck = {
  id: 'orphan-sip-rows',
  title: "Asterisk rows in a tenant's namespace that no extension owns",
  needs: 'records',
  advice: 'Leftovers of a half-removed extension: an endpoint without a record is invisible in the portal yet may still take calls or registrations. --fix deletes them and their registrations.',
  async inspect(db, scope) {
    return sampled(
      await find(db, scope, SAMPLE_ROWS),
      (r) => ({ tenant: r.slug, table: r.tbl, id: r.id, detail: 'no extension owns it' }),
      (n) => (n ? `${plural(n, 'row')} in a tenant's namespace that no extension owns` : "every endpoint, auth and aor in a tenant's namespace belongs to an extension"),
    );
  },
  async repair(tx, scope) {
    const rows = await find(tx, scope, null);
    const of = (tbl: Row['tbl']) => rows.filter((r) => r.tbl === tbl).map((r) => r.id);
    const endpoints = of('ps_endpoints');
    const aors = of('ps_aors');
    const slugOf = new Map(rows.map((r) => [r.id, r.slug]));
    const repairs: Repair[] = [];
    // Registrations first: left behind, they stay listed as registered until they expire.
    if (endpoints.length || aors.length) {
      const patterns = aors.flatMap(contactIdPatterns);
      const contacts = await tx.$queryRaw<{ id: string; endpoint: string | null }[]>`
        DELETE FROM ps_contacts WHERE endpoint = ANY(${endpoints}::text[]) OR id LIKE ANY(${patterns}::text[])
        RETURNING id, endpoint`;
      for (const c of contacts) {
        const owner = c.endpoint && slugOf.has(c.endpoint) ? c.endpoint : aors.find((a) => c.id.startsWith(a));
        repairs.push({ tenant: slugOf.get(owner ?? '') ?? null, table: 'ps_contacts', id: c.id, done: 'deleted (registration of a removed endpoint)' });
      }
    }
    for (const tbl of ['ps_endpoints', 'ps_auths', 'ps_aors'] as const) {
      const ids = of(tbl);
      if (!ids.length) continue;
      await tx.$executeRawUnsafe(`DELETE FROM ${tbl} WHERE id = ANY($1::text[])`, ids);
      for (const id of ids) repairs.push({ tenant: slugOf.get(id) ?? null, table: tbl, id, done: 'deleted (no extension owned it)' });
    }
    return repairs;
  },
};
