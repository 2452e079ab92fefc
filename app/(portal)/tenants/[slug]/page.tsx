import Link from 'next/link';
import type { Metadata } from 'next';
import { CallActivity } from '@/components/calls/call-activity';
import { PageHeader } from '@/components/portal/page-header';
import { SearchBox } from '@/components/portal/search-box';
import { AdBadge, Pill } from '@/components/ui/badges';
import { linkButton } from '@/components/ui/button';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { NoCallerIdWarning } from '@/components/tenant/caller-id-warning';
import { listDids } from '@/lib/domain/did/list-dids';
import { getDb } from '@/lib/db/client';
import { listExtensions } from '@/lib/domain/extension/list-extensions';
import { extensionListQuery } from '@/lib/domain/extension/schemas';
import { parseSearchParams, type SearchParams } from '@/lib/domain/parse';
import { callStats } from '@/lib/domain/calls/stats';
import { getRegistrations } from '@/lib/next/registrations';
import { adminTimeZone } from '@/lib/next/time-zone';
import { getTenant } from '@/lib/domain/tenant/get-tenant';
import { firstPageOnBadCursor, loadOr404 } from '@/lib/next/load';
import { requireActor } from '@/lib/next/session';

export const metadata: Metadata = { title: 'Extensions' };

const urlParams = extensionListQuery.pick({ q: true, sort: true, dir: true, cursor: true });
/** The tenant's other pages, as buttons beside its extensions. */
const PAGES = [['calls', 'Calls'], ['phones', 'Phones'], ['call-test', 'Test a call'], ['tokens', 'API tokens'], ['directory', 'Directory'], ['settings', 'Settings']] as const;
const secondary = 'rounded-md bg-white px-3.5 py-2 text-sm font-semibold ring-1 ring-inset ring-slate-300 hover:bg-slate-50';
const SORTS = { number: 'Number', displayName: 'Name', createdAt: 'Created' } as const;

export default async function TenantExtensionsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const { slug } = await params;
  const sp = parseSearchParams(urlParams, await searchParams);
  const db = getDb();
  const ctx = { actor, db };
  const tenant = await loadOr404(getTenant(ctx, slug));
  const { sort, dir } = sp;
  const query = { q: sp.q, sort, dir, limit: 50, withTotal: true } as const;
  const page = await firstPageOnBadCursor(listExtensions(ctx, tenant.id, { ...query, cursor: sp.cursor }), () =>
    listExtensions(ctx, tenant.id, query),
  );
  const now = new Date();
  const [regs, dids, calls] = await Promise.all([
    getRegistrations(page.items.map((e) => e.endpointId)),
    listDids(ctx, tenant.id),
    adminTimeZone().then((zone) => callStats(ctx, tenant.id, { from: new Date(now.getTime() - 7 * 86_400_000), to: now, zone })),
  ]);
  const canWrite = actor.role !== 'viewer';
  const url = (over: Partial<typeof sp>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ q: sp.q, sort, dir, ...over })) if (v) p.set(k, v);
    return `/tenants/${tenant.slug}?${p}`;
  };

  return (
    <>
      <AutoRefresh seconds={10} />
      <PageHeader
        title={tenant.name}
        subtitle={
          <>
            <span className="font-mono">{tenant.sipDomain}</span> · context <span className="font-mono">{tenant.context}</span> ·{' '}
            {page.total?.toLocaleString('en')} extensions {tenant.status === 'suspended' && <Pill tone="amber">suspended</Pill>}
          </>
        }
        actions={
          <>
            {PAGES.map(([path, label]) => (
              <Link key={path} href={`/tenants/${tenant.slug}/${path}`} className={secondary}>
                {label}
              </Link>
            ))}
            {/* A download, not a page: a plain link, with the list's search kept. */}
            <a
              href={`/tenants/${tenant.slug}/extensions/export${sp.q ? `?${new URLSearchParams({ q: sp.q })}` : ''}`}
              download
              className={secondary}
            >
              Export CSV
            </a>
            {canWrite && (
              <Link href={`/tenants/${tenant.slug}/extensions/import`} className={secondary}>
                Import CSV
              </Link>
            )}
            {canWrite && (
              <Link href={`/tenants/${tenant.slug}/extensions/new`} className={linkButton}>
                New extension
              </Link>
            )}
          </>
        }
      />
      {dids.length === 0 && <NoCallerIdWarning settingsHref={`/tenants/${tenant.slug}/settings`} />}
      <SearchBox placeholder="Search number, name or e-mail" defaultValue={sp.q} hidden={{ sort, dir }} />
      {page.items.length === 0 ? (
        <p className="mt-4 rounded-lg bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">
          {sp.q ? `No extension matches "${sp.q}".` : 'No extensions yet.'}{' '}
          {canWrite && !sp.q && (
            <Link href={`/tenants/${tenant.slug}/extensions/new`} className="font-semibold text-indigo-600 hover:underline">
              Create the first one
            </Link>
          )}
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                {(['number', 'displayName'] as const).map((key) => (
                  <th key={key} scope="col" className="px-4 py-2" aria-sort={sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                    <Link href={url({ sort: key, dir: sort === key && dir === 'asc' ? 'desc' : 'asc', cursor: undefined })} className="hover:text-slate-900">
                      {SORTS[key]} {sort === key ? (dir === 'asc' ? '↑' : '↓') : ''}
                    </Link>
                  </th>
                ))}
                <th scope="col" className="hidden px-4 py-2 md:table-cell">E-mail</th>
                <th scope="col" className="hidden px-4 py-2 sm:table-cell">External calls</th>
                <th scope="col" className="px-4 py-2">Registration</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((e) => {
                const contacts = regs.get(e.endpointId) ?? [];
                return (
                  <tr key={e.id} className="hover:bg-slate-50">
                    <td className="px-4 py-2 font-mono">
                      <Link href={`/tenants/${tenant.slug}/extensions/${e.id}`} className="font-semibold text-indigo-700 hover:underline">
                        {e.number}
                      </Link>
                    </td>
                    <td className="px-4 py-2">
                      <span className="mr-2">{e.displayName}</span>
                      {e.adSynced && <AdBadge username={e.adUsername} />}
                      {!e.active && <Pill tone="slate">inactive</Pill>}
                    </td>
                    <td className="hidden px-4 py-2 text-slate-600 md:table-cell">{e.email ?? '—'}</td>
                    <td className="hidden px-4 py-2 sm:table-cell">{e.allowExternal ? 'Allowed' : <span className="text-slate-500">Internal only</span>}</td>
                    <td className="px-4 py-2">
                      {contacts.length ? (
                        <Pill tone="green">
                          <span aria-hidden className="size-1.5 rounded-full bg-green-600" /> Registered
                        </Pill>
                      ) : (
                        <Pill tone="slate">Not registered</Pill>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
        {sp.cursor ? (
          <Link href={url({ cursor: undefined })} className="font-semibold text-indigo-600 hover:underline">
            ← First page
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor && (
          <Link href={url({ cursor: page.nextCursor })} className="font-semibold text-indigo-600 hover:underline">
            Next page →
          </Link>
        )}
      </nav>
      <div className="mt-8">
        <CallActivity stats={calls} title="Calls this week" rangeLabel="Last 7 days" />
      </div>
    </>
  );
}
