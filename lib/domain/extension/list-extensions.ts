import { Prisma } from '../../generated/prisma/client.ts';
import { dbOf, type Ctx } from '../context.ts';
import { cursorValue, decodeCursor, encodeCursor, type Page } from '../pagination.ts';
import { parseInput } from '../parse.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { extensionListQuery, type ExtensionListQuery } from './schemas.ts';
import { toExtensionView, type ExtensionView } from './view.ts';

const SORT_COLUMN = { number: 'number', displayName: 'display_name', createdAt: 'created_at' } as const;
/** What a cursor's value must be for each sort: it is compared with that column in SQL. */
const CURSOR_VALUE = { number: cursorValue.digits, displayName: cursorValue.text, createdAt: cursorValue.timestamp } as const;

type Row = {
  id: string; tenant_id: string; number: string; display_name: string; email: string | null;
  allow_external: boolean; active: boolean; max_contacts: number; ad_synced: boolean;
  ad_username: string | null; directory_id: string | null; endpoint_id: string; auth_id: string;
  aor_id: string; voicemail_id: number | null; caller_id_did_id: string | null; secret_changed_at: Date; created_at: Date; updated_at: Date;
  directory_state: 'active' | 'disabled' | 'missing' | null; directory_synced_at: Date | null; directory_removal_due_at: Date | null;
  directory_prior_allow_external: boolean | null;
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const COLUMNS = Prisma.sql`id, tenant_id, number, display_name, email, allow_external, active, max_contacts, ad_synced,
  ad_username, directory_id, endpoint_id, auth_id, aor_id, voicemail_id, caller_id_did_id, secret_changed_at, created_at, updated_at,
  directory_state, directory_synced_at, directory_removal_due_at, directory_prior_allow_external`;
/** How far a search walks the sort index before it concludes that matches are sparse. */
const WALK = 2_000;

/**
 * A tenant's extensions: search (number, name or e-mail substring), filters, a stable sort and
 * keyset pagination, so page 2,000 of a 100,000-extension tenant costs what page 1 does.
 * Raw SQL because the keyset needs a row comparison, `(display_name, id) > (...)`, that walks the
 * (tenant_id, display_name, id) index, and the search one predicate on the trigram index.
 */
export async function listExtensions(
  ctx: Ctx,
  tenantId: string,
  query: ExtensionListQuery = {},
): Promise<Page<ExtensionView>> {
  const q = parseInput(extensionListQuery, query);
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantId, 'read');
  const col = Prisma.raw(SORT_COLUMN[q.sort]);
  const dir = Prisma.raw(q.dir === 'asc' ? 'ASC' : 'DESC');
  const filters: Prisma.Sql[] = [Prisma.sql`tenant_id = ${tenant.id}::uuid`];
  if (q.active !== undefined) filters.push(Prisma.sql`active = ${q.active}`);
  if (q.allowExternal !== undefined) filters.push(Prisma.sql`allow_external = ${q.allowExternal}`);
  if (q.adSynced !== undefined) filters.push(Prisma.sql`ad_synced = ${q.adSynced}`);
  const base = Prisma.join(filters, ' AND ');
  if (q.cursor) {
    const [raw, id] = decodeCursor(q.cursor, CURSOR_VALUE[q.sort]);
    const value = q.sort === 'createdAt' ? Prisma.sql`${raw}::timestamptz` : Prisma.sql`${raw}`;
    filters.push(q.dir === 'asc' ? Prisma.sql`(${col}, id) > (${value}, ${id}::uuid)` : Prisma.sql`(${col}, id) < (${value}, ${id}::uuid)`);
  }
  const where = Prisma.join(filters, ' AND ');
  const match = q.q ? Prisma.sql`search_text LIKE ${`%${likeEscape(q.q.toLowerCase())}%`}` : null;
  const order = Prisma.sql`ORDER BY ${col} ${dir}, id ${dir}`;
  const take = q.limit + 1;

  const pageRows = async (): Promise<Row[]> => {
    if (!match) return db.$queryRaw<Row[]>`SELECT ${COLUMNS} FROM sb_extensions WHERE ${where} ${order} LIMIT ${take}`;
    // Neither plan is good for every term: walking the sort index is instant when matches are
    // dense ("a", "com") and reads most of the tenant when they are rare or sort late ("Lena");
    // the trigram index is the reverse. So walk a bounded stretch first; a full page from it is
    // exact. Otherwise matches are sparse, and fetching all of them via the trigram index is cheap.
    const walked = await db.$queryRaw<(Row & { walked: bigint })[]>`
      WITH walk AS MATERIALIZED (
        SELECT ${COLUMNS}, search_text FROM sb_extensions WHERE ${where} ${order} LIMIT ${WALK})
      SELECT ${COLUMNS}, (SELECT count(*) FROM walk) AS walked FROM walk WHERE ${match} ${order} LIMIT ${take}`;
    if (walked.length === take || (walked.length > 0 && Number(walked[0].walked) < WALK)) return walked;
    if (walked.length === 0) {
      const [{ n }] = await db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM (SELECT 1 FROM sb_extensions WHERE ${where} LIMIT ${WALK}) s`;
      if (Number(n) < WALK) return [];
    }
    return db.$queryRaw<Row[]>`
      WITH hits AS MATERIALIZED (SELECT ${COLUMNS} FROM sb_extensions WHERE ${where} AND ${match})
      SELECT ${COLUMNS} FROM hits ${order} LIMIT ${take}`;
  };
  const [rows, total] = await Promise.all([
    pageRows(),
    q.withTotal
      ? db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM sb_extensions WHERE ${base}${match ? Prisma.sql` AND ${match}` : Prisma.empty}`.then((r) => Number(r[0].n))
      : Promise.resolve(undefined),
  ]);
  const page = rows.slice(0, q.limit).map(fromRow);
  const last = page[page.length - 1];
  const lastValue = !last ? null : q.sort === 'createdAt' ? last.createdAt.toISOString() : last[q.sort];
  return {
    items: page,
    nextCursor: rows.length > q.limit && last ? encodeCursor(lastValue, last.id) : null,
    ...(total !== undefined ? { total } : {}),
  };
}

const fromRow = (r: Row): ExtensionView =>
  toExtensionView({
    id: r.id, tenantId: r.tenant_id, number: r.number, displayName: r.display_name, email: r.email,
    allowExternal: r.allow_external, active: r.active, maxContacts: r.max_contacts, adSynced: r.ad_synced,
    adUsername: r.ad_username, directoryId: r.directory_id, endpointId: r.endpoint_id, authId: r.auth_id,
    aorId: r.aor_id, voicemailId: r.voicemail_id, callerIdDidId: r.caller_id_did_id, secretChangedAt: r.secret_changed_at,
    createdAt: r.created_at, updatedAt: r.updated_at, directoryState: r.directory_state, directorySyncedAt: r.directory_synced_at,
    directoryRemovalDueAt: r.directory_removal_due_at, directoryPriorAllowExternal: r.directory_prior_allow_external,
  });
