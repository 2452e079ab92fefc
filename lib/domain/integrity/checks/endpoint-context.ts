import type { Tx } from '../../../db/client.ts';
import { NAMED_BY_SWITCHBOARD, tenantFilter, type Scope } from '../scope.ts';
import { plural, sampled, SAMPLE_ROWS, type IntegrityCheck } from '../types.ts';

type Row = { slug: string; number: string; id: string; context: string | null; subscribe_context: string | null; tenant_context: string; total: number };

function find(db: Tx, scope: Scope, limit: number | null) {
  return db.$queryRaw<Row[]>`
    SELECT t.slug, x.number, e.id, e.context, e.subscribe_context, t.context AS tenant_context, count(*) OVER ()::int AS total
      FROM sb_extensions x
      JOIN sb_tenants t ON t.id = x.tenant_id
      JOIN ps_endpoints e ON e.id = x.endpoint_id
     WHERE ${tenantFilter(scope)} AND ${NAMED_BY_SWITCHBOARD}
       AND (e.context IS DISTINCT FROM t.context OR e.subscribe_context IS DISTINCT FROM t.context)
     ORDER BY t.slug, x.number
     LIMIT ${limit}`;
}

/**
 * The context is the tenant boundary of the dialplan: an endpoint in another context dials with
 * another tenant's (or nobody's) rules, and its busy lamps look up hints there. Switchboard
 * writes the tenant's context into both; putting them back is what any edit of the extension
 * would do.
 */
export const endpointContext: IntegrityCheck = {
  id: 'endpoint-context',
  title: "endpoints outside their tenant's dialplan context",
  needs: 'records',
  advice: "Its calls skip the tenant's dialplan (and its limits). --fix sets context and subscribe_context back to the tenant's.",
  async inspect(db, scope) {
    return sampled(
      await find(db, scope, SAMPLE_ROWS),
      (r) => ({
        tenant: r.slug,
        table: 'ps_endpoints',
        id: r.id,
        detail: `extension ${r.number}: context ${r.context ?? 'empty'}, subscribe_context ${r.subscribe_context ?? 'empty'}, not ${r.tenant_context}`,
      }),
      (n) => (n ? `${plural(n, 'endpoint')} outside their tenant's context` : "every endpoint is in its tenant's context"),
    );
  },
  async repair(tx, scope) {
    const rows = await find(tx, scope, null);
    if (!rows.length) return [];
    await tx.$executeRaw`
      UPDATE ps_endpoints e SET context = v.context, subscribe_context = v.context
        FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.tenant_context)}::text[]) AS v(id, context)
       WHERE e.id = v.id`;
    return rows.map((r) => ({ tenant: r.slug, table: 'ps_endpoints', id: r.id, done: `context set to ${r.tenant_context} (was ${r.context ?? 'empty'})` }));
  },
};
