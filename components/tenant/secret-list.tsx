'use client';

/** New secrets of many extensions, shown once, with a CSV to hand to whoever sets up the phones. */
export function SecretList({ secrets, domain }: { secrets: { number: string; secret: string }[]; domain: string }) {
  const csv = ['number,username,domain,secret', ...secrets.map((s) => `${s.number},${s.number},${domain},${s.secret}`)].join('\n');
  return (
    <div className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-inset ring-amber-200">
      <p className="text-sm font-semibold text-amber-900">New SIP secrets: shown this once</p>
      <a download={`sip-secrets-${domain}.csv`} href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`} className="text-sm font-semibold text-indigo-700 underline">
        Download as CSV
      </a>
      <ul className="max-h-64 overflow-auto font-mono text-sm">
        {secrets.map((s) => (
          <li key={s.number}>
            {s.number}@{domain} {s.secret}
          </li>
        ))}
      </ul>
    </div>
  );
}
