/**
 * What Asterisk's own tables say about some endpoints, read as an adoption needs it: their auth
 * and aor, who else uses those, current registrations, and whether they look like trunks.
 * A fixed handful of set-based queries, whatever the number of endpoints.
 */
import type { Tx } from '../../db/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { firstMailbox, listOf, mailboxKey, type MailboxKey } from './rules.ts';

export type AuthFacts = {
  id: string;
  type: string | null;
  username: string | null;
  realm: string | null;
  hasPassword: boolean;
  hasMd5Cred: boolean;
  hasPasswordDigest: boolean;
  algorithms: string | null;
  /** Already an extension's auth. */
  owned: boolean;
  /** Endpoints naming it as their auth. */
  users: number;
};
export type AorFacts = { id: string; maxContacts: number | null; owned: boolean; users: number };

export type EndpointFacts = {
  id: string;
  context: string | null;
  callerid: string | null;
  mailboxes: string | null;
  setVar: string | null;
  authIds: string[];
  aorIds: string[];
  /** The one auth / aor the endpoint names, when it names exactly one and that row exists. */
  auth: AuthFacts | null;
  aor: AorFacts | null;
  owner: { tenantSlug: string; number: string } | null;
  /** Tenants whose outbound trunk it is. */
  trunkOf: string[];
  /** What makes it look like a trunk rather than a phone. */
  trunkSigns: string[];
  registrations: number;
};

export type EndpointQuery = { context?: string; like?: string; regex?: RegExp; ids?: string[]; unownedOnly: boolean; limit?: number };

type Row = {
  id: string; context: string | null; callerid: string | null; mailboxes: string | null; set_var: string | null;
  auth: string | null; aors: string | null; outbound_auth: string | null; owner_number: string | null; owner_slug: string | null;
};

