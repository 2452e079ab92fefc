import type { DirectoryTestResult } from '@/lib/domain/directory/test-directory';

/** "Test connection"'s answer: what is wrong, in one sentence, or five users as they would sync. */
export function TestResult({ result }: { result: DirectoryTestResult }) {
  if (!result.ok)
    return (
      <div role="alert" data-testid="test-result" className="rounded-md bg-red-50 p-3 text-sm text-red-700 ring-1 ring-inset ring-red-200">
        {result.message}
      </div>
    );
  return (
    <div className="space-y-3" data-testid="test-result">
      <p role="status" className="rounded-md bg-green-50 p-3 text-sm font-medium text-green-800 ring-1 ring-inset ring-green-200">
        {result.message}
      </p>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="min-w-full text-left text-sm" aria-label="Sample users">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">Login</th>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">E-mail</th>
              <th scope="col" className="px-3 py-2">Number</th>
              <th scope="col" className="px-3 py-2">Disabled</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {result.sample.map((u) => (
              <tr key={u.id}>
                <td className="px-3 py-2 font-mono text-xs">{u.login ?? '—'}</td>
                <td className="px-3 py-2">{u.name}</td>
                <td className="px-3 py-2 text-slate-600">{u.email ?? '—'}</td>
                <td className="px-3 py-2">{u.number ? <span className="font-mono">{u.number}</span> : <span className="text-amber-800">{u.numberProblem ?? 'none'}</span>}</td>
                <td className="px-3 py-2">{u.disabled ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
