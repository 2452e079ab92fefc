import type { ImportIssue } from '@/lib/domain/import/report';
import type { CsvImportAnswer } from '@/lib/next/csv-import-route';

const where = (i: ImportIssue) => (i.at?.line !== undefined ? String(i.at.line) : '—');
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** What a check (or a refused import) found: counts, every error by line and column, warnings. */
export function CsvImportReport({ report }: { report: CsvImportAnswer }) {
  const { counts, errors, warnings } = report;
  return (
    <section aria-label="Import report" className="space-y-4">
      {report.unreadable ? (
        <p className="text-sm font-semibold text-red-700">{report.file} cannot be read as CSV: nothing was checked.</p>
      ) : (
        <p className="text-sm text-slate-700" data-testid="import-summary">
          <span className="font-semibold">{report.file}</span>: {plural(counts.rows, 'line')} read ·{' '}
          <span className="font-semibold">{plural(counts.valid, 'extension')} to create</span> · {counts.skipped.toLocaleString('en')} skipped (already present) ·{' '}
          <span className={counts.errors ? 'font-semibold text-red-700' : ''}>{plural(counts.errors, 'line')} with errors</span>
        </p>
      )}
      {errors.length > 0 && (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-red-200">
          <table className="min-w-full text-left text-sm">
            <caption className="bg-red-50 px-4 py-2 text-left text-sm font-semibold text-red-800">Errors</caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">Line</th>
                <th scope="col" className="px-4 py-2">Column</th>
                <th scope="col" className="px-4 py-2">Problem</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {errors.map((e, i) => (
                <tr key={i}>
                  <td className="px-4 py-1.5 font-mono">{where(e)}</td>
                  <td className="px-4 py-1.5 font-mono">{e.column ?? '—'}</td>
                  <td className="px-4 py-1.5">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.moreErrors > 0 && <p className="px-4 py-2 text-sm text-slate-600">… and {plural(report.moreErrors, 'more error')}.</p>}
        </div>
      )}
      {warnings.length > 0 && (
        <div className="rounded-lg bg-amber-50 p-3 ring-1 ring-inset ring-amber-200">
          <p className="text-sm font-semibold text-amber-900">Warnings</p>
          <ul className="mt-1 list-disc pl-5 text-sm text-amber-900">
            {warnings.map((w, i) => (
              <li key={i}>
                {w.at?.line !== undefined && `Line ${w.at.line}`}
                {w.column && <>, column <code className="font-mono">{w.column}</code></>}: {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
