import { Pill } from '@/components/ui/badges';
import type { CallView } from '@/lib/domain/calls/view';

const OUTCOME_TONE = { answered: 'green', missed: 'amber', busy: 'amber', failed: 'red', refused: 'red' } as const;
export const DIRECTION = { internal: 'Internal', outbound: 'Outbound', inbound: 'Inbound', emergency: 'Emergency' } as const;

/** How long a call talked, as people read it: 0:42, 12:05, 1:02:09. */
export function talkTime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const party = (number: string | null, extension: string | null, name?: string | null) => (
  <>
    <span className="font-mono">{extension ?? number ?? '—'}</span>
    {name && <span className="ml-1 text-slate-500">{name}</span>}
  </>
);

export function CallsTable({ calls, zone, caption }: { calls: CallView[]; zone: string; caption: string }) {
  const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: zone });
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Time</th>
            <th scope="col" className="px-3 py-2">From</th>
            <th scope="col" className="px-3 py-2">To</th>
            <th scope="col" className="px-3 py-2">Direction</th>
            <th scope="col" className="px-3 py-2">Outcome</th>
            <th scope="col" className="px-3 py-2 text-right">Talk time</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {calls.map((c) => (
            <tr key={c.id} data-call={c.uniqueid}>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">{when.format(c.startedAt)}</td>
              <td className="px-3 py-2">{party(c.caller, c.callerExtension, c.callerName)}</td>
              <td className="px-3 py-2">{party(c.callee, c.calleeExtension)}</td>
              <td className="px-3 py-2">{DIRECTION[c.direction]}</td>
              <td className="px-3 py-2">
                <Pill tone={OUTCOME_TONE[c.outcome]}>{c.outcome}</Pill>
                {c.reason && <span className="ml-1 font-mono text-xs text-slate-500">{c.reason}</span>}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{c.outcome === 'answered' ? talkTime(c.billsec) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
