import { dialectOf, mysqlDialect, postgresDialect, type Dialect } from '../../db/dialect.ts';
import { sqlRows } from '../../db/sql.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { dbOf, type Ctx } from '../context.ts';
import { cursorValue, decodeCursor, encodeCursor, type Page } from '../pagination.ts';
import { parseInput } from '../parse.ts';
import { tenantIdInReach } from '../tenant/tenant-ref-cache.ts';
import { extensionListQuery, type ExtensionListQuery } from './schemas.ts';
import type { ExtensionView } from './view.ts';

const SORT_COLUMN = { number: 'number', displayName: 'display_name', createdAt: 'created_at' } as const;
/** What a cursor's value must be for each sort: it is compared with that column in SQL. */
const CURSOR_VALUE = { number: cursorValue.digits, displayName: cursorValue.text, createdAt: cursorValue.timestamp } as const;

/**
 * The sort value a cursor carries, read in SQL. Timestamps to the microsecond, as stored: a
 * cursor cut to milliseconds would sort before its own row and bring it back on the next page.
 */
const CURSOR_SQL = {
  postgres: { number: 'e.number', displayName: 'e.display_name', createdAt: `to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` },
  // Sessions run in UTC on MySQL (lib/db/client.ts).
  mariadb: { number: 'e.number', displayName: 'e.display_name', createdAt: `date_format(e.created_at, '%Y-%m-%dT%H:%i:%s.%fZ')` },
} as const;

/**
 * What a page's rows are read as: columns of sb_extensions (unqualified, or as e.*), or null for
 * the view's in the client's engine, and how a row becomes an item. The view by default; the API reads its resource as JSON text built by the
 * database, which spares it the decoding, mapping and encoding of a thousand values a page.
 */
export type Projection<T> = { columns: Prisma.Sql | null; decode: (row: Record<string, unknown>) => T };

/** A page's row: the projection's columns and what the next page's cursor is made of. */
type Selected = Record<string, unknown> & { cursorValue: string; cursorId: string };

