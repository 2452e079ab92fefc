import type { Prisma } from '../../generated/prisma/client.ts';
import { AppError } from '../../errors.ts';
import { dbOf, type Ctx } from '../context.ts';
import { cursorValue, decodeCursor, encodeCursor, type Page } from '../pagination.ts';
import { parseInput } from '../parse.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { ingestCalls } from './ingest.ts';
import { callListQuery, type CallListQuery } from './schemas.ts';
import { toCallView, type CallView } from './view.ts';

/** At most this many new cdr rows are classified before a page is read; the rest by the job. */
const CATCH_UP_ROWS = 5_000;

/**
 * A tenant's calls, newest first, filtered, with keyset pagination on (started_at, id): only that
 * tenant's rows are ever read (tenant_id is in every query, from the actor's reach).
 */
export async function listCalls(ctx: Ctx, tenantRef: string, query: CallListQuery = {}): Promise<Page<CallView>> {
  const q = parseInput(callListQuery, query);
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantRef, 'read');
  // What Asterisk wrote a moment ago shows at once, not after the next background run.
  await ingestCalls(db, { maxRows: CATCH_UP_ROWS });
  const where: Prisma.CallWhereInput[] = [{ tenantId: tenant.id }];
  if (q.from) where.push({ startedAt: { gte: q.from } });
  if (q.to) where.push({ startedAt: { lt: q.to } });
  if (q.direction) where.push({ direction: q.direction });
  if (q.outcome) where.push({ outcome: q.outcome });
  if (q.extension) {
    const ext = await db.extension.findFirst({ where: { tenantId: tenant.id, number: q.extension }, select: { id: true } });
    if (!ext) throw new AppError('validation', `No extension ${q.extension} in this tenant`, { extension: ['is not an extension of this tenant'] });
    where.push({ OR: [{ callerExtensionId: ext.id }, { calleeExtensionId: ext.id }] });
  }
  if (q.cursor) {
    // Call ids are bigints, not uuids: the cursor's id is digits.
    const [iso, digits] = decodeCursor(q.cursor, cursorValue.timestamp, cursorValue.digits);
    const at = new Date(iso);
    const id = BigInt(digits);
    where.push({ OR: [{ startedAt: { lt: at } }, { startedAt: at, id: { lt: id } }] });
  }
  if (q.q) where.push({ id: { in: await searchHits(db, { AND: where }, tenant.id, q.q.toLowerCase(), q.limit + 1) } });
  const rows = await db.call.findMany({
    where: { AND: where },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: q.limit + 1,
    include: { callerExtension: { select: { number: true } }, calleeExtension: { select: { number: true } } },
  });
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { items: page.map(toCallView), nextCursor: more && last ? encodeCursor(last.startedAt.toISOString(), String(last.id)) : null };
}

const ORDER = [{ startedAt: 'desc' as const }, { id: 'desc' as const }];
/** How far a search walks the newest calls before it concludes that matches are sparse. */
const WALK = 2_000;

/**
 * The ids of the calls a number or name search can show on this page. Neither plan suits every
 * term: walking the newest calls is instant when matches are dense ("555") and reads the whole
 * tenant when they are rare (one customer's number); the trigram index is the reverse. So walk a
 * bounded stretch first; a full page from it is exact. Otherwise fetch every match by the index.
 */
async function searchHits(db: ReturnType<typeof dbOf>, where: Prisma.CallWhereInput, tenantId: string, term: string, take: number): Promise<bigint[]> {
  const walked = await db.call.findMany({ where, orderBy: ORDER, take: WALK, select: { id: true, searchText: true } });
  const hits = walked.filter((c) => c.searchText?.includes(term)).map((c) => c.id);
  if (hits.length >= take || walked.length < WALK) return hits.slice(0, take);
  const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    WITH hits AS MATERIALIZED (SELECT id, started_at FROM sb_calls WHERE tenant_id = ${tenantId}::uuid AND search_text LIKE ${like})
    SELECT id FROM hits ORDER BY started_at DESC, id DESC LIMIT 20000`;
  return rows.map((r) => r.id);
}
