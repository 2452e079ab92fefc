import type { Metadata } from 'next';
import Link from 'next/link';
import { TokenSection } from '@/components/api-token/token-section';
import { PageHeader } from '@/components/portal/page-header';
import { getDb } from '@/lib/db/client';
import { listApiTokens } from '@/lib/domain/api-token/list-tokens';
import { getTenant } from '@/lib/domain/tenant/get-tenant';
import { loadOr404 } from '@/lib/next/load';
import { requireActor } from '@/lib/next/session';
import { createTenantTokenAction, revokeTenantTokenAction } from './actions';

export const metadata: Metadata = { title: 'API tokens' };

export default async function TenantTokensPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requireActor();
  const { slug } = await params;
  const ctx = { actor, db: getDb() };
  const tenant = await loadOr404(getTenant(ctx, slug));
  const tokens = await loadOr404(listApiTokens(ctx, tenant.id));
  return (
    <>
      <PageHeader
        title={`${tenant.name}: API tokens`}
        subtitle={
          <>
            <Link href={`/tenants/${tenant.slug}`} className="text-indigo-600 hover:underline">← Extensions</Link> · A token
            reaches this tenant only, through the REST API, read-only or as a tenant admin would.
          </>
        }
      />
      <TokenSection
        actor={actor}
        tenantId={tenant.id}
        tokens={tokens}
        apiPath={`/api/v1/tenants/${tenant.slug}/extensions`}
        create={createTenantTokenAction.bind(null, tenant.id)}
        revoke={revokeTenantTokenAction}
      />
    </>
  );
}