/** A row as the projection below names it: the view itself but for its timestamps. */
type Row = Omit<ExtensionView, 'secretChangedAt' | 'createdAt' | 'updatedAt' | 'directorySyncedAt' | 'directoryRemovalDueAt'> & {
  secretChangedAt: number; createdAt: number; updatedAt: number; directorySyncedAt: number | null; directoryRemovalDueAt: number | null;
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** What the searches' materialized walks carry: the columns the projection and the sort read. */
const COLUMNS = Prisma.sql`id, tenant_id, number, display_name, email, allow_external, active, max_contacts, ad_synced,
  ad_username, directory_id, endpoint_id, auth_id, aor_id, voicemail_id, caller_id_did_id, secret_changed_at, created_at, updated_at,
  directory_state, directory_synced_at, directory_removal_due_at, directory_prior_allow_external`;
/** The view's fields under their names, so rows need no renaming in JavaScript (a page is 1,000 values). */
const view = (d: Dialect) => Prisma.raw(`${d.cast('id', 'text').text} AS id, ${d.cast('tenant_id', 'text').text} AS "tenantId", number, display_name AS "displayName", email,
  allow_external AS "allowExternal", active, ${d.cast('max_contacts', 'int4').text} AS "maxContacts", ad_synced AS "adSynced", ad_username AS "adUsername",
  directory_id AS "directoryId", endpoint_id AS "endpointId", auth_id AS "authId", aor_id AS "aorId",
  voicemail_id IS NOT NULL AS "hasVoicemail", ${d.cast('caller_id_did_id', 'text').text} AS "callerIdDidId",
  ${d.epochMs('secret_changed_at', 'secretChangedAt')}, ${d.epochMs('created_at', 'createdAt')}, ${d.epochMs('updated_at', 'updatedAt')},
  ${d.cast('directory_state', 'text').text} AS "directoryState", ${d.epochMs('directory_synced_at', 'directorySyncedAt')},
  ${d.epochMs('directory_removal_due_at', 'directoryRemovalDueAt')}, directory_prior_allow_external AS "directoryPriorAllowExternal"`);
/** MySQL has no boolean type: these come back as 0 and 1 there. */
const BOOLEANS = ['allowExternal', 'active', 'adSynced', 'hasVoicemail', 'directoryPriorAllowExternal'] as const;
/** How far a search walks the sort index before it concludes that matches are sparse. */
const WALK = 2_000;

/**
 * A tenant's extensions: search (number, name or e-mail substring), filters, a stable sort and
 * keyset pagination, so page 2,000 of a 100,000-extension tenant costs what page 1 does.
 * Raw SQL because the keyset needs a row comparison, `(display_name, id) > (...)`, that walks the
 * (tenant_id, display_name, id) index, and the search one predicate on the trigram index.
 */
export function listExtensions(ctx: Ctx, tenantId: string, query: ExtensionListQuery = {}): Promise<Page<ExtensionView>> {
  return listExtensionsAs(ctx, tenantId, query, VIEW_PROJECTION);
}

/** The same pages, each row read through a projection of the caller's. */
export async function listExtensionsAs<T>(ctx: Ctx, tenantId: string, query: ExtensionListQuery, projection: Projection<T>): Promise<Page<T>> {
  const q = parseInput(extensionListQuery, query);
  const db = dbOf(ctx);
  const d = dialectOf(db);
  const columns = projection.columns ?? (d.engine === 'mariadb' ? MYSQL_VIEW : POSTGRES_VIEW);
  const rowOptions = projection.columns ? {} : { booleans: BOOLEANS };
  const tenant = await tenantIdInReach(db, ctx.actor, tenantId);
  const col = Prisma.raw(SORT_COLUMN[q.sort]);
  // A number is unique within its tenant: it needs no id to break ties, and sorting by it alone
  // reads the (tenant_id, number) index in order instead of re-sorting what it finds.
  const unique = q.sort === 'number';
  const dir = Prisma.raw(q.dir === 'asc' ? 'ASC' : 'DESC');
  const filters: Prisma.Sql[] = [Prisma.sql`tenant_id = ${d.uuid(tenant)}`];
  if (q.active !== undefined) filters.push(Prisma.sql`active = ${q.active}`);
  if (q.allowExternal !== undefined) filters.push(Prisma.sql`allow_external = ${q.allowExternal}`);
  if (q.adSynced !== undefined) filters.push(Prisma.sql`ad_synced = ${q.adSynced}`);
  const base = Prisma.join(filters, ' AND ');
  if (q.cursor) {
    const [raw, id] = decodeCursor(q.cursor, CURSOR_VALUE[q.sort]);
    const value = q.sort !== 'createdAt' ? Prisma.sql`${raw}`
      : d.engine === 'mariadb' ? Prisma.sql`${raw.replace('T', ' ').replace('Z', '')}` : Prisma.sql`${raw}::timestamptz`;
    const op = Prisma.raw(q.dir === 'asc' ? '>' : '<');
    filters.push(unique ? Prisma.sql`${col} ${op} ${value}` : Prisma.sql`(${col}, id) ${op} (${value}, ${d.uuid(id)})`);
  }
  const where = Prisma.join(filters, ' AND ');
  const match = q.q ? Prisma.sql`search_text LIKE ${`%${likeEscape(q.q.toLowerCase())}%`}` : null;
  // Qualified: the projection renames id (to text), and a bare name in ORDER BY means the output column.
  const order = unique ? Prisma.sql`ORDER BY e.${col} ${dir}` : Prisma.sql`ORDER BY e.${col} ${dir}, e.id ${dir}`;
  const take = q.limit + 1;
  const SELECTED = Prisma.sql`${columns}, ${Prisma.raw(CURSOR_SQL[d.engine][q.sort])} AS "cursorValue", ${d.cast('e.id', 'text')} AS "cursorId"`;
  // MySQL materializes a CTE read twice on its own, and has no word for asking.
  const MATERIALIZED = Prisma.raw(d.engine === 'mariadb' ? '' : 'MATERIALIZED');

  const pageRows = async (): Promise<Selected[]> => {
    if (!match) return sqlRows<Selected>(db, Prisma.sql`SELECT ${SELECTED} FROM sb_extensions e WHERE ${where} ${order} LIMIT ${take}`, rowOptions);
    // Neither plan is good for every term: walking the sort index is instant when matches are
    // dense ("a", "com") and reads most of the tenant when they are rare or sort late ("Lena");
    // the trigram index is the reverse. So walk a bounded stretch first; a full page from it is
    // exact. Otherwise matches are sparse, and fetching all of them via the trigram index is cheap.
    const walked = await sqlRows<Selected & { walked: number }>(db, Prisma.sql`
      WITH walk AS ${MATERIALIZED} (
        SELECT ${COLUMNS}, search_text FROM sb_extensions e WHERE ${where} ${order} LIMIT ${WALK})
      SELECT ${SELECTED}, ${d.cast(Prisma.sql`(SELECT count(*) FROM walk)`, 'int4')} AS walked FROM walk e WHERE ${match} ${order} LIMIT ${take}`, rowOptions);
    if (walked.length === take || (walked.length > 0 && walked[0].walked < WALK)) return walked;
    if (walked.length === 0) {
      const [{ n }] = await sqlRows<{ n: number }>(db, Prisma.sql`
        SELECT ${d.cast('count(*)', 'int4')} AS n FROM (SELECT 1 FROM sb_extensions WHERE ${where} LIMIT ${WALK}) s`);
      if (n < WALK) return [];
    }
    return sqlRows<Selected>(db, Prisma.sql`
      WITH hits AS ${MATERIALIZED} (SELECT ${COLUMNS} FROM sb_extensions WHERE ${where} AND ${match})
      SELECT ${SELECTED} FROM hits e ${order} LIMIT ${take}`, rowOptions);
  };
  const [rows, total] = await Promise.all([
    pageRows(),
    q.withTotal
      ? sqlRows<{ n: number }>(db, Prisma.sql`SELECT ${d.cast('count(*)', 'int4')} AS n FROM sb_extensions WHERE ${base}${match ? Prisma.sql` AND ${match}` : Prisma.empty}`).then((r) => r[0].n)
      : Promise.resolve(undefined),
  ]);
  const kept = rows.slice(0, q.limit);
  const last = kept[kept.length - 1];
  return {
    items: kept.map(projection.decode),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.cursorValue, last.cursorId) : null,
    ...(total !== undefined ? { total } : {}),
  };
}

