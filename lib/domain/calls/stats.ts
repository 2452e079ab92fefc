/**
 * Call figures for the charts, aggregated in SQL (never the rows themselves): calls per hour or
 * day split by how they ended, calls by direction, and the busiest extensions, for one tenant or
 * for every tenant within the actor's reach, over a time range, bucketed on the admin's clock.
 */
import { z } from 'zod';
import { Prisma } from '../../generated/prisma/client.ts';
import { dbOf, type Ctx } from '../context.ts';
import { parseInput } from '../parse.ts';
import { tenantIdsInReach } from '../tenant/get-tenant.ts';
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

const DIRECTION_ORDER = ['internal', 'outbound', 'inbound', 'emergency'] as const;

export async function callStats(ctx: Ctx, tenantRef: string | null, query: CallStatsQuery): Promise<CallStats> {
  const q = parseInput(callStatsQuery, query);
  const db = dbOf(ctx);
  const scope = await tenantIdsInReach(db, ctx.actor, tenantRef);
  await ingestCalls(db, { maxRows: 5_000 });
  const bucket = q.bucket ?? (q.to.getTime() - q.from.getTime() <= 2 * 86_400_000 ? 'hour' : 'day');
  const tenantFilter = scope ? Prisma.sql`AND tenant_id = ANY(${scope}::uuid[])` : Prisma.sql`AND tenant_id IS NOT NULL`;
  const range = Prisma.sql`started_at >= ${q.from} AND started_at < ${q.to} ${tenantFilter}`;
  const unit = bucket === 'hour' ? Prisma.sql`'hour'` : Prisma.sql`'day'`;

  // Two passes over the range (index-only where the visibility map allows): buckets and
  // directions in one, with grouping sets; the extensions that took part in the other.
  const [grouped, busiest] = await Promise.all([
    db.$queryRaw<{ start: Date | null; direction: CallStats['byDirection'][number]['direction'] | null; answered: number; missed: number; failed: number; talk: number }[]>`
      SELECT date_trunc(${unit}, started_at AT TIME ZONE ${q.zone}) AS start, direction,
             count(*) FILTER (WHERE outcome = 'answered')::int AS answered,
             count(*) FILTER (WHERE outcome IN ('missed', 'busy'))::int AS missed,
             count(*) FILTER (WHERE outcome IN ('failed', 'refused'))::int AS failed,
             coalesce(sum(billsec), 0)::int AS talk
        FROM sb_calls WHERE ${range}
       GROUP BY GROUPING SETS ((1), (2))`,
    db.$queryRaw<{ number: string; name: string; calls: number }[]>`
      SELECT e.number, e.display_name AS name, x.calls
        FROM (SELECT ext, count(*)::int AS calls
                FROM sb_calls, LATERAL (VALUES (caller_extension_id), (callee_extension_id)) v(ext)
               WHERE ${range} AND v.ext IS NOT NULL
               GROUP BY ext ORDER BY calls DESC LIMIT ${q.top * 2}) x
        JOIN sb_extensions e ON e.id = x.ext
       ORDER BY x.calls DESC, e.number LIMIT ${q.top}`,
  ]);
  const series = grouped.filter((g) => g.start !== null) as { start: Date; answered: number; missed: number; failed: number; talk: number }[];
  const byDirection = grouped
    .filter((g) => g.direction !== null)
    .map((g) => ({ direction: g.direction!, calls: g.answered + g.missed + g.failed }))
    .sort((a, b) => b.calls - a.calls || DIRECTION_ORDER.indexOf(a.direction) - DIRECTION_ORDER.indexOf(b.direction));
  const sum = (k: 'answered' | 'missed' | 'failed' | 'talk') => series.reduce((n, b) => n + b[k], 0);
  const total = { calls: sum('answered') + sum('missed') + sum('failed'), answered: sum('answered'), missed: sum('missed'), failed: sum('failed'), talkSeconds: sum('talk') };
  return { bucket, series: fill(series, q.from, q.to, bucket, q.zone), byDirection, busiest, total };
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
