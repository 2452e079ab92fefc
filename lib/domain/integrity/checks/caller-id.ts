import type { Tx } from '../../../db/client.ts';
import { CALLER_ID_VARIABLE } from '../../extension/caller-id.ts';
import { NAMED_BY_SWITCHBOARD, tenantFilter, type Scope } from '../scope.ts';
import { plural, sampled, SAMPLE_ROWS, type IntegrityCheck } from '../types.ts';

type Row = { slug: string; number: string; id: string; actual: string | null; expected: string | null; total: number };

/**
 * The caller ID rule of extension/caller-id.ts (chooseCallerId) in SQL: the extension's own DID of
 * its tenant, else the tenant's main DID, else none; written as `SWITCHBOARD_CLID=<e164>`
 * (callerIdSetVar). DIDs are stored in E.164 already.
 */
function find(db: Tx, scope: Scope, limit: number | null) {
  const prefix = `${CALLER_ID_VARIABLE}=`;
  return db.$queryRaw<Row[]>`
    SELECT slug, number, id, actual, expected, count(*) OVER ()::int AS total FROM (
      SELECT t.slug, x.number, e.id, e.set_var AS actual, ${prefix}::text || coalesce(own.e164, main.e164) AS expected
        FROM sb_extensions x
        JOIN sb_tenants t ON t.id = x.tenant_id
        JOIN ps_endpoints e ON e.id = x.endpoint_id
        LEFT JOIN sb_dids own ON own.id = x.caller_id_did_id AND own.tenant_id = x.tenant_id
        LEFT JOIN sb_dids main ON main.id = t.main_did_id AND main.tenant_id = t.id
       WHERE ${tenantFilter(scope)} AND (${NAMED_BY_SWITCHBOARD} OR e.context = t.context)
    ) AS c
     WHERE actual IS DISTINCT FROM expected
     ORDER BY slug, number
     LIMIT ${limit}`;
}

/**
 * ps_endpoints.set_var carries the number emergency calls present (the emergency extensions never
 * ask the AGI server). Out of step with the extension's DID choice, a 911 call shows a number
 * that cannot be called back, or none. Only endpoints that reach those extensions are checked:
 * ours, and adopted ones moved into the tenant's context (one left in its own context dials
 * through its own dialplan, which never reads the variable).
 */
export const callerId: IntegrityCheck = {
  id: 'caller-id',
  title: "emergency caller ID out of step with the extension's DID",
  needs: 'records',
  advice: "--fix writes each endpoint's set_var from the extension's caller ID choice (its own DID, else the tenant's main number).",
  async inspect(db, scope) {
    return sampled(
      await find(db, scope, SAMPLE_ROWS),
      (r) => ({ tenant: r.slug, table: 'ps_endpoints', id: r.id, detail: `extension ${r.number}: set_var ${r.actual ?? 'empty'}, should be ${r.expected ?? 'empty'}` }),
      (n) => (n ? `${plural(n, 'endpoint')} presenting the wrong number on emergency calls` : "every endpoint's emergency caller ID follows its extension"),
    );
  },
  async repair(tx, scope) {
    const rows = await find(tx, scope, null);
    if (!rows.length) return [];
    await tx.$executeRaw`
      UPDATE ps_endpoints e SET set_var = v.set_var
        FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.expected)}::text[]) AS v(id, set_var)
       WHERE e.id = v.id`;
    return rows.map((r) => ({ tenant: r.slug, table: 'ps_endpoints', id: r.id, done: `set_var set to ${r.expected ?? 'empty'} (was ${r.actual ?? 'empty'})` }));
  },
};
