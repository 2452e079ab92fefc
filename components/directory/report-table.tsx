import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * One part of a run's plan as a table. `limit` keeps the directory page short on a huge first
 * sync; the run's own report shows every row it stored.
 */
export function ReportTable<T>({
  id,
  title,
  rows,
  columns,
  limit,
  moreHref,
}: {
  id: string;
  title: string;
  rows: T[];
  columns: { label: string; cell: (row: T) => ReactNode; className?: string }[];
  limit?: number;
  moreHref?: string;
}) {
  if (rows.length === 0) return null;
  const shown = limit ? rows.slice(0, limit) : rows;
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h3 id={id} className="text-sm font-semibold text-slate-800">
        {title} ({rows.length.toLocaleString('en')})
      </h3>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              {columns.map((c) => (
                <th key={c.label} scope="col" className="px-4 py-2">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.label} className={`px-4 py-2 align-top ${c.className ?? ''}`}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length < rows.length && (
        <p className="text-xs text-slate-500">
          {(rows.length - shown.length).toLocaleString('en')} more
          {moreHref && (
            <>
              {' '}
              in the{' '}
              <Link href={moreHref} className="font-semibold text-indigo-600 hover:underline">
                full report
              </Link>
            </>
          )}
          .
        </p>
      )}
    </section>
  );
}
