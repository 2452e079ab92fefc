/**
 * Call figures for the charts, aggregated in SQL (never the rows themselves): calls per hour or
 * day split by how they ended, calls by direction, and the busiest extensions, for one tenant or
 * for every tenant within the actor's reach, over a time range, bucketed on the admin's clock.
 */
import { z } from 'zod';
import { Prisma } from '../../generated/prisma/client.ts';
import { tenantScope } from '../actor.ts';
import { dbOf, type Ctx } from '../context.ts';
import { parseInput } from '../parse.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { isTimeZone } from '../zoned-time.ts';
import { ingestCalls } from './ingest.ts';

export const callStatsQuery = z
  .object({
    from: z.coerce.date(),
    to: z.coerce.date(),
    zone: z.string().refine(isTimeZone, 'is not a time zone'),
    bucket: z.enum(['hour', 'day']).optional(),
    top: z.number().int().min(1).max(50).default(10),
  })
  .refine((v) => v.from < v.to, { path: ['to'], message: 'must be after from' })
  .refine((v) => v.to.getTime() - v.from.getTime() <= 400 * 86_400_000, { path: ['from'], message: 'at most 400 days' });
export type CallStatsQuery = z.input<typeof callStatsQuery>;

/** Answered, missed (incl. busy) and failed (incl. refused): the three an admin reads at a glance. */
export type Bucket = { start: string; answered: number; missed: number; failed: number };
export type CallStats = {
  bucket: 'hour' | 'day';
  series: Bucket[];
  byDirection: { direction: 'internal' | 'outbound' | 'inbound' | 'emergency'; calls: number }[];
  busiest: { number: string; name: string; calls: number }[];
  total: { calls: number; answered: number; missed: number; failed: number; talkSeconds: number };
};

export async function callStats(ctx: Ctx, tenantRef: string | null, query: CallStatsQuery): Promise<CallStats> {
  const q = parseInput(callStatsQuery, query);
  const db = dbOf(ctx);
  const scope = tenantRef ? [(await findTenant(db, ctx.actor, tenantRef, 'read')).id] : tenantScope(ctx.actor) ? [tenantScope(ctx.actor)!] : null;
  await ingestCalls(db, { maxRows: 5_000 });
  const bucket = q.bucket ?? (q.to.getTime() - q.from.getTime() <= 2 * 86_400_000 ? 'hour' : 'day');
  const tenantFilter = scope ? Prisma.sql`AND tenant_id = ANY(${scope}::uuid[])` : Prisma.sql`AND tenant_id IS NOT NULL`;
  const range = Prisma.sql`started_at >= ${q.from} AND started_at < ${q.to} ${tenantFilter}`;
  const unit = bucket === 'hour' ? Prisma.sql`'hour'` : Prisma.sql`'day'`;

  const [series, directions, busiest, [total]] = await Promise.all([
    db.$queryRaw<{ start: Date; answered: number; missed: number; failed: number }[]>`
      SELECT date_trunc(${unit}, started_at AT TIME ZONE ${q.zone}) AS start,
             count(*) FILTER (WHERE outcome = 'answered')::int AS answered,
             count(*) FILTER (WHERE outcome IN ('missed', 'busy'))::int AS missed,
             count(*) FILTER (WHERE outcome IN ('failed', 'refused'))::int AS failed
        FROM sb_calls WHERE ${range} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ direction: CallStats['byDirection'][number]['direction']; calls: number }[]>`
      SELECT direction, count(*)::int AS calls FROM sb_calls WHERE ${range} GROUP BY 1 ORDER BY 2 DESC, 1`,
    db.$queryRaw<{ number: string; name: string; calls: number }[]>`
      SELECT e.number, e.display_name AS name, count(*)::int AS calls
        FROM (SELECT caller_extension_id AS ext FROM sb_calls WHERE ${range} AND caller_extension_id IS NOT NULL
              UNION ALL
              SELECT callee_extension_id FROM sb_calls WHERE ${range} AND callee_extension_id IS NOT NULL) x
        JOIN sb_extensions e ON e.id = x.ext
       GROUP BY e.id, e.number, e.display_name ORDER BY calls DESC, e.number LIMIT ${q.top}`,
    db.$queryRaw<CallStats['total'][]>`
      SELECT count(*)::int AS calls,
             count(*) FILTER (WHERE outcome = 'answered')::int AS answered,
             count(*) FILTER (WHERE outcome IN ('missed', 'busy'))::int AS missed,
             count(*) FILTER (WHERE outcome IN ('failed', 'refused'))::int AS failed,
             coalesce(sum(billsec), 0)::int AS "talkSeconds"
        FROM sb_calls WHERE ${range}`,
  ]);
  return { bucket, series: fill(series, q.from, q.to, bucket, q.zone), byDirection: directions, busiest, total };
}

/** Every bucket of the range, empty ones as zeros: a chart with gaps reads as a chart of nothing. */
function fill(rows: { start: Date; answered: number; missed: number; failed: number }[], from: Date, to: Date, bucket: 'hour' | 'day', zone: string): Bucket[] {
  // date_trunc on a `timestamp` (wall clock) comes back as a Date whose UTC fields are that wall clock.
  const key = (d: Date) => d.toISOString().slice(0, bucket === 'hour' ? 13 : 10);
  const byKey = new Map(rows.map((r) => [key(r.start), r]));
  const out: Bucket[] = [];
  const step = bucket === 'hour' ? 3_600_000 : 86_400_000;
  const wall = (d: Date) => new Date(`${d.toLocaleString('sv-SE', { timeZone: zone }).replace(' ', 'T')}Z`);
  let at = wall(from);
  at = bucket === 'hour' ? new Date(Math.floor(at.getTime() / step) * step) : new Date(`${at.toISOString().slice(0, 10)}T00:00:00Z`);
  const end = wall(to);
  for (let i = 0; at < end && i < 10_000; i++, at = new Date(at.getTime() + step)) {
    const r = byKey.get(key(at));
    out.push({ start: key(at), answered: r?.answered ?? 0, missed: r?.missed ?? 0, failed: r?.failed ?? 0 });
  }
  return out;
}
