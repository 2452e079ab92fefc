import Link from 'next/link';
import { MODE_LABEL, RunStatus } from './run-status';
import { when, type RunView } from './run-view';

/** What a run's summary says, in a few words: the counts that are not zero. */
function counts(run: RunView): string {
  const s = run.summary;
  if (!s) return run.error ?? '—';
  const parts = (
    [
      ['created', s.created],
      ['updated', s.updated],
      ['renumbered', s.renumbered],
      ['deactivated', s.deactivated],
      ['removed', s.removed],
      ['reactivated', s.reactivated],
      ['conflicts', s.conflicts],
    ] as const
  ).filter(([, n]) => n);
  const verb = run.mode === 'preview' || run.status !== 'succeeded' ? 'would be ' : '';
  return parts.length ? parts.map(([k, n]) => `${n} ${k === 'conflicts' ? k : verb + k}`).join(', ') : `${s.users ?? 0} users, no changes`;
}

export function RunHistory({ runs, slug }: { runs: RunView[]; slug: string }) {
  if (runs.length === 0) return <p className="rounded-lg bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">No previews or syncs yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">When (UTC)</th>
            <th scope="col" className="px-4 py-2">Run</th>
            <th scope="col" className="px-4 py-2">Trigger</th>
            <th scope="col" className="px-4 py-2">By</th>
            <th scope="col" className="px-4 py-2">Status</th>
            <th scope="col" className="px-4 py-2">Summary</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((r) => (
            <tr key={r.id}>
              <td className="whitespace-nowrap px-4 py-2">
                <Link href={`/tenants/${slug}/directory/runs/${r.id}`} className="font-semibold text-indigo-700 hover:underline">
                  {when.format(r.createdAt)}
                </Link>
              </td>
              <td className="px-4 py-2">{MODE_LABEL[r.mode]}</td>
              <td className="px-4 py-2">{r.trigger}</td>
              <td className="px-4 py-2">{r.requestedBy}</td>
              <td className="px-4 py-2"><RunStatus run={r} /></td>
              <td className="px-4 py-2 text-slate-600">{counts(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
