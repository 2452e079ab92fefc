import { tenantFilter } from '../scope.ts';
import { plural, sampled, SAMPLE_ROWS, type IntegrityCheck } from '../types.ts';

type Row = { slug: string; number: string; endpoint_id: string; auth_id: string; aor_id: string; endpoint: boolean; auth: boolean; aor: boolean; total: number };

/**
 * Our records whose ps_endpoints, ps_auths or ps_aors row is gone (deleted by hand, or by a tool
 * that knew only Asterisk's tables). Found by the ids the record holds, whatever their form.
 * Not repaired: a new auth row needs a secret nobody has, and a phone with half its rows cannot
 * have worked since they went, so a person decides.
 */
export const missingSipRows: IntegrityCheck = {
  id: 'missing-sip-rows',
  title: 'extensions whose Asterisk rows are gone',
  needs: 'records',
  advice: 'Such a phone cannot register or be called. Remove the extension (switchboard extensions rm <number> --tenant <slug>) and add it again: it gets a new SIP secret, to be set on the phone.',
  async inspect(db, scope) {
    const rows = await db.$queryRaw<Row[]>`
      SELECT t.slug, x.number, x.endpoint_id, x.auth_id, x.aor_id,
             e.id IS NOT NULL AS endpoint, a.id IS NOT NULL AS auth, o.id IS NOT NULL AS aor,
             count(*) OVER ()::int AS total
        FROM sb_extensions x
        JOIN sb_tenants t ON t.id = x.tenant_id
        LEFT JOIN ps_endpoints e ON e.id = x.endpoint_id
        LEFT JOIN ps_auths a ON a.id = x.auth_id
        LEFT JOIN ps_aors o ON o.id = x.aor_id
       WHERE ${tenantFilter(scope)} AND (e.id IS NULL OR a.id IS NULL OR o.id IS NULL)
       ORDER BY t.slug, x.number
       LIMIT ${SAMPLE_ROWS}`;
    return sampled(
      rows,
      (r) => {
        const gone = [!r.endpoint && `ps_endpoints ${r.endpoint_id}`, !r.auth && `ps_auths ${r.auth_id}`, !r.aor && `ps_aors ${r.aor_id}`].filter(Boolean);
        return { tenant: r.slug, table: 'sb_extensions', id: r.endpoint_id, detail: `extension ${r.number}: no ${gone.join(', no ')}` };
      },
      (n) => (n ? `${plural(n, 'extension')} missing Asterisk rows` : 'every extension has its endpoint, auth and aor'),
    );
  },
};
