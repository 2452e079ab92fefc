import type { Tx } from '../../../db/client.ts';
import { contactIdPatterns } from '../../sip/asterisk-rows.ts';
import { NAMED_BY_SWITCHBOARD, tenantFilter, type Scope } from '../scope.ts';
import { plural, sampled, SAMPLE_ROWS, type IntegrityCheck, type Repair } from '../types.ts';

type Row = { slug: string; number: string; id: string; endpoint_id: string; active: boolean; actual: number | null; expected: number; total: number };

function find(db: Tx, scope: Scope, limit: number | null) {
  return db.$queryRaw<Row[]>`
    SELECT t.slug, x.number, o.id, x.endpoint_id, x.active, o.max_contacts AS actual,
           (CASE WHEN x.active THEN x.max_contacts ELSE 0 END)::int AS expected, count(*) OVER ()::int AS total
      FROM sb_extensions x
      JOIN sb_tenants t ON t.id = x.tenant_id
      JOIN ps_aors o ON o.id = x.aor_id
     WHERE ${tenantFilter(scope)}
       AND CASE WHEN ${NAMED_BY_SWITCHBOARD} THEN o.max_contacts IS DISTINCT FROM (CASE WHEN x.active THEN x.max_contacts ELSE 0 END)
                ELSE x.active = (coalesce(o.max_contacts, 0) <= 0) END
     ORDER BY t.slug, x.number
     LIMIT ${limit}`;
}

/**
 * ps_aors.max_contacts is how many phones may register, and 0 is how a deactivated extension is
 * kept off the PBX (sip/asterisk-rows.ts aorRow). A value that differs from the record either
 * lets a deactivated extension's phones register or refuses an active one's. An adopted aor keeps
 * its own limit (adoption caps the record's at 10; an edit writes the record's, adopt/rows.ts
 * adoptedAorPatch), so there only the state counts: refusing every phone, or none.
 */
export const maxContacts: IntegrityCheck = {
  id: 'max-contacts',
  title: 'registration limits out of step with the extension',
  needs: 'records',
  advice: "--fix sets each aor's max_contacts from the extension (0 while it is deactivated) and drops the registrations of deactivated extensions.",
  async inspect(db, scope) {
    return sampled(
      await find(db, scope, SAMPLE_ROWS),
      (r) => ({
        tenant: r.slug,
        table: 'ps_aors',
        id: r.id,
        detail: `extension ${r.number} (${r.active ? 'active' : 'deactivated'}): max_contacts ${r.actual ?? 'empty'}, should be ${r.expected}`,
      }),
      (n) => (n ? `${plural(n, 'aor')} whose max_contacts differs from the extension` : "every aor's max_contacts matches its extension"),
    );
  },
  async repair(tx, scope) {
    const rows = await find(tx, scope, null);
    if (!rows.length) return [];
    await tx.$executeRaw`
      UPDATE ps_aors o SET max_contacts = v.n
        FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.expected)}::int[]) AS v(id, n)
       WHERE o.id = v.id`;
    const repairs: Repair[] = rows.map((r) => ({ tenant: r.slug, table: 'ps_aors', id: r.id, done: `max_contacts set to ${r.expected} (was ${r.actual ?? 'empty'})` }));
    // As deactivating does: a phone registered meanwhile must go offline now, not when it expires.
    const off = rows.filter((r) => r.expected === 0);
    if (off.length) {
      const contacts = await tx.$queryRaw<{ id: string }[]>`
        DELETE FROM ps_contacts WHERE endpoint = ANY(${off.map((r) => r.endpoint_id)}::text[]) OR id LIKE ANY(${off.flatMap((r) => contactIdPatterns(r.id))}::text[])
        RETURNING id`;
      const slugOf = (id: string) => off.find((r) => id.startsWith(r.id))?.slug ?? null;
      for (const c of contacts) repairs.push({ tenant: slugOf(c.id), table: 'ps_contacts', id: c.id, done: 'deleted (registration of a deactivated extension)' });
    }
    return repairs;
  },
};
