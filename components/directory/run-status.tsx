import { Pill } from '@/components/ui/badges';
import type { RunView } from './run-view';

const TONE = { queued: 'slate', running: 'amber', succeeded: 'green', failed: 'red', stopped: 'amber' } as const;

/** A run's status, and while it runs how far it has read. */
export function RunStatus({ run }: { run: RunView }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Pill tone={TONE[run.status] ?? 'slate'}>{run.status}</Pill>
      {run.status === 'queued' && <span className="text-xs text-slate-500">waiting for a worker…</span>}
      {run.status === 'running' && (
        <span className="text-xs text-slate-600" data-testid="run-progress">
          reading… {(run.read ?? 0).toLocaleString('en')} users
        </span>
      )}
    </span>
  );
}

export const MODE_LABEL = { preview: 'Preview', sync: 'Sync' } as const;
