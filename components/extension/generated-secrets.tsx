'use client';
import { Button } from '@/components/ui/button';
import type { GeneratedSecret } from '@/lib/domain/import/report';

/** How many rows the page lists; the download has them all. */
const LISTED = 100;

/**
 * The secrets and PINs an import generated, shown this once: they live only in this component's
 * props. The CSV download is made here in the browser, from memory; the server never stores it.
 */
export function GeneratedSecrets({ secrets, domain }: { secrets: GeneratedSecret[]; domain: string }) {
  const download = () => {
    const lines = ['number,username,domain,sip_secret,voicemail_pin', ...secrets.map((s) => [s.number, s.number, domain, s.secret ?? '', s.voicemailPin ?? ''].join(','))];
    const href = URL.createObjectURL(new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = href;
    a.download = `sip-secrets-${domain}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  };

  return (
    <div role="region" aria-label="Generated secrets" className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-inset ring-amber-200">
      <p className="text-sm font-semibold text-amber-900">Generated SIP secrets and voicemail PINs: shown this once</p>
      <p className="text-xs text-amber-800">
        They cannot be displayed again. Download them now for whoever sets up the phones, and keep the file private. Secrets given in the file are not repeated here.
      </p>
      <Button type="button" variant="secondary" onClick={download}>
        Download secrets as CSV
      </Button>
      <table className="min-w-full text-left font-mono text-sm">
        <thead className="text-xs uppercase tracking-wide text-amber-900">
          <tr>
            <th scope="col" className="py-1 pr-4">Number</th>
            <th scope="col" className="py-1 pr-4">SIP secret</th>
            <th scope="col" className="py-1">Voicemail PIN</th>
          </tr>
        </thead>
        <tbody>
          {secrets.slice(0, LISTED).map((s) => (
            <tr key={s.number}>
              <td className="py-0.5 pr-4">{s.number}</td>
              <td className="py-0.5 pr-4" data-testid="secret-value">{s.secret ?? '(from the file)'}</td>
              <td className="py-0.5">{s.voicemailPin ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {secrets.length > LISTED && <p className="text-sm text-amber-900">… and {(secrets.length - LISTED).toLocaleString('en')} more in the download.</p>}
    </div>
  );
}
