import Link from 'next/link';
import type { AuditEntry } from '@/lib/generated/prisma/client';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

function changes(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  if (!before) return '';
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  return keys.map((k) => `${k}: ${JSON.stringify(b[k] ?? null)} → ${JSON.stringify(a[k] ?? null)}`).join('; ');
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (!entries.length) return <p className="rounded-lg bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">No changes recorded yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">When (UTC)</th>
            <th scope="col" className="px-4 py-2">Who</th>
            <th scope="col" className="px-4 py-2">What</th>
            <th scope="col" className="px-4 py-2">Object</th>
            <th scope="col" className="px-4 py-2">Change</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.id.toString()}>
              <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-600">{when.format(e.at)}</td>
              <td className="px-4 py-2">{e.actorLabel}</td>
              <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{e.action}</td>
              <td className="px-4 py-2 font-mono text-xs">
                {e.targetType === 'directory_run' && e.targetId && e.targetLabel ? (
                  // A sync's entry leads to its report (the label starts with the tenant's slug).
                  <Link href={`/tenants/${e.targetLabel.split(' ')[0]}/directory/runs/${e.targetId}`} className="text-indigo-600 hover:underline">
                    {e.targetLabel}
                  </Link>
                ) : (
                  (e.targetLabel ?? e.targetId)
                )}
              </td>
              <td className="max-w-md truncate px-4 py-2 text-xs text-slate-600" title={changes(e.before, e.after)}>
                {changes(e.before, e.after)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
