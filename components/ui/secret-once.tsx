'use client';
import { useState } from 'react';
import { Button } from './button';

/** A secret shown once: it lives only in this component's props, never in a URL or a cache. */
export function SecretOnce({ label, secret, note }: { label: string; secret: string; note?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="region" aria-label={label} className="space-y-2 rounded-lg bg-amber-50 p-4 ring-1 ring-inset ring-amber-200">
      <p className="text-sm font-semibold text-amber-900">{label}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="secret-value" className="rounded bg-white px-2 py-1 font-mono text-sm break-all ring-1 ring-amber-200">
          {secret}
        </code>
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(secret).catch(() => {});
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className="text-xs text-amber-800">{note ?? 'It is shown this once and cannot be displayed again. Store it in the phone now.'}</p>
    </div>
  );
}
