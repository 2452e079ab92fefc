import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/portal/page-header';
import { NoCallerIdWarning } from '@/components/tenant/caller-id-warning';
import { DidManager } from '@/components/tenant/did-manager';
import { TenantDangerZone } from '@/components/tenant/tenant-danger-zone';
import { TenantForm } from '@/components/tenant/tenant-form';
import { getDb } from '@/lib/db/client';
import { listDids } from '@/lib/domain/did/list-dids';
import { countExtensions } from '@/lib/domain/extension/count-extensions';
import { getTenant } from '@/lib/domain/tenant/get-tenant';
import { loadOr404 } from '@/lib/next/load';
import { requireActor } from '@/lib/next/session';

export const metadata: Metadata = { title: 'Tenant settings' };

export default async function TenantSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requireActor();
  const { slug } = await params;
  const ctx = { actor, db: getDb() };
  const tenant = await loadOr404(getTenant(ctx, slug));
  const [dids, extensionCount] = await Promise.all([listDids(ctx, tenant.id), countExtensions(ctx, tenant.id)]);
  const canWrite = actor.role !== 'viewer';
  const { createdAt: _c, updatedAt: _u, context: _x, mainDidId: _m, ...values } = tenant;
  return (
    <>
      <PageHeader
        title={`${tenant.name}: settings`}
        subtitle={<Link href={`/tenants/${tenant.slug}`} className="text-indigo-600 hover:underline">← Extensions</Link>}
      />
      {dids.length === 0 && <NoCallerIdWarning />}
      <div className="space-y-10">
        {canWrite ? (
          <TenantForm tenant={{ ...values, extensionCount }} canSetStatus={actor.role === 'platform_admin'} />
        ) : (
          <dl className="grid max-w-2xl gap-2 text-sm sm:grid-cols-2">
            {Object.entries({ 'SIP domain': tenant.sipDomain, Country: tenant.defaultCountry, 'Extension length': tenant.extensionLength, 'Outbound trunk': tenant.outboundTrunk ?? '—', Codecs: tenant.codecs, Status: tenant.status }).map(([k, v]) => (
              <div key={k}><dt className="text-slate-500">{k}</dt><dd className="font-mono">{v}</dd></div>
            ))}
          </dl>
        )}
        <section aria-labelledby="dids" className="max-w-3xl space-y-3">
          <h2 id="dids" className="text-lg font-semibold">Inbound numbers (DIDs)</h2>
          <p className="text-sm text-slate-600">
            Outside and emergency calls present the main number as caller ID, unless an extension picks another of these numbers.
          </p>
          <DidManager tenantId={tenant.id} dids={dids} canWrite={canWrite} />
        </section>
        {actor.role === 'platform_admin' && (
          <section aria-labelledby="danger" className="space-y-3">
            <h2 id="danger" className="text-lg font-semibold">Delete</h2>
            <TenantDangerZone id={tenant.id} name={tenant.name} extensionCount={extensionCount} />
          </section>
        )}
      </div>
    </>
  );
}
