import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditTable } from '@/components/portal/audit-table';
import { PageHeader } from '@/components/portal/page-header';
import { getDb } from '@/lib/db/client';
import { auditQuery, listAudit } from '@/lib/domain/audit/list-audit';
import { parseSearchParams, type SearchParams } from '@/lib/domain/parse';
import { listTenants } from '@/lib/domain/tenant/list-tenants';
import { requireActor } from '@/lib/next/session';

export const metadata: Metadata = { title: 'Audit log' };
const params = auditQuery.pick({ tenantId: true, actor: true, object: true, before: true });

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const sp = parseSearchParams(params, await searchParams);
  const ctx = { actor, db: getDb() };
  const [tenants, page] = await Promise.all([listTenants(ctx, { limit: 200 }), listAudit(ctx, sp)]);
  const filters = { tenantId: sp.tenantId, actor: sp.actor, object: sp.object, before: page.nextBefore };
  const more = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
  const input = 'block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600';
  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change, who made it and when." />
      <form role="search" method="get" aria-label="Filter the audit log" className="mb-4 grid gap-3 sm:grid-cols-4">
        <div>
          <label htmlFor="f-tenant" className="block text-sm font-medium">Tenant</label>
          <select id="f-tenant" name="tenantId" defaultValue={sp.tenantId ?? ''} className={input}>
            <option value="">All tenants</option>
            {tenants.items.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-actor" className="block text-sm font-medium">Who</label>
          <input id="f-actor" name="actor" defaultValue={sp.actor} placeholder="e-mail" className={input} />
        </div>
        <div>
          <label htmlFor="f-object" className="block text-sm font-medium">Object</label>
          <input id="f-object" name="object" defaultValue={sp.object} placeholder="extension, 1001@…, tenant" className={input} />
        </div>
        <div className="flex items-end">
          <button type="submit" className="rounded-md bg-white px-3 py-2 text-sm font-semibold ring-1 ring-inset ring-slate-300 hover:bg-slate-50">Filter</button>
        </div>
      </form>
      <AuditTable entries={page.items} />
      {page.nextBefore && (
        <div className="mt-4 text-right">
          <Link href={`/audit?${more}`} className="text-sm font-semibold text-indigo-600 hover:underline">Older →</Link>
        </div>
      )}
    </>
  );
}
