import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { csrfTokenFromCookie } from '@/lib/next/csrf';
import { afterSignInPath } from '@/lib/next/safe-redirect';
import { currentActor } from '@/lib/next/session';
import { signInErrorMessage } from '@/lib/next/sign-in-errors';
import { SignInForm } from './signin-form';

export const metadata: Metadata = { title: 'Sign in' };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function ownOrigin(): string | undefined {
  try {
    return process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : undefined;
  } catch {
    return undefined;
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const next = afterSignInPath(one(params.callbackUrl), ownOrigin());
  if (await currentActor()) redirect(next);
  const errorCode = one(params.error);
  const csrfToken = await csrfTokenFromCookie();
  // The form also posts without JavaScript, straight to next-auth, which wants its CSRF cookie.
  // Only next-auth can set it: one hop through /api/auth/signin sets it and comes back here with
  // csrf=1, so a browser that refuses cookies gets the form once instead of a redirect loop.
  if (!csrfToken && one(params.csrf) !== '1') {
    const query = new URLSearchParams({ callbackUrl: next });
    if (errorCode) query.set('error', errorCode);
    redirect(`/api/auth/signin?${query}`);
  }
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm space-y-6 rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <div>
          <img src="/logo.svg" alt="" width={48} height={48} className="mb-3 size-12" />
          <h1 className="text-xl font-semibold">Switchboard</h1>
          <p className="text-sm text-slate-600">Sign in to administer your PBX tenants.</p>
        </div>
        <SignInForm csrfToken={csrfToken ?? ''} callbackPath={next} error={signInErrorMessage(errorCode)} />
      </div>
    </main>
  );
}
