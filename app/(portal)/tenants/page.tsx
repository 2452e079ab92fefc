import Link from 'next/link';
import type { Metadata } from 'next';
import { PageHeader } from '@/components/portal/page-header';
import { SearchBox } from '@/components/portal/search-box';
import { Pill } from '@/components/ui/badges';
import { linkButton } from '@/components/ui/button';
import { getDb } from '@/lib/db/client';
import { parseSearchParams, type SearchParams } from '@/lib/domain/parse';
import { listTenants } from '@/lib/domain/tenant/list-tenants';
import { tenantListQuery } from '@/lib/domain/tenant/schemas';
import { firstPageOnBadCursor } from '@/lib/next/load';
import { requireActor } from '@/lib/next/session';

export const metadata: Metadata = { title: 'Tenants' };
const params = tenantListQuery.pick({ q: true, cursor: true });

export default async function TenantsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const { q, cursor } = parseSearchParams(params, await searchParams);
  const ctx = { actor, db: getDb() };
  const page = await firstPageOnBadCursor(listTenants(ctx, { q, cursor, limit: 50 }), () => listTenants(ctx, { q, limit: 50 }));
  return (
    <>
      <PageHeader
        title="Tenants"
        subtitle="Each tenant is a customer company with its own SIP domain, numbers and dialplan context."
        actions={actor.role === 'platform_admin' && <Link href="/tenants/new" className={linkButton}>New tenant</Link>}
      />
      <SearchBox placeholder="Search by name, slug or domain" defaultValue={q} />
      {page.items.length === 0 ? (
        <p className="mt-4 rounded-lg bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">
          {q ? `No tenant matches "${q}".` : 'No tenants yet.'}
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">Name</th>
                <th scope="col" className="px-4 py-2">SIP domain</th>
                <th scope="col" className="px-4 py-2">Country</th>
                <th scope="col" className="px-4 py-2 text-right">Extensions</th>
                <th scope="col" className="px-4 py-2">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((t) => (
                <tr key={t.id} className="hover:bg-slate-50">
                  <td className="px-4 py-2">
                    <Link href={`/tenants/${t.slug}`} className="font-medium text-indigo-700 hover:underline">
                      {t.name}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{t.slug}</div>
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{t.sipDomain}</td>
                  <td className="px-4 py-2">{t.defaultCountry}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{t.extensionCount}</td>
                  <td className="px-4 py-2">
                    <Pill tone={t.status === 'active' ? 'green' : 'amber'}>{t.status}</Pill>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor && (
        <div className="mt-4 text-right">
          <Link href={`/tenants?${new URLSearchParams({ ...(q ? { q } : {}), cursor: page.nextCursor })}`} className="text-sm font-semibold text-indigo-600 hover:underline">
            Next page →
          </Link>
        </div>
      )}
    </>
  );
}
