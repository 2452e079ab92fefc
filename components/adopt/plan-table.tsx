import { Pill } from '@/components/ui/badges';
import type { AdoptionPlan } from '@/lib/domain/adopt/plan-adoption';
import type { PlanAction } from '@/lib/domain/adopt/plan';

const TONE: Record<PlanAction, 'green' | 'slate' | 'red'> = { adopt: 'green', skip: 'slate', conflict: 'red' };
const LABEL: Record<PlanAction, string> = { adopt: 'Adopt', skip: 'Skip', conflict: 'Conflict' };

/** The plan, endpoint by endpoint: what happens, why, what is written and what to know. */
export function PlanTable({ plan }: { plan: AdoptionPlan }) {
  const { adopt, skip, conflict } = plan.counts;
  return (
    <section aria-label="Adoption plan" className="space-y-3">
      <h2 className="font-semibold">
        Plan for {plan.tenant.name}: {adopt} to adopt, {skip} skipped, {conflict} in conflict
      </h2>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">Endpoint</th>
              <th scope="col" className="px-4 py-2">Result</th>
              <th scope="col" className="px-4 py-2">Number</th>
              <th scope="col" className="px-4 py-2">Name</th>
              <th scope="col" className="px-4 py-2">Notes</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {plan.items.map((i) => (
              <tr key={i.endpointId} className="align-top">
                <td className="px-4 py-2 font-mono text-xs">{i.endpointId}</td>
                <td className="px-4 py-2"><Pill tone={TONE[i.action]}>{LABEL[i.action]}</Pill></td>
                <td className="px-4 py-2 font-mono">{i.number ?? '—'}</td>
                <td className="px-4 py-2">
                  {i.displayName}
                  {i.voicemail && <div className="font-mono text-xs text-slate-500">mailbox {i.voicemail.box}</div>}
                </td>
                <td className="px-4 py-2 text-xs">
                  <ul className="space-y-0.5">
                    {i.reasons.map((r) => <li key={r} className="text-red-700">{r}</li>)}
                    {i.changes.map((c) => <li key={c} className="text-indigo-700">Writes: {c}</li>)}
                    {i.warnings.map((w) => <li key={w} className="text-amber-800">{w}</li>)}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
