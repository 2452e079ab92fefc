import type { Metadata } from 'next';
import Link from 'next/link';
import { DirectoryForm } from '@/components/directory/directory-form';
import { formValues, presetOf } from '@/components/directory/form-values';
import { RunButtons } from '@/components/directory/run-buttons';
import { RunHistory } from '@/components/directory/run-history';
import { RunReport } from '@/components/directory/run-report';
import { isLive, toRunView } from '@/components/directory/run-view';
import { SettingsSummary } from '@/components/directory/settings-summary';
import { PageHeader } from '@/components/portal/page-header';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { getDb } from '@/lib/db/client';
import { listDirectoryRuns } from '@/lib/domain/directory/queue-run';
import { getDirectorySettings } from '@/lib/domain/directory/settings';
import { getTenant } from '@/lib/domain/tenant/get-tenant';
import { loadOr404 } from '@/lib/next/load';
import { requireActor } from '@/lib/next/session';
import { saveDirectoryAction, startDirectoryRunAction, testDirectoryAction } from './actions';

export const metadata: Metadata = { title: 'Directory' };

/** Rows of each plan table shown here; the run's own page has them all. */
const ROWS_HERE = 50;

export default async function TenantDirectoryPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requireActor();
  const { slug } = await params;
  const ctx = { actor, db: getDb() };
  const tenant = await loadOr404(getTenant(ctx, slug));
  const [settings, rows] = await Promise.all([getDirectorySettings(ctx, tenant.id), listDirectoryRuns(ctx, tenant.id, 20)]);
  const runs = rows.map(toRunView);
  const latest = runs[0];
  const canWrite = actor.role !== 'viewer';
  const start = startDirectoryRunAction.bind(null, tenant.id);
  return (
    <>
      {/* Follows a run while it waits or reads; a finished page stays still. */}
      {latest && isLive(latest) && <AutoRefresh seconds={2} />}
      <PageHeader
        title={`${tenant.name}: directory`}
        subtitle={
          <>
            <Link href={`/tenants/${tenant.slug}`} className="text-indigo-600 hover:underline">← Extensions</Link> · Extensions for the users of an
            Active Directory or LDAP directory: created, renamed, renumbered, deactivated when they leave.
          </>
        }
      />
      {/* Runs first: once the settings are right, they are what this page is visited for. */}
      <div className="space-y-10">
        <section aria-labelledby="run" className="space-y-4">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div>
              <h2 id="run" className="text-lg font-semibold">Preview and sync</h2>
              <p className="text-sm text-slate-600">
                {settings ? 'Runs use the saved settings. A preview shows what a sync would change, and changes nothing.' : 'Fill in and save the settings below first.'}
              </p>
            </div>
            {canWrite && settings && <RunButtons start={start} busy={!!latest && isLive(latest)} />}
          </div>
          {latest && (
            <div className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
              <h3 className="mb-3 font-semibold">Latest run</h3>
              <RunReport
                run={latest}
                slug={tenant.slug}
                confirm={canWrite ? start : undefined}
                limit={ROWS_HERE}
                reportHref={`/tenants/${tenant.slug}/directory/runs/${latest.id}`}
              />
            </div>
          )}
        </section>

        <section aria-labelledby="history" className="space-y-3">
          <h2 id="history" className="text-lg font-semibold">History</h2>
          <RunHistory runs={runs} slug={tenant.slug} />
        </section>

        <section aria-labelledby="settings" className="max-w-4xl space-y-3">
          <h2 id="settings" className="text-lg font-semibold">Settings</h2>
          {canWrite ? (
            <DirectoryForm
              defaults={formValues(settings)}
              preset={presetOf(settings)}
              hasBindPassword={!!settings?.hasBindPassword}
              save={saveDirectoryAction.bind(null, tenant.id)}
              test={testDirectoryAction.bind(null, tenant.id)}
            />
          ) : settings ? (
            <>
              <p className="text-sm text-slate-600">You have read-only access.</p>
              <SettingsSummary settings={settings} />
            </>
          ) : (
            <p className="text-sm text-slate-600">No directory is set up for this tenant.</p>
          )}
        </section>
      </div>
    </>
  );
}
