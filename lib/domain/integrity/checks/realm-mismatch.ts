import { NAMED_BY_SWITCHBOARD, tenantFilter } from '../scope.ts';
import { plural, sampled, SAMPLE_ROWS, type IntegrityCheck } from '../types.ts';

type Row = { slug: string; number: string; id: string; realm: string | null; sip_domain: string; total: number };

/**
 * Stored digests hash `username:realm:secret` with the tenant's SIP domain as realm
 * (sip/asterisk-rows.ts authRow). Asterisk challenges with ps_auths.realm, so an auth whose realm
 * is anything else can no longer match its digest: the phone is refused. Plaintext auths
 * (userpass) are not affected. Not repaired: the digest cannot be made again without the secret.
 */
export const realmMismatch: IntegrityCheck = {
  id: 'realm-mismatch',
  title: "digests whose realm is not the tenant's SIP domain",
  needs: 'records',
  advice:
    "The phone can no longer authenticate. Give the extension a new SIP secret (portal: the extension's New secret; API: POST /api/v1/tenants/{tenant}/extensions/{extension}/secret), which writes the tenant's realm, and set it on the phone.",
  async inspect(db, scope) {
    const rows = await db.$queryRaw<Row[]>`
      SELECT t.slug, x.number, a.id, a.realm, t.sip_domain, count(*) OVER ()::int AS total
        FROM sb_extensions x
        JOIN sb_tenants t ON t.id = x.tenant_id
        JOIN ps_auths a ON a.id = x.auth_id
       WHERE ${tenantFilter(scope)} AND ${NAMED_BY_SWITCHBOARD}
         AND a.auth_type::text = 'md5' AND a.realm IS DISTINCT FROM t.sip_domain
       ORDER BY t.slug, x.number
       LIMIT ${SAMPLE_ROWS}`;
    return sampled(
      rows,
      (r) => ({ tenant: r.slug, table: 'ps_auths', id: r.id, detail: `extension ${r.number}: realm ${r.realm === null ? 'empty' : JSON.stringify(r.realm)}, not ${r.sip_domain}` }),
      (n) => (n ? `${plural(n, 'digest')} made for another realm` : "every stored digest uses its tenant's SIP domain as realm"),
    );
  },
};
