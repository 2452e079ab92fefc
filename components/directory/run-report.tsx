import type { StartRunAction } from './directory-actions';
import { PlanTables } from './plan-tables';
import { ConfirmSyncButton } from './run-buttons';
import { MODE_LABEL, RunStatus } from './run-status';
import { durationOf, isActive, when, type RunView } from './run-view';
import { SummaryCounts } from './summary-counts';

/**
 * One run as far as it has got: waiting, reading, or its report (a preview's plan, a sync's
 * counts and changes, why it failed or stopped). `confirm`: offered on a run stopped at the
 * safety limit when it is the tenant's latest run, so the plan confirmed is the one shown.
 */
export function RunReport({ run, slug, confirm, limit, reportHref }: { run: RunView; slug: string; confirm?: StartRunAction; limit?: number; reportHref?: string }) {
  const duration = durationOf(run);
  const safety = run.plan?.safety;
  const applied = run.mode === 'sync' && run.status === 'succeeded';
  return (
    <div className="space-y-4" data-testid="run-report" data-mode={run.mode} data-status={run.status}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="font-semibold">{MODE_LABEL[run.mode]}{run.confirmed ? ' (confirmed past the safety limit)' : ''}</span>
        <RunStatus run={run} />
        <span className="text-slate-600">
          {when.format(run.createdAt)} UTC · {run.trigger} · by {run.requestedBy}
          {duration && !isActive(run) && ` · took ${duration}`}
        </span>
      </div>
      {run.status === 'failed' && (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700 ring-1 ring-inset ring-red-200">
          {run.error ?? 'The run failed.'} Nothing was changed.
        </div>
      )}
      {run.status === 'stopped' && safety && (
        <div role="alert" className="space-y-3 rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
          <p>
            <strong>Stopped by the safety limit:</strong> this sync would deactivate or remove {safety.affected.toLocaleString('en')} of{' '}
            {safety.synced.toLocaleString('en')} synced extensions (more than {safety.limitPercent}%). Nothing was changed.
          </p>
          {confirm && (
            <>
              <p>If the plan below is what you expect (a reorganised directory, say), sync past the limit once.</p>
              <ConfirmSyncButton start={confirm} directoryHref={`/tenants/${slug}/directory`} />
            </>
          )}
        </div>
      )}
      {run.mode === 'preview' && run.status === 'succeeded' && <p className="text-sm text-slate-600">What a sync would do now. Nothing was changed.</p>}
      {run.mode === 'preview' && safety?.tripped && (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
          A sync would stop at the safety limit: it would deactivate or remove {safety.affected.toLocaleString('en')} of {safety.synced.toLocaleString('en')} synced
          extensions (more than {safety.limitPercent}%), and ask to be confirmed.
        </p>
      )}
      {run.summary && <SummaryCounts summary={run.summary} done={applied} />}
      {run.plan && <PlanTables plan={run.plan} slug={slug} limit={limit} moreHref={reportHref} />}
    </div>
  );
}
