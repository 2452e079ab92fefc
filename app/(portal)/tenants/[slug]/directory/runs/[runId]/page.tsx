import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RunReport } from '@/components/directory/run-report';
import { isLive, toRunView, when } from '@/components/directory/run-view';
import { PageHeader } from '@/components/portal/page-header';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { getDb } from '@/lib/db/client';
import { getDirectoryRun, listDirectoryRuns } from '@/lib/domain/directory/queue-run';
import { getTenant } from '@/lib/domain/tenant/get-tenant';
import { loadOr404 } from '@/lib/next/load';
import { requireActor } from '@/lib/next/session';
import { startDirectoryRunAction } from '../../actions';

export const metadata: Metadata = { title: 'Directory run' };

export default async function DirectoryRunPage({ params }: { params: Promise<{ slug: string; runId: string }> }) {
  const actor = await requireActor();
  const { slug, runId } = await params;
  const ctx = { actor, db: getDb() };
  const tenant = await loadOr404(getTenant(ctx, slug));
  const [row, [newest]] = await Promise.all([getDirectoryRun(ctx, tenant.id, runId), listDirectoryRuns(ctx, tenant.id, 1)]);
  if (!row) notFound();
  const run = toRunView(row);
  // Confirming an older stopped run would sync past the limit on a plan nobody looked at.
  const mayConfirm = actor.role !== 'viewer' && newest?.id === run.id;
  return (
    <>
      {isLive(run) && <AutoRefresh seconds={2} />}
      <PageHeader
        title={`${tenant.name}: directory ${run.mode} of ${when.format(run.createdAt)} UTC`}
        subtitle={
          <Link href={`/tenants/${tenant.slug}/directory`} className="text-indigo-600 hover:underline">
            ← Directory
          </Link>
        }
      />
      <RunReport run={run} slug={tenant.slug} confirm={mayConfirm ? startDirectoryRunAction.bind(null, tenant.id) : undefined} />
    </>
  );
}
