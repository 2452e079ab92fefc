import Link from 'next/link';

/** The 403 page: signed in, but this role may not do this. */
export function Forbidden({ message = 'Your role does not allow this.' }: { message?: string }) {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-indigo-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-600">{message}</p>
      <Link href="/" className="mt-6 inline-block text-sm font-semibold text-indigo-600 hover:underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
