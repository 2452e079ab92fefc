import type { Metadata } from 'next';
import { z } from 'zod';
import { AdoptPanel } from '@/components/adopt/adopt-panel';
import { Forbidden } from '@/components/portal/forbidden';
import { PageHeader } from '@/components/portal/page-header';
import { getDb } from '@/lib/db/client';
import { listUnowned } from '@/lib/domain/adopt/list-unowned';
import { parseSearchParams, type SearchParams } from '@/lib/domain/parse';
import { listTenants } from '@/lib/domain/tenant/list-tenants';
import { isAppError } from '@/lib/errors';
import { requireActor } from '@/lib/next/session';

export const metadata: Metadata = { title: 'Adopt endpoints' };

const filters = z.object({ context: z.string().trim().max(80).optional(), match: z.string().trim().max(255).optional() });
/** A page shows this many; a bigger PBX is narrowed by the filters or adopted with `switchboard adopt run`. */
const SHOWN = 500;

export default async function AdoptPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const ctx = { actor, db: getDb() };
  const f = parseSearchParams(filters, await searchParams);
  let unowned;
  try {
    unowned = await listUnowned(ctx, { ...f, limit: SHOWN });
  } catch (err) {
    if (isAppError(err) && err.code === 'forbidden') return <Forbidden message="Adopting endpoints is for platform admins." />;
    if (isAppError(err) && err.code === 'validation') unowned = { items: [], total: 0 };
    else throw err;
  }
  const tenants = (await listTenants(ctx, { limit: 200 })).items.map((t) => ({ id: t.id, slug: t.slug, name: t.name, context: t.context }));
  return (
    <>
      <PageHeader
        title="Adopt endpoints"
        subtitle="Endpoints in Asterisk's tables that no tenant owns, made by hand or by another tool. Adopting one keeps its id, password and registrations as they are: the phone keeps working."
      />
      <form role="search" method="get" aria-label="Filter endpoints" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="filter-context" className="block text-sm font-medium text-slate-800">Context</label>
          <input id="filter-context" name="context" defaultValue={f.context} placeholder="from-internal" className="block w-48 rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600" />
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-match" className="block text-sm font-medium text-slate-800">Id pattern</label>
          <input id="filter-match" name="match" defaultValue={f.match} placeholder="acme-*" className="block w-48 rounded-md border-0 px-3 py-2 font-mono text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600" />
        </div>
        <button type="submit" className="rounded-md bg-white px-3 py-2 text-sm font-semibold ring-1 ring-inset ring-slate-300 hover:bg-slate-50">Filter</button>
      </form>
      {unowned.total > unowned.items.length && (
        <p role="status" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-800 ring-1 ring-amber-200">
          Showing {unowned.items.length} of {unowned.total} endpoints. Narrow the filters, or adopt them all with{' '}
          <code className="font-mono">switchboard adopt run</code>.
        </p>
      )}
      {/* A new selection starts a new panel: a preview never outlives the list it was made for. */}
      <AdoptPanel key={`${f.context ?? ''}|${f.match ?? ''}`} endpoints={unowned.items} tenants={tenants} />
    </>
  );
}
