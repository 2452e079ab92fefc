import Link from 'next/link';
import type { ConflictReason, Update } from '@/lib/domain/directory/plan';
import { ReportTable } from './report-table';
import { day, type StoredPlan } from './run-view';

const REASON: Record<ConflictReason, string> = {
  number_in_use: 'number in use',
  number_shared: 'number shared',
  invalid_number: 'invalid number',
  no_number: 'no number',
};
const CHANGE_LABEL: Record<Exclude<keyof Update['changes'], 'number'>, string> = { displayName: 'Name', email: 'E-mail', adUsername: 'Directory user' };

/**
 * Every part of a stored plan: what a preview would do, or what a sync did. The plan keeps only
 * the new values of an update (the old ones are what the extension had then), except the number,
 * whose old value it carries.
 */
export function PlanTables({ plan, slug, limit, moreHref }: { plan: StoredPlan; slug: string; limit?: number; moreHref?: string }) {
  const extLink = (id: string, number: string) => (
    <Link href={`/tenants/${slug}/extensions/${id}`} className="font-mono font-semibold text-indigo-700 hover:underline">
      {number}
    </Link>
  );
  const common = { limit, moreHref };
  const updates = plan.updates.filter((u) => Object.keys(u.changes).some((k) => k !== 'number'));
  const renumbers = plan.updates.filter((u) => u.changes.number);
  const parts = [plan.creates, plan.updates, plan.deactivations, plan.removals, plan.reactivations, plan.conflicts];
  if (parts.every((p) => p.length === 0)) return <p className="text-sm text-slate-600">Nothing to change: the extensions are in step with the directory.</p>;
  return (
    <div className="space-y-6">
      <ReportTable
        id="plan-create"
        title="Create"
        rows={plan.creates}
        {...common}
        columns={[
          { label: 'Number', cell: (c) => c.number, className: 'font-mono' },
          { label: 'Name', cell: (c) => c.name },
          { label: 'E-mail', cell: (c) => c.email ?? '—' },
          { label: 'Directory user', cell: (c) => c.login ?? '—', className: 'font-mono text-xs' },
        ]}
      />
      <ReportTable
        id="plan-update"
        title="Update"
        rows={updates}
        {...common}
        columns={[
          { label: 'Extension', cell: (u) => extLink(u.extensionId, u.number) },
          {
            label: 'Changes',
            cell: (u) => (
              <ul className="space-y-0.5">
                {(Object.keys(CHANGE_LABEL) as (keyof typeof CHANGE_LABEL)[])
                  .filter((k) => k in u.changes)
                  .map((k) => (
                    <li key={k}>
                      <span className="text-slate-500">{CHANGE_LABEL[k]} →</span> {u.changes[k] ?? <span className="text-slate-500">(none)</span>}
                    </li>
                  ))}
              </ul>
            ),
          },
        ]}
      />
      <ReportTable
        id="plan-renumber"
        title="Renumber"
        rows={renumbers}
        {...common}
        columns={[
          { label: 'Extension', cell: (u) => extLink(u.extensionId, u.number) },
          { label: 'Number', cell: (u) => `${u.number} → ${u.changes.number}`, className: 'font-mono' },
        ]}
      />
      <ReportTable
        id="plan-deactivate"
        title="Deactivate"
        rows={plan.deactivations}
        {...common}
        columns={[
          { label: 'Extension', cell: (d) => extLink(d.extensionId, d.number) },
          { label: 'Reason', cell: (d) => (d.reason === 'disabled' ? 'disabled in directory' : 'not in directory') },
          { label: 'Removal on', cell: (d) => day.format(new Date(d.removalDueAt)) },
        ]}
      />
      <ReportTable
        id="plan-remove"
        title="Remove"
        rows={plan.removals}
        {...common}
        columns={[
          { label: 'Extension', cell: (r) => r.number, className: 'font-mono' },
          { label: 'Directory id', cell: (r) => r.userId, className: 'font-mono text-xs' },
        ]}
      />
      <ReportTable
        id="plan-reactivate"
        title="Reactivate"
        rows={plan.reactivations}
        {...common}
        columns={[
          { label: 'Extension', cell: (r) => extLink(r.extensionId, r.number) },
          { label: 'Directory id', cell: (r) => r.userId, className: 'font-mono text-xs' },
        ]}
      />
      <ReportTable
        id="plan-conflicts"
        title="Conflicts"
        rows={plan.conflicts}
        {...common}
        columns={[
          {
            label: 'User',
            cell: (c) => (
              <>
                {c.login ?? c.name}
                <div className="font-mono text-xs break-all text-slate-500">{c.dn}</div>
              </>
            ),
          },
          { label: 'Number', cell: (c) => c.number ?? '—', className: 'font-mono' },
          { label: 'Reason', cell: (c) => REASON[c.reason] ?? c.reason },
          { label: 'Detail', cell: (c) => c.detail, className: 'text-slate-600' },
        ]}
      />
    </div>
  );
}
