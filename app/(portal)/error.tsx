'use client';

/** Unexpected failures: a plain message (details are in the server log, never on the page). */
export default function PortalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">It was logged. Try again, or come back in a moment.</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
        Try again
      </button>
    </div>
  );
}
