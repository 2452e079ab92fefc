import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/portal/page-header';
import { ExtensionForm } from '@/components/extension/extension-form';
import { getDb } from '@/lib/db/client';
import { assertTenantAccess } from '@/lib/domain/actor';
import { listDids } from '@/lib/domain/did/list-dids';
import { getTenant } from '@/lib/domain/tenant/get-tenant';
import { loadOr404 } from '@/lib/next/load';
import { requireActor } from '@/lib/next/session';
import { Forbidden } from '@/components/portal/forbidden';
import { isAppError } from '@/lib/errors';

export const metadata: Metadata = { title: 'New extension' };

export default async function NewExtensionPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requireActor();
  const { slug } = await params;
  const ctx = { actor, db: getDb() };
  const tenant = await loadOr404(getTenant(ctx, slug));
  try {
    assertTenantAccess(actor, tenant.id, 'write');
  } catch (err) {
    if (isAppError(err) && err.code === 'forbidden') return <Forbidden message={err.message} />;
    throw err;
  }
  const dids = await listDids(ctx, tenant.id);
  return (
    <>
      <PageHeader
        title="New extension"
        subtitle={
          <>
            in <Link href={`/tenants/${tenant.slug}`} className="text-indigo-600 hover:underline">{tenant.name}</Link>
          </>
        }
      />
      <ExtensionForm
        tenant={{ id: tenant.id, slug: tenant.slug, extensionLength: tenant.extensionLength, defaultCountry: tenant.defaultCountry, sipDomain: tenant.sipDomain }}
        callerIds={dids.map((d) => ({ id: d.id, e164: d.e164, label: d.label, isMain: d.isMain }))}
      />
    </>
  );
}
