import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/portal/page-header';
import { CallTester } from '@/components/routing/call-tester';
import { getDb } from '@/lib/db/client';
import { getTenant } from '@/lib/domain/tenant/get-tenant';
import { loadOr404 } from '@/lib/next/load';
import { requireActor } from '@/lib/next/session';

export const metadata: Metadata = { title: 'Call-policy tester' };

export default async function CallTestPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requireActor();
  const { slug } = await params;
  const tenant = await loadOr404(getTenant({ actor, db: getDb() }, slug));
  return (
    <>
      <PageHeader
        title="Call-policy tester"
        subtitle={
          <>
            What Switchboard's AGI server decides for a call in{' '}
            <Link href={`/tenants/${tenant.slug}`} className="text-indigo-600 hover:underline">{tenant.name}</Link>, and why.
          </>
        }
      />
      <CallTester tenantId={tenant.id} />
    </>
  );
}