/** The endpoints a query selects (ordered by id), with everything an adoption plan looks at; `total` before the limit. */
export async function loadEndpoints(tx: Tx, q: EndpointQuery): Promise<{ endpoints: EndpointFacts[]; total: number }> {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (q.context !== undefined) where.push(Prisma.sql`e.context = ${q.context}`);
  if (q.like !== undefined) where.push(Prisma.sql`e.id LIKE ${q.like}`);
  if (q.ids) where.push(Prisma.sql`e.id = ANY(${q.ids}::text[])`);
  if (q.unownedOnly) where.push(Prisma.sql`x.id IS NULL`);
  // An operator's trunk is not an unowned phone: a listing leaves the tenants' trunks out.
  if (q.unownedOnly && !q.ids) where.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM sb_tenants tt WHERE tt.outbound_trunk = e.id)`);
  // A regular expression is JavaScript's, so it filters here; otherwise the database stops at the limit.
  const limit = q.limit !== undefined && !q.regex ? Prisma.sql`LIMIT ${q.limit}` : Prisma.empty;
  const [rows, trunks] = await Promise.all([
    tx.$queryRaw<(Row & { total: bigint })[]>`
      SELECT e.id, e.context, e.callerid, e.mailboxes, e.set_var, e.auth, e.aors, e.outbound_auth,
             x.number AS owner_number, t.slug AS owner_slug, count(*) OVER () AS total
        FROM ps_endpoints e
        LEFT JOIN sb_extensions x ON x.endpoint_id = e.id
        LEFT JOIN sb_tenants t ON t.id = x.tenant_id
       WHERE ${Prisma.join(where, ' AND ')}
       ORDER BY e.id ${limit}`,
    tx.tenant.findMany({ where: { outboundTrunk: { not: null } }, select: { slug: true, outboundTrunk: true } }),
  ]);
  const trunkOf = new Map<string, string[]>();
  for (const t of trunks) trunkOf.set(t.outboundTrunk!, [...(trunkOf.get(t.outboundTrunk!) ?? []), t.slug]);
  let selected: Row[] = rows;
  let total = rows.length ? Number(rows[0].total) : 0;
  if (q.regex) {
    const re = q.regex;
    selected = rows.filter((r) => re.test(r.id));
    total = selected.length;
    if (q.limit !== undefined) selected = selected.slice(0, q.limit);
  }
  return { endpoints: await details(tx, selected, trunkOf), total };
}

async function details(tx: Tx, rows: Row[], trunkOf: Map<string, string[]>): Promise<EndpointFacts[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const authIds = [...new Set(rows.flatMap((r) => listOf(r.auth)))];
  const aorIds = [...new Set(rows.flatMap((r) => listOf(r.aors)))];
  const [auths, aors, authUsers, aorUsers, contacts, identified, registering] = await Promise.all([
    tx.$queryRaw<{ id: string; type: string | null; username: string | null; realm: string | null; has_password: boolean; has_md5_cred: boolean; has_password_digest: boolean; algorithms: string | null; owned: boolean }[]>`
      SELECT a.id, a.auth_type::text AS type, a.username, a.realm,
             coalesce(a.password, '') <> '' AS has_password, coalesce(a.md5_cred, '') <> '' AS has_md5_cred,
             coalesce(a.password_digest, '') <> '' AS has_password_digest, a.supported_algorithms_uas AS algorithms,
             EXISTS (SELECT 1 FROM sb_extensions x WHERE x.auth_id = a.id) AS owned
        FROM ps_auths a WHERE a.id = ANY(${authIds}::text[])`,
    tx.$queryRaw<{ id: string; max_contacts: number | null; owned: boolean }[]>`
      SELECT r.id, r.max_contacts, EXISTS (SELECT 1 FROM sb_extensions x WHERE x.aor_id = r.id) AS owned
        FROM ps_aors r WHERE r.id = ANY(${aorIds}::text[])`,
    // One scan each (ps_endpoints.auth and .aors have no index), not one per endpoint.
    tx.$queryRaw<{ id: string; n: number }[]>`SELECT auth AS id, count(*)::int AS n FROM ps_endpoints WHERE auth = ANY(${authIds}::text[]) GROUP BY auth`,
    tx.$queryRaw<{ id: string; n: number }[]>`SELECT aors AS id, count(*)::int AS n FROM ps_endpoints WHERE aors = ANY(${aorIds}::text[]) GROUP BY aors`,
    tx.$queryRaw<{ id: string; n: number }[]>`
      SELECT endpoint AS id, count(*)::int AS n FROM ps_contacts
       WHERE endpoint = ANY(${ids}::text[]) AND (expiration_time IS NULL OR expiration_time > extract(epoch FROM now()))
       GROUP BY endpoint`,
    tx.$queryRaw<{ id: string }[]>`SELECT DISTINCT endpoint AS id FROM ps_endpoint_id_ips WHERE endpoint = ANY(${ids}::text[])`,
    tx.$queryRaw<{ id: string }[]>`SELECT DISTINCT endpoint AS id FROM ps_registrations WHERE endpoint = ANY(${ids}::text[])`,
  ]);
  const count = (list: { id: string; n: number }[]) => new Map(list.map((r) => [r.id, r.n]));
  const [authN, aorN, contactN] = [count(authUsers), count(aorUsers), count(contacts)];
  const authById = new Map(
    auths.map((a) => [a.id, {
      id: a.id, type: a.type, username: a.username, realm: a.realm, hasPassword: a.has_password, hasMd5Cred: a.has_md5_cred,
      hasPasswordDigest: a.has_password_digest, algorithms: a.algorithms, owned: a.owned, users: authN.get(a.id) ?? 0,
    } satisfies AuthFacts]),
  );
  const aorById = new Map(aors.map((r) => [r.id, { id: r.id, maxContacts: r.max_contacts, owned: r.owned, users: aorN.get(r.id) ?? 0 } satisfies AorFacts]));
  const byIp = new Set(identified.map((r) => r.id));
  const outbound = new Set(registering.map((r) => r.id));

  return rows.map((r) => {
    const [rAuths, rAors] = [listOf(r.auth), listOf(r.aors)];
    const signs: string[] = [];
    if (byIp.has(r.id)) signs.push('identified by IP address (ps_endpoint_id_ips)');
    if (outbound.has(r.id)) signs.push('registers to a provider (ps_registrations)');
    if (!rAuths.length && r.outbound_auth) signs.push('authenticates outbound only (outbound_auth)');
    return {
      id: r.id,
      context: r.context,
      callerid: r.callerid,
      mailboxes: r.mailboxes,
      setVar: r.set_var,
      authIds: rAuths,
      aorIds: rAors,
      auth: rAuths.length === 1 ? (authById.get(rAuths[0]) ?? null) : null,
      aor: rAors.length === 1 ? (aorById.get(rAors[0]) ?? null) : null,
      owner: r.owner_slug ? { tenantSlug: r.owner_slug, number: r.owner_number! } : null,
      trunkOf: trunkOf.get(r.id) ?? [],
      trunkSigns: signs,
      registrations: contactN.get(r.id) ?? 0,
    };
  });
}

export type MailboxFacts = { uniqueid: number; mailbox: string; context: string; email: string | null; fullname: string | null; linked: boolean };

/** The voicemail rows of some boxes, keyed `<mailbox>@<context>`, and whether an extension has them already. */
export async function loadMailboxes(tx: Tx, keys: MailboxKey[]): Promise<Map<string, MailboxFacts>> {
  const unique = [...new Map(keys.map((k) => [mailboxKey(k), k])).values()];
  if (!unique.length) return new Map();
  const rows = await tx.$queryRaw<MailboxFacts[]>`
    SELECT v.uniqueid, v.mailbox, v.context, v.email, v.fullname, (x.id IS NOT NULL) AS linked
      FROM voicemail v
      JOIN unnest(${unique.map((k) => k.context)}::text[], ${unique.map((k) => k.mailbox)}::text[]) AS k(context, mailbox)
        ON v.context = k.context AND v.mailbox = k.mailbox
      LEFT JOIN sb_extensions x ON x.voicemail_id = v.uniqueid`;
  return new Map(rows.map((r) => [mailboxKey(r), r]));
}

/**
 * The boxes that may be an endpoint's: the first one its `mailboxes` names, then `<number>@<its
 * context>` (the usual voicemail.conf layout when `mailboxes` was never set).
 */
export function mailboxCandidates(e: Pick<EndpointFacts, 'mailboxes' | 'context'>, number: string | null): MailboxKey[] {
  const out: MailboxKey[] = [];
  const named = firstMailbox(e.mailboxes);
  if (named) out.push(named);
  if (number && e.context) out.push({ mailbox: number, context: e.context });
  return out;
}
