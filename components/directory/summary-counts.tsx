import type { SyncSummary } from '@/lib/domain/directory/sync';

type Key = keyof Omit<SyncSummary, 'durationMs' | 'entriesWithoutId'>;
const LABELS: [Key, string, string][] = [
  ['users', 'directory users', 'directory users'],
  ['created', 'to create', 'created'],
  ['updated', 'to update', 'updated'],
  ['renumbered', 'to renumber', 'renumbered'],
  ['deactivated', 'to deactivate', 'deactivated'],
  ['removed', 'to remove', 'removed'],
  ['reactivated', 'to reactivate', 'reactivated'],
  ['conflicts', 'conflicts', 'conflicts'],
  ['unchanged', 'unchanged', 'unchanged'],
  ['pending', 'awaiting removal', 'awaiting removal'],
];

/** A run's counts; a preview's say what a sync would do, a sync's what it did. */
export function SummaryCounts({ summary, done }: { summary: Partial<SyncSummary>; done: boolean }) {
  return (
    <>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        {LABELS.map(([key, future, past]) => (
          <div key={key} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
            <dt className="text-xs text-slate-500">{done ? past : future}</dt>
            <dd data-testid={`count-${key}`} className={`text-lg font-semibold ${key === 'conflicts' && summary[key] ? 'text-amber-700' : ''}`}>
              {(summary[key] ?? 0).toLocaleString('en')}
            </dd>
          </div>
        ))}
      </dl>
      {!!summary.entriesWithoutId && (
        <p className="text-xs text-amber-800">
          {summary.entriesWithoutId.toLocaleString('en')} directory entries have no stable id and cannot be synced.
        </p>
      )}
    </>
  );
}