// Field by field, not a spread: one object shape for every row, and no helper column carried along.
const fromRow = (r: Row): ExtensionView => ({
  id: r.id, tenantId: r.tenantId, number: r.number, displayName: r.displayName, email: r.email,
  allowExternal: r.allowExternal, active: r.active, maxContacts: r.maxContacts, adSynced: r.adSynced,
  adUsername: r.adUsername, directoryId: r.directoryId, endpointId: r.endpointId, authId: r.authId, aorId: r.aorId,
  hasVoicemail: r.hasVoicemail, callerIdDidId: r.callerIdDidId, secretChangedAt: new Date(r.secretChangedAt),
  createdAt: new Date(r.createdAt), updatedAt: new Date(r.updatedAt), directoryState: r.directoryState,
  directorySyncedAt: r.directorySyncedAt === null ? null : new Date(r.directorySyncedAt),
  directoryRemovalDueAt: r.directoryRemovalDueAt === null ? null : new Date(r.directoryRemovalDueAt),
  directoryPriorAllowExternal: r.directoryPriorAllowExternal,
});

const POSTGRES_VIEW = view(postgresDialect);
const MYSQL_VIEW = view(mysqlDialect);
/** The view, in the columns of the client's engine. */
const VIEW_PROJECTION: Projection<ExtensionView> = { columns: null, decode: (row) => fromRow(row as Row) };
