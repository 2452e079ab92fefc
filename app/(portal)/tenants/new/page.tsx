import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/portal/page-header';
import { TenantForm } from '@/components/tenant/tenant-form';
import { requireActor } from '@/lib/next/session';

export const metadata: Metadata = { title: 'New tenant' };

export default async function NewTenantPage() {
  const actor = await requireActor();
  if (actor.role !== 'platform_admin') notFound();
  return (
    <>
      <PageHeader title="New tenant" subtitle="A customer company on this PBX." />
      <TenantForm canSetStatus />
    </>
  );
}
