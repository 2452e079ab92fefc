import type { Metadata } from 'next';
import Link from 'next/link';
import { CallActivity } from '@/components/calls/call-activity';
import { CallsTable } from '@/components/calls/calls-table';
import { callQueryOf, callUrl, RANGES, readCallUrl } from '@/components/calls/url-query';
import { PageHeader } from '@/components/portal/page-header';
import { getDb } from '@/lib/db/client';
import { listCalls } from '@/lib/domain/calls/list-calls';
import { callStats } from '@/lib/domain/calls/stats';
import { CALL_DIRECTIONS, CALL_OUTCOMES } from '@/lib/domain/calls/schemas';
import type { SearchParams } from '@/lib/domain/parse';
import { getTenant } from '@/lib/domain/tenant/get-tenant';
import { wallClock } from '@/lib/domain/zoned-time';
import { isAppError } from '@/lib/errors';
import { loadOr404 } from '@/lib/next/load';
import { requireActor } from '@/lib/next/session';
import { adminTimeZone } from '@/lib/next/time-zone';

export const metadata: Metadata = { title: 'Calls' };

const input = 'block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600';

export default async function CallsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const [actor, zone] = await Promise.all([requireActor(), adminTimeZone()]);
  const { slug } = await params;
  const u = readCallUrl(await searchParams);
  const ctx = { actor, db: getDb() };
  const tenant = await loadOr404(getTenant(ctx, slug));
  const query = callQueryOf(u, zone);
  const now = new Date();
  // The charts show the chosen range (filters other than time apply to the list below).
  const from = query.from ?? new Date(now.getTime() - 7 * 86_400_000);
  const to = query.to ?? now;
  // A filter the domain refuses (an extension this tenant does not have) is said, not a 500.
  let problem: string | null = null;
  const [page, stats] = await Promise.all([
    listCalls(ctx, tenant.id, query).catch((err) => {
      if (!isAppError(err) || err.code !== 'validation') throw err;
      problem = err.message;
      return { items: [], nextCursor: null };
    }),
    from < to ? callStats(ctx, tenant.id, { from, to, zone }).catch(() => null) : null,
  ]);
  const base = `/tenants/${tenant.slug}/calls`;
  const filters = { ...u, cursor: undefined };

  return (
    <>
      <PageHeader
        title={`Calls · ${tenant.name}`}
        subtitle={<>Every call of this tenant&apos;s phones and numbers. Times in {zone}.</>}
        actions={
          <>
            <Link href={`/tenants/${tenant.slug}`} className="rounded-md bg-white px-3.5 py-2 text-sm font-semibold ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
              Extensions
            </Link>
            <a href={callUrl(`${base}/export`, filters)} className="rounded-md bg-white px-3.5 py-2 text-sm font-semibold ring-1 ring-inset ring-slate-300 hover:bg-slate-50" download>
              Export CSV
            </a>
          </>
        }
      />
      <form role="search" method="get" aria-label="Filter calls" className="mb-4 grid gap-3 sm:grid-cols-4 lg:grid-cols-8">
        <div className="lg:col-span-2">
          <label htmlFor="c-range" className="block text-sm font-medium">When</label>
          <select id="c-range" name="range" defaultValue={u.range} className={input}>
            {Object.entries(RANGES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="c-from" className="block text-sm font-medium">From</label>
          <input id="c-from" name="from" type="datetime-local" defaultValue={u.from ?? wallClock(new Date(now.getTime() - 7 * 86_400_000), zone)} className={input} />
        </div>
        <div>
          <label htmlFor="c-to" className="block text-sm font-medium">To</label>
          <input id="c-to" name="to" type="datetime-local" defaultValue={u.to ?? wallClock(now, zone)} className={input} />
        </div>
        <div>
          <label htmlFor="c-ext" className="block text-sm font-medium">Extension</label>
          <input id="c-ext" name="extension" inputMode="numeric" defaultValue={u.extension} className={input} />
        </div>
        <div>
          <label htmlFor="c-dir" className="block text-sm font-medium">Direction</label>
          <select id="c-dir" name="direction" defaultValue={u.direction ?? ''} className={input}>
            <option value="">Any</option>
            {CALL_DIRECTIONS.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="c-out" className="block text-sm font-medium">Outcome</label>
          <select id="c-out" name="outcome" defaultValue={u.outcome ?? ''} className={input}>
            <option value="">Any</option>
            {CALL_OUTCOMES.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="c-q" className="block text-sm font-medium">Number</label>
          <input id="c-q" name="q" defaultValue={u.q} placeholder="digits or name" className={input} />
        </div>
        <div className="flex items-end sm:col-span-4 lg:col-span-8">
          <button type="submit" className="rounded-md bg-white px-3 py-2 text-sm font-semibold ring-1 ring-inset ring-slate-300 hover:bg-slate-50">Show calls</button>
        </div>
      </form>
      {stats && <CallActivity stats={stats} title="Call activity" rangeLabel={RANGES[u.range]} />}
      {problem && <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-700">{problem}</p>}
      {page.items.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">No calls match.</p>
      ) : (
        <CallsTable calls={page.items} zone={zone} caption={`Calls of ${tenant.name}, newest first`} />
      )}
      {page.nextCursor && (
        <div className="mt-4 text-right">
          <Link href={callUrl(base, { ...u, cursor: page.nextCursor })} className="text-sm font-semibold text-indigo-600 hover:underline">Older calls →</Link>
        </div>
      )}
    </>
  );
}
