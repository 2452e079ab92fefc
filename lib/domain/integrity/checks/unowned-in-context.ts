import { Prisma } from '../../../generated/prisma/client.ts';
import { domainOf, tenantFilter } from '../scope.ts';
import { plural, sampled, SAMPLE_ROWS, type IntegrityCheck } from '../types.ts';

type Row = { tbl: 'ps_endpoints' | 'voicemail'; id: string; slug: string; total: number };

/**
 * Endpoints and mailboxes in a tenant's dialplan context that no extension owns and whose ids lie
 * outside the tenant's namespace (those are orphan-sip-rows). They may be leftovers of an adopted
 * extension, or something an operator made by hand (a door phone, a shared mailbox) and not yet
 * adopted: Switchboard cannot tell, so it names them and deletes nothing.
 */
export const unownedInContext: IntegrityCheck = {
  id: 'unowned-in-context',
  title: "endpoints and mailboxes in a tenant's context that no extension owns",
  needs: 'records',
  advice: "They call with the tenant's dialplan but are invisible in the portal. Adopt the endpoints into the tenant (switchboard adopt) or, if they are leftovers, delete them by hand.",
  async inspect(db, scope) {
    const rows = await db.$queryRaw<Row[]>`
      WITH t AS (SELECT id, slug, context, sip_domain FROM sb_tenants t WHERE ${tenantFilter(scope)}),
      unowned AS (
        SELECT 'ps_endpoints' AS tbl, e.id, t.slug FROM ps_endpoints e JOIN t ON t.context = e.context
         WHERE ${domainOf(Prisma.sql`e.id`)} IS DISTINCT FROM t.sip_domain
           AND NOT EXISTS (SELECT 1 FROM sb_extensions x WHERE x.endpoint_id = e.id)
           AND NOT EXISTS (SELECT 1 FROM sb_tenants tt WHERE tt.outbound_trunk = e.id)
        UNION ALL
        SELECT 'voicemail', v.mailbox || '@' || v.context, t.slug FROM voicemail v JOIN t ON t.context = v.context
         WHERE NOT EXISTS (SELECT 1 FROM sb_extensions x WHERE x.voicemail_id = v.uniqueid)
      )
      SELECT tbl, id, slug, count(*) OVER ()::int AS total FROM unowned
       ORDER BY slug, tbl, id
       LIMIT ${SAMPLE_ROWS}`;
    return sampled(
      rows,
      (r) => ({
        tenant: r.slug,
        table: r.tbl,
        id: r.id,
        detail: r.tbl === 'voicemail' ? "mailbox in the tenant's context that no extension owns" : "endpoint in the tenant's context that no extension owns",
      }),
      (n) => (n ? `${plural(n, 'row')} in a tenant's context that no extension owns` : "every endpoint and mailbox in a tenant's context belongs to an extension"),
    );
  },
};
