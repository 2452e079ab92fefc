'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import { signInInput } from '@/lib/domain/admin/schemas';
import { safeCallbackPath } from '@/lib/next/safe-redirect';
import { signInErrorMessage } from '@/lib/next/sign-in-errors';

/**
 * Posts to next-auth itself (method="post", with its CSRF token and where to go next), so it signs
 * in without JavaScript, or before hydration, and the password never lands in a URL. With
 * JavaScript the same fields go through signIn() and errors show without a reload.
 */
export function SignInForm({ csrfToken, callbackPath, error: initialError }: { csrfToken: string; callbackPath: string; error?: string }) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const form = useForm<z.input<typeof signInInput>>({ resolver: zodResolver(signInInput) });
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      method="post"
      action="/api/auth/callback/credentials"
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit(async (values) => {
        setError(undefined);
        const res = await signIn('credentials', { ...values, redirect: false }).catch(() => undefined);
        if (!res || res.error) {
          // No answer at all (the network, say) is not a failure the server logged.
          setError(signInErrorMessage(res?.error ?? 'NoAnswer'));
          return;
        }
        router.replace(safeCallbackPath(callbackPath, window.location.origin));
        router.refresh();
      })}
    >
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value={callbackPath} />
      <FormError message={error} />
      <TextField label="E-mail" type="email" autoComplete="username" autoFocus error={errors.email?.message} {...form.register('email')} />
      <TextField label="Password" type="password" autoComplete="current-password" error={errors.password?.message} {...form.register('password')} />
      <Button type="submit" pending={isSubmitting} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
