import Link from 'next/link';

/**
 * Shown while a tenant has no inbound number: its outside calls are refused (`no_caller_id`),
 * since an ITSP refuses a caller ID the account does not own, and emergency calls carry only the
 * extension number, which the emergency service cannot call back.
 */
export function NoCallerIdWarning({ settingsHref }: { settingsHref?: string }) {
  return (
    <div role="alert" className="mb-4 rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
      <p className="font-semibold">No caller ID: this tenant has no inbound number (DID).</p>
      <p className="mt-1">
        Outside calls are refused (<code className="font-mono">no_caller_id</code>) until a DID is added; emergency calls still go out, but
        carry only the extension number, which the emergency service cannot call back.
        {settingsHref && (
          <>
            {' '}
            <Link href={settingsHref} className="font-semibold underline">
              Add an inbound number
            </Link>
          </>
        )}
      </p>
    </div>
  );
}
