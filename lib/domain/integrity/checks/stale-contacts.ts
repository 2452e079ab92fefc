import type { Tx } from '../../../db/client.ts';
import { domainOf, tenantFilter, type Scope } from '../scope.ts';
import { Prisma } from '../../../generated/prisma/client.ts';
import { plural, sampled, SAMPLE_ROWS, type IntegrityCheck } from '../types.ts';

type Row = { id: string; endpoint: string | null; slug: string | null; total: number };

/** A contact's aor: its id is `<aor>;@<hash>`, `<aor>^3B@<hash>` (escaped `;`) or `<aor>@@<hash>`. */
const CONTACT_ID = String.raw`(;|\^3B|@)@[^@]*$`;
const contactAor = Prisma.sql`regexp_replace(c.id, ${CONTACT_ID}, '')`;

/**
 * Registrations Asterisk keeps in ps_contacts for an endpoint that no longer exists (or, for a
 * contact that names no endpoint, an aor that no longer exists). Asterisk keeps listing them
 * until they expire, and restoring the endpoint brings them back to life. Deleting them is safe:
 * nothing can reach a phone through an endpoint that is gone. With a tenant, only contacts in
 * its namespace.
 */
function find(db: Tx, scope: Scope, limit: number | null) {
  const owner = Prisma.sql`coalesce(nullif(c.endpoint, ''), ${contactAor})`;
  return db.$queryRaw<Row[]>`
    SELECT c.id, c.endpoint, t.slug, count(*) OVER ()::int AS total
      FROM ps_contacts c
      LEFT JOIN sb_tenants t ON t.sip_domain = ${domainOf(owner)}
     WHERE ${tenantFilter(scope)}
       AND CASE WHEN nullif(c.endpoint, '') IS NOT NULL
                THEN NOT EXISTS (SELECT 1 FROM ps_endpoints e WHERE e.id = c.endpoint)
                ELSE c.id ~ ${CONTACT_ID} AND NOT EXISTS (SELECT 1 FROM ps_aors o WHERE o.id = ${contactAor})
           END
     ORDER BY t.slug NULLS FIRST, c.id
     LIMIT ${limit}`;
}

export const staleContacts: IntegrityCheck = {
  id: 'stale-contacts',
  title: 'registrations of deleted endpoints',
  needs: 'records',
  advice: 'Asterisk lists them as registered until they expire. --fix deletes them.',
  async inspect(db, scope) {
    return sampled(
      await find(db, scope, SAMPLE_ROWS),
      (r) => ({ tenant: r.slug, table: 'ps_contacts', id: r.id, detail: r.endpoint ? `endpoint ${r.endpoint} does not exist` : 'its aor does not exist' }),
      (n) => (n ? `${plural(n, 'contact')} of endpoints that no longer exist` : 'every registration belongs to an existing endpoint'),
    );
  },
  async repair(tx, scope) {
    const rows = await find(tx, scope, null);
    if (!rows.length) return [];
    await tx.$executeRaw`DELETE FROM ps_contacts WHERE id = ANY(${rows.map((r) => r.id)}::text[])`;
    return rows.map((r) => ({ tenant: r.slug, table: 'ps_contacts', id: r.id, done: `deleted (${r.endpoint ? `endpoint ${r.endpoint}` : 'its aor'} is gone)` }));
  },
};
